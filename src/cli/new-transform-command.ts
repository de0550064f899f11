/**
 * `layerfix new-transform <name> [--config <path>]`: scaffold a plugin transform (ts-morph loads only here).
 */
import { relative } from 'node:path';
import { ConfigError } from '../config/errors.js';
import { parseCommandArgs } from './args.js';
import { helpText } from './help.js';
import type { CliIO } from './io.js';
import { newTransformCommand } from './options.js';

/** Run `layerfix new-transform`; returns the exit code. */
export async function runNewTransform(argv: readonly string[], io: CliIO): Promise<number> {
  const args = await parseCommandArgs(newTransformCommand, argv);
  if (args.values.help) {
    io.stdout.write(helpText(newTransformCommand));
    return 0;
  }
  if (args.positionals.length !== 1)
    throw new ConfigError(`layerfix new-transform takes one kebab-case name, got ${args.positionals.length}`);
  const { newTransform } = await import('../scaffold/index.js');
  const { ScaffoldError } = await import('../scaffold/errors.js');
  try {
    const result = await newTransform(args.positionals[0], {
      cwd: io.cwd,
      config: args.values.config as string | undefined,
    });
    const shown = (path: string) => relative(io.cwd, path) || path;
    for (const path of result.created) io.stdout.write(`created ${shown(path)}\n`);
    if (result.config.action === 'edited')
      io.stdout.write(`edited ${shown(result.config.path)}: added ${result.plugin} to plugins\n`);
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldError) throw new ConfigError(error.message);
    throw error;
  }
}
