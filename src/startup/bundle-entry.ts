/**
 * The entry of the bundled build (scripts/bundle.mjs): the CLI, the worker loop, and the public API for plugins.
 * Each loads on first use, so a worker thread that runs the bundle evaluates the worker loop and the pipeline, never
 * the CLI's modules.
 */
import type { MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../cli/main.js';

/** Run the command line of this process (the bin calls this). */
export async function cli(): Promise<void> {
  return (await import('../cli/main.js')).cli();
}

/** Run a command line with the given arguments and streams; resolves to the exit code. */
export async function main(argv: readonly string[], io?: CliIO): Promise<number> {
  return (await import('../cli/main.js')).main(argv, io);
}

/** Serve a worker pool's tasks (the worker entry calls this when it runs the bundle). */
export function serveWorker(port: MessagePort, progress: Int32Array): void {
  void import('../runner/worker-loop.js').then(({ serve }) => serve(port, progress));
}

/**
 * The public API of this running copy, for plugins that `import ... from 'layerfix'` (see dist/bundle/self.cjs).
 * `require` here is the bundler's: a synchronous, on-demand load of the bundled modules (this entry only runs
 * bundled; its compiled module is never run).
 */
function layerfixApi(): unknown {
  return require('../index.js');
}

/** Where plugins find this copy: `layerfix` resolves to dist/bundle/self.cjs, which returns `layerfixApi()`. */
(globalThis as Record<symbol, unknown>)[Symbol.for('layerfix.bundle')] = {
  selfModule: fileURLToPath(new URL('../../bundle/self.cjs', import.meta.url)),
  layerfixApi,
};
