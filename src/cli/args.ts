/**
 * Parse command-line arguments against a command's option table (node's `util.parseArgs`).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config/errors.js';
import type { CliCommand } from './options.js';

/** Parsed arguments: option values by long name, and the positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** The options of `argv` that `command` does not know, as written (values of known options skipped). */
function unknownOptions(command: CliCommand, argv: readonly string[]): string[] {
  const long = new Map(command.options.map((o) => [o.name, o]));
  const short = new Map(command.options.filter((o) => o.short).map((o) => [o.short!, o]));
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const [name] = arg.slice(2).split('=', 1);
      const option = long.get(name);
      if (!option) unknown.push(`--${name}`);
      else if (option.type === 'string' && !arg.includes('=')) i++;
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let k = 1; k < arg.length; k++) {
        const option = short.get(arg[k]);
        if (!option) {
          unknown.push(`-${arg[k]}`);
          break;
        }
        if (option.type === 'string') {
          if (k === arg.length - 1) i++;
          break;
        }
      }
    }
  }
  return unknown;
}

/** Every unknown option of `argv`, each with the nearest known one when it looks like a slip. */
async function unknownOptionProblems(command: CliCommand, argv: readonly string[], help: string): Promise<string[]> {
  const unknown = unknownOptions(command, argv);
  if (!unknown.length) return [];
  // Loaded only now: the engine's entry is not needed to read good arguments.
  const { didYouMean } = await import('../engine/index.js');
  const known = command.options.flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]);
  return unknown.map((option) => {
    const suggestion = didYouMean(option, known, (name) => `'${name}'`);
    return `Unknown option '${option}'${suggestion || '.'} ${help}`;
  });
}

/** Parse `argv` for `command`. Throws ConfigError for unknown options (all of them), a missing value or a value out of its set. */
export async function parseCommandArgs(command: CliCommand, argv: readonly string[]): Promise<ParsedArgs> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const option of command.options) {
    options[option.name] = {
      type: option.type,
      ...(option.short ? { short: option.short } : {}),
      ...(option.multiple ? { multiple: true } : {}),
    };
  }
  const help = `Run \`${command.name === 'layerfix' ? 'layerfix' : `layerfix ${command.name}`} --help\` for the options.`;
  const unknown = await unknownOptionProblems(command, argv, help);
  if (unknown.length) throw new ConfigError(unknown);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigError(
      `${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}. ${help}`,
    );
  }
  const values = parsed.values as ParsedArgs['values'];
  for (const option of command.options) {
    const value = values[option.name];
    if (option.values && typeof value === 'string' && !option.values.includes(value)) {
      const { didYouMean } = await import('../engine/index.js');
      throw new ConfigError(
        `--${option.name}: got "${value}"${didYouMean(value, option.values)}; expected one of ${option.values.join(', ')}`,
      );
    }
  }
  return { values, positionals: parsed.positionals };
}

/** The names in a repeatable, comma-separated option, or undefined when it was not given. */
export function nameList(value: string | boolean | string[] | undefined): string[] | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  return (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}
