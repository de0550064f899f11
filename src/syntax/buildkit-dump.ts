/**
 * BuildKit's `Node.Dump()` s-expression form, used to compare our reading of a file with BuildKit's own test data.
 */
import type { BuildkitNode } from './buildkit-args.js';
import { goQuote, goTrimSpace } from './go-text.js';
import type { Root } from './types.js';
import { instructions } from './view.js';

/** One instruction as BuildKit's `Node.Dump()` prints it, e.g. `(run ["--network=none"] "make")`. */
function dumpBuildkitNode(node: BuildkitNode): string {
  let out = node.value.toLowerCase();
  if (node.flags.length) out += ` [${node.flags.map(goQuote).join(' ')}]`;
  for (const next of node.next) out += typeof next === 'string' ? ` ${goQuote(next)}` : ` (${dumpBuildkitNode(next)})`;
  return goTrimSpace(out);
}

/** A whole file as BuildKit's parser test data prints it: one s-expression per instruction. */
export function dumpBuildkit(root: Root): string {
  return instructions(root)
    .map((view) => `(${dumpBuildkitNode(view.buildkit)})`)
    .join('\n');
}
