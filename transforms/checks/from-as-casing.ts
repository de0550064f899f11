/**
 * FromAsCasing: the `AS` of `FROM image AS name` should be in the case of the `FROM` keyword. The fix writes it so; the
 * keyword's case means nothing to BuildKit, so the build is the same (on by default).
 */
import { defineCheck, fixOption } from './support.js';
import { fromAsEdit } from '../shared/spellings.js';

export default defineCheck({
  rule: 'FromAsCasing',
  description:
    "Report a `FROM ... AS name` whose `AS` is not in the case of `FROM` (BuildKit's FromAsCasing); the fix writes it in that case, which builds the same (on by default).",
  meaning: 'declared',
  options: fixOption(true, 'Write `AS` in the case of the `FROM` keyword (keyword case means nothing to BuildKit).'),
  run(ctx, check) {
    for (const { from } of check.facts.stages) {
      const [, as] = from.buildkit.next as string[];
      const keyword = from.keyword;
      const lower = keyword === keyword.toLowerCase();
      // A keyword in mixed case is ConsistentInstructionCasing's to report.
      if (from.buildkit.next.length < 3 || (!lower && keyword !== keyword.toUpperCase())) continue;
      const want = lower ? as.toLowerCase() : as.toUpperCase();
      if (as === want || !check.on(from.node)) continue;
      const edit = ctx.options.fix ? fromAsEdit(from, lower ? 'as' : 'AS') : undefined;
      if (!edit) {
        check.warn(from.node, `'${as}' and '${keyword}' keywords' casing do not match`);
        continue;
      }
      ctx.edit.editLogical(from.node, [edit]);
      check.fixed(from.node, {
        done: `Wrote \`${as}\` as \`${edit.text}\` to match \`${keyword}\``,
        planned: `Would write \`${as}\` as \`${edit.text}\` to match \`${keyword}\``,
      });
    }
  },
});
