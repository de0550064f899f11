/**
 * A worker thread of the pool: processes one file per message and posts the result back.
 */
import { parentPort } from 'node:worker_threads';
import { processFile, type FileTask } from './process-file.js';

/** A task as the pool sends it. */
export interface WorkerRequest {
  id: number;
  task: FileTask;
}

parentPort?.on('message', async ({ id, task }: WorkerRequest) => {
  parentPort!.postMessage({ id, result: await processFile(task) });
});
