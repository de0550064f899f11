/**
 * WorkdirRelativePath: the first WORKDIR of a stage (and the stages it is built on) is relative, so where it lands
 * depends on the base image's working directory. The fix writes the absolute path where layerfix knows that directory
 * (`scratch`, an official image it knows, an earlier absolute WORKDIR); BuildKit resolves the relative path to the same
 * place, so the build is the same (on by default).
 */
import { posix } from 'node:path';
import { goQuote } from '../../src/engine/index.js';
import { pathScopes, IMAGE_WORKDIR, isWindowsImage, stageBases } from '../../src/analysis/index.js';
import { defineCheck, fixOption } from './support.js';
import { dispatchStates } from './dispatch.js';
import { expandWord } from './words.js';

export default defineCheck({
  rule: 'WorkdirRelativePath',
  description: 'Report a first WORKDIR that is relative (BuildKit\'s WorkdirRelativePath); the fix writes the absolute path where the working directory before it is known, which builds the same (on by default).',
  meaning: 'declared',
  options: fixOption(true, 'Write the relative path as the absolute one, where the working directory before it is known (BuildKit resolves it to the same folder).'),
  run(ctx, check) {
    if (!check.facts.names.has('workdir') || !check.facts.views.some((view) => view.name === 'workdir' && !/^([A-Za-z]:)?[\\/]/.test(view.args))) return;
    const states = dispatchStates(ctx.root, ctx.build.args);
    const scopes = pathScopes(ctx.root);
    const bases = stageBases(ctx.root);
    for (const stage of check.facts.stages) {
      const base = bases.get(stage);
      if (!check.dispatches(stage) || (base && 'image' in base && isWindowsImage(base.image))) continue;
      for (const view of stage.instructions) {
        const state = states.get(view.node);
        if (view.name !== 'workdir' || !state || state.workdirSet) continue;
        const path = expandWord(view.args, state.env, ctx.root.data.escape).value;
        if (path === undefined) {
          if (check.on(view.node)) check.declined(view.node, `Cannot tell whether WORKDIR ${view.args} is relative: it uses a variable layerfix cannot evaluate`);
          continue;
        }
        // A drive or a backslash root (`C:/app`, `\app`) is absolute in a Windows stage, which a base image can be.
        if (path.startsWith('/') || /^([A-Za-z]:)?[\\/]/.test(path) || !check.on(view.node)) continue;
        const before = scopes.get(view.node)?.workdir;
        const known = before !== undefined && !before.startsWith(IMAGE_WORKDIR);
        const literal = path === view.args;
        if (!ctx.options.fix || !known || !literal) {
          if (ctx.options.fix) check.declined(view.node, !literal ? `Kept WORKDIR ${view.args}: it is written with variables or quotes` : `Kept WORKDIR ${view.args}: the working directory before it comes from the base image, which layerfix does not know`);
          check.warn(view.node, `Relative workdir ${goQuote(path)} can have unexpected results if the base image changes`);
          continue;
        }
        const absolute = posix.join(before, path);
        const created = ctx.edit.editLogical(view.node, [{ start: view.argsStart, end: view.argsEnd, text: absolute }]);
        check.fixed(created, { done: `Wrote WORKDIR ${path} as ${absolute}`, planned: `Would write WORKDIR ${path} as ${absolute}` });
      }
    }
  },
});
