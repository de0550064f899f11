/**
 * Helpers for the CLI and configuration suites: temporary repositories built from a file map, the built CLI run
 * as a child process, and `main()` run in-process with captured streams.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../../src/cli/io.js';

/** The project's root folder (this file is compiled to dist/test/helpers/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The built CLI entry. */
export const BIN = join(ROOT, 'bin/layerfix.js');

/** A temporary folder holding `files` (path → content; Buffer for bytes). Call `remove()` when done. */
export interface Repo {
  dir: string;
  path(...parts: string[]): string;
  read(path: string): string;
  write(path: string, content: string | Buffer): void;
  /** Every file below the repo, relative, sorted (symlinks not followed). */
  list(): string[];
  /** A byte-level snapshot of every regular file. */
  snapshot(): Map<string, string>;
  remove(): void;
}

/** Create a temporary repository. A `root: true` .layerfixrc.json is not added: tests say what config they want. */
export function makeRepo(files: Record<string, string | Buffer> = {}): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-cli-test-'));
  const repo: Repo = {
    dir,
    path: (...parts) => join(dir, ...parts),
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    list() {
      const out: string[] = [];
      const visit = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const path = join(folder, entry.name);
          if (entry.isDirectory()) visit(path);
          else out.push(relative(dir, path));
        }
      };
      visit(dir);
      return out.sort();
    },
    snapshot() {
      const map = new Map<string, string>();
      for (const path of repo.list()) {
        const full = join(dir, path);
        try {
          if (statSync(full).isFile()) map.set(path, readFileSync(full).toString('base64'));
        } catch {
          map.set(path, '(unreadable)');
        }
      }
      return map;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  return repo;
}

/** What a CLI run printed and returned. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment for child CLIs: no colour, not CI unless asked, no inherited FORCE_COLOR. */
function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  delete base.CI;
  return { ...base, ...env } as NodeJS.ProcessEnv;
}

/** Run the built CLI (`node bin/layerfix.js ...args`) in `cwd` and wait for it. */
export function runCli(
  args: string[],
  cwd: string,
  options: { input?: string; env?: Record<string, string | undefined> } = {},
): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: childEnv(options.env),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Start the built CLI without waiting; for tests that interrupt it. */
export function startCli(args: string[], cwd: string) {
  return spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** An in-memory CLI environment: captured stdout/stderr, a given stdin, an optional terminal. */
export function memoryIO(
  cwd: string,
  options: { stdin?: string; env?: Record<string, string | undefined>; tty?: boolean } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    cwd,
    env: options.env ?? {},
    stdout: { write: (text: string) => out.push(text), isTTY: options.tty },
    stderr: { write: (text: string) => err.push(text), isTTY: options.tty },
    readStdin: async (maxBytes: number) => {
      const bytes = Buffer.from(options.stdin ?? '');
      return bytes.length > maxBytes ? undefined : bytes;
    },
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
