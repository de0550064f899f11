/**
 * Transform settings: validation against the option specs, defaults, and the JSON Schema they generate.
 */
import type { EnabledTransform } from './passes.js';
import { didYouMean } from './suggest.js';
import type { AnyTransform, OptionSpec, PipelineOptions, PrinterOptions, TransformSetting } from './types.js';

/** A configuration or option that is not valid; its message says where, what was given and what was expected. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

/** The printer options every transform shares, declared as data like transform options. */
export const printerOptionSpecs = {
  printWidth: {
    type: 'number',
    default: 80,
    min: 20,
    integer: true,
    description: 'Line width the printer aims for when it lays out new or edited instructions.',
  },
  indent: {
    type: 'string',
    default: 'auto',
    description:
      'Indentation of continuation lines: a number of spaces, a literal string, or "auto" to detect it from the file (else 4 spaces).',
  },
  operatorPosition: {
    type: 'enum',
    default: 'auto',
    values: ['auto', 'end', 'start'],
    description:
      'Where `&&` goes when a chain breaks over lines: at the end of a line, at the start of the next, or "auto": where most of the file\'s chains put it (else at the end).',
  },
} as const satisfies Record<string, OptionSpec>;

/** Resolve and validate the printer options. */
export function resolvePrinterOptions(given: Partial<PrinterOptions>): PrinterOptions {
  const printWidth = given.printWidth ?? printerOptionSpecs.printWidth.default;
  if (!Number.isInteger(printWidth) || printWidth < 20) {
    throw new OptionsError(
      `Invalid printWidth: got ${JSON.stringify(given.printWidth)}, expected a whole number of at least 20`,
    );
  }
  const indent = given.indent ?? 'auto';
  if (
    !(typeof indent === 'number'
      ? Number.isInteger(indent) && indent >= 0 && indent <= 16
      : /^(auto|[ \t]*|\d+)$/.test(indent))
  ) {
    throw new OptionsError(
      `Invalid indent: got ${JSON.stringify(indent)}, expected a number of spaces (0-16), a string of spaces or tabs, or "auto"`,
    );
  }
  const operatorPosition = given.operatorPosition ?? 'auto';
  if (operatorPosition !== 'end' && operatorPosition !== 'start' && operatorPosition !== 'auto') {
    throw new OptionsError(
      `Invalid operatorPosition: got ${JSON.stringify(operatorPosition)}, expected "auto", "end" or "start"`,
    );
  }
  return { printWidth, indent, operatorPosition };
}

/** Why `source` is not a valid regular expression, or undefined when it is. */
export function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

/** What is wrong with the strings of an option whose spec has a format, or undefined. */
function formatMismatch(spec: OptionSpec, value: unknown): string | undefined {
  if (!('format' in spec) || spec.format !== 'regex') return undefined;
  for (const item of typeof value === 'string' ? [value] : (value as string[])) {
    const problem = regexProblem(item);
    if (problem) return `${JSON.stringify(item)} is not a valid regular expression (${problem})`;
  }
  return undefined;
}

