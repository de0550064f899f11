/**
 * Loads layerfix's bundled build (`dist/bundle/layerfix.cjs`, made by `scripts/bundle.mjs` from the compiled
 * modules): one script, compiled with V8's code cache (`layerfix.cache`, written by a training run at build
 * time), so a cold process neither resolves ~150 ES modules nor parses and compiles their code again. Node 20 has
 * no module compile cache; `vm.Script` with `cachedData` is the way to reuse compiled code. This file is CommonJS
 * (as is bin/layerfix.js) so that a cold start does not set up the ES module loader before it is needed.
 *
 * In a checkout (where tsconfig.json is), the bundle is used only when it is at least as new as the compiled
 * modules it was made from; otherwise (after a `tsc` without the bundling step, or with LAYERFIX_NO_BUNDLE=1) the
 * callers import the compiled modules. An installed package has no tsconfig.json, and npm does not keep the
 * files' times, so there the bundle is always used.
 */
import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');
import type { MessagePort } from 'node:worker_threads';
import { setV8Flags } from '../runner/v8-flags.cjs';

/** What the bundle exports (see src/cli/bundle-entry.ts). */
export interface LayerfixBundle {
  cli(): Promise<void>;
  main(argv: readonly string[], io?: unknown): Promise<number>;
  serveWorker(port: MessagePort, progress: Int32Array): void;
}

/** How the last `loadBundle` went, for `LAYERFIX_DEBUG_BUNDLE=1` and the tests. */
export interface BundleState {
  used: boolean;
  /** Why the bundle was not used. */
  reason?: string;
  /** What became of the code cache. */
  cache?: 'accepted' | 'rejected' | 'missing' | 'other-build';
}

const BUNDLE = path.join(__dirname, '..', '..', 'bundle', 'layerfix.cjs');
const CACHE = path.join(__dirname, '..', '..', 'bundle', 'layerfix.cache');
/** A compiled module the bundle is made from: when it is newer, the bundle is out of date. */
const SOURCE = path.join(__dirname, '..', 'cli', 'main.js');
/** Present in a checkout, absent from the package npm installs. */
const CHECKOUT = path.join(__dirname, '..', '..', '..', 'tsconfig.json');
/** The bundle's last line names its build; the cache file starts with the same name. */
const BUILD_MARK = '//# layerfix-build ';
const BUILD_ID_BYTES = 64;

let loaded: LayerfixBundle | null | undefined;
let state: BundleState = { used: false, reason: 'not loaded yet' };
let script: vm.Script | undefined;
let buildId = '';

/** How the last `loadBundle` went. */
export function bundleState(): BundleState {
  return state;
}

function readCache(id: string): { data?: Buffer; cache: BundleState['cache'] } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(CACHE);
  } catch {
    return { cache: 'missing' };
  }
  if (!id || bytes.subarray(0, BUILD_ID_BYTES).toString('latin1').trim() !== id) return { cache: 'other-build' };
  return { data: bytes.subarray(BUILD_ID_BYTES), cache: 'accepted' };
}

/** `import()` for the bundle: Node's built-in modules through require (no ES module loader needed). */
function importer(specifier: string): Promise<unknown> {
  if (specifier.startsWith('node:') || require('node:module').isBuiltin(specifier)) {
    const exports = require(specifier);
    return Promise.resolve({ ...exports, default: exports });
  }
  return import(specifier);
}

/**
 * The bundle's exports, or undefined when there is no up-to-date bundle (the caller then imports the modules).
 * `worker`: called on a worker thread (which leaves the process-wide V8 flags to the main thread).
 */
export function loadBundle(options: { worker?: boolean } = {}): LayerfixBundle | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  loaded = null;
  if (process.env.LAYERFIX_NO_BUNDLE) return void (state = { used: false, reason: 'LAYERFIX_NO_BUNDLE is set' });
  let source: string;
  try {
    if (fs.existsSync(CHECKOUT) && fs.statSync(SOURCE).mtimeMs > fs.statSync(BUNDLE).mtimeMs) {
      return void (state = { used: false, reason: `${BUNDLE} is older than ${SOURCE}` });
    }
    // The build makes the bundle pure ASCII, so reading it as latin1 is exact, and faster than decoding UTF-8.
    source = fs.readFileSync(BUNDLE, 'latin1');
  } catch (error) {
    return void (state = { used: false, reason: `${BUNDLE}: ${(error as NodeJS.ErrnoException).code ?? error}` });
  }
  const at = source.lastIndexOf(BUILD_MARK);
  buildId = at < 0 ? '' : source.slice(at + BUILD_MARK.length).trim();
  const { data, cache } = readCache(buildId);
  // The code cache is accepted only under the flags it was made with. Only the main thread sets them: they are
  // process-wide, and a worker starts after the main thread set them.
  if (!options.worker) setV8Flags();
  const wrapper = `(function (exports, require, module, __filename, __dirname, __layerfixImport) {${source}\n})`;
  script = new vm.Script(wrapper, { filename: BUNDLE, cachedData: data });
  const module = { exports: {} as LayerfixBundle };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(
    module.exports,
    module.exports,
    require('node:module').createRequire(BUNDLE),
    module,
    BUNDLE,
    path.dirname(BUNDLE),
    importer,
  );
  state = { used: true, cache: data ? (script.cachedDataRejected ? 'rejected' : 'accepted') : cache };
  if (process.env.LAYERFIX_DEBUG_BUNDLE)
    process.stderr.write(`layerfix: bundle ${BUNDLE}, code cache ${state.cache}\n`);
  loaded = module.exports;
  return loaded;
}

/**
 * Write the code cache of the loaded bundle, with what this process compiled so far (the build calls this at
 * the end of a training run, so the functions a typical run needs are in it).
 */
export function writeBundleCache(): void {
  if (!script || !buildId) throw new Error(`No bundle loaded (${state.reason ?? 'unknown'})`);
  const data = script.createCachedData();
  const header = Buffer.alloc(BUILD_ID_BYTES, ' ');
  header.write(buildId, 'latin1');
  const temp = `${CACHE}.${process.pid}.tmp`;
  fs.writeFileSync(temp, Buffer.concat([header, data]));
  fs.renameSync(temp, CACHE);
}
