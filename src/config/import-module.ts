/**
 * Load a JavaScript or TypeScript module (a configuration file or a plugin) without a build step, through jiti.
 */
import { fileURLToPath } from 'node:url';
import type { Jiti } from 'jiti';

let jiti: Jiti | undefined;

/**
 * `import ... from 'layerfix'` in a configuration or plugin means the running layerfix, so a `layerfix.config.ts`
 * works under `npx layerfix` too, and plugins share this process's modules instead of loading a second copy.
 */
function self(): Record<string, string> {
  // The bundled build (dist/bundle) says where its own copy of the API is; see src/cli/bundle-entry.ts.
  const bundle = (globalThis as Record<symbol, { selfModule?: string } | undefined>)[Symbol.for('layerfix.bundle')];
  return { layerfix: bundle?.selfModule ?? fileURLToPath(new URL('../index.js', import.meta.url)) };
}

/** Import the module at an absolute path (TypeScript included) and return its default export, or the module itself. */
export async function importModule(path: string): Promise<unknown> {
  if (!jiti) {
    const { createJiti } = await import('jiti');
    jiti = createJiti(import.meta.url, {
      fsCache: false,
      moduleCache: true,
      interopDefault: true,
      alias: self(),
      tryNative: false,
    });
  }
  return jiti.import(path, { default: true });
}

/** Resolve a module specifier (a package name or a path) as an import from `parentFile`. Throws when it cannot. */
export async function resolveModule(specifier: string, parentFile: string): Promise<string> {
  const { createJiti } = await import('jiti');
  const resolved = createJiti(parentFile, { fsCache: false }).esmResolve(specifier, { try: false });
  if (!resolved) throw new Error(`Cannot find module "${specifier}"`);
  return resolved.startsWith('file:') ? fileURLToPath(resolved) : resolved;
}
