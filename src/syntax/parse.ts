/**
 * Text to lossless concrete syntax tree. Lines are read as BuildKit reads them (a line ends at `\n`; trailing `\r`s
 * belong to the line break), so the tree's instructions are BuildKit's instructions. Parsing never throws: what is
 * wrong becomes a diagnostic on the root, and the text still prints back byte for byte.
 */
import { buildkitNode, canContainHeredoc } from './command-line.js';
import { checkInstruction } from './checks.js';
import { isTokenSpace, skipGoSpace, utf8Length } from './go-text.js';
import { findHeredocMarkers } from './heredoc.js';
import { logicalLine } from './logical.js';
import { rememberParsed } from './view.js';
import type {
  BlankNode,
  CommentNode,
  Diagnostic,
  DirectiveNode,
  HeredocNode,
  InstructionNode,
  Leaf,
  LeafType,
  Point,
  Root,
  TopNode,
} from './types.js';

const DIRECTIVE = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
const DIRECTIVE_NAMES = new Set(['syntax', 'escape', 'check']);
/**
 * A directive with a Unicode space after the `#` (a no-break space, U+0085, a vertical tab): BuildKit trims such
 * spaces since Dockerfile 1.21 (BuildKit 0.27), earlier builders and buildah read the line as a comment.
 */
const UNICODE_SPACED_DIRECTIVE = /^#[\s\u0085]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;
/** The end of every message about text builders read differently. */
const LEFT_AS_IS = 'layerfix leaves the file as it is';
/** BuildKit reads lines with a 64 KiB buffer: a line with its break must fit. */
const MAX_LINE_BYTES = 64 * 1024;

/** One physical line: [start, contentEnd) is its text, [contentEnd, end) its line break. */
interface PhysicalLine {
  start: number;
  contentEnd: number;
  end: number;
}

/** How to parse a fragment of a file rather than a whole file. */
export interface ParseOptions {
  /** The escape character in effect when the text carries no escape directive (default `\`). */
  escape?: '\\' | '`';
  /** Read parser directives at the top (default true; false for fragments of a file). */
  directives?: boolean;
}

/** Parse a Dockerfile into its lossless concrete syntax tree. Never throws. */
export function parse(text: string, options: ParseOptions = {}): Root {
  return new Parser(text, options).parse();
}

class Parser {
  private readonly text: string;
  private readonly lineStarts: number[] = [0];
  private readonly diagnostics: Diagnostic[] = [];
  private escape: '\\' | '`';
  /** The 0-based line of the last point computed. */
  private lastLine = 0;
  /** The last point computed. */
  private lastPoint: Point | undefined;
  private readonly readDirectives: boolean;
  /** Lines before this offset have been checked (the first line is read twice: as a possible directive, then as itself). */
  private checkedUpTo = 0;
  /** The next `\r` at or after the last line checked (-1: none left), so that finding lone CRs stays linear. */
  private nextCr = -2;

