/**
 * A time limit on one file's transforms, checked cooperatively: every call a transform makes into its context and
 * every edit first looks at the clock. A worker thread is also stopped from outside when it runs past the limit; on
 * the calling thread nothing can stop running JavaScript, so these checks are what bound a file there.
 */
import type { AnyTransform, TransformContext } from './types.js';

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

/** `transform` with a `run` whose context checks `deadline` before each of its calls (and the editor before each edit). */
export function withDeadline(transform: AnyTransform, deadline: Deadline): AnyTransform {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = (ctx: TransformContext<any>) => {
    deadline.check();
    const checked = (fn: (...args: never[]) => unknown) => (...args: never[]) => {
      deadline.check();
      return fn(...args);
    };
    return transform.run({
      ...ctx,
      instructions: checked(ctx.instructions),
      shellView: checked(ctx.shellView),
      enabledFor: checked(ctx.enabledFor),
      changed: checked(ctx.changed),
      skipped: checked(ctx.skipped),
    } as typeof ctx);
  };
  return { ...transform, run };
}
