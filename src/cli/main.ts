/**
 * The `layerfix` command line: parse arguments against the option table, then dispatch to a command.
 * Heavy modules (the pipeline, cosmiconfig, diff, jiti, workers) load only when the command needs them.
 */
import { ConfigError } from '../config/errors.js';
import { nameList, parseCommandArgs, type ParsedArgs } from './args.js';
import { EXIT } from './exit-code.js';
import { helpText } from './help.js';
import { processIO, type CliIO } from './io.js';

export type { CliIO } from './io.js';
import { commands, mainCommand } from './options.js';
import type { RunOptions } from './files-command.js';
import { version } from './version.js';

function concurrency(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`--concurrency: got "${value}", expected a whole number of at least 1`);
  return n;
}

/** Read the main command's options, rejecting combinations that make no sense. */
export function runOptions(args: ParsedArgs): RunOptions {
  const v = args.values;
  const conflicts: [string, string][] = [
    ['write', 'check'],
    ['stdout', 'write'],
    ['stdout', 'check'],
    ['stdout', 'list-different'],
    ['config', 'no-config'],
  ];
  for (const [a, b] of conflicts) if (v[a] && v[b]) throw new ConfigError(`--${a} and --${b} cannot be used together`);
  const format = (v.format as string | undefined) ?? 'text';
  if (v['list-different'] && format !== 'text') throw new ConfigError(`--list-different prints paths only, so --format ${format} cannot be used with it`);
  const mode = v.check ? 'check' : v['list-different'] ? 'list' : v.write ? 'write' : 'dry-run';
  return {
    paths: args.positionals,
    mode,
    write: Boolean(v.write),
    stdout: Boolean(v.stdout),
    format,
    explain: Boolean(v.explain),
    only: nameList(v.only),
    skip: nameList(v.skip),
    config: v['no-config'] ? false : (v.config as string | undefined),
    concurrency: concurrency(v.concurrency),
    context: v.context as string | undefined,
  };
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === 'parse') return (await import('./parse-command.js')).runParse(argv.slice(1), io);
  if (argv[0] === 'cache-report') return (await import('./cache-report-command.js')).runCacheReport(argv.slice(1), io);
  if (argv[0] === 'new-transform') return (await import('./new-transform-command.js')).runNewTransform(argv.slice(1), io);
  const args = parseCommandArgs(mainCommand, argv);
  if (args.values.help) {
    io.stdout.write(helpText(mainCommand, commands.slice(1), io.stdout.columns ?? 100));
    return EXIT.ok;
  }
  if (args.values.version) {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const options = runOptions(args);
  if (args.values['list-transforms']) return (await import('./list-transforms.js')).listTransforms(options.format, options.config, io);
  const printConfigFor = args.values['print-config'];
  if (typeof printConfigFor === 'string') return (await import('./print-config.js')).printConfig(printConfigFor, io, options.config);
  const stdinPath = args.values['stdin-filepath'];
  if (typeof stdinPath === 'string') return (await import('./stdin-command.js')).runStdin(stdinPath, options, io);
  return (await import('./files-command.js')).runFiles(options, io);
}

/** Run the CLI with `argv` (without `node` and the script); resolves to the exit code and never throws. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof ConfigError) io.stderr.write(`layerfix: ${error.message}\n`);
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
