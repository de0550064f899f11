/**
 * CopyIgnoredFile: a COPY or ADD from the build context names a path its `.dockerignore` leaves out, so it copies
 * nothing (or fails). As BuildKit does, nothing is checked when the ignore file has `!` exceptions (a folder left out
 * may have files brought back), and the context root only when every entry is left out (`*`, `**`). Report only.
 */
import { posix } from 'node:path';
import { readFileSync } from 'node:fs';
import { goQuote } from '../../src/engine/index.js';
import { DockerIgnore, openBuildContext, parseDockerignore, type BuildContext } from '../../src/analysis/index.js';
import { defineCheck } from './support.js';
import { copyWords, dispatchStates, expandAt } from './dispatch.js';

/** Patterns that leave every entry of the context root out. */
const EVERYTHING = new Set(['*', '**', '**/*']);

export default defineCheck({
  rule: 'CopyIgnoredFile',
  description:
    "Report a COPY or ADD of a path the build context's .dockerignore leaves out (BuildKit's CopyIgnoredFile); report only.",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    if (ctx.build.contextUnknown || !ctx.file.path || (!check.facts.names.has('copy') && !check.facts.names.has('add')))
      return;
    const lookup = openBuildContext(ctx.file.path, ctx.build.context ?? '', ctx.build.ignoreFile);
    if (!('context' in lookup)) return;
    const rules = ignoreRules(lookup.context);
    if (!rules) return;
    const states = dispatchStates(ctx.root, ctx.build.args);
    for (const stage of check.facts.stages) {
      if (!check.dispatches(stage)) continue;
      for (const view of stage.instructions) {
        if (view.name !== 'add' && (view.name !== 'copy' || view.flags.some((flag) => flag.name === 'from'))) continue;
        const state = states.get(view.node);
        for (const word of copyWords(view).slice(0, -1)) {
          const source = expandAt(word, state, ctx.root.data.escape);
          if (source === undefined || /^(https?:\/\/|git@)/.test(source) || source.endsWith('.git')) continue;
          const clean = posix.normalize(source.replace(/\\/g, '/')).replace(/(.)\/+$/, '$1');
          const root = clean === '.' || clean === '/';
          if (root ? !rules.everything : clean.startsWith('/') || !rules.matcher.ignores(clean)) continue;
          if (!check.on(view.node)) continue;
          check.warn(
            view.node,
            `Attempting to ${view.name === 'add' ? 'Add' : 'Copy'} file ${goQuote(clean)} that is excluded by .dockerignore`,
          );
        }
      }
    }
  },
});

/** The ignore rules of a build context, or undefined when BuildKit does not check against them (none, or `!` exceptions). */
function ignoreRules(context: BuildContext): { matcher: DockerIgnore; everything: boolean } | undefined {
  if (!context.ignoreFile) return undefined;
  let text: string;
  try {
    text = readFileSync(
      posix.isAbsolute(context.ignoreFile) ? context.ignoreFile : posix.join(context.dir, context.ignoreFile),
      'utf8',
    );
  } catch {
    return undefined;
  }
  const patterns = parseDockerignore(text);
  if (!patterns.length || patterns.some((pattern) => pattern.exclusion)) return undefined;
  return { matcher: new DockerIgnore(text), everything: patterns.some((pattern) => EVERYTHING.has(pattern.pattern)) };
}
