/**
 * The main command over files: options to `layerfixFiles`, results to a reporter, the exit code.
 */
import { layerfixFiles } from '../runner/files.js';
import type { FileResult, UnmatchedPath } from '../runner/types.js';
import { ConfigError } from '../config/errors.js';
import { colorEnabled } from '../reporters/color.js';
import { createReporter } from '../reporters/index.js';
import { formatMessage } from '../reporters/message.js';
import type { RunMode } from '../reporters/summary.js';
import type { ReporterContext, Writer } from '../reporters/types.js';
import { exitCode, EXIT } from './exit-code.js';
import { cleanUpOnInterrupt } from './interrupt.js';
import type { CliIO } from './io.js';
import { Progress } from './progress.js';
import { version } from './version.js';

/** The options of a run, read from the command line. */
export interface RunOptions {
  paths: string[];
  mode: RunMode;
  write: boolean;
  stdout: boolean;
  format: string;
  explain: boolean;
  /** Errors only on stderr. */
  quiet: boolean;
  /** `--color` (true) or `--no-color` (false) over the environment; undefined: decided by the environment. */
  color?: boolean;
  only?: string[];
  skip?: string[];
  config?: string | false;
  concurrency?: number;
  /** `--ignore-path` files. */
  ignorePath?: string[];
  /** `--context`: the build context of every file. */
  context?: string;
  /** `--target`: the stage every file is built to. */
  target?: string;
  /** A path or pattern matching no file fails the run (the default; `--no-error-on-unmatched-pattern` turns it off). */
  errorOnUnmatchedPattern: boolean;
  /** `--stdin-filepath`, when given. */
  stdinFilepath?: string;
}

/** A word for a POSIX shell: as it is when it needs no quoting, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** At most this many changed files are named in the command that applies a check's changes; past it, the paths given. */
const FIX_FILES = 10;

/** The command that applies what a `--check` of this run found, with the options that change what is done. */
export function fixCommand(options: RunOptions, changed: readonly string[], stdin = false): string {
  const words = ['layerfix', stdin ? '--stdout' : '--write'];
  if (options.only) words.push('--only', options.only.join(','));
  if (options.skip) words.push('--skip', options.skip.join(','));
  if (options.config === false) words.push('--no-config');
  else if (options.config !== undefined) words.push('--config', options.config);
  for (const path of options.ignorePath ?? []) words.push('--ignore-path', path);
  if (options.context !== undefined) words.push('--context', options.context);
  if (options.target !== undefined) words.push('--target', options.target);
  if (stdin) words.push('--stdin-filepath', options.stdinFilepath ?? changed[0] ?? 'Dockerfile');
  else words.push(...(changed.length <= FIX_FILES ? changed : options.paths));
  return words.map(shellWord).join(' ');
}

/** What the reporters of a run are told: mode, streams, colour, and how to apply what a check found. */
export function reporterContext(
  options: RunOptions,
  io: CliIO,
  streams: { out: Writer; err: Writer } = { out: io.stdout, err: io.stderr },
  stdin = false,
): ReporterContext {
  return {
    mode: options.mode,
    explain: options.explain,
    quiet: options.quiet,
    out: streams.out,
    err: streams.err,
    color: { out: colorEnabled(io.env, io.stdout, options.color), err: colorEnabled(io.env, io.stderr, options.color) },
    cwd: io.cwd,
    version: version(),
    fixCommand: (changed) => fixCommand(options, changed, stdin),
  };
}

/** Report the paths and patterns that matched no file; returns whether that fails the run. */
function reportUnmatched(unmatched: readonly UnmatchedPath[], options: RunOptions, io: CliIO): boolean {
  if (!options.errorOnUnmatchedPattern) return false;
  for (const { path, message } of unmatched)
    io.stderr.write(`layerfix: ${path}: ${message} (--no-error-on-unmatched-pattern allows this)\n`);
  return unmatched.length > 0;
}

/** Run over files and report; returns the exit code. Throws ConfigError before touching files when the config is bad. */
export async function runFiles(options: RunOptions, io: CliIO): Promise<number> {
  if (options.stdout) return runStdoutFile(options, io);
  let progress: Progress | undefined;
  const guard = (stream: CliIO['stdout']): Writer => ({
    write: (text) => {
      progress?.clear();
      stream.write(text);
    },
  });
  const reporter = await createReporter(
    options.format,
    reporterContext(options, io, { out: guard(io.stdout), err: guard(io.stderr) }),
  );
  const uninstall = options.write ? cleanUpOnInterrupt() : undefined;
  try {
    const report = await layerfixFiles(options.paths, {
      cwd: io.cwd,
      write: options.write,
      only: options.only,
      skip: options.skip,
      config: options.config,
      concurrency: options.concurrency,
      context: options.context,
      target: options.target,
      ignorePath: options.ignorePath,
      diff: options.mode === 'dry-run' && (options.format === 'text' || options.format === 'json'),
      fixes: options.format === 'sarif',
      retain: options.format === 'json' || options.format === 'sarif',
      onStart: (total) => {
        const active = options.format === 'text' && !options.quiet && Progress.wanted(io.stderr, io.env, total);
        progress = new Progress(io.stderr, active);
      },
      onFile: (result, index, total) => {
        reporter.file(result);
        progress?.update(index + 1, total);
      },
    });
    progress?.clear();
    const unmatched = reportUnmatched(report.unmatched, options, io);
    await reporter.end(report);
    return unmatched ? EXIT.failure : exitCode(report.summary, options.mode, options.write);
  } finally {
    uninstall?.();
  }
}

/** `--stdout` with one file: print its new text (nothing when it fails). */
async function runStdoutFile(options: RunOptions, io: CliIO): Promise<number> {
  const report = await layerfixFiles(options.paths, {
    cwd: io.cwd,
    only: options.only,
    skip: options.skip,
    config: options.config,
    ignorePath: options.ignorePath,
    context: options.context,
    concurrency: 1,
    diff: false,
    output: true,
  });
  if (reportUnmatched(report.unmatched, options, io)) return EXIT.failure;
  if (report.files.length !== 1) {
    throw new ConfigError(
      `--stdout prints one file, but ${options.paths.join(' ') || '.'} gives ${report.files.length}; name a single file`,
    );
  }
  return printOne(report.files[0], options, io);
}

/** Print one processed file for `--stdout` or stdin: its new text, or its errors. */
export function printOne(file: FileResult, options: Pick<RunOptions, 'explain' | 'quiet'>, io: CliIO): number {
  for (const message of file.messages) {
    const shown = message.kind === 'error' || (!options.quiet && (options.explain || message.kind === 'warning'));
    // The text printed is the rewritten one, so its changes are said as done.
    if (shown) io.stderr.write(`${formatMessage(file.path, message, true)}\n`);
  }
  if (file.status === 'error' || file.status === 'skipped') return EXIT.failure;
  io.stdout.write(file.output ?? '');
  return EXIT.ok;
}
