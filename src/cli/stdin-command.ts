/**
 * The main command on standard input (`layerfix -` or `--stdin-filepath`): the rewritten text on stdout, like a
 * formatter; with `--check`, `-l` or a machine-readable `--format`, the same report as for files. Standard input is
 * read up to the 1 MiB limit of a Dockerfile and no further.
 */
import { resolve } from 'node:path';
import { summarize } from '../runner/summary.js';
import { layerfixText } from '../runner/text.js';
import { displayPath } from '../runner/display.js';
import { failure } from '../runner/failure.js';
import { decodeDockerfile, MAX_FILE_BYTES } from '../runner/read.js';
import type { FileResult } from '../runner/types.js';
import { ConfigError } from '../config/errors.js';
import { createReporter } from '../reporters/index.js';
import { exitCode } from './exit-code.js';
import type { CliIO } from './io.js';
import { printOne, reporterContext, type RunOptions } from './files-command.js';

/** The text on standard input, or the problem that stops it (too large, binary, not UTF-8), placed in the text. */
async function readInput(
  io: CliIO,
): Promise<{ text: string } | { ruleId: string; message: string; line: number; column: number }> {
  const bytes = await io.readStdin(MAX_FILE_BYTES);
  if (!bytes) {
    const limit = `${(MAX_FILE_BYTES / 1024 / 1024).toFixed(1)} MiB`;
    return {
      ruleId: 'file-too-large',
      message: `File too large: standard input goes past the ${limit} limit for a Dockerfile; layerfix stopped reading it there`,
      line: 1,
      column: 1,
    };
  }
  return decodeDockerfile(bytes);
}

/** Run on stdin as if it were the file at `filepath`; returns the exit code. */
export async function runStdin(filepath: string, options: RunOptions, io: CliIO): Promise<number> {
  const how = options.stdinFilepath === undefined ? '- (standard input)' : '--stdin-filepath';
  if (options.write)
    throw new ConfigError(`--write cannot be used with ${how}: there is no file to write; use --stdout`);
  if (options.paths.length)
    throw new ConfigError(
      `${how} reads standard input, so no other paths may be given (got ${options.paths.join(' ')})`,
    );
  const input = await readInput(io);
  let file: FileResult & { plugins?: string[] };
  if ('text' in input) {
    file = await layerfixText(input.text, {
      filepath,
      cwd: io.cwd,
      only: options.only,
      skip: options.skip,
      config: options.config,
      context: options.context,
      target: options.target,
      fixes: options.format === 'sarif',
    });
  } else {
    const absolutePath = resolve(io.cwd, filepath);
    file = {
      path: displayPath(io.cwd, absolutePath),
      absolutePath,
      written: false,
      ...failure(input.ruleId, input.message, input.line, input.column),
    };
  }
  if (options.mode === 'dry-run' && options.format === 'text') return printOne(file, options, io);
  const { plugins = [], ...result } = file;
  const report = { files: [result], summary: summarize([result]), plugins, unmatched: [] };
  const reporter = await createReporter(options.format, reporterContext(options, io, undefined, true));
  reporter.file(result);
  await reporter.end(report);
  return exitCode(report.summary, options.mode);
}
