/**
 * Runs a third-party formatter over the corpus in a child process (see formatter-child.ts), restarting it after the
 * file that ended it, and sums up speed, errors, crashes and outputs layerfix's parser rejects.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FormatResult, FormatterName } from './formatter-child.js';

/** What one formatter did over the files it was given. */
export interface FormatterSummary {
  files: number;
  /** Milliseconds spent inside the formatter calls, summed. */
  ms: number;
  ok: number;
  changed: number;
  /** Output with parse errors where the input had none. */
  broken: number;
  /** Calls that threw or returned no text. */
  errors: number;
  /** Files during which the process ended or hung. */
  crashes: number;
}

const CHILD = fileURLToPath(new URL('./formatter-child.js', import.meta.url));
/** A child that reports nothing for this long is treated as hung on its current file. */
const HANG_MS = 20_000;

function readResults(file: string): Array<FormatResult | { done: true } | { fatal: string }> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Runs the child from `first` until it finishes or dies; resolves when it has exited. */
function runChild(name: FormatterName, first: number, step: number, resultsFile: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, name, String(first), resultsFile, String(step)], { stdio: 'ignore' });
    let lastSize = -1;
    const watchdog = setInterval(() => {
      const size = existsSync(resultsFile) ? readFileSync(resultsFile).length : 0;
      if (size === lastSize) child.kill('SIGKILL');
      lastSize = size;
    }, HANG_MS);
    child.on('exit', () => {
      clearInterval(watchdog);
      resolve();
    });
  });
}

/** Formats every `step`-th of `total` corpus files with `name`, surviving crashes of the formatter's process. */
export async function runFormatter(name: FormatterName, total: number, step = 1): Promise<FormatterSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-bench-fmt-'));
  const resultsFile = join(dir, 'results.jsonl');
  const summary: FormatterSummary = { files: 0, ms: 0, ok: 0, changed: 0, broken: 0, errors: 0, crashes: 0 };
  try {
    let next = 0;
    let seen = 0;
    while (next < total) {
      await runChild(name, next, step, resultsFile);
      const lines = readResults(resultsFile).slice(seen);
      seen += lines.length;
      let done = false;
      for (const line of lines) {
        if ('fatal' in line) throw new Error(`${name} could not start: ${line.fatal}`);
        if ('done' in line) {
          done = true;
          continue;
        }
        summary.files++;
        summary.ms += line.ms;
        if (line.status === 'ok') summary.ok++;
        else summary.errors++;
        if (line.changed) summary.changed++;
        if (line.broken) summary.broken++;
        next = line.index + step;
      }
      if (done) break;
      // The process ended (or hung) on the file after the last one it reported.
      summary.files++;
      summary.crashes++;
      next += step;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return summary;
}
