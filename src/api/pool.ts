/**
 * A pool of worker threads that each process one file at a time; a worker that dies fails only its current
 * file and is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { failure } from './failure.js';
import type { FileTask, ProcessedFile } from './process-file.js';

/** Runs file tasks somewhere: on this thread or on worker threads. */
export interface Runner {
  run(task: FileTask): Promise<ProcessedFile>;
  close(): Promise<void>;
}

interface Pending {
  resolve(result: ProcessedFile): void;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; pending: Pending; timer: NodeJS.Timeout };
}

/** A file still not done after this long fails and its worker is replaced: a hang must not stall the run. */
export const FILE_TIMEOUT_MS = 120_000;

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Worker threads, each running `processFile`, fed one task at a time from a queue. */
class WorkerPool implements Runner {
  private readonly slots: Slot[] = [];
  private readonly queue: { task: FileTask; pending: Pending }[] = [];
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(WORKER_URL) };
    slot.worker.on('message', ({ id, result }: { id: number; result: ProcessedFile }) => {
      if (slot.busy?.id !== id) return;
      const { pending, timer } = slot.busy;
      clearTimeout(timer);
      slot.busy = undefined;
      pending.resolve(result);
      this.pump();
    });
    const died = (why: string) => {
      const busy = slot.busy;
      if (busy) clearTimeout(busy.timer);
      slot.busy = undefined;
      const index = this.slots.indexOf(slot);
      if (this.closed || index < 0) return;
      this.slots[index] = this.spawn();
      busy?.pending.resolve(failure('internal-error', `The worker processing this file ${why}`));
      this.pump();
    };
    slot.worker.on('error', (error) => died(`crashed: ${error?.message ?? error}`));
    slot.worker.on('exit', (code) => died(`exited with code ${code}`));
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || !this.queue.length) continue;
      const { task, pending } = this.queue.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => this.timedOut(slot), FILE_TIMEOUT_MS);
      slot.busy = { id, pending, timer };
      slot.worker.postMessage({ id, task });
    }
  }

  /** A worker that has not answered in time: fail its file, replace it, go on. */
  private timedOut(slot: Slot): void {
    const busy = slot.busy;
    const index = this.slots.indexOf(slot);
    if (!busy || index < 0) return;
    slot.busy = undefined;
    this.slots[index] = this.spawn();
    void slot.worker.terminate();
    busy.pending.resolve(failure('timeout', `Processing took longer than ${FILE_TIMEOUT_MS / 1000} s; the file was left untouched`));
    this.pump();
  }

  run(task: FileTask): Promise<ProcessedFile> {
    return new Promise((resolve) => {
      this.queue.push({ task, pending: { resolve } });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}

/** Runs tasks on the calling thread, a few at a time (the pipeline awaits little, so this is nearly sequential). */
class InlineRunner implements Runner {
  async run(task: FileTask): Promise<ProcessedFile> {
    const { processFile } = await import('./process-file.js');
    return processFile(task);
  }
  async close(): Promise<void> {}
}

/** Files per worker below which starting workers costs more than it saves. */
export const FILES_PER_WORKER = 16;

/** The default concurrency: the number of cores. */
export function defaultConcurrency(): number {
  return availableParallelism();
}

/** How many worker threads to use for `files` files at `concurrency` (0: work on this thread). */
export function workerCount(files: number, concurrency: number): number {
  if (concurrency <= 1) return 0;
  const useful = Math.floor(files / FILES_PER_WORKER);
  return useful >= 2 ? Math.min(concurrency, useful) : 0;
}

/** A runner for `files` files: a worker pool when it pays off, else this thread. */
export function createRunner(files: number, concurrency: number): Runner {
  const workers = workerCount(files, concurrency);
  return workers ? new WorkerPool(workers) : new InlineRunner();
}
