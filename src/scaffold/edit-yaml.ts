/**
 * Add a plugin to a YAML configuration (`.layerfixrc.yaml`, `.yml`, `.layerfixrc` in YAML). YAML comments matter, so
 * the edit is textual (one new list item, or a new `plugins` key at the end), and then checked as data: the file read
 * by the same YAML parser the configuration loader uses must equal the old data with the plugin appended.
 */
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { pluginList } from './edit-json.js';
import { ScaffoldError } from './errors.js';

type LoadYaml = (text: string) => unknown;

/** cosmiconfig's own YAML parser (js-yaml), so the file is read exactly as the configuration loader reads it. */
function yamlLoader(): LoadYaml {
  const require = createRequire(import.meta.url);
  const fromCosmiconfig = createRequire(require.resolve('cosmiconfig'));
  return (fromCosmiconfig('js-yaml') as { load: LoadYaml }).load;
}

const KEY = /^(["']?)plugins\1[ \t]*:(.*)$/;

/** Strip a YAML comment (` # ...`) from the end of a line outside quotes (plugin paths hold no `#`). */
const withoutComment = (line: string) => line.replace(/(^|[ \t])#.*$/, '').trimEnd();

/** The text with one edit for the new item, or undefined when the `plugins` key has a shape this edit does not handle. */
function insertItem(text: string, specifier: string): string | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/(?<=\n)/);
  const k = lines.findIndex((line) => KEY.test(line.replace(/\r?\n$/, '')));
  if (k < 0) {
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    return `${text}${sep}plugins:${eol}  - ${specifier}${eol}`;
  }
  const value = withoutComment(KEY.exec(lines[k].replace(/\r?\n$/, ''))![2]).trim();
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) return undefined;
    const line = lines[k];
    const close = line.lastIndexOf(']');
    const inner = value.slice(1, -1).trim();
    lines[k] = `${line.slice(0, close)}${inner ? `, ${specifier}` : specifier}${line.slice(close)}`;
    return lines.join('');
  }
  if (value !== '') return undefined;
  let last = -1;
  let indent = '  ';
  for (let j = k + 1; j < lines.length; j++) {
    const line = lines[j].replace(/\r?\n$/, '');
    const item = /^([ \t]*)-(?:[ \t]|$)/.exec(line);
    if (item) {
      last = j;
      indent = item[1];
      continue;
    }
    if (line.trim() === '' || /^[ \t]*#/.test(line) || /^[ \t]/.test(line)) continue;
    break;
  }
  const at = last < 0 ? k : last;
  if (!lines[at].endsWith('\n')) lines[at] += eol;
  lines.splice(at + 1, 0, `${indent}- ${specifier}${eol}`);
  return lines.join('');
}

/** The YAML text with `specifier` appended to `plugins`. Throws ScaffoldError when it cannot be done safely. */
export function addPluginToYaml(
  text: string,
  file: string,
  specifier: string,
  exists: (entry: string) => boolean,
): string {
  const load = yamlLoader();
  let data: unknown;
  try {
    data = load(text) ?? {};
  } catch (error) {
    throw new ScaffoldError(
      `${file}: cannot add the plugin, the file is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const plugins = pluginList(data, file);
  const existing = plugins.find(exists);
  if (existing) throw new ScaffoldError(`${file} already lists the plugin as "${existing}"`);
  const edited = insertItem(text, specifier);
  let check: unknown;
  try {
    check = edited === undefined ? undefined : load(edited);
  } catch {
    check = undefined;
  }
  if (!isDeepStrictEqual(check, { ...(data as object), plugins: [...plugins, specifier] })) {
    throw new ScaffoldError(
      `${file}: cannot add the plugin safely to this YAML; add "${specifier}" to its plugins list by hand`,
    );
  }
  return edited!;
}
