/**
 * Where file tasks run: on the calling thread, or on a pool of worker threads.
 *
 * The pool keeps several tasks in flight on each worker, so a worker never waits for a round trip between two
 * files, and sends little per file: each distinct set of settings once per worker, then a path, a display name
 * and the settings' number. A worker answers in batches. Each worker writes the number of the task it is
 * working on into a shared counter, so when a worker dies (or a file runs past the time limit) the pool knows
 * which file was the cause: that file fails, and the worker's other unfinished files go to a fresh worker.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { failure } from './failure.js';
import type { FileTask, ProcessedFile } from './process-file.js';
import type { ToPool, ToWorker, WireTask } from './worker-protocol.js';

/** Runs file tasks somewhere: on this thread or on worker threads. */
export interface Runner {
  run(task: FileTask): Promise<ProcessedFile>;
  /** Worker threads in use (0: this thread). */
  size(): number;
  /** Use up to `size` worker threads (a pool only grows). */
  grow?(size: number): void;
  close(): Promise<void>;
}

/** A file still not done after this long fails and its worker is replaced: a hang must not stall the run. */
const FILE_TIMEOUT_MS = 120_000;

/** Tasks kept in flight on each worker: enough that it always has the next file at hand. */
export const TASKS_PER_WORKER = 24;

/** How often a task may be on a worker that died while working on another file before it fails too. */
const MAX_ATTEMPTS = 3;

/** How long `close()` waits for the workers to stop before it stops waiting. */
const CLOSE_GRACE_MS = 5_000;

/** Workers that die in a row before doing any work: the pool gives up and fails the remaining files. */
const MAX_FAILED_STARTS = 3;

interface Entry {
  seq: number;
  task: FileTask;
  settingsKey: string;
  attempts: number;
  resolve(result: ProcessedFile): void;
}

interface Slot {
  worker: Worker;
  /** The task number the worker is working on (-1: none yet), written by the worker. */
  progress: Int32Array;
  /** Tasks sent and not answered, by number, in the order sent. */
  inflight: Map<number, Entry>;
  /** Settings this worker has been sent, by key. */
  known: Map<string, number>;
  /** True once the worker has answered at least once. */
  answered: boolean;
  /** The task in progress when last looked at, and since when. */
  watched: number;
  since: number;
  dead: boolean;
}

/** Options of the worker pool. */
export interface PoolOptions {
  /** Per-file time limit in milliseconds (default FILE_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** The worker entry: `worker.cjs` beside this module (it runs the bundled build when there is a fresh one). */
function workerUrl(): URL {
  return new URL('../startup/worker.cjs', import.meta.url);
}

/** Worker threads, each running `processFile` over a queue of tasks. */
class WorkerPool implements Runner {
  private readonly slots: (Slot | undefined)[];
  private readonly queue: Entry[] = [];
  private readonly settingsKeys = new WeakMap<object, { want: object; key: string }>();
  private readonly settingsIds = new Map<string, number>();
  private readonly settingsValues: unknown[] = [];
  private nextSeq = 0;
  private failedStarts = 0;
  private closed = false;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly timeoutMs: number;

  constructor(
    private readonly WorkerClass: typeof Worker,
    size: number,
    options: PoolOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? FILE_TIMEOUT_MS;
    this.slots = Array.from({ length: size }, () => this.spawn());
  }

  /** A new worker, or undefined when no thread can be started (the queued files then fail with the reason). */
  private spawn(): Slot | undefined {
    const progress = new Int32Array(new SharedArrayBuffer(4));
    progress[0] = -1;
    let worker: Worker;
    try {
      worker = new this.WorkerClass(workerUrl(), { workerData: { progress } });
    } catch (error) {
      const why = `A worker thread could not be started: ${(error as Error)?.message ?? error}`;
      for (const entry of this.queue.splice(0)) entry.resolve(failure('internal-error', why));
      return undefined;
    }
    const slot: Slot = {
      worker,
      progress,
      inflight: new Map(),
      known: new Map(),
      answered: false,
      watched: -1,
      since: Date.now(),
      dead: false,
    };
    worker.on('message', (message: ToPool) => this.received(slot, message));
    worker.on('error', (error) => this.died(slot, `crashed: ${(error as Error)?.message ?? error}`));
    worker.on('exit', (code) => this.died(slot, `exited with code ${code}`));
    return slot;
  }

