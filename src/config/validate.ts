/**
 * Check the shape of a configuration file: known keys with values of the right type. Transform settings are
 * checked later against the transforms' option specs, once the plugins are known (see `checkTransformSettings`).
 * Every problem of a file is reported at once, each naming the file and the key, with a suggestion for a misspelt
 * key or transform name.
 */
import {
  didYouMean,
  OptionsError,
  resolvePrinterOptions,
  validateSettings,
  type AnyTransform,
  type TransformSetting,
} from '../engine/index.js';
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
  operatorPosition: '"auto", "end" or "start"',
  context: 'a folder, relative to the configuration file (the build context of its Dockerfiles)',
  target: 'the name of the stage its Dockerfiles are built to',
};

const overrideKeys = ['files', 'transforms', 'printWidth', 'indent', 'operatorPosition', 'context', 'target'] as const;

/** The problems found in one configuration file. */
class Problems {
  readonly list: string[] = [];

  constructor(private readonly file: string) {}

  fail(key: string, message: string): void {
    this.list.push(`${this.file}: ${key}: ${message}`);
  }

  expected(key: string, what: string, got: unknown): void {
    this.fail(key, `expected ${what}, got ${JSON.stringify(got) ?? String(got)}`);
  }

  unknownKey(key: string, at: string, known: readonly string[]): void {
    this.fail(at, `unknown key${didYouMean(key, known)}; expected one of ${known.join(', ')}`);
  }

  throwIfAny(): void {
    if (this.list.length) throw new ConfigError(this.list);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkPatterns(problems: Problems, key: string, value: unknown): void {
  const ok = typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
  if (!ok) problems.expected(key, configKeys.files, value);
}

function checkPrinter(problems: Problems, key: string, data: Record<string, unknown>): void {
  for (const name of ['printWidth', 'indent', 'operatorPosition'] as const) {
    if (data[name] === undefined) continue;
    try {
      resolvePrinterOptions({ [name]: data[name] });
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      problems.fail(`${key}${name}`, error.message);
    }
  }
}

function checkContext(problems: Problems, key: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || value.trim() === ''))
    problems.expected(key, configKeys.context, value);
}

function checkTarget(problems: Problems, key: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value)))
    problems.expected(key, configKeys.target, value);
}

function checkTransformsShape(problems: Problems, key: string, value: unknown): void {
  if (!isObject(value)) problems.expected(key, configKeys.transforms, value);
}

/** Validate the shape of one configuration's data. Throws ConfigError listing every problem, each naming the key. */
export function validateConfig(data: unknown, file: string): LayerfixConfig {
  const problems = new Problems(file);
  if (!isObject(data)) {
    problems.expected('(top level)', 'an object', data);
    problems.throwIfAny();
    return {};
  }
  const keys = Object.keys(configKeys);
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(configKeys, key)) problems.unknownKey(key, key, keys);
  }
  if (data.$schema !== undefined && typeof data.$schema !== 'string')
    problems.expected('$schema', configKeys.$schema, data.$schema);
  if (data.root !== undefined && typeof data.root !== 'boolean') problems.expected('root', configKeys.root, data.root);
  if (data.transforms !== undefined) checkTransformsShape(problems, 'transforms', data.transforms);
  if (data.plugins !== undefined) {
    if (!Array.isArray(data.plugins) || !data.plugins.every((p) => typeof p === 'string' && p.length > 0))
      problems.expected('plugins', configKeys.plugins, data.plugins);
  }
  for (const key of ['files', 'ignore'] as const) if (data[key] !== undefined) checkPatterns(problems, key, data[key]);
  checkContext(problems, 'context', data.context);
  checkTarget(problems, 'target', data.target);
  checkPrinter(problems, '', data);
  if (data.overrides !== undefined) {
    if (!Array.isArray(data.overrides)) problems.expected('overrides', configKeys.overrides, data.overrides);
    else {
      data.overrides.forEach((override: unknown, i: number) => {
        const at = `overrides[${i}]`;
        if (!isObject(override)) {
          problems.expected(at, 'an object with files and transforms', override);
          return;
        }
        for (const key of Object.keys(override)) {
          if (!(overrideKeys as readonly string[]).includes(key))
            problems.unknownKey(key, `${at}.${key}`, overrideKeys);
        }
        if (override.files === undefined) problems.fail(`${at}.files`, `missing; expected ${configKeys.files}`);
        else checkPatterns(problems, `${at}.files`, override.files);
        if (override.transforms !== undefined) checkTransformsShape(problems, `${at}.transforms`, override.transforms);
        checkContext(problems, `${at}.context`, override.context);
        checkTarget(problems, `${at}.target`, override.target);
        checkPrinter(problems, `${at}.`, override);
      });
    }
  }
  problems.throwIfAny();
  return data as LayerfixConfig;
}

/**
 * Check every transform setting of a configuration (top level and overrides) against the known transforms: names
 * (with a suggestion for a misspelt one), option names, option types and regular expressions. Throws ConfigError
 * listing every problem.
 */
export function checkTransformSettings(
  config: LayerfixConfig,
  file: string,
  transforms: readonly AnyTransform[],
): void {
  const problems = new Problems(file);
  const check = (key: string, settings: Record<string, TransformSetting> | undefined) => {
    for (const [name, setting] of Object.entries(settings ?? {})) {
      // Each option on its own, so that every bad option of a transform is reported.
      const parts: Record<string, TransformSetting>[] =
        isObject(setting) && Object.keys(setting).length > 1
          ? Object.entries(setting).map(([k, v]) => ({ [name]: { [k]: v } }))
          : [{ [name]: setting }];
      for (const part of parts) {
        try {
          validateSettings(part, transforms);
        } catch (error) {
          if (!(error instanceof OptionsError)) throw error;
          problems.fail(`${key}.${name}`, error.message);
          if (error.message.startsWith('Unknown transform')) break;
        }
      }
    }
  };
  check('transforms', config.transforms);
  config.overrides?.forEach((override, i) => check(`overrides[${i}].transforms`, override.transforms));
  problems.throwIfAny();
}
