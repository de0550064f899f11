/**
 * Whole-file facts (stages, the shell in effect, working directories) computed once per state of a tree. Transforms
 * ask for the same facts in turn, and between edits nothing changes: edits replace top-level nodes, never change
 * them in place, so a tree whose top-level nodes are the same ones as before has the same facts.
 */
import { NodeData } from './node-data.js';
import type { Root, TopNode } from './types.js';

/** A function of a tree, remembered until the tree's top-level nodes change. */
export function memoizeByTree<T>(name: string, compute: (root: Root) => T): (root: Root) => T {
  const memo = new NodeData<{ children: TopNode[]; value: T }>(name);
  return (root) => {
    const hit = memo.get(root);
    if (hit && sameNodes(hit.children, root.children)) return hit.value;
    const value = compute(root);
    memo.set(root, { children: root.children.slice(), value });
    return value;
  };
}

function sameNodes(a: readonly TopNode[], b: readonly TopNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
