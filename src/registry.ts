/**
 * The one list of transforms a run knows: the built-ins, then those of plugins, each name once. Everything that needs
 * "the transforms" (the pipeline, configuration checks, listings, SARIF rules, documentation) gets them here.
 */
import { builtinTransforms } from '../transforms/index.js';
import {
  createPipeline,
  OptionsError,
  type AnyTransform,
  type Pipeline,
  type TransformOptions,
  type TransformResult,
} from './engine/index.js';

export { builtinTransforms };

/** The built-in transforms followed by `plugins`; throws OptionsError when a plugin's name is already taken. */
export function transformList(plugins: readonly AnyTransform[] = []): readonly AnyTransform[] {
  if (!plugins.length) return builtinTransforms;
  const taken = new Set(builtinTransforms.map((t) => t.name));
  for (const plugin of plugins) {
    if (taken.has(plugin.name))
      throw new OptionsError(`Transform name "${plugin.name}" is already taken; rename the plugin's transform`);
    taken.add(plugin.name);
  }
  return [...builtinTransforms, ...plugins];
}

/** Pipelines made so far, by the names of their plugins' transforms (a run has one or a few plugin sets). */
const pipelines = new Map<string, { plugins: readonly AnyTransform[]; pipeline: Pipeline }>();

/** The pipeline over the built-ins and `plugins`, made once per set of plugin transforms. Throws OptionsError. */
export function pipelineWith(plugins: readonly AnyTransform[] = []): Pipeline {
  const key = plugins.map((t) => t.name).join('\0');
  const made = pipelines.get(key);
  if (made && made.plugins.length === plugins.length && made.plugins.every((t, i) => t === plugins[i]))
    return made.pipeline;
  const pipeline = createPipeline(transformList(plugins));
  pipelines.set(key, { plugins: [...plugins], pipeline });
  return pipeline;
}

/** Run the built-in transforms, and those of `options.plugins`, on one Dockerfile text. Throws OptionsError for invalid options. */
export function transform(text: string, options: TransformOptions = {}): Promise<TransformResult> {
  const { plugins, ...rest } = options;
  return pipelineWith(plugins).transform(text, rest);
}
