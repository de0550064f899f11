/**
 * Build stages: each `FROM` starts one, up to the next `FROM`.
 */
import type { InstructionNode, Root } from './types.js';
import { memoizeByTree } from './tree-memo.js';
import { instructionView, type InstructionView } from './view.js';

/** One build stage: its FROM and the instructions after it. */
export interface Stage {
  /** 0-based stage index. */
  index: number;
  /** The name given with `AS`, if any. */
  name?: string;
  /** The base image or stage. */
  base: string;
  from: InstructionView;
  /** The instructions of the stage after its FROM, in order. */
  instructions: InstructionView[];
}

/** The stages of a file; instructions before the first FROM (such as global ARGs) belong to none. */
export const stages: (root: Root) => readonly Stage[] = memoizeByTree('layerfix.stages', readStages);

function readStages(root: Root): Stage[] {
  const out: Stage[] = [];
  for (const node of root.children) {
    if (node.type !== 'instruction') continue;
    const view = instructionView(node as InstructionNode, root.data.escape);
    if (view.name === 'from') {
      out.push({
        index: out.length,
        ...(view.from?.alias ? { name: view.from.alias } : {}),
        base: view.from?.image ?? '',
        from: view,
        instructions: [],
      });
    } else out[out.length - 1]?.instructions.push(view);
  }
  return out;
}
