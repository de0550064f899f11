/**
 * Add a plugin to a JSON configuration (`.layerfixrc.json`, `.layerfixrc` in JSON, `package.json#layerfix`) as data:
 * parse, append, write back with the file's indentation, line ending and final newline.
 */
import { ScaffoldError } from './errors.js';

/** Plain data of a configuration, with `plugins` checked to be absent or a list of strings. */
export function pluginList(holder: unknown, file: string): string[] {
  if (typeof holder !== 'object' || holder === null || Array.isArray(holder))
    throw new ScaffoldError(`${file}: expected the configuration to be an object`);
  const plugins = (holder as { plugins?: unknown }).plugins;
  if (plugins === undefined || plugins === null) return [];
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string'))
    throw new ScaffoldError(`${file}: expected "plugins" to be a list of module paths`);
  return plugins;
}

/** The JSON text with `specifier` appended to `plugins` (of the `layerfix` key for package.json). Throws ScaffoldError. */
export function addPluginToJson(
  text: string,
  file: string,
  specifier: string,
  exists: (entry: string) => boolean,
  key?: string,
): string {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text.slice(bom.length));
  } catch (error) {
    throw new ScaffoldError(`${file}: cannot add the plugin, the file is not valid JSON: ${(error as Error).message}`);
  }
  const holder = key ? (data as Record<string, unknown>)[key] : data;
  const plugins = pluginList(holder, key ? `${file}#${key}` : file);
  const existing = plugins.find(exists);
  if (existing) throw new ScaffoldError(`${file} already lists the plugin as "${existing}"`);
  (holder as Record<string, unknown>).plugins = [...plugins, specifier];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const final = /\r?\n$/.test(text) ? eol : '';
  return bom + JSON.stringify(data, null, indent).replace(/\n/g, eol) + final;
}