  private received(slot: Slot, message: ToPool): void {
    if (slot.dead) return;
    slot.answered = true;
    for (const [seq, result] of message.results) {
      const entry = slot.inflight.get(seq);
      if (!entry) continue;
      slot.inflight.delete(seq);
      entry.resolve(result);
    }
    this.pump();
  }

  /** The settings of a task as a key (tasks of one run share a few settings objects, or equal copies). */
  private keyOf(task: FileTask): string {
    const known = this.settingsKeys.get(task.settings);
    if (known?.want === task.want) return known.key;
    const key = JSON.stringify([task.settings, task.want]);
    this.settingsKeys.set(task.settings, { want: task.want, key });
    return key;
  }

  private settingsId(key: string, task: FileTask): number {
    let id = this.settingsIds.get(key);
    if (id === undefined) {
      id = this.settingsValues.length;
      this.settingsIds.set(key, id);
      this.settingsValues.push({ settings: task.settings, want: task.want });
    }
    return id;
  }

  /** Fill every live worker up to TASKS_PER_WORKER tasks in flight, one message per worker. */
  private pump(): void {
    if (this.closed) return;
    for (let i = 0; i < this.slots.length && this.queue.length; i++) {
      let slot = this.slots[i];
      if (!slot || slot.dead) slot = this.slots[i] = this.spawn();
      if (!slot) return;
      const room = TASKS_PER_WORKER - slot.inflight.size;
      if (room <= 0) continue;
      const share = Math.max(1, Math.min(room, Math.ceil(this.queue.length / this.slots.length)));
      const entries = this.queue.splice(0, share);
      const message: ToWorker = { settings: [], tasks: [] };
      for (const entry of entries) {
        let id = slot.known.get(entry.settingsKey);
        if (id === undefined) {
          id = this.settingsId(entry.settingsKey, entry.task);
          slot.known.set(entry.settingsKey, id);
          message.settings.push([id, this.settingsValues[id] as ToWorker['settings'][number][1]]);
        }
        const wire: WireTask = { seq: entry.seq, path: entry.task.path, display: entry.task.display, settings: id };
        if (entry.task.text !== undefined) wire.text = entry.task.text;
        message.tasks.push(wire);
        if (!slot.inflight.size) slot.since = Date.now();
        slot.inflight.set(entry.seq, entry);
      }
      slot.worker.postMessage(message);
    }
    this.watch();
  }

  /** A worker is gone: fail the file it was working on, give its other files to a fresh worker. */
  private died(slot: Slot, why: string): void {
    if (slot.dead) return;
    slot.dead = true;
    const current = Atomics.load(slot.progress, 0);
    if (slot.answered || current >= 0) this.failedStarts = 0;
    else this.failedStarts++;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = undefined;
    if (this.closed) return;
    const message = `The worker processing this file ${why}`;
    this.requeue(slot, current, (entry) => entry.resolve(failure('internal-error', message)), message);
  }

  /**
   * Take back a dead or stopped worker's unfinished tasks: `culprit` (the task it was working on) fails through
   * `fail`; the others go back to the front of the queue. When no unfinished task was in progress (the worker
   * stopped between files, or before its first), each counts an attempt, and fails after MAX_ATTEMPTS.
   */
  private requeue(slot: Slot, culprit: number, fail: (entry: Entry) => void, why: string): void {
    const back: Entry[] = [];
    const known = slot.inflight.has(culprit);
    for (const entry of slot.inflight.values()) {
      if (entry.seq === culprit) fail(entry);
      else if (!known && ++entry.attempts >= MAX_ATTEMPTS)
        entry.resolve(failure('internal-error', `${why} (the file was given to ${MAX_ATTEMPTS} workers that stopped)`));
      else back.push(entry);
    }
    slot.inflight.clear();
    this.queue.unshift(...back);
    if (this.failedStarts >= MAX_FAILED_STARTS) {
      for (const entry of this.queue.splice(0))
        entry.resolve(
          failure('internal-error', `${why}; ${MAX_FAILED_STARTS} workers in a row stopped before processing any file`),
        );
    }
    this.pump();
  }

