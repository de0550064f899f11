/**
 * format: layout only, never meaning. Keyword case, spacing, continuation indentation, `&&` placement, JSON array
 * spacing, trailing whitespace, blank lines and the final newline; plus opt-in spelling modernisations that keep the
 * build exact (`as` to `AS`, legacy `ENV K a b` to `ENV K="a b"`, `MAINTAINER` to a label).
 */
import { defineTransform } from '../src/engine/define.js';
import type { TextEdit } from '../src/engine/editor.js';
import type { TransformContext } from '../src/engine/types.js';
import { quotedOffsets } from '../src/printer/quotes.js';
import { keywordIn, type Style } from '../src/printer/style.js';
import { readJsonForm } from '../src/syntax/json-form.js';
import { toLocal, toLogical } from '../src/syntax/logical.js';
import { print } from '../src/syntax/print.js';
import type { InstructionNode, Leaf, TopNode } from '../src/syntax/types.js';
import { instructionView, type InstructionView } from '../src/syntax/view.js';

const options = {
  keywordCase: { type: 'enum', default: 'upper', values: ['upper', 'lower', 'preserve'], description: 'Case of instruction keywords.' },
  spaceAfterKeyword: { type: 'boolean', default: true, description: 'Exactly one space between the keyword and its arguments.' },
  continuationIndent: { type: 'boolean', default: true, description: 'Indent continuation lines (and comment lines inside them) with the printer indent, where the line break is not inside quotes.' },
  chainOperators: { type: 'boolean', default: true, description: 'Put `&&` and `||` of shell-form chains at the printer\'s operatorPosition.' },
  jsonSpacing: { type: 'boolean', default: true, description: 'Write JSON (exec) form arrays as `["a", "b"]`.' },
  trailingWhitespace: { type: 'boolean', default: true, description: 'Remove whitespace at the end of lines and after a line continuation.' },
  emptyContinuationLines: { type: 'boolean', default: true, description: 'Remove empty lines inside continuations (BuildKit warns about them).' },
  maxBlankLines: { type: 'number', default: 1, min: 0, integer: true, description: 'Most consecutive blank lines kept between instructions.' },
  finalNewline: { type: 'boolean', default: true, description: 'End the file with exactly one line break.' },
  fromAs: { type: 'boolean', default: true, description: 'Write `FROM image as name` with the AS keyword in keyword case.' },
  legacyEnv: { type: 'boolean', default: true, description: 'Rewrite legacy `ENV K a b` / `LABEL K a b` as `K="a b"` when the value has no quotes or escapes.' },
  maintainerToLabel: { type: 'boolean', default: false, description: 'Rewrite the deprecated `MAINTAINER m` as `LABEL maintainer="m"` (changes the image\'s Author field into a label).' },
} as const;

interface FormatOptions {
  keywordCase: 'upper' | 'lower' | 'preserve';
  spaceAfterKeyword: boolean;
  continuationIndent: boolean;
  chainOperators: boolean;
  jsonSpacing: boolean;
  trailingWhitespace: boolean;
  emptyContinuationLines: boolean;
  maxBlankLines: number;
  finalNewline: boolean;
  fromAs: boolean;
  legacyEnv: boolean;
  maintainerToLabel: boolean;
}

type Context = TransformContext<FormatOptions>;

/** Instructions whose arguments are words: whitespace between words (outside quotes) does not matter. */
const WORDY = new Set(['run', 'cmd', 'entrypoint', 'from', 'copy', 'add', 'expose', 'volume', 'arg', 'shell', 'onbuild', 'healthcheck']);
const SHELL_FORM = new Set(['run', 'cmd', 'entrypoint']);

