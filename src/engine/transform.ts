/**
 * The whole pipeline on one string: parse, transforms to a fixed point, guard, print. Built as unified plugins over
 * plain functions, so each step also works without unified.
 */
import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { parse } from '../syntax/parse.js';
import { print } from '../syntax/print.js';
import type { Root } from '../syntax/types.js';
import { builtinTransforms } from '../../transforms/index.js';
import { report } from './messages.js';
import { isEnabled, OptionsError, resolvePrinterOptions, resolveTransformOptions, validateSettings } from './options.js';
import { runTransforms, type EnabledTransform } from './run.js';
import type { AnyTransform, LayerfixMessage, PrinterOptions, TransformOptions, TransformResult } from './types.js';

/** unified parser plugin: text to layerfix's lossless tree, parse diagnostics as messages. */
export const layerfixParse: Plugin<[], string, Root> = function () {
  this.parser = (text, file) => {
    const root = parse(text);
    for (const d of root.data.diagnostics) {
      report(file, d.severity, d.reason, d.ruleId, { start: { line: d.line, column: d.column, offset: 0 }, end: { line: d.line, column: d.column, offset: 0 } });
    }
    return root;
  };
};

/** unified compiler plugin: the tree back to text. */
export const layerfixStringify: Plugin<[], Root, string> = function () {
  this.compiler = (tree) => print(tree as Root);
};

declare module 'vfile' {
  interface DataMap {
    /** The text the transforms printed and the guard checked, set by `layerfixTransforms`. */
    layerfixOutput: string;
  }
}

/**
 * unified transformer plugin: the enabled transforms to a fixed point, then the guard. The checked output is left in
 * `file.data.layerfixOutput`.
 */
export const layerfixTransforms: Plugin<[EnabledTransform[], PrinterOptions], Root> = function (enabled, printer) {
  return async (tree, file) => {
    const root = tree as Root;
    if (file.messages.some((m) => m.fatal)) return;
    const before = root.children.slice();
    const output = await runTransforms(root, file, enabled, printer);
    if (output === undefined) root.children = before;
    else file.data.layerfixOutput = output;
  };
};

/** All known transforms: the built-ins, then those from plugins (a name clash is an OptionsError). */
export function allTransforms(plugins: AnyTransform[] = []): AnyTransform[] {
  const names = new Set(builtinTransforms.map((t) => t.name));
  for (const plugin of plugins) {
    if (names.has(plugin.name)) throw new OptionsError(`Transform name "${plugin.name}" is already taken; rename the plugin's transform`);
    names.add(plugin.name);
  }
  return [...builtinTransforms, ...plugins];
}

/** The default transforms with their default options: resolved once, as most calls ask for exactly these. */
let defaults: EnabledTransform[] | undefined;

/** The transforms that run under `options`, in their stable order, with resolved options. Throws OptionsError. */
export function enabledTransforms(options: TransformOptions = {}): EnabledTransform[] {
  if (!options.plugins && !options.transforms && !options.only && !options.skip) return (defaults ??= resolveEnabled({}));
  return resolveEnabled(options);
}

function resolveEnabled(options: TransformOptions): EnabledTransform[] {
  const all = allTransforms(options.plugins);
  const settings = options.transforms ?? {};
  validateSettings(settings, all);
  const known = new Set(all.map((t) => t.name));
  for (const name of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!known.has(name)) throw new OptionsError(`Unknown transform "${name}"; expected one of ${[...known].join(', ')}`);
  }
  return all
    .filter((t) => (options.only ? options.only.includes(t.name) : isEnabled(t, settings[t.name])))
    .filter((t) => !options.skip?.includes(t.name))
    .map((transform) => ({ transform, options: resolveTransformOptions(transform, settings[transform.name]) }));
}

/** The largest text the pipeline rewrites: 100 times the largest real Dockerfile we have seen (10 KB). */
export const MAX_FILE_SIZE = 1024 * 1024;

/** Run the whole pipeline on one Dockerfile text. Throws OptionsError for invalid options, never for bad input. */
export async function transform(text: string, options: TransformOptions = {}): Promise<TransformResult> {
  const enabled = enabledTransforms(options);
  const printer = resolvePrinterOptions(options);
  const file = new VFile({ value: text, ...(options.path ? { path: options.path } : {}) });
  if (text.length > MAX_FILE_SIZE) {
    const size = (text.length / 1024 / 1024).toFixed(1);
    const message = report(file, 'error', `File is too large to rewrite (${size} MiB); layerfix rewrites Dockerfiles up to 1 MiB`, 'file-too-large');
    return { text, changed: false, messages: [message], status: 'error' };
  }
  const processor = unified().use(layerfixParse).use(layerfixTransforms, enabled, printer).use(layerfixStringify);
  const tree = processor.parse(file);
  await processor.run(tree, file);
  const failed = file.messages.some((m) => m.fatal);
  // Nothing runs between the transforms and here, so the text they printed is the tree's text.
  const out = failed ? text : (file.data.layerfixOutput ?? processor.stringify(tree as Root, file));
  const messages = (file.messages as LayerfixMessage[]).slice().sort(bySource);
  const changed = out !== text;
  return { text: out, changed, messages, status: failed ? 'error' : changed ? 'changed' : 'unchanged' };
}

function bySource(a: LayerfixMessage, b: LayerfixMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
