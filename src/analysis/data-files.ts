/**
 * Reading the TOML, YAML and INI files that manifests and build configurations are written in (`Cargo.toml`,
 * `pyproject.toml`, `Pipfile`, `pnpm-workspace.yaml`, `.yarnrc.yml`, compose files, `.npmrc`), with smol-toml,
 * js-yaml and ini.
 * Each library is loaded the first time a file of its kind is read, so a run that meets none pays nothing.
 */
import { createRequire } from 'node:module';

/** A TOML or YAML value as read: tables and mappings become plain objects. */
export type DataValue = string | number | boolean | bigint | Date | null | DataValue[] | DataTable;

/** A TOML table or YAML mapping. */
export interface DataTable {
  [key: string]: DataValue;
}

const load = createRequire(import.meta.url);
let toml: { parse(text: string): DataTable } | undefined;
let yaml: { load(text: string, options: { schema: unknown }): unknown; CORE_SCHEMA: unknown } | undefined;
let ini: { parse(text: string): DataTable } | undefined;

/** Read a TOML document; throws an Error saying where it does not parse. */
export function readToml(text: string): DataTable {
  toml ??= load('smol-toml') as typeof toml;
  return toml!.parse(text.replace(/^\ufeff/, ''));
}

/** Read a YAML document (the core schema: no custom tags, no code); throws an Error saying where it does not parse. */
export function readYaml(text: string): DataValue | undefined {
  yaml ??= load('js-yaml') as typeof yaml;
  return yaml!.load(text, { schema: yaml!.CORE_SCHEMA }) as DataValue | undefined;
}

/** Read an INI document as npm reads `.npmrc` (with the `ini` package npm uses): sections become nested tables. */
export function readIni(text: string): DataTable {
  ini ??= load('ini') as typeof ini;
  return ini!.parse(text.replace(/^\ufeff/, ''));
}

/** The value at a path of nested tables, if any. */
export function valueAt(table: DataValue | undefined, ...path: string[]): DataValue | undefined {
  let value: DataValue | undefined = table;
  for (const key of path) {
    if (!isTable(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** The strings of an array (other items dropped); empty when it is not an array. */
export function stringsOf(value: DataValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Whether a value is a table (a plain object, not an array or a date). */
export function isTable(value: DataValue | undefined): value is DataTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
