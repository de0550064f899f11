/**
 * The `layerfix` command line: parse arguments against the option table, then dispatch to a command.
 * Heavy modules (the pipeline, cosmiconfig, diff, jiti, workers) load only when the command needs them.
 */
import { ConfigError, ConfigProblems } from '../config/errors.js';
import { nameList, parseCommandArgs, type ParsedArgs } from './args.js';
import { EXIT } from './exit-code.js';
import { helpText } from './help.js';
import { processIO, type CliIO, type OutStream } from './io.js';

export type { CliIO } from './io.js';
import { commands, mainCommand } from './options.js';
import type { RunOptions } from './files-command.js';
import { version } from './version.js';

function concurrency(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`--concurrency: got "${value}", expected a whole number of at least 1`);
  return n;
}

/** Read the main command's options, listing every combination that makes no sense at once. */
export function runOptions(args: ParsedArgs): RunOptions {
  const v = args.values;
  const problems = new ConfigProblems();
  const conflicts: [string, string][] = [
    ['write', 'check'],
    ['stdout', 'write'],
    ['stdout', 'check'],
    ['stdout', 'list-different'],
    ['config', 'no-config'],
    ['color', 'no-color'],
    ['quiet', 'explain'],
  ];
  for (const [a, b] of conflicts) if (v[a] && v[b]) problems.add(`--${a} and --${b} cannot be used together`);
  const format = (v.format as string | undefined) ?? 'text';
  if (v['list-different'] && format !== 'text')
    problems.add(`--list-different prints paths only, so --format ${format} cannot be used with it`);
  const mode = v.check ? 'check' : v['list-different'] ? 'list' : v.write ? 'write' : 'dry-run';
  const threads = problems.collect(() => concurrency(v.concurrency));
  problems.throwIfAny();
  return {
    paths: args.positionals,
    mode,
    write: Boolean(v.write),
    stdout: Boolean(v.stdout),
    format,
    explain: Boolean(v.explain),
    quiet: Boolean(v.quiet),
    color: v.color ? true : v['no-color'] ? false : undefined,
    only: nameList(v.only),
    skip: nameList(v.skip),
    config: v['no-config'] ? false : (v.config as string | undefined),
    concurrency: threads,
    ignorePath: v['ignore-path'] as string[] | undefined,
    context: v.context as string | undefined,
    target: v.target as string | undefined,
    errorOnUnmatchedPattern: !v['no-error-on-unmatched-pattern'],
    stdinFilepath: v['stdin-filepath'] as string | undefined,
  };
}

/** An output stream that keeps what is written, for `--output-file`. */
function bufferStream(): OutStream & { text(): string } {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

/** Run `run` with stdout going to `path` (relative to the working folder), written once the command is done. */
async function withOutputFile(path: string, io: CliIO, run: (io: CliIO) => Promise<number>): Promise<number> {
  const out = bufferStream();
  const code = await run({ ...io, stdout: out });
  const { writeFileSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  try {
    writeFileSync(resolve(io.cwd, path), out.text());
  } catch (error) {
    throw new ConfigError(`--output-file: cannot write ${path}: ${(error as Error).message}`);
  }
  return code;
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === 'parse') return (await import('./parse-command.js')).runParse(argv.slice(1), io);
  if (argv[0] === 'cache-report') return (await import('./cache-report-command.js')).runCacheReport(argv.slice(1), io);
  if (argv[0] === 'new-transform')
    return (await import('./new-transform-command.js')).runNewTransform(argv.slice(1), io);
  const args = await parseCommandArgs(mainCommand, argv);
  if (args.values.help) {
    io.stdout.write(helpText(mainCommand, commands.slice(1), io.stdout.columns ?? 100));
    return EXIT.ok;
  }
  if (args.values.version) {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const options = runOptions(args);
  const outputFile = args.values['output-file'];
  if (typeof outputFile === 'string') return withOutputFile(outputFile, io, (to) => run(options, args, to));
  return run(options, args, io);
}

/** The main command once its options are read: a listing, the configuration of a file, standard input or files. */
async function run(options: RunOptions, args: ParsedArgs, io: CliIO): Promise<number> {
  if (args.values['list-transforms'])
    return (await import('./list-transforms.js')).listTransforms(options.format, options.config, io);
  const printConfigFor = args.values['print-config'];
  if (typeof printConfigFor === 'string')
    return (await import('./print-config.js')).printConfig(printConfigFor, io, options.config);
  // `layerfix -` reads standard input, as `--stdin-filepath Dockerfile` does.
  const dash = options.paths.includes('-');
  if (dash || options.stdinFilepath !== undefined) {
    const paths = dash ? options.paths.filter((path) => path !== '-') : options.paths;
    return (await import('./stdin-command.js')).runStdin(
      options.stdinFilepath ?? 'Dockerfile',
      { ...options, paths },
      io,
    );
  }
  return (await import('./files-command.js')).runFiles(options, io);
}

/** Run the CLI with `argv` (without `node` and the script); resolves to the exit code and never throws. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof ConfigError) for (const problem of error.problems) io.stderr.write(`layerfix: ${problem}\n`);
    else io.stderr.write(`layerfix: internal error: ${(error as Error)?.stack ?? error}\n`);
    return EXIT.failure;
  }
}

/** The entry of `bin/layerfix.js`: run with the process's arguments and set its exit code. */
export async function cli(): Promise<void> {
  // `layerfix | head`: a closed pipe ends the output quietly instead of crashing with EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await main(process.argv.slice(2));
}
