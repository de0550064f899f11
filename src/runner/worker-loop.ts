/**
 * What a worker thread of the pool does: queue the tasks it is sent, process them one after another, and send
 * the results back in batches. Before each task it writes the task's number to the shared progress counter, so
 * the pool knows which file was being processed if this thread dies or hangs.
 */
import type { MessagePort } from 'node:worker_threads';
import { failure } from './failure.js';
import { processFile, type FileTask, type ProcessedFile } from './process-file.js';
import type { ToPool, ToWorker, WireSettings, WireTask } from './worker-protocol.js';

/** Results are sent back at the latest after this many files ... */
const FLUSH_FILES = 8;
/** ... or this many milliseconds, and whenever the queue runs dry. */
const FLUSH_MS = 50;

/** Serve the pool on `port`; `progress[0]` receives the number of the task being processed. */
export function serve(port: MessagePort, progress: Int32Array): void {
  const settings = new Map<number, WireSettings>();
  const queue: WireTask[] = [];
  let head = 0;
  let outbox: ToPool['results'] = [];
  let since = 0;
  let running = false;

  const flush = () => {
    if (!outbox.length) return;
    port.postMessage({ results: outbox } satisfies ToPool);
    outbox = [];
  };

  const one = async (wire: WireTask): Promise<ProcessedFile> => {
    const group = settings.get(wire.settings);
    if (!group) throw new Error(`Settings ${wire.settings} were never sent`);
    const task: FileTask = { path: wire.path, display: wire.display, settings: group.settings, want: group.want };
    if (wire.text !== undefined) task.text = wire.text;
    return processFile(task);
  };

  const drain = async () => {
    running = true;
    while (head < queue.length) {
      const wire = queue[head++];
      Atomics.store(progress, 0, wire.seq);
      let result: ProcessedFile;
      try {
        result = await one(wire);
      } catch (error) {
        result = failure('internal-error', String((error as Error)?.stack ?? error));
      }
      if (!outbox.length) since = Date.now();
      outbox.push([wire.seq, result]);
      if (head === queue.length) queue.length = head = 0;
      if (outbox.length >= FLUSH_FILES || !queue.length || Date.now() - since >= FLUSH_MS) flush();
    }
    running = false;
  };

  port.on('message', (message: ToWorker) => {
    for (const [id, value] of message.settings) settings.set(id, value);
    for (const task of message.tasks) queue.push(task);
    if (!running) void drain();
  });
}
