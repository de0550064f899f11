/**
 * Tree to text. Every byte of the source lives in exactly one leaf, so printing is concatenation.
 */
import type { Node } from './types.js';

/** Print a tree or any node of it back to text. */
export function print(node: Node): string {
  if (!('children' in node)) return node.value;
  let out = '';
  for (const child of node.children) out += print(child);
  return out;
}
