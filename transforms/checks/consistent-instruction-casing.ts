/**
 * ConsistentInstructionCasing: every instruction keyword of the stages should be in the case most of them use (upper
 * case on a tie; keywords in mixed case do not count). The fix writes the others in that case; keyword case means
 * nothing to BuildKit, so the build is the same (on by default).
 */
import { layoutInstruction } from '../../src/engine/index.js';
import { defineCheck, fixOption } from './support.js';

export default defineCheck({
  rule: 'ConsistentInstructionCasing',
  description:
    "Report instruction keywords not in the case most keywords use (BuildKit's ConsistentInstructionCasing); the fix writes them in that case, which builds the same (on by default).",
  meaning: 'declared',
  options: fixOption(
    true,
    'Write the keywords in the case most keywords use (keyword case means nothing to BuildKit).',
  ),
  run(ctx, check) {
    // The instructions of the stages: from the first FROM on (BuildKit counts no global ARG).
    const all = check.facts.views;
    const first = all.findIndex((view) => view.name === 'from');
    if (first < 0) return;
    const views = all.slice(first);
    let lower = 0;
    let upper = 0;
    for (const { keyword } of views) {
      if (!/[A-Z]/.test(keyword)) lower++;
      else if (!/[a-z]/.test(keyword)) upper++;
    }
    // Every keyword in one case: nothing to report (the common case, decided without a second look).
    if (lower === views.length || upper === views.length) return;
    const casing = lower > upper ? 'lowercase' : 'uppercase';
    for (const view of views) {
      const want = casing === 'lowercase' ? view.keyword.toLowerCase() : view.keyword.toUpperCase();
      if (view.keyword === want || !check.on(view.node, 'file')) continue;
      if (!ctx.options.fix) {
        check.warn(view.node, `Command '${view.keyword}' should match the case of the command majority (${casing})`);
        continue;
      }
      const rules = {
        keywordCase: casing === 'lowercase' ? 'lower' : 'upper',
        spaceAfterKeyword: false,
        continuationIndent: false,
        chainOperators: false,
        trailingWhitespace: false,
        emptyContinuationLines: false,
      } as const;
      const fixed = ctx.edit.replace(view.node, layoutInstruction(view, ctx.style, rules), 'same');
      check.fixed(fixed, {
        done: `Wrote \`${view.keyword}\` as \`${want}\`, the case of most keywords`,
        planned: `Would write \`${view.keyword}\` as \`${want}\`, the case of most keywords`,
      });
    }
  },
});
