/**
 * `--list-transforms`: every transform (built-in, and from the plugins of the configuration found for the working
 * folder) with its description, default state and options.
 */
import { join } from 'node:path';
import type { AnyTransform, OptionSpec } from '../engine/index.js';
import { Planner } from '../runner/planner.js';
import { ConfigResolver } from '../config/resolver.js';
import type { CliIO } from './io.js';

function optionType(spec: OptionSpec): string {
  return spec.type === 'enum' ? spec.values.map((v) => JSON.stringify(v)).join(' | ') : spec.type;
}

/** The transforms known for files in the working folder. */
export async function knownTransforms(io: CliIO, config: string | false | undefined): Promise<readonly AnyTransform[]> {
  return new Planner(new ConfigResolver({ cwd: io.cwd, config })).transformsFor(join(io.cwd, 'Dockerfile'));
}

/** The listing as text. */
export function transformsText(transforms: readonly AnyTransform[]): string {
  const out: string[] = [];
  for (const t of transforms) {
    out.push(
      `${t.name} (${t.defaultEnabled ? 'on' : 'off'} by default${t.meaning === 'layout' ? ', layout only' : ''})`,
      `  ${t.description}`,
    );
    for (const [key, spec] of Object.entries(t.options as Record<string, OptionSpec>)) {
      out.push(`  - ${key}: ${optionType(spec)}, default ${JSON.stringify(spec.default)}: ${spec.description}`);
    }
    if (t.url) out.push(`  docs: ${t.url}`);
    out.push('');
  }
  return out.join('\n');
}

/** The listing as JSON data. */
export function transformsData(transforms: readonly AnyTransform[]): unknown {
  return transforms.map((t) => ({
    name: t.name,
    description: t.description,
    url: t.url,
    defaultEnabled: t.defaultEnabled,
    meaning: t.meaning,
    options: t.options,
  }));
}

/** Print the listing; returns the exit code. */
export async function listTransforms(format: string, config: string | false | undefined, io: CliIO): Promise<number> {
  const transforms = await knownTransforms(io, config);
  io.stdout.write(
    format === 'json' ? `${JSON.stringify(transformsData(transforms), null, 2)}\n` : transformsText(transforms),
  );
  return 0;
}
