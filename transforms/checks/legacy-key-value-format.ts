/**
 * LegacyKeyValueFormat: `ENV key value` / `LABEL key value` without `=`. The fix writes `key="value"` (shared with
 * `format`'s legacyEnv) where the value reads the same quoted; BuildKit reads both as the same pair, so the build is
 * the same. Off by default all the same: it rewrites the spelling of most legacy files of a codebase (286 of the 464
 * of the test corpus), a style change like `format`'s legacyEnv, which is off by default too.
 */

import { legacyPairEdit } from '../shared/spellings.js';
import { defineCheck, fixOption } from './support.js';

export default defineCheck({
  rule: 'LegacyKeyValueFormat',
  description:
    'Report the legacy `ENV key value` / `LABEL key value` form (BuildKit\'s LegacyKeyValueFormat); the fix writes `key="value"`, which builds the same (off by default: a change of spelling across most legacy files, like format\'s legacyEnv).',
  meaning: 'declared',
  options: fixOption(
    false,
    'Write `key="value"` (`key=value` when the value is one word) where it reads the same (BuildKit reads the same pair).',
  ),
  run(ctx, check) {
    if (!check.facts.names.has('env') && !check.facts.names.has('label')) return;
    for (const stage of check.facts.stages) {
      if (!check.dispatches(stage)) continue;
      for (const view of stage.instructions) {
        if (
          (view.name !== 'env' && view.name !== 'label') ||
          !view.pairs?.some((pair) => pair.form === 'legacy') ||
          !check.on(view.node)
        )
          continue;
        const keyword = view.keyword.toUpperCase();
        const edit = ctx.options.fix ? legacyPairEdit(view, ctx.root.data.escape) : undefined;
        if (typeof edit !== 'object') {
          if (edit) check.declined(view.node, `Kept ${keyword} in the legacy form: ${edit}`);
          check.warn(
            view.node,
            `"${view.keyword} key=value" should be used instead of legacy "${view.keyword} key value" format`,
          );
          continue;
        }
        const created = ctx.edit.editLogical(view.node, [edit]);
        check.fixed(created, {
          done: `Wrote ${keyword} ${view.pairs[0].key} in the key=value form`,
          planned: `Would write ${keyword} ${view.pairs[0].key} in the key=value form`,
        });
      }
    }
  },
});
