/**
 * `layerfixText`: one Dockerfile given as text (e.g. stdin), configured as if it lived at `filepath`.
 */
import { resolve } from 'node:path';
import { ConfigResolver } from '../config/resolver.js';
import { displayPath } from './display.js';
import { Planner } from './planner.js';
import { failure } from './failure.js';
import { processFile } from './process-file.js';
import type { FileResult, LayerfixFilesOptions } from './types.js';

/** Options of `layerfixText`: those of `layerfixFiles` that apply to one text, and where the text belongs. */
export interface LayerfixTextOptions extends Pick<
  LayerfixFilesOptions,
  'cwd' | 'only' | 'skip' | 'config' | 'diff' | 'fixes' | 'context' | 'target'
> {
  /** Where the text would live: picks the configuration, names it in messages (default `Dockerfile`). */
  filepath?: string;
}

/** The result for one text, with the plugin modules its configuration loaded. */
export interface TextResult extends FileResult {
  plugins: string[];
}

/** Run layerfix on one text. The result's `output` is the new text. Throws ConfigError for invalid configuration. */
export async function layerfixText(text: string, options: LayerfixTextOptions = {}): Promise<TextResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const absolutePath = resolve(cwd, options.filepath ?? 'Dockerfile');
  const path = displayPath(cwd, absolutePath);
  const planner = new Planner(new ConfigResolver({ cwd, config: options.config }), options.only, options.skip, {
    cwd,
    context: options.context,
    target: options.target,
  });
  const plan = await planner.plan(absolutePath);
  await planner.checkNames();
  const processed =
    'error' in plan
      ? { ...failure(plan.error.ruleId, plan.error.message), output: text }
      : await processFile({
          path: absolutePath,
          display: path,
          settings: plan.settings,
          text,
          want: { diff: options.diff ?? true, output: true, fixes: options.fixes },
        });
  const { status, messages, changes, diff, output, replacements } = processed;
  const build = 'build' in processed ? processed.build : undefined;
  const plugins = 'settings' in plan ? plan.settings.plugins : [];
  return {
    path,
    absolutePath,
    status,
    written: false,
    messages,
    changes,
    output: output ?? text,
    plugins,
    ...(diff ? { diff } : {}),
    ...(replacements ? { replacements } : {}),
    ...(build ? { build } : {}),
  };
}
