/**
 * Check the shape of a configuration file: known keys with values of the right type. Transform settings are
 * checked later against the transforms' option specs, once the plugins are known (see `checkTransformSettings`).
 */
import { OptionsError, resolvePrinterOptions, validateSettings, type AnyTransform, type TransformSetting } from '../engine/index.js';
import { ConfigError } from './errors.js';
import type { LayerfixConfig } from './types.js';

/** The keys a configuration file may have, with what each expects (used in error messages). */
export const configKeys: Record<keyof LayerfixConfig, string> = {
  $schema: 'a string',
  root: 'true or false',
  transforms: 'an object mapping transform names to "off", true or an options object',
  plugins: 'an array of module paths or package names',
  overrides: 'an array of { files, transforms } objects',
  files: 'a pattern or an array of patterns',
  ignore: 'a pattern or an array of patterns',
  printWidth: 'a whole number of at least 20',
  indent: 'a number of spaces, a string of spaces or tabs, or "auto"',
  operatorPosition: '"end" or "start"',
  context: 'a folder, relative to the configuration file (the build context of its Dockerfiles)',
};

const overrideKeys = ['files', 'transforms', 'printWidth', 'indent', 'operatorPosition', 'context'] as const;

function fail(file: string, key: string, message: string): never {
  throw new ConfigError(`${file}: ${key}: ${message}`);
}

function expected(file: string, key: string, what: string, got: unknown): never {
  fail(file, key, `expected ${what}, got ${JSON.stringify(got) ?? String(got)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkPatterns(file: string, key: string, value: unknown): void {
  const ok = typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
  if (!ok) expected(file, key, configKeys.files, value);
}

function checkPrinter(file: string, key: string, data: Record<string, unknown>): void {
  for (const name of ['printWidth', 'indent', 'operatorPosition'] as const) {
    if (data[name] === undefined) continue;
    try {
      resolvePrinterOptions({ [name]: data[name] });
    } catch (error) {
      if (error instanceof OptionsError) fail(file, `${key}${name}`, error.message);
      throw error;
    }
  }
}

function checkContext(file: string, key: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) expected(file, key, configKeys.context, value);
}

function checkTransformsShape(file: string, key: string, value: unknown): void {
  if (!isObject(value)) expected(file, key, configKeys.transforms, value);
}

/** Validate the shape of one configuration's data. Throws ConfigError naming the file, the key and what was expected. */
export function validateConfig(data: unknown, file: string): LayerfixConfig {
  if (!isObject(data)) expected(file, '(top level)', 'an object', data);
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(configKeys, key)) fail(file, key, `unknown key; expected one of ${Object.keys(configKeys).join(', ')}`);
  }
  if (data.$schema !== undefined && typeof data.$schema !== 'string') expected(file, '$schema', configKeys.$schema, data.$schema);
  if (data.root !== undefined && typeof data.root !== 'boolean') expected(file, 'root', configKeys.root, data.root);
  if (data.transforms !== undefined) checkTransformsShape(file, 'transforms', data.transforms);
  if (data.plugins !== undefined) {
    if (!Array.isArray(data.plugins) || !data.plugins.every((p) => typeof p === 'string' && p.length > 0)) expected(file, 'plugins', configKeys.plugins, data.plugins);
  }
  for (const key of ['files', 'ignore'] as const) if (data[key] !== undefined) checkPatterns(file, key, data[key]);
  checkContext(file, 'context', data.context);
  checkPrinter(file, '', data);
  if (data.overrides !== undefined) {
    if (!Array.isArray(data.overrides)) expected(file, 'overrides', configKeys.overrides, data.overrides);
    data.overrides.forEach((override: unknown, i: number) => {
      const at = `overrides[${i}]`;
      if (!isObject(override)) expected(file, at, 'an object with files and transforms', override);
      for (const key of Object.keys(override)) {
        if (!(overrideKeys as readonly string[]).includes(key)) fail(file, `${at}.${key}`, `unknown key; expected one of ${overrideKeys.join(', ')}`);
      }
      if (override.files === undefined) fail(file, `${at}.files`, `missing; expected ${configKeys.files}`);
      checkPatterns(file, `${at}.files`, override.files);
      if (override.transforms !== undefined) checkTransformsShape(file, `${at}.transforms`, override.transforms);
      checkContext(file, `${at}.context`, override.context);
      checkPrinter(file, `${at}.`, override);
    });
  }
  return data as LayerfixConfig;
}

/** Check every transform setting of a configuration (top level and overrides) against the known transforms. */
export function checkTransformSettings(config: LayerfixConfig, file: string, transforms: readonly AnyTransform[]): void {
  const check = (key: string, settings: Record<string, TransformSetting> | undefined) => {
    for (const [name, setting] of Object.entries(settings ?? {})) {
      try {
        validateSettings({ [name]: setting }, transforms);
      } catch (error) {
        if (error instanceof OptionsError) fail(file, `${key}.${name}`, error.message);
        throw error;
      }
    }
  };
  check('transforms', config.transforms);
  config.overrides?.forEach((override, i) => check(`overrides[${i}].transforms`, override.transforms));
}
