/**
 * The entry of a worker thread of the pool: serve the pool's tasks.
 */
import workerThreads = require('node:worker_threads');

const port = workerThreads.parentPort!;
const { progress } = workerThreads.workerData as { progress: Int32Array };
void import('./worker-loop.js').then(({ serve }) => serve(port, progress));
