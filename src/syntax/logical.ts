/**
 * The logical line of an instruction: its physical lines joined as BuildKit joins them (escape and line break
 * removed, comment lines and empty continuation lines dropped, leading whitespace of the first line trimmed), with a
 * map from each logical offset back to an offset in the instruction's own printed text.
 */
import type { HeredocNode, Leaf } from './types.js';

/** A logical line and the map back to the instruction's text. */
export interface LogicalLine {
  text: string;
  /** Sorted pairs: `logical[i]` starts at `local[i]` in the instruction's printed text. */
  logical: number[];
  local: number[];
}

/** Join the physical lines of an instruction (its leaves before any heredoc) into its logical line. */
export function logicalLine(children: ReadonlyArray<Leaf | HeredocNode>): LogicalLine {
  let text = '';
  const logical: number[] = [];
  const local: number[] = [];
  let at = 0;
  let joinedUpTo = -1;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'heredoc') break;
    const { value } = child as Leaf;
    if (contributes(children, i)) {
      if (at !== joinedUpTo) {
        logical.push(text.length);
        local.push(at);
      }
      text += value;
      joinedUpTo = at + value.length;
    }
    at += value.length;
  }
  return { text, logical, local };
}

/** Whether the leaf at `i` is part of the logical line. */
function contributes(children: ReadonlyArray<Leaf | HeredocNode>, i: number): boolean {
  const type = children[i].type;
  if (type === 'keyword' || type === 'content') return true;
  if (type !== 'whitespace' || i === 0) return false;
  const next = children[i + 1];
  return next !== undefined && (next.type === 'content' || next.type === 'continuation' || next.type === 'keyword');
}

/**
 * The offset in the instruction's text of a logical offset. At a joint between two physical pieces, `bias` picks the
 * end of the earlier piece (`'end'`) or the start of the later one (`'start'`).
 */
export function toLocal(line: LogicalLine, offset: number, bias: 'start' | 'end' = 'start'): number {
  const { logical, local } = line;
  if (logical.length === 0) return 0;
  let lo = 0;
  let hi = logical.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (logical[mid] < offset || (bias === 'start' && logical[mid] === offset)) lo = mid;
    else hi = mid - 1;
  }
  return local[lo] + (offset - logical[lo]);
}

/** The logical offset of an offset in the instruction's text that lies inside a part of the logical line. */
export function toLogical(line: LogicalLine, local: number): number {
  const { logical, local: starts } = line;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= local) lo = mid;
    else hi = mid - 1;
  }
  return logical.length ? logical[lo] + (local - starts[lo]) : 0;
}