export default defineTransform({
  name: 'format',
  description: 'Lay out instructions consistently (keyword case, spacing, continuations, JSON arrays, blank lines) without changing what they build.',
  url: 'docs/transforms.md#format',
  defaultEnabled: false,
  meaning: 'layout',
  options,
  run(context) {
    const ctx = context as Context;
    for (const node of ctx.root.children.slice()) {
      if (node.type !== 'instruction' || !ctx.enabledFor(node)) continue;
      let current = modernise(ctx, node);
      const text = layout(ctx, instructionView(current, ctx.root.data.escape));
      if (text !== print(current)) current = ctx.edit.replace(current, text, 'same');
      const json = jsonSpacing(ctx, instructionView(current, ctx.root.data.escape));
      if (json !== undefined && json !== print(current)) current = ctx.edit.replace(current, json, 'same');
      if (current !== node) ctx.changed(`Formatted ${instructionView(current, ctx.root.data.escape).keyword.toUpperCase()} at ${at(ctx, node)}`, current);
    }
    trivia(ctx);
  },
});

function at(ctx: Context, node: InstructionNode): string {
  const start = ctx.edit.originOf(node).position?.start;
  return start ? `${start.line}:${start.column}` : 'a generated line';
}

/** Apply the spelling modernisations, declaring the logical line they produce. */
function modernise(ctx: Context, node: InstructionNode): InstructionNode {
  const edits = modernisations(ctx, instructionView(node, ctx.root.data.escape));
  return edits.length ? ctx.edit.editLogical(node, edits) : node;
}

const SAFE_VALUE = /^[^"'`\\\r\t\v\f]*$/;

/** A keyword in the case the options ask for (the file's own case under `preserve`). */
function keywordCase(ctx: Context, keyword: string): string {
  const { keywordCase } = ctx.options;
  if (keywordCase === 'preserve') return keywordIn(ctx.style, keyword);
  return keywordCase === 'upper' ? keyword.toUpperCase() : keyword.toLowerCase();
}

function modernisations(ctx: Context, view: InstructionView): TextEdit[] {
  const { options } = ctx;
  const edits: TextEdit[] = [];
  if (options.fromAs && view.name === 'from' && view.from?.alias) {
    const match = /^(\S+[\t\v\f\r ]+)(as)(?=[\t\v\f\r ])/i.exec(view.args);
    const word = keywordCase(ctx, 'AS');
    if (match && match[2] !== word) edits.push({ start: view.argsStart + match[1].length, end: view.argsStart + match[1].length + 2, text: word });
  }
  const legacy = view.pairs?.length === 1 && view.pairs[0].form === 'legacy' ? view.pairs[0] : undefined;
  if (options.legacyEnv && legacy?.value !== undefined && SAFE_VALUE.test(legacy.value) && !legacy.key.includes('=')) {
    edits.push({ start: view.argsStart, end: view.argsEnd, text: `${legacy.key}="${legacy.value}"` });
  }
  if (options.maintainerToLabel && view.name === 'maintainer' && SAFE_VALUE.test(view.args) && view.args) {
    edits.push({ start: view.keywordStart, end: view.argsEnd, text: `${keywordCase(ctx, 'LABEL')} maintainer="${view.args}"` });
  }
  return edits;
}

/** The instruction re-laid out leaf by leaf; only whitespace, keyword case and operator placement change. */
function layout(ctx: Context, view: InstructionView): string {
  const { options, style } = ctx;
  const leaves = view.node.children;
  const quoted = quotedOffsets(view.logical.text, style.escape);
  const reflow = WORDY.has(view.name) || ((view.name === 'env' || view.name === 'label') && view.pairs?.every((p) => p.form === 'equals') === true);
  const parts: string[] = [];
  let local = 0;
  /** Whether the logical line at this local offset is outside quotes, so the whitespace there can change. */
  const free = (offset: number) => reflow && !quoted[toLogical(view.logical, offset)];
  const spaceBefore = (offset: number) => /\s/.test(view.logical.text[toLogical(view.logical, offset) - 1] ?? '');
  const indents = options.continuationIndent ? continuationIndents(leaves, free, style.indent, spaceBefore) : new Map<number, string>();
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    const prev = leaves[i - 1];
    const next = leaves[i + 1];
    const start = local;
    local += leaf.type === 'heredoc' ? print(leaf).length : (leaf as Leaf).value.length;
    if (leaf.type === 'heredoc') {
      parts.push(print(leaf));
      continue;
    }
    const { value } = leaf as Leaf;
    let out = value;
    switch (leaf.type) {
      case 'keyword':
        if (options.keywordCase !== 'preserve' && view.keyword === value) out = options.keywordCase === 'upper' ? value.toUpperCase() : value.toLowerCase();
        break;
      case 'whitespace':
        if (i === 0) out = '';
        else if (prev?.type === 'keyword' && next?.type === 'content' && options.spaceAfterKeyword) out = ' ';
        else if (prev?.type === 'newline' && options.emptyContinuationLines && (next === undefined || next.type === 'newline')) out = '';
        else if (indents.has(i)) out = indents.get(i)!;
        break;
      case 'content':
        if (next?.type === 'continuation' && options.trailingWhitespace && / {2,}$|\t$/.test(value) && free(local - 1)) out = value.replace(/[ \t]+$/, ' ');
        else if ((next === undefined || next.type === 'newline' || next.type === 'heredoc') && options.trailingWhitespace) out = value.replace(/[ \t]+$/, '');
        break;
      case 'continuation':
        if (options.trailingWhitespace) out = style.escape;
        break;
      case 'comment':
        if (options.trailingWhitespace) out = value.replace(/[ \t]+$/, '');
        break;
      case 'newline':
        if (prev?.type === 'whitespace' && leaves[i - 2]?.type === 'newline' && options.emptyContinuationLines) out = '';
        else if (prev?.type === 'newline' && options.emptyContinuationLines) out = '';
        break;
    }
    if (prev?.type === 'newline' && leaf.type !== 'whitespace' && indents.has(i)) out = indents.get(i)! + out;
    if (leaf.type === 'content' && options.chainOperators && SHELL_FORM.has(view.name) && view.form === 'shell') {
      out = moveOperator(parts, lastContentBefore(parts, leaves, i), out, start, view, free, style);
    }
    parts.push(out);
  }
  return parts.join('');
}

