/**
 * NoEmptyContinuation: an empty line inside a continued instruction (BuildKit skips it now and may reject it later).
 * BuildKit places the warning on the instruction's last line. The fix removes the empty lines; BuildKit joins the
 * same logical line either way, so the build is the same (on by default).
 */
import { layoutInstruction, type InstructionNode, type Leaf, type Position } from '../../src/engine/index.js';
import { defineCheck, fixOption } from './support.js';

/** Only the removal of empty continuation lines, of every layout rule. */
const REMOVE_EMPTY_LINES = {
  keywordCase: 'preserve',
  spaceAfterKeyword: false,
  continuationIndent: false,
  chainOperators: false,
  trailingWhitespace: false,
  emptyContinuationLines: true,
} as const;

export default defineCheck({
  rule: 'NoEmptyContinuation',
  description:
    "Report an empty line inside a continued instruction (BuildKit's NoEmptyContinuation); the fix removes it, which builds the same (on by default).",
  meaning: 'declared',
  options: fixOption(
    true,
    'Remove empty lines inside continued instructions (BuildKit joins the same logical line without them).',
  ),
  run(ctx, check) {
    // Edits never make an empty continuation line: the parse of the input says whether there is one.
    if (!ctx.root.data.diagnostics.some((d) => d.ruleId === 'empty-continuation')) return;
    for (const node of ctx.root.children.slice()) {
      if (node.type !== 'instruction' || !hasEmptyLine(node) || !check.on(node, 'file')) continue;
      if (!ctx.options.fix) {
        check.warn(node, 'Empty continuation line', lastLine(ctx.edit.originOf(node)));
        continue;
      }
      const fixed = ctx.edit.replace(
        node,
        layoutInstruction(
          check.facts.views.find((view) => view.node === node)!,
          ctx.style,
          REMOVE_EMPTY_LINES,
        ),
        'same',
      );
      check.fixed(fixed, {
        done: 'Removed the empty continuation lines',
        planned: 'Would remove the empty continuation lines',
      });
    }
  },
});

/** Whether a line of the instruction before its heredocs holds only whitespace. */
function hasEmptyLine(node: InstructionNode): boolean {
  const leaves = node.children;
  for (let i = 1; i < leaves.length; i++) {
    if (leaves[i].type === 'heredoc') return false;
    if (leaves[i - 1].type !== 'newline') continue;
    const next = leaves[i].type === 'whitespace' ? leaves[i + 1] : leaves[i];
    if (next?.type === 'newline' || (next === undefined && leaves[i].type === 'whitespace')) return true;
  }
  return false;
}

/** Where BuildKit places the warning: the last line of the instruction before its heredocs. */
function lastLine(node: InstructionNode): Position | undefined {
  let last: Leaf | undefined;
  for (const leaf of node.children) {
    if (leaf.type === 'heredoc') break;
    last = leaf as Leaf;
  }
  const start = last?.position?.start;
  return start ? { start: { ...start, column: 1, offset: start.offset - start.column + 1 }, end: start } : undefined;
}
