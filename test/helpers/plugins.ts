/**
 * Load TypeScript plugin modules (examples, scaffolded transforms) the way users write them: through jiti, with
 * `import ... from 'layerfix'` resolving to this package's built entry.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyTransform } from '../../src/engine/types.js';
import { PROJECT_ROOT } from './corpus.js';

/** The module `layerfix` resolves to for plugins under test: this package's built entry. */
export function layerfixModule(): string {
  const path = join(PROJECT_ROOT, 'dist/src/index.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: build with tsc first`);
  return path;
}

/** Import a plugin module and return its default export (a transform). */
export async function loadPlugin(path: string): Promise<AnyTransform> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, {
    fsCache: false,
    moduleCache: false,
    interopDefault: true,
    alias: { layerfix: layerfixModule() },
  });
  return (await jiti.import(path, { default: true })) as AnyTransform;
}

/** Make `import ... from 'layerfix'` work in a temporary repository: `node_modules/layerfix` links to this package. */
export function linkLayerfix(repo: string): void {
  mkdirSync(join(repo, 'node_modules'), { recursive: true });
  symlinkSync(PROJECT_ROOT, join(repo, 'node_modules', 'layerfix'), 'dir');
}
