/**
 * A sandbox that runs sequences of RUN bodies the way `docker build` does (each in a fresh `<shell> -c`, in order,
 * stopping at the first failing one) inside throw-away directories, and reads back what they left on disk.
 *
 * Spawning is the cost, so one driver script (run by /bin/sh) executes a whole batch of jobs: per job it enters a
 * fresh directory (made beforehand by Node), runs each body with `<shell> -c` (stdin from /dev/null, output
 * discarded) and prints the job's exit status. The files are then read by Node. The driver runs in its own process
 * group with a clean environment (`PATH` only) and is killed, group and all, when it overruns its time limit.
 */
import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A shell that runs RUN bodies (`<path> -c <body>`). */
export interface SandboxShell {
  /** A short label for reports: `sh (dash)`, `bash`. */
  name: string;
  path: string;
}

/** The shells available here: `/bin/sh` always, bash when installed. */
export function availableShells(): SandboxShell[] {
  const shells: SandboxShell[] = [];
  let target = 'sh';
  try {
    target = realpathSync('/bin/sh').split('/').pop() ?? 'sh';
  } catch {
    // keep the plain name
  }
  shells.push({ name: target === 'sh' ? 'sh' : `sh (${target})`, path: '/bin/sh' });
  const bash = ['/bin/bash', '/usr/bin/bash'].find((path) => existsSync(path));
  if (bash && !target.endsWith('bash')) shells.push({ name: 'bash', path: bash });
  return shells;
}

/** One sequence of RUN bodies to execute in its own fresh directory. */
export interface SandboxJob {
  /** Unique within a batch; used as a directory name (letters, digits, `-`, `_`). */
  id: string;
  bodies: string[];
  /** Options given to the shell before `-c` (`-e` for a `SHELL ["/bin/sh", "-ec"]`). */
  shellOptions?: string[];
  /** Variables in the shell's environment (`SHELLOPTS=errexit` for an `ENV SHELLOPTS=errexit`). */
  env?: Record<string, string>;
}

/** What one job did. */
export interface SandboxOutcome {
  /** The exit status of the first failing body, or 0 when all succeeded. */
  status: number;
  /** How many bodies ran (the failing one included). */
  ran: number;
  /** Every path under the job's directory, sorted: `d <path> <mode>`, `f <path> <mode> <content>`, `l <path> -> <target>`. */
  files: string[];
}

/**
 * How deep below the job's directory the bodies start. A body may `cd ..` up to this many times (minus one) and
 * still write inside the job's directory, where the snapshot sees it.
 */
export const START_DEPTH = 5;
const START = Array.from({ length: START_DEPTH }, (_, i) => `w${i + 1}`).join('/');

/** A temporary directory for sandbox jobs; `dispose()` removes it. */
export class Sandbox {
  readonly root: string;
  private batch = 0;

  constructor(prefix = 'layerfix-sandbox-') {
    this.root = realpathSync(mkdtempSync(join(scratchBase(), prefix)));
  }

  /** Runs the jobs with `shell`, in one driver process, and reads back each job's outcome. */
  async run(shell: SandboxShell, jobs: SandboxJob[], timeoutMs = 30_000): Promise<Map<string, SandboxOutcome>> {
    const dir = join(this.root, `b${++this.batch}`);
    for (const job of jobs) mkdirSync(join(dir, job.id, START), { recursive: true });
    const script = driverScript(shell.path, dir, jobs);
    const scriptPath = join(this.root, `b${this.batch}.sh`);
    writeFileSync(scriptPath, script);
    const stdout = await runDriver(scriptPath, dir, timeoutMs);
    const statuses = new Map<string, { status: number; ran: number }>();
    for (const line of stdout.split('\n')) {
      const match = /^@@ (\S+) (\d+) (\d+)$/.exec(line);
      if (match) statuses.set(match[1], { status: Number(match[2]), ran: Number(match[3]) });
    }
    const out = new Map<string, SandboxOutcome>();
    for (const job of jobs) {
      const found = statuses.get(job.id);
      if (!found)
        throw new Error(`Sandbox driver printed no status for job ${job.id}; its output was:\n${stdout.slice(-2000)}`);
      out.set(job.id, { ...found, files: snapshot(join(dir, job.id)) });
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(scriptPath, { force: true });
    return out;
  }

  /** Removes the sandbox directory. */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Where sandboxes go: tmpfs (/dev/shm) when writable, as making and removing directories there is many times faster. */
function scratchBase(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** A single-quoted shell word for any string. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function driverScript(shellPath: string, dir: string, jobs: SandboxJob[]): string {
  const lines = [
    `SH=${shellQuote(shellPath)}`,
    `ROOT=${shellQuote(dir)}`,
    'job() {',
    '  id=$1; opts=$2; vars=$3; shift 3',
    `  cd "$ROOT/$id/${START}" || { echo "@@ $id 200 0"; return; }`,
    '  st=0; n=0',
    '  for body in "$@"; do',
    '    n=$((n + 1))',
    '    env $vars "$SH" $opts -c "$body" </dev/null >/dev/null 2>&1',
    '    st=$?',
    '    [ "$st" -eq 0 ] || break',
    '  done',
    '  cd "$ROOT"',
    '  echo "@@ $id $st $n"',
    '}',
  ];
  for (const job of jobs) {
    if (!/^[\w-]+$/.test(job.id)) throw new Error(`Sandbox job id must be letters, digits, - or _: ${job.id}`);
    const options = job.shellOptions ?? [];
    const vars = Object.entries(job.env ?? {}).map(([key, value]) => `${key}=${value}`);
    if ([...options, ...vars].some((word) => !/^[\w=:+-]+$/.test(word)))
      throw new Error(`Sandbox shell options and variables must be plain words: ${[...options, ...vars].join(' ')}`);
    lines.push(
      `job ${job.id} ${shellQuote(options.join(' '))} ${shellQuote(vars.join(' '))} ${job.bodies.map(shellQuote).join(' ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function runDriver(scriptPath: string, cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', [scriptPath], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`Sandbox driver ${scriptPath} ran over ${timeoutMs} ms and was killed`));
      else if (code !== 0)
        reject(new Error(`Sandbox driver ${scriptPath} exited with ${code}: ${stderr.slice(-2000)}`));
      else resolve(stdout);
    });
  });
}

/** Every path under `dir`, sorted, with modes and file contents; the directory's own path reads as `@`. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const path = join(abs, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(path);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) out.push(`l ${relPath} -> ${readlinkSync(path).split(dir).join('@')}`);
      else if (stat.isDirectory()) {
        out.push(`d ${relPath} ${mode}`);
        walk(path, relPath);
      } else if (stat.isFile())
        out.push(`f ${relPath} ${mode} ${JSON.stringify(readFileSync(path, 'utf8').split(dir).join('@'))}`);
      else out.push(`? ${relPath} ${mode}`);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}
