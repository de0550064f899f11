/**
 * Spawning a command and measuring it from the outside: wall time, exit code, output, and peak RSS (through
 * `/usr/bin/time -v` when present, else through a preload that reports `process.resourceUsage()` at exit).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What one spawned command did. */
export interface SpawnFigures {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size in bytes, when measured. */
  peakRss?: number;
}

const GNU_TIME = '/usr/bin/time';

/** How peak memory is measured on this machine. */
export const RSS_METHOD = existsSync(GNU_TIME) ? '/usr/bin/time -v' : 'process.resourceUsage() at exit (preload)';

/** Runs `node args...` and resolves with its figures; `memory` also measures peak RSS. */
export function spawnNode(args: string[], options: { memory?: boolean; cwd?: string } = {}): Promise<SpawnFigures> {
  const scratch = options.memory ? mkdtempSync(join(tmpdir(), 'layerfix-bench-rss-')) : undefined;
  const rssFile = scratch ? join(scratch, 'rss') : '';
  let command = process.execPath;
  let argv = args;
  if (scratch && existsSync(GNU_TIME)) {
    command = GNU_TIME;
    argv = ['-v', '-o', rssFile, process.execPath, ...args];
  } else if (scratch) {
    const preload = `import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, 'Maximum resident set size (kbytes): ' + process.resourceUsage().maxRSS));`;
    argv = ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, ...args];
  }
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, argv, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      let peakRss: number | undefined;
      if (scratch) {
        const match = existsSync(rssFile)
          ? /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(rssFile, 'utf8'))
          : null;
        peakRss = match ? Number(match[1]) * 1024 : undefined;
        rmSync(scratch, { recursive: true, force: true });
      }
      resolve({ ms, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), peakRss });
    });
  });
}
