/**
 * Test helpers over parsed trees: leaves in order, line spans, and a check that every position agrees with the text.
 */
import type { Diagnostic, HeredocNode, InstructionNode, Leaf, Node, Point, Root } from '../../src/index.js';

/** Every leaf of `node`, in source order. */
export function leaves(node: Node): Leaf[] {
  if (!('children' in node)) return [node];
  return (node.children as Node[]).flatMap(leaves);
}

/** The instruction nodes of a file, in order. */
export function instructionNodes(root: Root): InstructionNode[] {
  return root.children.filter((child): child is InstructionNode => child.type === 'instruction');
}

/** The heredoc nodes of an instruction, in order. */
export function heredocNodes(node: InstructionNode): HeredocNode[] {
  return node.children.filter((child): child is HeredocNode => child.type === 'heredoc');
}

/** First and last line of a node as BuildKit counts them: the line of its first and of its last character before the final line break. */
export function lineSpan(node: { position?: { start: Point; end: Point } }): [number, number] {
  const { start, end } = node.position!;
  const last = end.column === 1 && end.offset > start.offset ? end.line - 1 : end.line;
  return [start.line, last];
}

/** Line and column (1-based, UTF-16 units, lines split at `\n` only) of an offset, computed the slow and obvious way. */
export function pointAt(text: string, offset: number): Point {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1, offset };
}

/**
 * Problems with the positions of a tree: each leaf must start where the one before it ended, hold exactly the text
 * at its offsets, and have the line and column of those offsets; each parent must span its children.
 */
export function positionProblems(root: Root, text: string): string[] {
  const problems: string[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const expectedPoint = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  let at = 0;
  for (const leaf of leaves(root)) {
    const { start, end } = leaf.position!;
    if (start.offset !== at) problems.push(`${leaf.type} starts at ${start.offset}, expected ${at}`);
    if (text.slice(start.offset, end.offset) !== leaf.value)
      problems.push(`${leaf.type} at ${start.offset} does not hold its text`);
    if (leaf.value === '') problems.push(`empty ${leaf.type} leaf at ${start.offset}`);
    for (const point of [start, end]) {
      const expected = expectedPoint(point.offset);
      if (point.line !== expected.line || point.column !== expected.column) {
        problems.push(
          `${leaf.type} point ${point.line}:${point.column} at offset ${point.offset}, expected ${expected.line}:${expected.column}`,
        );
      }
    }
    at = end.offset;
    if (problems.length > 5) break;
  }
  if (at !== text.length && problems.length === 0) problems.push(`leaves end at ${at}, expected ${text.length}`);
  const spans = (node: Node): void => {
    if (!('children' in node) || node.children.length === 0) return;
    const kids = node.children as Node[];
    const first = kids[0].position!;
    const last = kids[kids.length - 1].position!;
    if (node.position!.start.offset !== first.start.offset || node.position!.end.offset !== last.end.offset) {
      problems.push(`${node.type} at ${node.position!.start.offset} does not span its children`);
    }
    kids.forEach(spans);
  };
  spans(root);
  return problems;
}

/** Diagnostics as short `severity ruleId line:column` strings, for readable assertions. */
export function brief(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.line}:${d.column}`);
}
