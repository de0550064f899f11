/**
 * The entry of a worker thread of the pool: run the bundled build when there is a fresh one (it starts faster),
 * else the compiled modules, and serve the pool's tasks.
 */
import workerThreads = require('node:worker_threads');
import { loadBundle } from './bundle-loader.cjs';

const port = workerThreads.parentPort!;
const { progress } = workerThreads.workerData as { progress: Int32Array };
const bundle = loadBundle({ worker: true });
if (bundle) bundle.serveWorker(port, progress);
else void import('../runner/worker-loop.js').then(({ serve }) => serve(port, progress));
