/**
 * The whole pipeline on one string: parse, transforms to a fixed point, guard, print. Built as unified plugins over
 * plain functions, so each step also works without unified.
 */
import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { parse } from '../syntax/parse.js';
import { print } from '../syntax/print.js';
import type { Root } from '../syntax/types.js';
import { DEADLINE, Deadline, DeadlineError } from './deadline.js';
import { report } from './messages.js';
import { OptionsError, resolveEnabled, resolvePrinterOptions } from './options.js';
import { runTransforms, type EnabledTransform } from './passes.js';
import type {
  AnyTransform,
  BuildSettings,
  LayerfixMessage,
  PipelineOptions,
  PrinterOptions,
  TransformContext,
  TransformResult,
} from './types.js';

/** unified parser plugin: text to layerfix's lossless tree, parse diagnostics as messages. */
export const layerfixParse: Plugin<[], string, Root> = function () {
  this.parser = (text, file) => {
    const root = parse(text);
    for (const d of root.data.diagnostics) {
      report(file, d.severity, d.reason, d.ruleId, {
        start: { line: d.line, column: d.column, offset: 0 },
        end: { line: d.line, column: d.column, offset: 0 },
      });
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
export const layerfixTransforms: Plugin<[EnabledTransform[], PrinterOptions, BuildSettings?], Root> = function (
  enabled,
  printer,
  build = {},
) {
  return async (tree, file) => {
    const root = tree as Root;
    if (file.messages.some((m) => m.fatal)) return;
    // Text builders read differently (the parse warning says which): no rewrite can be proven for all of them.
    if (root.data.diagnostics.some((d) => d.ruleId === 'builder-dependent')) return;
    const before = root.children.slice();
    const output = await runTransforms(root, file, enabled, printer, build);
    if (output === undefined) root.children = before;
    else file.data.layerfixOutput = output;
  };
};

/** The transforms one pipeline knows, with the enabled lists it resolved (the default one is asked for most). */
export interface Pipeline {
  /** Every transform it knows, in run order. */
  readonly transforms: readonly AnyTransform[];
  /** The transforms that run under `options`, in run order, with resolved options. Throws OptionsError. */
  enabled(options?: PipelineOptions): EnabledTransform[];
  /** Run the pipeline on one Dockerfile text. Throws OptionsError for invalid options, never for bad input. */
  transform(text: string, options?: PipelineOptions): Promise<TransformResult>;
}

/**
 * A pipeline over a list of transforms, given as data (as ESLint's Linter is given its rules): the engine knows no
 * transform of its own. Throws OptionsError when two transforms share a name.
 */
export function createPipeline(transforms: readonly AnyTransform[]): Pipeline {
  const names = new Set<string>();
  for (const t of transforms) {
    if (names.has(t.name))
      throw new OptionsError(`Transform name "${t.name}" is used twice; every transform needs its own name`);
    names.add(t.name);
  }
  let defaults: EnabledTransform[] | undefined;
  // The lists resolved for other options, by their settings as data: a caller running one file at a time with the
  // same options (the API's `transform(text, { skip })`) resolves and validates them once.
  const resolved = new Map<string, EnabledTransform[]>();
  const enabled = (options: PipelineOptions = {}): EnabledTransform[] => {
    if (!options.transforms && !options.only && !options.skip) return (defaults ??= resolveEnabled(transforms, {}));
    const key = JSON.stringify([options.transforms, options.only, options.skip], (_, value: unknown) =>
      typeof value === 'function' || value instanceof RegExp ? `\0${String(value)}` : value,
    );
    let list = resolved.get(key);
    if (!list) {
      list = resolveEnabled(transforms, options);
      if (resolved.size >= RESOLVED_LISTS) resolved.delete(resolved.keys().next().value!);
      resolved.set(key, list);
    }
    return list;
  };
  return { transforms, enabled, transform: (text, options = {}) => runPipeline(text, enabled(options), options) };
}

/** How many resolved lists of transforms a pipeline keeps besides the default one. */
const RESOLVED_LISTS = 16;

/** The largest text the pipeline rewrites: 100 times the largest real Dockerfile we have seen (10 KB). */
export const MAX_FILE_SIZE = 1024 * 1024;

/** Run the given transforms on one Dockerfile text (printer options and path from `options`). */
async function runPipeline(
  text: string,
  enabled: EnabledTransform[],
  options: PipelineOptions,
): Promise<TransformResult> {
  const printer = resolvePrinterOptions(options);
  const file = new VFile({ value: text, ...(options.path ? { path: options.path } : {}) });
  if (text.length > MAX_FILE_SIZE) {
    const size = (text.length / 1024 / 1024).toFixed(1);
    const message = report(
      file,
      'error',
      `File is too large to rewrite (${size} MiB); layerfix rewrites Dockerfiles up to 1 MiB`,
      'file-too-large',
    );
    return { text, changed: false, messages: [message], status: 'error' };
  }
  // A time limit: each transform's context and the editor check the clock (see deadline.ts).
  const deadline = options.timeoutMs === undefined ? undefined : new Deadline(options.timeoutMs);
  const run = deadline
    ? enabled.map(({ transform, options }) => ({ transform: withDeadline(transform, deadline), options }))
    : enabled;
  const processor = unified()
    .use(layerfixParse)
    .use(layerfixTransforms, run, printer, options.build)
    .use(layerfixStringify);
  const tree = processor.parse(file);
  if (deadline) (tree as { [DEADLINE]?: Deadline })[DEADLINE] = deadline;
  try {
    await processor.run(tree, file);
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    const message = report(file, 'error', error.message, 'timeout');
    return { text, changed: false, messages: [message], status: 'error' };
  }
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

/** `transform` with a `run` whose context checks `deadline` before each of its calls (and the editor before each edit). */
function withDeadline(transform: AnyTransform, deadline: Deadline): AnyTransform {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = (ctx: TransformContext<any>) => {
    deadline.check();
    const checked =
      (fn: (...args: never[]) => unknown) =>
      (...args: never[]) => {
        deadline.check();
        return fn(...args);
      };
    return transform.run({
      ...ctx,
      instructions: checked(ctx.instructions),
      shellView: checked(ctx.shellView),
      enabledFor: checked(ctx.enabledFor),
      changed: checked(ctx.changed),
      skipped: checked(ctx.skipped),
    } as typeof ctx);
  };
  return { ...transform, run };
}
