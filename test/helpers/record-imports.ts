/**
 * Loaded with `node --import`: records every module the process loads (ES modules through a resolve hook, CommonJS
 * through the require cache, and the modules inside the bundled build as `bundle:<path>` when it evaluates them)
 * into the file named by LAYERFIX_RECORD_IMPORTS, one URL or path per line, at exit.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const target = process.env.LAYERFIX_RECORD_IMPORTS;
if (target) {
  const seen = new Set<string>();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url: string) => seen.add(url));
  port1.unref();
  // The bundled build (scripts/bundle.mjs) reports each module it evaluates here.
  (globalThis as Record<symbol, unknown>)[Symbol.for('layerfix.trace')] = (id: string) => seen.add(`bundle:${id}`);
  register('./record-imports-hooks.js', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
  process.on('exit', () => {
    for (const path of Object.keys(createRequire(import.meta.url).cache)) seen.add(path);
    appendFileSync(target, [...seen].join('\n') + '\n');
  });
}