/** Check one option value against its spec; returns what was expected when it does not fit. */
function mismatch(spec: OptionSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'number': {
      const expected = `a${spec.integer ? ' whole' : ''} number${spec.min !== undefined ? ` >= ${spec.min}` : ''}${spec.max !== undefined ? ` <= ${spec.max}` : ''}`;
      if (typeof value !== 'number' || Number.isNaN(value)) return expected;
      if (
        (spec.integer && !Number.isInteger(value)) ||
        (spec.min !== undefined && value < spec.min) ||
        (spec.max !== undefined && value > spec.max)
      )
        return expected;
      return undefined;
    }
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? undefined
        : `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? undefined
        : 'an array of strings';
  }
}

/** The resolved options of one transform: its defaults overridden by `setting`. Throws OptionsError. */
export function resolveTransformOptions(
  transform: AnyTransform,
  setting: TransformSetting | undefined,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(transform.options as Record<string, OptionSpec>)) {
    resolved[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  if (setting === undefined || typeof setting === 'boolean' || setting === 'on' || setting === 'off') return resolved;
  for (const [key, value] of Object.entries(setting)) {
    const spec = (transform.options as Record<string, OptionSpec>)[key];
    if (!spec) {
      const known = Object.keys(transform.options);
      throw new OptionsError(
        `Unknown option "${key}" for transform "${transform.name}"${didYouMean(key, known)}; expected ${known.length ? `one of ${known.join(', ')}` : 'no options'}`,
      );
    }
    const expected = mismatch(spec, value);
    if (expected) {
      throw new OptionsError(
        `Invalid option "${key}" for transform "${transform.name}": got ${JSON.stringify(value)}, expected ${expected}`,
      );
    }
    const invalid = formatMismatch(spec, value);
    if (invalid) throw new OptionsError(`Invalid option "${key}" for transform "${transform.name}": ${invalid}`);
    resolved[key] = value;
  }
  return resolved;
}

/** Whether a setting turns its transform on, given the transform's default. */
export function isEnabled(transform: AnyTransform, setting: TransformSetting | undefined): boolean {
  if (setting === undefined) return transform.defaultEnabled;
  return setting !== false && setting !== 'off';
}

/** The transforms of `all` that run under `options`, in their order, with resolved options. Throws OptionsError. */
export function resolveEnabled(all: readonly AnyTransform[], options: PipelineOptions): EnabledTransform[] {
  const settings = options.transforms ?? {};
  validateSettings(settings, all);
  const known = new Set(all.map((t) => t.name));
  for (const name of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!known.has(name))
      throw new OptionsError(
        `Unknown transform "${name}"${didYouMean(name, known)}; expected one of ${[...known].join(', ')}`,
      );
  }
  return all
    .filter((t) => (options.only ? options.only.includes(t.name) : isEnabled(t, settings[t.name])))
    .filter((t) => !options.skip?.includes(t.name))
    .map((transform) => ({ transform, options: resolveTransformOptions(transform, settings[transform.name]) }));
}

/** Validate the `transforms` settings of a configuration against the known transforms. Throws OptionsError. */
export function validateSettings(
  settings: Record<string, TransformSetting>,
  transforms: readonly AnyTransform[],
): void {
  const byName = new Map(transforms.map((transform) => [transform.name, transform]));
  for (const [name, setting] of Object.entries(settings)) {
    const transform = byName.get(name);
    if (!transform) {
      throw new OptionsError(
        `Unknown transform "${name}"${didYouMean(name, byName.keys())}; expected one of ${[...byName.keys()].join(', ')}`,
      );
    }
    const ok =
      typeof setting === 'boolean' ||
      setting === 'on' ||
      setting === 'off' ||
      (typeof setting === 'object' && setting !== null && !Array.isArray(setting));
    if (!ok) {
      throw new OptionsError(
        `Invalid setting for transform "${name}": got ${JSON.stringify(setting)}, expected true, false, "on", "off" or an options object`,
      );
    }
    resolveTransformOptions(transform, setting);
  }
}

/** The JSON Schema of one option spec. */
function specSchema(spec: OptionSpec): Record<string, unknown> {
  const common = { description: spec.description, default: spec.default };
  switch (spec.type) {
    case 'boolean':
      return { type: 'boolean', ...common };
    case 'number':
      return {
        type: spec.integer ? 'integer' : 'number',
        ...common,
        ...(spec.min !== undefined ? { minimum: spec.min } : {}),
        ...(spec.max !== undefined ? { maximum: spec.max } : {}),
      };
    case 'string':
      return { type: 'string', ...(spec.format ? { format: spec.format } : {}), ...common };
    case 'enum':
      return { enum: [...spec.values], ...common };
    case 'string[]':
      return { type: 'array', items: { type: 'string', ...(spec.format ? { format: spec.format } : {}) }, ...common };
  }
}

/** A JSON Schema for the `transforms` key of a configuration, generated from the transforms' option specs. */
export function optionsSchema(transforms: readonly AnyTransform[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const transform of transforms) {
    const options: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(transform.options as Record<string, OptionSpec>))
      options[key] = specSchema(spec);
    properties[transform.name] = {
      description: `${transform.description} (${transform.defaultEnabled ? 'on' : 'off'} by default)`,
      oneOf: [
        { type: 'boolean' },
        { enum: ['on', 'off'] },
        { type: 'object', properties: options, additionalProperties: false },
      ],
    };
  }
  return { type: 'object', properties, additionalProperties: false };
}

/** JSON Schema entries for the printer options. */
export function printerOptionsSchema(): Record<string, unknown> {
  return {
    printWidth: specSchema(printerOptionSpecs.printWidth),
    indent: {
      oneOf: [{ type: 'integer', minimum: 0, maximum: 16 }, { type: 'string' }],
      description: printerOptionSpecs.indent.description,
      default: 'auto',
    },
    operatorPosition: specSchema(printerOptionSpecs.operatorPosition),
  };
}