/**
 * The new indentation of each continuation line that may be re-indented (comment lines, and lines whose break is
 * outside quotes), by the index of its first leaf: the printer indent plus what the line had beyond the shallowest
 * content line, so nested indentation keeps its shape (the same base `detectIndent` reads, so a second run agrees).
 */
function continuationIndents(leaves: ReadonlyArray<Leaf | { type: string }>, free: (offset: number) => boolean, unit: string, spaceBefore: (offset: number) => boolean): Map<number, string> {
  const lines: Array<[number, string, boolean]> = [];
  let local = 0;
  for (let i = 0; i < leaves.length; i++) {
    if (leaves[i].type === 'heredoc') break;
    const leaf = leaves[i] as Leaf;
    if (i > 0 && leaves[i - 1].type === 'newline') {
      const old = leaf.type === 'whitespace' ? leaf.value : '';
      const first = leaf.type === 'whitespace' ? leaves[i + 1] : leaf;
      const comment = first?.type === 'comment';
      // Whitespace at the joint separates words; where the line before ends inside a word, adding or removing it would not.
      const movable = comment || ((first?.type === 'content' || first?.type === 'continuation') && free(local) && (old !== '' || spaceBefore(local)));
      // Only content lines set the base, as in detectIndent; comment and lone-continuation lines follow it.
      if (movable) lines.push([i, old, first?.type !== 'content']);
    }
    local += leaf.value.length;
  }
  const base = Math.min(...lines.filter(([, , comment]) => !comment).map(([, old]) => old.length));
  return new Map(
    lines.map(([i, old, comment]): [number, string] => {
      const next = unit + (old.length > base ? old.slice(base) : '');
      return [i, next === '' && old !== '' && !comment ? old : next];
    }),
  );
}

