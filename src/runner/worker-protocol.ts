/**
 * The messages between the worker pool and its workers, kept small: settings travel once per worker, tasks as
 * a path, a display name and the number of their settings.
 */
import type { FileSettings, FileTask, ProcessedFile } from './process-file.js';

/** One file to process. */
export interface WireTask {
  /** The pool's number for the task; the worker writes it to the shared progress counter when it starts. */
  seq: number;
  path: string;
  display: string;
  /** The number of the settings, sent earlier (or in the same message). */
  settings: number;
  text?: string;
}

/** The settings of a group of tasks and what they ask back. */
export interface WireSettings {
  settings: FileSettings;
  want: FileTask['want'];
}

/** Pool → worker: new settings, then tasks to queue. */
export interface ToWorker {
  settings: [number, WireSettings][];
  tasks: WireTask[];
}

/** Worker → pool: finished tasks, by number. */
export interface ToPool {
  results: [number, ProcessedFile][];
}
