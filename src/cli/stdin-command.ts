/**
 * The main command on standard input (`--stdin-filepath`): the rewritten text on stdout, like a formatter; with
 * `--check`, `-l` or a machine-readable `--format`, the same report as for files.
 */
import { summarize } from '../runner/summary.js';
import { layerfixText } from '../runner/text.js';
import { ConfigError } from '../config/errors.js';
import { colorEnabled } from '../reporters/color.js';
import { createReporter } from '../reporters/index.js';
import { exitCode } from './exit-code.js';
import type { CliIO } from './io.js';
import { printOne, type RunOptions } from './files-command.js';
import { version } from './version.js';

/** Run on stdin as if it were the file at `filepath`; returns the exit code. */
export async function runStdin(filepath: string, options: RunOptions, io: CliIO): Promise<number> {
  if (options.write) throw new ConfigError('--write cannot be used with --stdin-filepath: there is no file to write; use --stdout');
  if (options.paths.length) throw new ConfigError(`--stdin-filepath reads standard input, so no paths may be given (got ${options.paths.join(' ')})`);
  const text = await io.readStdin();
  const file = await layerfixText(text, { filepath, cwd: io.cwd, only: options.only, skip: options.skip, config: options.config, context: options.context, fixes: options.format === 'sarif' });
  if (options.mode === 'dry-run' && options.format === 'text') return printOne(file, options, io);
  const { plugins, ...result } = file;
  const report = { files: [result], summary: summarize([result]), plugins };
  const reporter = await createReporter(options.format, {
    mode: options.mode,
    explain: options.explain,
    out: io.stdout,
    err: io.stderr,
    color: { out: colorEnabled(io.env, io.stdout), err: colorEnabled(io.env, io.stderr) },
    cwd: io.cwd,
    version: version(),
  });
  reporter.file(result);
  await reporter.end(report);
  return exitCode(report.summary, options.mode);
}
