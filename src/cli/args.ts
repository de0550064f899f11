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

/** Parse `argv` for `command`. Throws ConfigError for an unknown option, a missing value or a value out of its set. */
export function parseCommandArgs(command: CliCommand, argv: readonly string[]): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const option of command.options) {
    options[option.name] = { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}. Run \`${command.name === 'layerfix' ? 'layerfix' : `layerfix ${command.name}`} --help\` for the options.`);
  }
  const values = parsed.values as ParsedArgs['values'];
  for (const option of command.options) {
    const value = values[option.name];
    if (option.values && typeof value === 'string' && !option.values.includes(value)) {
      throw new ConfigError(`--${option.name}: got "${value}", expected one of ${option.values.join(', ')}`);
    }
  }
  return { values, positionals: parsed.positionals };
}

/** The names in a repeatable, comma-separated option, or undefined when it was not given. */
export function nameList(value: string | boolean | string[] | undefined): string[] | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
