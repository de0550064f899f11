/**
 * The file's own style, read off its tree, so new text looks like the text around it.
 */
import type { Root } from '../syntax/index.js';

/** Layout options shared by every transform that prints new text. */
export interface PrinterOptions {
  /** Line width the printer aims for (default 80). */
  printWidth: number;
  /** Continuation indentation: a number of spaces or a literal string; `auto` detects it from the file. */
  indent: number | string;
  /** Where `&&` goes when a chain breaks over lines; `auto` follows the file (see `detectOperatorPosition`), else `end`. */
  operatorPosition: 'end' | 'start' | 'auto';
}

/** How new or edited text is laid out in one file. */
export interface Style {
  eol: '\n' | '\r\n';
  escape: '\\' | '`';
  /** Indentation of continuation lines. */
  indent: string;
  keywordCase: 'upper' | 'lower';
  printWidth: number;
  operatorPosition: 'end' | 'start';
}

const DEFAULT_INDENT = '    ';

/** The style of a file under the given printer options. */
export function detectStyle(root: Root, options: PrinterOptions): Style {
  return {
    eol: root.data.eol,
    escape: root.data.escape,
    indent: resolveIndent(root, options.indent),
    keywordCase: detectKeywordCase(root),
    printWidth: options.printWidth,
    operatorPosition:
      options.operatorPosition === 'auto' ? (detectOperatorPosition(root) ?? 'end') : options.operatorPosition,
  };
}

function resolveIndent(root: Root, indent: number | string): string {
  if (typeof indent === 'number') return ' '.repeat(indent);
  if (/^\d+$/.test(indent)) return ' '.repeat(Number(indent));
  if (indent !== 'auto') return indent;
  return detectIndent(root) ?? DEFAULT_INDENT;
}

/** The most common base indentation of continuation lines (the shallowest one of each instruction), if any. */
export function detectIndent(root: Root): string | undefined {
  const counts = new Map<string, number>();
  for (const node of root.children) {
    if (node.type !== 'instruction') continue;
    const leaves = node.children;
    let base: string | undefined;
    for (let i = 1; i + 1 < leaves.length; i++) {
      const leaf = leaves[i];
      if (leaf.type === 'whitespace' && leaves[i - 1].type === 'newline' && leaves[i + 1].type === 'content') {
        const value = (leaf as { value: string }).value;
        if (base === undefined || value.length < base.length) base = value;
      }
    }
    if (base !== undefined) counts.set(base, (counts.get(base) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

/**
 * Where the file puts `&&` and `||` when a shell-form chain breaks over lines, as most of its breaks do: `end` (before
 * the line continuation) or `start` (at the start of the next line); undefined when no break has one, or as many
 * have it each way.
 */
export function detectOperatorPosition(root: Root): 'end' | 'start' | undefined {
  let end = 0;
  let start = 0;
  for (const node of root.children) {
    if (node.type !== 'instruction') continue;
    const leaves = node.children;
    const keyword = leaves.find((leaf) => leaf.type === 'keyword');
    if (!keyword || !('value' in keyword) || !/^(run|cmd|entrypoint)$/i.test(keyword.value)) continue;
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i];
      if (leaf.type !== 'continuation') continue;
      // The content before the continuation (its own line) and the content that starts the next line.
      const before = leaves[i - 1]?.type === 'content' ? (leaves[i - 1] as { value: string }).value : '';
      let j = i + 1;
      while (j < leaves.length && (leaves[j].type === 'newline' || leaves[j].type === 'whitespace')) j++;
      const after = leaves[j]?.type === 'content' ? (leaves[j] as { value: string }).value : '';
      if (/(^|\s)(&&|\|\|)\s*$/.test(before)) end++;
      else if (/^(&&|\|\|)(\s|$)/.test(after)) start++;
    }
  }
  return end > start ? 'end' : start > end ? 'start' : undefined;
}

/** Upper case unless most keywords of the file are written in lower case. */
function detectKeywordCase(root: Root): 'upper' | 'lower' {
  let lower = 0;
  let upper = 0;
  for (const node of root.children) {
    if (node.type !== 'instruction') continue;
    const keyword = node.children.find((leaf) => leaf.type === 'keyword');
    if (!keyword || !('value' in keyword)) continue;
    if (keyword.value === keyword.value.toLowerCase()) lower++;
    else upper++;
  }
  return lower > upper ? 'lower' : 'upper';
}

/** A keyword in the file's case. */
export function keywordIn(style: Style, keyword: string): string {
  return style.keywordCase === 'lower' ? keyword.toLowerCase() : keyword.toUpperCase();
}
