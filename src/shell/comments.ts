/**
 * The comment that ends a shell text, if any: text joined after it would be commented out.
 */
import type { ShellNode } from './tree.js';
import type { ShellSpan } from './types.js';

/** The comment that the text ends with (only whitespace after it), or null. */
export function trailingComment(root: ShellNode, source: string): ShellSpan | null {
  let last = source.length;
  while (last > 0 && /\s/.test(source[last - 1] ?? '')) last--;
  if (last === 0) return null;
  let node: ShellNode | null = root.descendantForIndex(last - 1, last);
  while (node && node.type !== 'comment') node = node.parent;
  if (!node) return null;
  return { text: source.slice(node.startIndex, node.endIndex), start: node.startIndex, end: node.endIndex };
}
