/**
 * JSONArgsRecommended: a shell-form `CMD` or `ENTRYPOINT` where no `SHELL` is in effect runs under `/bin/sh -c`, so the
 * program is not PID 1 and does not get signals. The fix writes it as a JSON array where that is provably the same
 * command (as `exec-form` does); the image's command changes, so it is off by default.
 */
import { positionText } from '../../src/engine/index.js';
import { shellsInEffect, stageBases } from '../../src/analysis/index.js';
import { execEdits } from '../shared/exec-form-words.js';
import { defineCheck, fixOption } from './support.js';

export default defineCheck({
  rule: 'JSONArgsRecommended',
  description:
    "Report a shell-form CMD or ENTRYPOINT under the default shell (BuildKit's JSONArgsRecommended); the fix writes it as a JSON array where that is the same command (off by default: the image's command changes).",
  meaning: 'declared',
  options: fixOption(
    false,
    'Write the instruction as a JSON array where its words are one plain command (as exec-form does); the program then runs without /bin/sh -c, as PID 1.',
  ),
  run(ctx, check) {
    const { names } = check.facts;
    if (
      (!names.has('cmd') && !names.has('entrypoint')) ||
      !check.facts.views.some((view) => (view.name === 'cmd' || view.name === 'entrypoint') && view.form === 'shell')
    )
      return;
    // Whether a SHELL is in effect at the end of each named stage (a stage built on it starts with it).
    const shellAtEnd = new Map<string, boolean>();
    const bases = stageBases(ctx.root);
    for (const stage of check.facts.stages) {
      const base = bases.get(stage);
      let shell = base && 'stage' in base ? (shellAtEnd.get(base.stage) ?? false) : false;
      for (const view of stage.instructions) {
        if (view.name === 'shell') shell = true;
        if (
          (view.name !== 'cmd' && view.name !== 'entrypoint') ||
          view.form !== 'shell' ||
          shell ||
          !check.dispatches(stage) ||
          !check.on(view.node)
        )
          continue;
        const keyword = view.keyword.toUpperCase();
        const detail = `JSON arguments recommended for ${view.keyword} to prevent unintended behavior related to OS signals`;
        if (!ctx.options.fix) {
          check.warn(view.node, detail);
          continue;
        }
        // The shell the conversion reads the text with: a Windows stage runs cmd, which exec form is not proven equal to.
        const found = execEdits(ctx, view, shellsInEffect(ctx.root).get(view.node) ?? null);
        if (typeof found === 'string') {
          check.declined(
            view.node,
            `Kept ${keyword} at ${positionText(ctx.edit.originOf(view.node))} in shell form: ${found}`,
          );
          check.warn(view.node, detail);
          continue;
        }
        const created = ctx.edit.editWords(view.node, found.edits);
        check.fixed(created, {
          done: `Wrote ${keyword} in JSON (exec) form: ${found.program} now runs without /bin/sh -c`,
          planned: `Would write ${keyword} in JSON (exec) form: ${found.program} would run without /bin/sh -c`,
        });
      }
      if (stage.name) shellAtEnd.set(stage.name.toLowerCase(), shell);
    }
  },
});
