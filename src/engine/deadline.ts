/**
 * A time limit on one file's transforms, checked cooperatively: every call a transform makes into its context and
 * every edit first looks at the clock. A worker thread is also stopped from outside when it runs past the limit; on
 * the calling thread nothing can stop running JavaScript, so these checks are what bound a file there. (The context's
 * checks are added by the pipeline, `withDeadline`; this module imports nothing, so the editor can use it.)
 */

/** A file's transforms ran past their time limit; the file is left untouched. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
  constructor(readonly timeoutMs: number) {
    super(`Processing took longer than ${timeoutMs / 1000} s; the file was left untouched`);
  }
}

/** When a file's time is up. */
export class Deadline {
  private readonly end: number;

  constructor(readonly timeoutMs: number) {
    this.end = Date.now() + timeoutMs;
  }

  /** Throw DeadlineError when the time is up. */
  check(): void {
    if (Date.now() > this.end) throw new DeadlineError(this.timeoutMs);
  }
}

/** Where an Editor finds the deadline of the tree it edits (set on the root by the pipeline). */
export const DEADLINE: unique symbol = Symbol('layerfix.deadline');