  /** Check the workers at intervals while any has work: a file that takes too long fails, its worker is replaced. */
  private watch(): void {
    const busy = this.slots.some((slot) => slot && !slot.dead && slot.inflight.size);
    if (!busy || this.closed) {
      if (this.watchdog) {
        clearInterval(this.watchdog);
        this.watchdog = undefined;
      }
      return;
    }
    if (this.watchdog) return;
    this.watchdog = setInterval(() => this.check(), Math.max(10, Math.min(1000, Math.floor(this.timeoutMs / 4))));
    this.watchdog.unref();
  }

  private check(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (!slot || slot.dead || !slot.inflight.size) continue;
      const current = Atomics.load(slot.progress, 0);
      if (current !== slot.watched) {
        slot.watched = current;
        slot.since = now;
        continue;
      }
      if (now - slot.since < this.timeoutMs) continue;
      slot.dead = true;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = undefined;
      void slot.worker.terminate();
      const seconds = this.timeoutMs / 1000;
      const message = `Processing took longer than ${seconds} s; the file was left untouched`;
      this.requeue(
        slot,
        current,
        (entry) => entry.resolve(failure('timeout', message)),
        `A file processed before this one took longer than ${seconds} s`,
      );
    }
    this.watch();
  }

  size(): number {
    return this.slots.length;
  }

  grow(size: number): void {
    while (this.slots.length < size) this.slots.push(undefined);
    this.pump();
  }

  run(task: FileTask): Promise<ProcessedFile> {
    return new Promise((resolve) => {
      this.queue.push({ seq: this.nextSeq++, task, settingsKey: this.keyOf(task), attempts: 0, resolve });
      if (this.queue.length === 1) queueMicrotask(() => this.pump());
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
    }
    const live = this.slots.filter((slot): slot is Slot => Boolean(slot));
    this.slots.fill(undefined);
    // A thread that cannot be stopped (stuck in native code) must not keep the run from ending: after a grace
    // period it is unreferenced, and the process exits without waiting for it.
    const stopped = Promise.all(live.map((slot) => ((slot.dead = true), slot.worker.terminate())));
    let grace: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)));
    await Promise.race([stopped, late]);
    clearTimeout(grace);
    for (const slot of live) slot.worker.unref();
  }
}

/**
 * Runs tasks on the calling thread, a few at a time (the pipeline awaits little, so this is nearly sequential). Nothing
 * can stop JavaScript running on this thread from outside, so the time limit is the pipeline's own: it checks the
 * clock at every call a transform makes into its context and at every edit, and fails the file with `timeout`.
 */
class InlineRunner implements Runner {
  constructor(private readonly timeoutMs: number) {}

  async run(task: FileTask): Promise<ProcessedFile> {
    const { processFile } = await import('./process-file.js');
    return processFile(task.timeoutMs === undefined ? { ...task, timeoutMs: this.timeoutMs } : task);
  }
  size(): number {
    return 0;
  }
  async close(): Promise<void> {}
}

/** Files per worker below which starting workers costs more than it saves. */
const FILES_PER_WORKER = 16;

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
export async function createRunner(files: number, concurrency: number, options: PoolOptions = {}): Promise<Runner> {
  const workers = workerCount(files, concurrency);
  if (!workers) return new InlineRunner(options.timeoutMs ?? FILE_TIMEOUT_MS);
  const { Worker } = await import('node:worker_threads');
  // Process-wide flags are set here, before any worker exists, so no worker changes them while another compiles.
  (await import('./v8-flags.cjs')).setV8Flags();
  return new WorkerPool(Worker, workers, options);
}
