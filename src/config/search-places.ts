/**
 * Where a configuration file may live in a folder, in cosmiconfig's order for the module name `layerfix`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** File names checked in each folder, first match wins (cosmiconfig's default search places for `layerfix`). */
export const searchPlaces = [
  'package.json',
  '.layerfixrc',
  '.layerfixrc.json',
  '.layerfixrc.yaml',
  '.layerfixrc.yml',
  '.layerfixrc.js',
  '.layerfixrc.ts',
  '.layerfixrc.cjs',
  '.layerfixrc.mjs',
  '.config/layerfixrc',
  '.config/layerfixrc.json',
  '.config/layerfixrc.yaml',
  '.config/layerfixrc.yml',
  '.config/layerfixrc.js',
  '.config/layerfixrc.ts',
  '.config/layerfixrc.cjs',
  '.config/layerfixrc.mjs',
  'layerfix.config.js',
  'layerfix.config.ts',
  'layerfix.config.cjs',
  'layerfix.config.mjs',
] as const;

function names(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}

/** Whether a package.json holds a `layerfix` key (a package.json that does not parse is not skipped: it is returned). */
function hasLayerfixKey(path: string): boolean {
  try {
    return Object.hasOwn(JSON.parse(readFileSync(path, 'utf8')) ?? {}, 'layerfix');
  } catch {
    return true;
  }
}

/** The configuration file in `dir` itself (no parent folders), or undefined. `listing`: the folder's entries, if known. */
export function configFileIn(dir: string, listing?: ReadonlySet<string>): string | undefined {
  const here = listing ?? names(dir);
  const dotConfig = here.has('.config') ? names(join(dir, '.config')) : new Set<string>();
  for (const place of searchPlaces) {
    const inDotConfig = place.startsWith('.config/');
    if (!(inDotConfig ? dotConfig.has(place.slice(8)) : here.has(place))) continue;
    const path = join(dir, place);
    if (place === 'package.json' && !hasLayerfixKey(path)) continue;
    return path;
  }
  return undefined;
}
