/**
 * The top-level list structure of a parsed text: its items in order, each with the operator that follows it.
 */
import type { ShellNode } from './tree.js';
import { flattenAndOr, isPipeOperator } from './andor.js';
import type { ShellListItem, ShellOperator, ShellOperatorToken } from './types.js';

const TERMINATORS = new Set<string>([';', '&']);

/** The top-level items of a program node: and-or lists and pipelines flattened, in source order. */
export function topLevelItems(root: ShellNode, source: string): ShellListItem[] {
  const items: ShellListItem[] = [];
  const follow = (token: ShellNode): void => {
    const last = items[items.length - 1];
    if (last && !last.operator)
      last.operator = operator(token.type as ShellOperator, source, token.startIndex, token.endIndex);
  };
  for (let index = 0; index < root.childCount; index++) {
    const child = root.child(index);
    if (!child || child.type === 'comment') continue;
    if (!child.isNamed && TERMINATORS.has(child.type)) {
      follow(child);
      continue;
    }
    const last = items[items.length - 1];
    if (last && !last.operator) {
      // Nothing but a newline (and maybe a comment or a heredoc body) ends the item before this one.
      const newline = source.indexOf('\n', last.end);
      if (newline !== -1 && newline < child.startIndex) last.operator = operator('\n', source, newline, newline + 1);
    }
    for (const token of flattenAndOr(child)) {
      if (token.kind === 'operator') follow(token.node);
      else if (token.kind === 'element' && token.end > token.start) {
        // An empty element is one the grammar assumed to recover from an error (`a ||`).
        const text = source.slice(token.start, token.end);
        items.push({
          type: 'item',
          node: token.type,
          text,
          start: token.start,
          end: token.end,
          operator: null,
          inPipeline: false,
        });
      }
    }
  }
  items.forEach((item, index) => {
    const before = items[index - 1];
    item.inPipeline =
      isPipeOperator(item.operator?.value ?? '') ||
      (before !== undefined && isPipeOperator(before.operator?.value ?? ''));
  });
  return items;
}

function operator(value: ShellOperator, source: string, start: number, end: number): ShellOperatorToken {
  return { type: 'operator', value, text: source.slice(start, end), start, end };
}
