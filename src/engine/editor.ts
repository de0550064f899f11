/**
 * The edit API transforms change the tree through. Every edit says what it means for the build (nothing, for a
 * layout edit; a new logical line, for a merge), so the guard can check the printed result against it.
 */
import { parse } from '../syntax/parse.js';
import { print } from '../syntax/print.js';
import type { InstructionNode, Root, TopNode } from '../syntax/types.js';
import { toLocal } from '../syntax/logical.js';
import { instructionView } from '../syntax/view.js';
import { DEADLINE, type Deadline } from './deadline.js';
import { declaredKey, meaningKey } from './meaning.js';

/** A replacement of [start, end) in an instruction's own text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** An edit in logical-line offsets. Its text may break the line (`escape` + line break); the logical line drops those. */
export interface WordEdit {
  start: number;
  end: number;
  text: string;
  /**
   * Where an insertion lands when `start` falls on the joint of two physical lines: at the end of the earlier line
   * (`'end'`, for text that follows a word) or at the start of the later one (`'start'`, for text that precedes one).
   */
  side?: 'start' | 'end';
}

/** What an edited instruction means: the same as before, or the given logical line. */
export type DeclaredMeaning = 'same' | { line: string };

/** A transform's edit went wrong: its own bug, reported with its name. */
export class EditError extends Error {
  override name = 'EditError';
}

/** Edits a parsed file in place and remembers what each edit declared. */
export class Editor {
  /** Edits made since the counter was last read by the engine. */
  edits = 0;
  /** The transform currently editing, for blame. */
  current = '';
  // Maps, not WeakMaps: an editor lives as long as its file's run, and WeakMap values outlive minor collections.
  private readonly declared = new Map<InstructionNode, { key: string; by: string }>();
  private readonly origin = new Map<InstructionNode, InstructionNode>();
  private hint = 0;

  constructor(readonly root: Root) {}

  /** The file's escape character. */
  get escape(): '\\' | '`' {
    return this.root.data.escape;
  }

  /** Throw DeadlineError when the file's time limit (set on the root by the pipeline) has passed. */
  private checkDeadline(): void {
    (this.root as unknown as { [DEADLINE]?: Deadline })[DEADLINE]?.check();
  }

  /** Parse a piece of Dockerfile text in this file's escape character, without positions. */
  fragment(text: string): TopNode[] {
    this.checkDeadline();
    const parsed = parse(text, { escape: this.escape, directives: false });
    const errors = parsed.data.diagnostics.filter((d) => d.severity === 'error' && d.ruleId !== 'no-instructions');
    if (errors.length) throw new EditError(`generated text does not parse: ${errors[0].reason}\n${text}`);
    return stripPositions(parsed.children);
  }

  /** Replace an instruction by the single instruction in `text`; returns the new node. */
  replace(node: InstructionNode, text: string, meaning: DeclaredMeaning): InstructionNode {
    const before = print(node);
    const eol = /\r?\n$/.exec(before)?.[0];
    if (eol && !text.endsWith('\n')) text += eol;
    const nodes = this.fragment(text);
    const created = nodes.filter((n): n is InstructionNode => n.type === 'instruction');
    if (nodes.length !== 1 || created.length !== 1) {
      throw new EditError(`expected one instruction in the replacement text, got ${nodes.length} nodes:\n${text}`);
    }
    const [next] = created;
    const key = meaning === 'same' ? this.keyOf(node) : declaredKey(meaning.line, this.escape);
    this.declared.set(next, { key, by: this.current });
    this.origin.set(next, this.originOf(node));
    this.splice(node, [next]);
    return next;
  }

  /** Apply text edits (offsets into the instruction's own text) and re-read it. */
  editText(node: InstructionNode, edits: TextEdit[], meaning: DeclaredMeaning): InstructionNode {
    let text = print(node);
    for (const edit of [...edits].sort((a, b) => b.start - a.start))
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    return this.replace(node, text, meaning);
  }

  /** Replace a comment or blank line by the nodes parsed from `text` (which must hold no instruction). */
  replaceTrivia(node: TopNode, text: string): void {
    const nodes = this.fragment(text);
    if (node.type === 'instruction' || nodes.some((n) => n.type === 'instruction')) {
      throw new EditError(`replaceTrivia only replaces comment and blank lines, not instructions:\n${text}`);
    }
    this.splice(node, nodes);
  }