  constructor(text: string, options: ParseOptions) {
    this.text = text;
    this.escape = options.escape ?? '\\';
    this.readDirectives = options.directives ?? true;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  parse(): Root {
    const { text } = this;
    const children: TopNode[] = [];
    let offset = 0;
    if (text.charCodeAt(0) === 0xfeff) {
      children.push({ type: 'bom', value: '\ufeff', position: this.span(0, 1) });
      offset = 1;
    }
    const directives: Record<string, string> = {};
    for (
      let directive;
      this.readDirectives && offset < text.length && (directive = this.directive(offset, directives));
    ) {
      children.push(directive);
      offset = directive.position!.end.offset;
    }
    let instructions = 0;
    while (offset < text.length) {
      const line = this.line(offset);
      const first = skipGoSpace(text, line.start, line.contentEnd);
      let node: TopNode;
      if (first === line.contentEnd) node = this.trivia('blank', line, line.contentEnd);
      else if (text[first] === '#') node = this.trivia('comment', line, first);
      else {
        node = this.instruction(line, first);
        instructions++;
      }
      children.push(node);
      offset = node.position!.end.offset;
    }
    this.checkFile(instructions);
    return {
      type: 'root',
      children,
      data: { eol: dominantEol(text), escape: this.escape, directives, diagnostics: this.diagnostics },
      position: this.span(0, text.length),
    };
  }

  /** The physical line starting at `start`. */
  private line(start: number): PhysicalLine {
    const { text } = this;
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    let contentEnd = end;
    while (contentEnd > start && (text[contentEnd - 1] === '\n' || text[contentEnd - 1] === '\r')) contentEnd--;
    if (start < this.checkedUpTo) return { start, contentEnd, end };
    this.checkedUpTo = end;
    // A last line without a line break must leave room in the buffer for BuildKit's scanner to see the end of file.
    // A byte-order mark counts towards the first line.
    const limit =
      (newline < 0 ? MAX_LINE_BYTES - 1 : MAX_LINE_BYTES) - (start === 1 && text.charCodeAt(0) === 0xfeff ? 3 : 0);
    if ((end - start) * 3 > limit && utf8Length(text.slice(start, end)) > limit) {
      this.report(start, 'line-too-long', `Line is longer than BuildKit's limit of ${MAX_LINE_BYTES - 1} bytes`);
    }
    if (this.nextCr !== -1 && this.nextCr < start) this.nextCr = text.indexOf('\r', start);
    if (this.nextCr >= 0 && this.nextCr < contentEnd) {
      this.report(
        this.nextCr,
        'lone-cr',
        'A carriage return that does not end a line: BuildKit reads it as whitespace, not a line break',
        'warning',
      );
    }
    return { start, contentEnd, end };
  }

  /** A parser directive at `offset`, or undefined when the directives have ended. */
  private directive(offset: number, seen: Record<string, string>): DirectiveNode | undefined {
    const line = this.line(offset);
    const first = skipGoSpace(this.text, line.start, line.contentEnd);
    const match = DIRECTIVE.exec(this.text.slice(first, line.contentEnd));
    const name = match?.[1].toLowerCase();
    if (!match || !name || !DIRECTIVE_NAMES.has(name)) {
      const spaced = UNICODE_SPACED_DIRECTIVE.exec(this.text.slice(first, line.contentEnd));
      if (spaced && DIRECTIVE_NAMES.has(spaced[1].toLowerCase()))
        this.builderDependent(
          first,
          `The \`${spaced[1]}\` directive written after a Unicode space: BuildKit reads it since Dockerfile 1.21, earlier builders and buildah read a comment`,
        );
      return undefined;
    }
    const value = match[2];
    if (name === 'escape' && value === '`' && Object.keys(seen).length)
      this.builderDependent(
        first,
        'The escape directive after another directive: BuildKit reads it, buildah and podman stop looking for it at the first directive that is not one',
      );
    if (name in seen) this.report(first, 'duplicate-directive', `Only one \`${name}\` parser directive can be used`);
    else if (name === 'escape' && value !== '\\' && value !== '`') {
      this.report(
        first,
        'invalid-escape',
        `Invalid escape character \`${value}\` in the escape directive, expected \`\\\` or \`\`\``,
      );
    } else {
      seen[name] = value;
      if (name === 'escape') this.escape = value as '\\' | '`';
    }
    const children = this.lineLeaves(line, first, 'text');
    return { type: 'directive', name, value, children, position: this.span(line.start, line.end) };
  }

  /** A comment or blank line outside any instruction. */
  private trivia(type: 'comment' | 'blank', line: PhysicalLine, first: number): CommentNode | BlankNode {
    const children = this.lineLeaves(line, first, 'text');
    return { type, children, position: this.span(line.start, line.end) } as CommentNode | BlankNode;
  }

  /** Leaves of a whole line: leading whitespace, its text as `type`, the line break. */
  private lineLeaves(line: PhysicalLine, first: number, type: LeafType): Leaf[] {
    const leaves: Leaf[] = [];
    this.push(leaves, 'whitespace', line.start, first);
    this.push(leaves, type, first, line.contentEnd);
    this.push(leaves, 'newline', line.contentEnd, line.end);
    return leaves;
  }

  /** An instruction starting on `line` at `first`: its physical lines, then its heredocs. */
  private instruction(line: PhysicalLine, first: number): InstructionNode {
    const { text } = this;
    const children: Array<Leaf | HeredocNode> = [];
    this.push(children, 'whitespace', line.start, first);
    let continued = this.pushContent(children, first, line.contentEnd, true);
    this.push(children, 'newline', line.contentEnd, line.end);
    let end = line.end;
    let emptyLine = -1;
    while (continued && end < text.length) {
      const next = this.line(end);
      const lead = skipGoSpace(text, next.start, next.contentEnd);
      this.push(children, 'whitespace', next.start, lead);
      if (lead === next.contentEnd) {
        if (emptyLine < 0) emptyLine = next.start;
      } else if (text[lead] === '#') this.push(children, 'comment', lead, next.contentEnd);
      else continued = this.pushContent(children, lead, next.contentEnd, false);
      this.push(children, 'newline', next.contentEnd, next.end);
      end = next.end;
    }
    const joined = logicalLine(children);
    const logical = joined.text;
    const parsed = buildkitNode(logical, this.escape);
    const node: InstructionNode = { type: 'instruction', name: parsed.value.toLowerCase(), children };
    rememberParsed(node, this.escape, joined, parsed);
    if (emptyLine >= 0) {
      this.report(
        emptyLine,
        'empty-continuation',
        'Empty continuation line: BuildKit warns about it and may reject it in the future',
        'warning',
      );
    }
    if (canContainHeredoc(parsed)) {
      for (const marker of findHeredocMarkers(logical)) end = this.heredoc(children, marker, end, line.start);
    }
    node.position = this.span(line.start, end);
    for (const problem of checkInstruction(parsed, logical)) this.report(first, problem.ruleId, problem.reason);
    if (parsed.ambiguous) this.builderDependent(first, `In this instruction, ${parsed.ambiguous}`);
    return node;
  }

  /** Report text that builders read differently: layerfix then leaves the file as it is. */
  private builderDependent(offset: number, reason: string): void {
    this.report(offset, 'builder-dependent', `${reason}: ${LEFT_AS_IS}`, 'warning');
  }

  /**
   * Push the text of a line from `from` to `to` as content, splitting off the keyword on the first line and a trailing
   * line continuation. Returns whether the line continues.
   */
  private pushContent(children: Array<Leaf | HeredocNode>, from: number, to: number, firstLine: boolean): boolean {
    const { text, escape } = this;
    let trail = to;
    while (trail > from && (text[trail - 1] === ' ' || text[trail - 1] === '\t')) trail--;
    const escapeAt = trail - 1;
    const continues =
      escapeAt >= from && text[escapeAt] === escape && (escapeAt === from || text[escapeAt - 1] !== escape);
    if (!continues && escapeAt > from && text[escapeAt] === escape)
      this.builderDependent(
        escapeAt - 1,
        `A line ending in \`${escape}${escape}\`: BuildKit ends the instruction there, buildah and podman continue it on the next line`,
      );
    const contentEnd = continues ? escapeAt : to;
    let start = from;
    if (firstLine) {
      let keywordEnd = from;
      while (keywordEnd < contentEnd && !isTokenSpace(text.charCodeAt(keywordEnd))) keywordEnd++;
      this.push(children, 'keyword', from, keywordEnd);
      start = keywordEnd;
      while (start < contentEnd && (text[start] === ' ' || text[start] === '\t')) start++;
      this.push(children, 'whitespace', keywordEnd, start);
    }
    this.push(children, 'content', start, contentEnd);
    if (continues) this.push(children, 'continuation', escapeAt, to);
    return continues;
  }

  /** Read the body and terminator of one heredoc starting at `offset`; returns the offset after it. */
  private heredoc(
    children: Array<Leaf | HeredocNode>,
    marker: ReturnType<typeof findHeredocMarkers>[number],
    offset: number,
    instructionStart: number,
  ): number {
    const { text } = this;
    const leaves: Leaf[] = [];
    let bodyEnd = offset;
    let end = offset;
    let terminated = false;
    while (end < text.length) {
      const line = this.line(end);
      let candidate = line.start;
      if (marker.chomp) while (text[candidate] === '\t' && candidate < line.contentEnd) candidate++;
      if (text.slice(candidate, line.contentEnd) === marker.name) {
        this.push(leaves, 'heredocBody', offset, bodyEnd);
        this.push(leaves, 'heredocEnd', line.start, line.contentEnd);
        this.push(leaves, 'newline', line.contentEnd, line.end);
        end = line.end;
        terminated = true;
        break;
      }
      end = bodyEnd = line.end;
    }
    if (!terminated) {
      this.push(leaves, 'heredocBody', offset, end);
      this.report(
        instructionStart,
        'unterminated-heredoc',
        `Unterminated heredoc: expected a line \`${marker.name}\` before the end of the file`,
      );
    }
    children.push({ ...marker, type: 'heredoc', children: leaves, position: this.span(offset, end) });
    return end;
  }

  private checkFile(instructions: number): void {
    if (instructions > 0) return;
    const end = this.text.length;
    this.report(end, 'no-instructions', 'The file has no instructions (BuildKit rejects it), expected at least a FROM');
  }

  /** Push a leaf for [from, to) when it is not empty. */
  private push(children: Array<Leaf | HeredocNode>, type: LeafType, from: number, to: number): void {
    if (to > from) children.push({ type, value: this.text.slice(from, to), position: this.span(from, to) });
  }

  private span(from: number, to: number): { start: Point; end: Point } {
    return { start: this.point(from), end: this.point(to) };
  }

  /** Line, column and offset of an offset. */
  private point(offset: number): Point {
    // One leaf ends where the next begins: they share the point rather than allocate it twice.
    if (this.lastPoint?.offset === offset) return this.lastPoint;
    this.lastPoint = this.findPoint(offset);
    return this.lastPoint;
  }

  private findPoint(offset: number): Point {
    const starts = this.lineStarts;
    // Leaves are made in source order: try the line of the last point, then the next one, before searching.
    for (let line = this.lastLine; line <= this.lastLine + 1 && line < starts.length; line++) {
      if (starts[line] <= offset && (line + 1 === starts.length || offset < starts[line + 1])) {
        this.lastLine = line;
        return { line: line + 1, column: offset - starts[line] + 1, offset };
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { line: lo + 1, column: offset - starts[lo] + 1, offset };
  }

  private report(offset: number, ruleId: string, reason: string, severity: 'error' | 'warning' = 'error'): void {
    const { line, column } = this.point(offset);
    this.diagnostics.push({ reason, ruleId, severity, line, column });
  }
}

/** The line ending most used in `text` (`\n` when there is none). */
function dominantEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}
