/**
 * The main command over files: options to `layerfixFiles`, results to a reporter, the exit code.
 */
import { layerfixFiles } from '../runner/files.js';
import type { FileResult } from '../runner/types.js';
import { ConfigError } from '../config/errors.js';
import { colorEnabled } from '../reporters/color.js';
import { createReporter } from '../reporters/index.js';
import { formatMessage } from '../reporters/message.js';
import type { RunMode } from '../reporters/summary.js';
import type { Writer } from '../reporters/types.js';
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
  only?: string[];
  skip?: string[];
  config?: string | false;
  concurrency?: number;
  /** `--context`: the build context of every file. */
  context?: string;
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
  const context = {
    mode: options.mode,
    explain: options.explain,
    out: guard(io.stdout),
    err: guard(io.stderr),
    color: { out: colorEnabled(io.env, io.stdout), err: colorEnabled(io.env, io.stderr) },
    cwd: io.cwd,
    version: version(),
  };
  const reporter = await createReporter(options.format, context);
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
      diff: options.mode === 'dry-run' && (options.format === 'text' || options.format === 'json'),
      fixes: options.format === 'sarif',
      retain: options.format === 'json' || options.format === 'sarif',
      onStart: (total) => {
        const active = options.format === 'text' && Progress.wanted(io.stderr, io.env, total);
        progress = new Progress(io.stderr, active);
      },
      onFile: (result, index, total) => {
        reporter.file(result);
        progress?.update(index + 1, total);
      },
    });
    progress?.clear();
    await reporter.end(report);
    return exitCode(report.summary, options.mode, options.write);
  } finally {
    uninstall?.();
  }
}

/** `--stdout` with one file: print its new text (nothing when it fails). */
async function runStdoutFile(options: RunOptions, io: CliIO): Promise<number> {
  const report = await layerfixFiles(options.paths, { cwd: io.cwd, only: options.only, skip: options.skip, config: options.config, context: options.context, concurrency: 1, diff: false, output: true });
  if (report.files.length !== 1) {
    throw new ConfigError(`--stdout prints one file, but ${options.paths.join(' ') || '.'} gives ${report.files.length}; name a single file`);
  }
  return printOne(report.files[0], options, io);
}

/** Print one processed file for `--stdout` or stdin: its new text, or its errors. */
export function printOne(file: FileResult, options: Pick<RunOptions, 'explain'>, io: CliIO): number {
  for (const message of file.messages) {
    if (options.explain || message.kind === 'error' || message.kind === 'warning') io.stderr.write(`${formatMessage(file.path, message)}\n`);
  }
  if (file.status === 'error' || file.status === 'skipped') return EXIT.failure;
  io.stdout.write(file.output ?? '');
  return EXIT.ok;
}
