/**
 * The lossless concrete syntax tree of a Dockerfile.
 *
 * Every byte of the input belongs to exactly one leaf, so printing an untouched tree is the concatenation of its
 * leaves. The tree is unist-compatible: plain objects with `type`, `position` and `children` or `value`.
 */

/** A point in the source: 1-based line and column (UTF-16 units), 0-based offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** The span of a node in the source. Generated nodes have none. */
export interface Position {
  start: Point;
  end: Point;
}

/** The kinds of leaf that make up the tree. */
export type LeafType =
  | 'bom'
  | 'text'
  | 'whitespace'
  | 'newline'
  | 'keyword'
  | 'content'
  | 'continuation'
  | 'comment'
  | 'heredocBody'
  | 'heredocEnd';

/** A leaf: a run of source text. */
export interface Leaf {
  type: LeafType;
  value: string;
  position?: Position;
}

/** A byte-order mark at the very start of the file. */
export interface BomNode extends Leaf {
  type: 'bom';
}

/** A parser directive line at the top of the file (`# syntax=...`, `# escape=...`, `# check=...`). */
export interface DirectiveNode {
  type: 'directive';
  /** Lower-cased directive name. */
  name: string;
  value: string;
  children: Leaf[];
  position?: Position;
}

/** A comment line outside any instruction. */
export interface CommentNode {
  type: 'comment';
  children: Leaf[];
  position?: Position;
}

/** A line holding only whitespace, outside any instruction. */
export interface BlankNode {
  type: 'blank';
  children: Leaf[];
  position?: Position;
}

/** The body and terminator of one heredoc of an instruction. */
export interface HeredocNode {
  type: 'heredoc';
  /** The terminator word, unquoted. */
  name: string;
  /** `<<-`: leading tabs are stripped from the body and terminator. */
  chomp: boolean;
  /** False when the word was quoted: no variable expansion in the body. */
  expand: boolean;
  /** File descriptor before `<<` (0 when absent). */
  fd: number;
  children: Leaf[];
  position?: Position;
}

/** One instruction: its physical lines, including comment and blank lines inside continuations, and its heredocs. */
export interface InstructionNode {
  type: 'instruction';
  /** Lower-cased keyword (`run`, `from`, ...); empty when the line holds no keyword. */
  name: string;
  children: Array<Leaf | HeredocNode>;
  position?: Position;
}

/** Any node that can stand at the top level of a file. */
export type TopNode = BomNode | DirectiveNode | CommentNode | BlankNode | InstructionNode;

/** Any node of the tree. */
export type Node = TopNode | Leaf | HeredocNode | Root;

/** File-wide facts read off the source. */
export interface RootData {
  /** The dominant line ending, used for new lines. */
  eol: '\n' | '\r\n';
  /** The escape character in effect (`\` or `` ` ``). */
  escape: '\\' | '`';
  /** Parser directives by lower-cased name. */
  directives: Record<string, string>;
  /** Diagnostics found while parsing. */
  diagnostics: Diagnostic[];
}

/** The root of a parsed Dockerfile. */
export interface Root {
  type: 'root';
  children: TopNode[];
  data: RootData;
  position?: Position;
}

/** A positioned problem found in the source, shaped like a vfile message. */
export interface Diagnostic {
  /** What is wrong, saying what was expected. */
  reason: string;
  /** Stable kebab-case identifier. */
  ruleId: string;
  severity: 'error' | 'warning';
  line: number;
  column: number;
  /** The span it concerns, when known. */
  place?: Position;
}
