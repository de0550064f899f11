/**
 * Load plugin modules: each exports one transform or an array of them (as default or as `transforms`).
 */
import { isTransformName, type AnyTransform } from '../engine/index.js';
import { builtinTransforms } from '../registry.js';
import { importModule, resolveModule } from './import-module.js';
import type { PluginRef } from './types.js';

/** A plugin that could not be loaded, or whose transforms clash; the message names the plugin and its config. */
export class PluginError extends Error {
  override name = 'PluginError';
}

/** The transforms of a set of plugins, and the module path each transform came from. */
export interface LoadedPlugins {
  transforms: AnyTransform[];
  /** Resolved module paths, in order (what a worker thread loads again). */
  modules: string[];
  /** Transform name → the plugin module it came from. */
  origins: Map<string, string>;
}

const modules = new Map<string, Promise<AnyTransform[]>>();

function describe(ref: PluginRef): string {
  return `Plugin "${ref.specifier}" (listed in ${ref.from})`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** Whether a value looks like a transform definition; returns what is wrong otherwise. */
function problem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const t = value as Partial<AnyTransform>;
  if (!isTransformName(t.name)) return 'has no kebab-case name';
  if (typeof t.run !== 'function') return `"${t.name}" has no run(context) function`;
  if (typeof t.options !== 'object' || t.options === null) return `"${t.name}" has no options object (use {} for none)`;
  return undefined;
}

/** The transforms a module exports: default or module itself, a transform, an array, or `{ transforms: [...] }`. */
function transformsOf(exported: unknown): unknown[] {
  const value = exported as { transforms?: unknown; transform?: unknown } | undefined;
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && 'run' in value) return [value];
  if (value && Array.isArray(value.transforms)) return value.transforms;
  if (value && value.transform) return [value.transform];
  return [value];
}

/** Load one plugin module by absolute path (cached per thread). Throws a plain Error saying what is wrong. */
export function loadPluginModule(path: string): Promise<AnyTransform[]> {
  let loaded = modules.get(path);
  if (!loaded) {
    loaded = importModule(path).then((exported) => {
      const list = transformsOf(exported);
      for (const item of list) {
        const wrong = problem(item);
        if (wrong) throw new Error(`does not export a transform or an array of transforms: its export ${wrong}`);
      }
      return list as AnyTransform[];
    });
    modules.set(path, loaded);
  }
  return loaded;
}

/** Load the plugins of one configuration chain. Throws PluginError naming the plugin and the config that lists it. */
export async function loadPlugins(refs: readonly PluginRef[]): Promise<LoadedPlugins> {
  const result: LoadedPlugins = { transforms: [], modules: [], origins: new Map() };
  const builtin = new Set(builtinTransforms.map((t) => t.name));
  for (const ref of refs) {
    let path: string;
    try {
      path = ref.resolved === ref.specifier ? await resolveModule(ref.specifier, ref.from) : ref.resolved;
    } catch (error) {
      throw new PluginError(`${describe(ref)} cannot be found: ${firstLine(error)}`);
    }
    let transforms: AnyTransform[];
    try {
      transforms = await loadPluginModule(path);
    } catch (error) {
      throw new PluginError(`${describe(ref)} failed to load from ${path}: ${firstLine(error)}`);
    }
    for (const transform of transforms) {
      const clash = builtin.has(transform.name) ? 'a built-in transform' : result.origins.get(transform.name);
      if (clash)
        throw new PluginError(
          `${describe(ref)} defines transform "${transform.name}", a name already taken by ${clash}; rename it`,
        );
      result.origins.set(transform.name, path);
      result.transforms.push(transform);
    }
    result.modules.push(path);
  }
  return result;
}