/** Index in `parts` of the content part that ends the previous physical content line, when a continuation joins them. */
function lastContentBefore(parts: string[], leaves: ReadonlyArray<Leaf | { type: string }>, i: number): number {
  let sawContinuation = false;
  for (let j = i - 1; j >= 0; j--) {
    const type = leaves[j].type;
    if (type === 'continuation') sawContinuation = true;
    else if (type === 'content' || type === 'keyword') return sawContinuation ? j : -1;
  }
  return -1;
}

/** Move a leading `&&`/`||` of a continuation line to the end of the line before (or back), per operatorPosition. */
function moveOperator(parts: string[], previous: number, content: string, start: number, view: InstructionView, free: (offset: number) => boolean, style: Style): string {
  if (previous < 0 || !free(start)) return content;
  const before = parts[previous];
  if (style.operatorPosition === 'end') {
    const lead = /^(&&|\|\|)[ \t]+(?=\S)/.exec(content);
    if (!lead || / (&&|\|\|)\s*$/.test(before)) return content;
    parts[previous] = `${before.replace(/[ \t]*$/, '')} ${lead[1]} `;
    return content.slice(lead[0].length);
  }
  const trail = /[ \t]+(&&|\|\|)[ \t]*$/.exec(before);
  if (!trail || /^(&&|\|\|)/.test(content)) return content;
  parts[previous] = `${before.slice(0, trail.index)} `;
  return `${trail[1]} ${content}`;
}

/** The instruction with its JSON array written as `["a", "b"]`, when the array lies on one line. */
function jsonSpacing(ctx: Context, view: InstructionView): string | undefined {
  if (!ctx.options.jsonSpacing || view.form !== 'exec' || !view.exec) return undefined;
  const offset = view.name === 'healthcheck' ? view.args.search(/\[/) : 0;
  const form = readJsonForm(view.args.slice(offset));
  if (form.kind !== 'array') return undefined;
  const start = view.argsStart + offset + view.args.slice(offset).search(/\[/);
  const end = view.argsStart + offset + form.end;
  const localStart = toLocal(view.logical, start, 'start');
  const localEnd = toLocal(view.logical, end, 'end');
  const text = print(view.node);
  if (localEnd - localStart !== end - start) return undefined;
  const json = `[${form.values.map((value) => JSON.stringify(value)).join(', ')}]`;
  return text.slice(0, localStart) + json + text.slice(localEnd);
}

/** Comment lines, blank lines and the end of the file. */
function trivia(ctx: Context): void {
  const { options, edit, root } = ctx;
  const eol = root.data.eol;
  let blanks = 0;
  let previous: TopNode | undefined;
  for (const node of root.children.slice()) {
    const before = previous;
    previous = node;
    if (node.type === 'blank') {
      blanks++;
      const afterDirective = before?.type === 'directive';
      if (blanks > options.maxBlankLines && !afterDirective) edit.remove([node]);
      else if (options.trailingWhitespace && /[ \t]/.test(print(node))) edit.replaceTrivia(node, print(node).endsWith('\n') ? eol : '');
      continue;
    }
    blanks = 0;
    if (node.type === 'comment' && options.trailingWhitespace) {
      const text = print(node);
      const trimmed = text.replace(/[ \t]+(\r?\n)?$/, '$1');
      if (trimmed !== text) edit.replaceTrivia(node, trimmed);
    }
  }
  if (!options.finalNewline) return;
  while (root.children.length > 1 && root.children[root.children.length - 1].type === 'blank') edit.remove([root.children[root.children.length - 1]]);
  const last = root.children[root.children.length - 1];
  if (last && !print(last).endsWith('\n')) appendNewline(ctx, last, eol);
}

function appendNewline(ctx: Context, node: TopNode, eol: string): void {
  const text = print(node).replace(/\r$/, '') + eol;
  if (node.type === 'instruction') ctx.edit.replace(node, text, 'same');
  else if (node.type === 'comment' || node.type === 'blank') ctx.edit.replaceTrivia(node, text);
}
