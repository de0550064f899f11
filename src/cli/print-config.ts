/**
 * `--print-config <file>`: the configuration in effect for one file, with every default filled in.
 */
import { resolve } from 'node:path';
import { Planner } from '../runner/planner.js';
import { ConfigError } from '../config/errors.js';
import { ConfigResolver } from '../config/resolver.js';
import type { CliIO } from './io.js';

/** The resolved configuration of `file` as JSON data: sources, plugins, printer options and every transform. */
export async function resolvedConfig(file: string, io: CliIO, config: string | false | undefined): Promise<unknown> {
  const path = resolve(io.cwd, file);
  const planner = new Planner(new ConfigResolver({ cwd: io.cwd, config }));
  const plan = await planner.plan(path);
  if ('error' in plan) throw new ConfigError(plan.error.message);
  const { isEnabled, resolvePrinterOptions, resolveTransformOptions } = await import('../engine/index.js');
  const transforms: Record<string, unknown> = {};
  for (const transform of await planner.transformsFor(path)) {
    const setting = plan.config.transforms[transform.name];
    transforms[transform.name] = isEnabled(transform, setting) ? resolveTransformOptions(transform, setting) : 'off';
  }
  return {
    file: path,
    sources: plan.config.sources,
    plugins: plan.config.plugins.map((p) => p.specifier),
    ...resolvePrinterOptions(plan.config),
    transforms,
  };
}

/** Print the resolved configuration; returns the exit code. */
export async function printConfig(file: string, io: CliIO, config: string | false | undefined): Promise<number> {
  io.stdout.write(`${JSON.stringify(await resolvedConfig(file, io, config), null, 2)}\n`);
  return 0;
}
