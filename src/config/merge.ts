/**
 * Cascade configuration layers into the settings for one file: farthest layer first, each layer's matching
 * overrides right after it, so nearer files and later overrides win.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { PrinterOptions } from '../engine/index.js';
import { matchesPatterns } from './patterns.js';
import type { LayerfixConfig, OverrideConfig, PluginRef, ResolvedConfig } from './types.js';

/** A loaded configuration file and the folder its patterns are relative to. */
export interface ConfigLayer {
  file: string;
  /** The folder its patterns and local plugin paths are relative to. */
  base: string;
  config: LayerfixConfig;
}

const printerKeys = ['printWidth', 'indent', 'operatorPosition'] as const;

function apply(target: ResolvedConfig, source: LayerfixConfig | OverrideConfig, layer: ConfigLayer): void {
  if (source.transforms) Object.assign(target.transforms, source.transforms);
  if (source.context !== undefined) target.context = { dir: resolve(layer.base, source.context), from: layer.file };
  if (source.target !== undefined) target.target = source.target;
  for (const key of printerKeys) {
    if (source[key] !== undefined) (target as Partial<PrinterOptions>)[key] = source[key] as never;
  }
}

/** A plugin specifier of a layer, resolved (against the configuration file's folder) when it is a local file. */
function pluginRef(specifier: string, layer: ConfigLayer): PluginRef {
  const local = specifier.startsWith('.') || isAbsolute(specifier);
  return { specifier, resolved: local ? resolve(dirname(layer.file), specifier) : specifier, from: layer.file };
}

/** The configuration in effect for `file` (absolute) under `layers` (farthest first). */
export function mergeLayers(layers: readonly ConfigLayer[], file: string): ResolvedConfig {
  const resolved: ResolvedConfig = { transforms: {}, plugins: [], sources: layers.map((layer) => layer.file) };
  const seen = new Set<string>();
  for (const layer of layers) {
    apply(resolved, layer.config, layer);
    for (const override of layer.config.overrides ?? []) {
      if (matchesPatterns(override.files, layer.base, file)) apply(resolved, override, layer);
    }
    for (const specifier of layer.config.plugins ?? []) {
      const ref = pluginRef(specifier, layer);
      if (seen.has(ref.resolved)) continue;
      resolved.plugins.push(ref);
      seen.add(ref.resolved);
    }
  }
  return resolved;
}
