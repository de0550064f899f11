/**
 * The layout of whole instructions, as the `format` transform applies it: keyword case, spacing, continuation
 * indentation, `&&` placement and JSON arrays. Only whitespace, keyword case and operator placement change, never a
 * word, so what BuildKit reads stays the same.
 */
import { print, readJsonForm, toLocal, toLogical, type InstructionView, type Leaf } from '../syntax/index.js';
import { quotedOffsets } from './quotes.js';
import type { Style } from './style.js';

/** Which layout rules apply (the `format` transform's options of the same names). */
export interface LayoutRules {
  keywordCase: 'upper' | 'lower' | 'preserve';
  spaceAfterKeyword: boolean;
  continuationIndent: boolean;
  chainOperators: boolean;
  trailingWhitespace: boolean;
  emptyContinuationLines: boolean;
  /**
   * Whether the shell of a shell-form RUN is a POSIX one, which splits words at any run of whitespace (`false` under
   * cmd or PowerShell: `echo` keeps the spaces). Unset: POSIX.
   */
  posixShell?: boolean;
}

/** Instructions whose arguments are words: whitespace between words (outside quotes) does not matter. */
const WORDY = new Set([
  'run',
  'cmd',
  'entrypoint',
  'from',
  'copy',
  'add',
  'expose',
  'volume',
  'arg',
  'shell',
  'onbuild',
  'healthcheck',
]);
const SHELL_FORM = new Set(['run', 'cmd', 'entrypoint']);
/** Instructions whose shell form the image's configuration stores as written. */
const CONFIGURED = new Set(['cmd', 'entrypoint', 'healthcheck']);

/** An instruction re-laid out leaf by leaf under `options`; only whitespace, keyword case and operator placement change. */
export function layoutInstruction(view: InstructionView, style: Style, options: LayoutRules): string {
  const leaves = view.node.children;
  const quoted = quotedOffsets(view.logical.text, style.escape);
  // A shell-form CMD, ENTRYPOINT or HEALTHCHECK, and an ONBUILD trigger, go into the image's configuration as
  // written, and a shell that is not POSIX keeps runs of spaces: their whitespace counts.
  const stored = view.name === 'onbuild' || (view.form === 'shell' && CONFIGURED.has(view.name));
  const kept = view.name === 'run' && view.form === 'shell' && options.posixShell === false;
  const reflow =
    (WORDY.has(view.name) && !stored && !kept) ||
    ((view.name === 'env' || view.name === 'label') && view.pairs?.every((p) => p.form === 'equals') === true);
  const parts: string[] = [];
  let local = 0;
  /** Whether the logical line at this local offset is outside quotes, so the whitespace there can change. */
  const free = (offset: number) => reflow && !quoted[toLogical(view.logical, offset)];
  const spaceBefore = (offset: number) => /\s/.test(view.logical.text[toLogical(view.logical, offset) - 1] ?? '');
  // A JSON array broken over lines keeps the indentation it was written with: people align its elements under the first.
  const indents =
    options.continuationIndent && view.form !== 'exec'
      ? continuationIndents(leaves, free, style.indent, spaceBefore)
      : new Map<number, string>();
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
        if (options.keywordCase !== 'preserve' && view.keyword === value)
          out = options.keywordCase === 'upper' ? value.toUpperCase() : value.toLowerCase();
        break;
      case 'whitespace':
        if (i === 0) out = '';
        else if (prev?.type === 'keyword' && next?.type === 'content' && options.spaceAfterKeyword) out = ' ';
        else if (
          prev?.type === 'newline' &&
          options.emptyContinuationLines &&
          (next === undefined || next.type === 'newline')
        )
          out = '';
        else if (indents.has(i)) out = indents.get(i)!;
        break;
      case 'content':
        if (next?.type === 'continuation' && options.trailingWhitespace && / {2,}$|\t$/.test(value) && free(local - 1))
          out = value.replace(/[ \t]+$/, ' ');
        else if (
          (next === undefined || next.type === 'newline' || next.type === 'heredoc') &&
          options.trailingWhitespace
        )
          out = value.replace(/[ \t]+$/, '');
        break;
      case 'continuation':
        if (options.trailingWhitespace) out = style.escape;
        break;
      case 'comment':
        if (options.trailingWhitespace) out = value.replace(/[ \t]+$/, '');
        break;
      case 'newline':
        if (prev?.type === 'whitespace' && leaves[i - 2]?.type === 'newline' && options.emptyContinuationLines)
          out = '';
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
function continuationIndents(
  leaves: ReadonlyArray<Leaf | { type: string }>,
  free: (offset: number) => boolean,
  unit: string,
  spaceBefore: (offset: number) => boolean,
): Map<number, string> {
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
      const movable =
        comment ||
        ((first?.type === 'content' || first?.type === 'continuation') &&
          free(local) &&
          (old !== '' || spaceBefore(local)));
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
function moveOperator(
  parts: string[],
  previous: number,
  content: string,
  start: number,
  view: InstructionView,
  free: (offset: number) => boolean,
  style: Style,
): string {
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

/**
 * An exec-form instruction with its JSON array spaced as people write it, `["a", "b"]`, when the array lies on one
 * line. Each string keeps the text it was written with (`"\u00e9"` stays an escape): only the space between them
 * changes. An array broken over lines is left as it was laid out.
 */
export function jsonArrayLayout(view: InstructionView): string | undefined {
  if (view.form !== 'exec' || !view.exec) return undefined;
  const offset = view.name === 'healthcheck' ? view.args.search(/\[/) : 0;
  const form = readJsonForm(view.args.slice(offset));
  if (form.kind !== 'array') return undefined;
  const start = view.argsStart + offset + view.args.slice(offset).search(/\[/);
  const end = view.argsStart + offset + form.end;
  const localStart = toLocal(view.logical, start, 'start');
  const localEnd = toLocal(view.logical, end, 'end');
  const text = print(view.node);
  if (localEnd - localStart !== end - start) return undefined;
  const strings = [...view.logical.text.slice(start, end).matchAll(/"(?:[^"\\]|\\.)*"/g)].map((match) => match[0]);
  if (strings.length !== form.values.length) return undefined;
  const json = `[${strings.join(', ')}]`;
  return text.slice(0, localStart) + json + text.slice(localEnd);
}
