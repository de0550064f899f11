/**
 * Timing helpers: warm-up then the median of several runs, on the monotonic clock. Measures, never asserts.
 */
import { performance } from 'node:perf_hooks';

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds one call of `fn` takes. */
export function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; the median in milliseconds. */
export function medianTime(fn: () => unknown, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  return median(Array.from({ length: runs }, () => timeOnce(fn)));
}

/**
 * The median milliseconds of `fn` over 3 to 50 runs, stopping once about `budgetMs` of wall time (setup included)
 * is spent. `setup`, when given, runs untimed before each call and its result is passed to `fn`.
 */
export function adaptiveTime<T>(fn: (input: T) => unknown, budgetMs = 150, setup?: () => T): number {
  const started = performance.now();
  const times: number[] = [];
  while (times.length < 3 || (times.length < 50 && performance.now() - started < budgetMs)) {
    const input = setup?.() as T;
    const start = performance.now();
    fn(input);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Mebibytes from bytes. */
export function mib(bytes: number): number {
  return bytes / 1024 / 1024;
}
