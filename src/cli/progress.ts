/**
 * A one-line progress indicator on stderr for long runs: only on a terminal and never in CI.
 */
import type { OutStream } from './io.js';

/** Runs with fewer files than this show no progress. */
const PROGRESS_MIN_FILES = 50;

/** The progress line; `clear()` before anything else is written to the terminal. */
export class Progress {
  private shown = false;
  private last = 0;

  constructor(
    private readonly stream: OutStream,
    private readonly active: boolean,
  ) {}

  /** Whether a run of `total` files shows progress on `stream` under `env`. */
  static wanted(stream: { isTTY?: boolean }, env: Record<string, string | undefined>, total: number): boolean {
    return Boolean(stream.isTTY) && !env.CI && total >= PROGRESS_MIN_FILES;
  }

  /** Show `done` of `total` (at most every 100 ms, and at the end). */
  update(done: number, total: number): void {
    if (!this.active) return;
    const now = Date.now();
    if (done < total && now - this.last < 100) return;
    this.last = now;
    this.stream.write(`\r\x1b[2Klayerfix: ${done}/${total} files (${Math.floor((done / total) * 100)}%)`);
    this.shown = true;
  }

  /** Erase the line, if shown. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
