/**
 * Plugin entries of a configuration: what a new one is written as, and whether an existing one names the same module.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** The entry for the module at `pluginPath` in the configuration at `configPath`: `./layerfix/<name>.ts`. */
export function pluginSpecifier(configPath: string, pluginPath: string): string {
  const path = relative(dirname(configPath), pluginPath).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** A test of whether an entry of the configuration at `configPath` names the module at `pluginPath` (with or without extension). */
export function sameModule(configPath: string, pluginPath: string): (entry: string) => boolean {
  const strip = (path: string) => path.replace(/\.(?:[cm]?[jt]s)$/, '');
  const target = strip(pluginPath);
  return (entry) => entry.startsWith('.') && strip(resolve(dirname(configPath), entry)) === target;
}