  /**
   * Apply edits given in logical-line offsets (as found in the instruction view or a shell view of its arguments):
   * the physical text changes only inside each edit, and the new logical line is declared as its meaning.
   */
  editLogical(node: InstructionNode, edits: TextEdit[]): InstructionNode {
    const view = instructionView(node, this.escape);
    let logical = view.logical.text;
    const local: TextEdit[] = [];
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
      logical = logical.slice(0, edit.start) + edit.text + logical.slice(edit.end);
      // An insertion where two physical lines join goes at the start of the later one; a replacement spans exactly.
      const start = toLocal(view.logical, edit.start, 'start');
      const end = edit.end === edit.start ? start : toLocal(view.logical, edit.end, 'end');
      local.push({ start, end, text: edit.text });
    }
    return this.editText(node, local, { line: logical });
  }

  /**
   * Apply word edits to an instruction: the physical text changes only inside each edit, and the new logical line (the
   * edits' text with its line continuations joined, as BuildKit joins them) is declared as its meaning.
   */
  editWords(node: InstructionNode, edits: WordEdit[]): InstructionNode {
    const view = instructionView(node, this.escape);
    const joint = new RegExp(`${this.escape === '\\' ? '\\\\' : '`'}\\r?\\n`, 'g');
    let logical = view.logical.text;
    const local: TextEdit[] = [];
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
      logical = logical.slice(0, edit.start) + edit.text.replace(joint, '') + logical.slice(edit.end);
      const start = toLocal(view.logical, edit.start, edit.start === edit.end ? (edit.side ?? 'end') : 'start');
      const end = edit.start === edit.end ? start : toLocal(view.logical, edit.end, 'end');
      local.push({ start, end, text: edit.text });
    }
    return this.editText(node, local, { line: logical });
  }

  /** Add a flag (`--network=none`) right after the keyword. */
  addFlag(node: InstructionNode, flag: string): InstructionNode {
    const view = instructionView(node, this.escape);
    return this.editLogical(node, [{ start: view.keywordEnd, end: view.keywordEnd, text: ` ${flag}` }]);
  }

  /** Remove every flag with this name (without dashes), with the whitespace before it. */
  removeFlag(node: InstructionNode, name: string): InstructionNode {
    const view = instructionView(node, this.escape);
    const edits = view.flags
      .filter((flag) => flag.name === name)
      .map((flag) => {
        let start = flag.start;
        while (start > 0 && /[ \t]/.test(view.logical.text[start - 1])) start--;
        return { start, end: flag.end, text: '' };
      });
    return edits.length ? this.editLogical(node, edits) : node;
  }

  /** Remove top-level nodes. */
  remove(nodes: TopNode[]): void {
    for (const node of nodes) this.splice(node, []);
  }

  /** Move top-level nodes, in their order, to just before `before` (or to the end when it is undefined). */
  moveBefore(nodes: TopNode[], before: TopNode | undefined): void {
    this.checkDeadline();
    const children = this.root.children;
    for (const node of nodes) children.splice(this.indexOf(node), 1);
    const at = before ? this.indexOf(before) : children.length;
    children.splice(at, 0, ...nodes);
    this.edits++;
  }

  /**
   * Insert new top-level nodes (parsed from `text`) before `before`. Instructions made from one of the input (`from`:
   * a part of a RUN, a copy of a WORKDIR) count as it for messages and disable comments.
   */
  insertBefore(before: TopNode, text: string, from?: InstructionNode): TopNode[] {
    const nodes = this.fragment(text);
    if (from) for (const node of nodes) if (node.type === 'instruction') this.origin.set(node, this.originOf(from));
    this.root.children.splice(this.indexOf(before), 0, ...nodes);
    this.edits++;
    return nodes;
  }

  /** Comment lines directly above an instruction (no blank line between), which belong to it and move with it. */
  attachedComments(node: InstructionNode): TopNode[] {
    const children = this.root.children;
    const out: TopNode[] = [];
    for (let i = this.indexOf(node) - 1; i >= 0 && children[i].type === 'comment'; i--) out.unshift(children[i]);
    return out;
  }

  /** The first node of an instruction's block: its first attached comment, else itself. */
  blockStart(node: InstructionNode): TopNode {
    return this.attachedComments(node)[0] ?? node;
  }

  /** The meaning the guard expects of an instruction now in the tree. */
  keyOf(node: InstructionNode): string {
    return this.declared.get(node)?.key ?? meaningKey(instructionView(node, this.escape));
  }

  /** The transform that declared an instruction's meaning, if any did. */
  declaredBy(node: InstructionNode): string | undefined {
    return this.declared.get(node)?.by;
  }

  /** The node of the input an instruction was made from (itself when untouched). */
  originOf(node: InstructionNode): InstructionNode {
    return this.origin.get(node) ?? node;
  }

  /**
   * The index of a top-level node. Transforms walk files in order, so the search starts where the last one was found
   * and widens from there: sequential edits cost O(1) each instead of a scan of the file.
   */
  indexOf(node: TopNode): number {
    const children = this.root.children;
    const hint = Math.min(this.hint, children.length - 1);
    for (let d = 0; hint - d >= 0 || hint + d < children.length; d++) {
      if (children[hint + d] === node) return (this.hint = hint + d);
      if (d > 0 && children[hint - d] === node) return (this.hint = hint - d);
    }
    throw new EditError('node is not a top-level node of this file');
  }

  private splice(node: TopNode, replacement: TopNode[]): void {
    this.checkDeadline();
    this.root.children.splice(this.indexOf(node), 1, ...replacement);
    this.edits++;
  }
}

/** Drop source positions from generated nodes, which have none. */
function stripPositions<T extends object>(nodes: T[]): T[] {
  for (const node of nodes as Array<{ position?: unknown; children?: object[] }>) {
    delete node.position;
    if (node.children) stripPositions(node.children);
  }
  return nodes;
}
