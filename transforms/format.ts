/**
 * format: layout only, never meaning. Keyword case, spacing, continuation indentation, `&&` placement, JSON array
 * spacing, trailing whitespace, blank lines and the final newline; plus opt-in spelling modernisations that keep the
 * build exact (`as` to `AS`, legacy `ENV K a b` to `ENV K="a b"`, `MAINTAINER` to a label).
 */
import {
  defineTransform,
  docsUrl,
  EditError,
  instructionView,
  jsonArrayLayout,
  keywordIn,
  layoutInstruction,
  positionText,
  print,
  type ContextOf,
  type InstructionNode,
  type InstructionView,
  type TextEdit,
  type TopNode,
} from '../src/engine/index.js';
import { shellFacts, shellsInEffect } from '../src/analysis/index.js';
import { fromAsEdit, legacyPairEdit, maintainerLabelEdit } from './shared/spellings.js';

const options = {
  keywordCase: {
    type: 'enum',
    default: 'upper',
    values: ['upper', 'lower', 'preserve'],
    description: 'Case of instruction keywords.',
  },
  spaceAfterKeyword: {
    type: 'boolean',
    default: true,
    description: 'Exactly one space between the keyword and its arguments.',
  },
  continuationIndent: {
    type: 'boolean',
    default: true,
    description:
      'Indent continuation lines (and comment lines inside them) with the printer indent, where the line break is not inside quotes.',
  },
  chainOperators: {
    type: 'boolean',
    default: true,
    description:
      "Put `&&` and `||` of shell-form chains at the printer's operatorPosition (by default where most of the file's chains put them).",
  },
  jsonSpacing: { type: 'boolean', default: true, description: 'Write JSON (exec) form arrays as `["a", "b"]`.' },
  trailingWhitespace: {
    type: 'boolean',
    default: true,
    description: 'Remove whitespace at the end of lines and after a line continuation.',
  },
  emptyContinuationLines: {
    type: 'boolean',
    default: true,
    description: 'Remove empty lines inside continuations (BuildKit warns about them).',
  },
  maxBlankLines: {
    type: 'number',
    default: 1,
    min: 0,
    integer: true,
    description: 'Most consecutive blank lines kept between instructions.',
  },
  finalNewline: { type: 'boolean', default: true, description: 'End the file with exactly one line break.' },
  fromAs: {
    type: 'boolean',
    default: true,
    description: 'Write `FROM image as name` with the AS keyword in keyword case.',
  },
  legacyEnv: {
    type: 'boolean',
    default: true,
    description:
      'Rewrite legacy `ENV K a b` / `LABEL K a b` as `K="a b"` (`K=value` when the value is one word) where it reads the same.',
  },
  maintainerToLabel: {
    type: 'boolean',
    default: false,
    description:
      'Rewrite the deprecated `MAINTAINER m` as `LABEL maintainer="m"` (changes the image\'s Author field into a label).',
  },
} as const;

type Context = ContextOf<typeof options>;

export default defineTransform({
  name: 'format',
  description:
    'Lay out instructions consistently (keyword case, spacing, continuations, JSON arrays, blank lines) without changing what they build.',
  url: docsUrl('transforms.md', 'format'),
  defaultEnabled: false,
  meaning: 'layout',
  options,
  run(ctx) {
    for (const node of ctx.root.children.slice()) {
      if (node.type !== 'instruction' || !ctx.enabledFor(node)) continue;
      let current = modernise(ctx, node);
      // Each layout is checked on its own before it is made: one that would change what BuildKit reads (a case the
      // layout rules get wrong) leaves that instruction as it is, and every other instruction is still formatted.
      const declined: string[] = [];
      const relay = (text: string | undefined) => {
        if (text === undefined || text === print(current)) return;
        const problem = layoutProblem(ctx, current, text);
        if (problem) declined.push(problem);
        else current = ctx.edit.replace(current, text, 'same');
      };
      const posixShell = shellPosix(ctx, node);
      relay(
        layoutInstruction(instructionView(current, ctx.root.data.escape), ctx.style, { ...ctx.options, posixShell }),
      );
      relay(ctx.options.jsonSpacing ? jsonArrayLayout(instructionView(current, ctx.root.data.escape)) : undefined);
      if (declined.length) {
        const keyword = instructionView(node, ctx.root.data.escape).keyword.toUpperCase();
        ctx.skipped(
          `Left the layout of ${keyword} at ${positionText(ctx.edit.originOf(node))} as it is: ${declined[0]}`,
          node,
        );
      }
      if (current !== node) {
        const what = `${instructionView(current, ctx.root.data.escape).keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(node))}`;
        ctx.changed({ done: `Formatted ${what}`, planned: `Would format ${what}` }, current);
      }
    }
    trivia(ctx);
  },
});

/**
 * Why laying `node` out as `text` would be more than a change of layout, or undefined when it is only that: the text
 * must parse, in the file's escape character, as one instruction that BuildKit reads as it reads `node`.
 */
/** Whether the shell a RUN runs under is known to be a POSIX one (not cmd or PowerShell, not on an unknown OS). */
function shellPosix(ctx: Context, node: InstructionNode): boolean {
  const facts = shellFacts(ctx.root).get(node);
  if (!facts || facts.os.os === 'unknown') return false;
  return ctx.shellView('', { shell: shellsInEffect(ctx.root).get(node) ?? null }).posix;
}

function layoutProblem(ctx: Context, node: InstructionNode, text: string): string | undefined {
  let nodes: TopNode[];
  try {
    nodes = ctx.edit.fragment(text);
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    return `laid out, it would not parse (${error.message.split('\n')[0].replace(/^generated text does not parse: /, '')})`;
  }
  const created = nodes.filter((n): n is InstructionNode => n.type === 'instruction');
  if (created.length !== 1 || nodes.length !== 1) return `laid out, it would read as ${created.length} instructions`;
  if (ctx.edit.keyOf(created[0]) !== ctx.edit.keyOf(node))
    return 'laid out, BuildKit would read it differently (whitespace the layout rules take as free is not)';
  return undefined;
}

/** Apply the spelling modernisations, declaring the logical line they produce. */
function modernise(ctx: Context, node: InstructionNode): InstructionNode {
  const edits = modernisations(ctx, instructionView(node, ctx.root.data.escape));
  return edits.length ? ctx.edit.editLogical(node, edits) : node;
}

/** A keyword in the case the options ask for (the file's own case under `preserve`). */
function keywordCase(ctx: Context, keyword: string): string {
  const { keywordCase } = ctx.options;
  if (keywordCase === 'preserve') return keywordIn(ctx.style, keyword);
  return keywordCase === 'upper' ? keyword.toUpperCase() : keyword.toLowerCase();
}

function modernisations(ctx: Context, view: InstructionView): TextEdit[] {
  const { options } = ctx;
  const found = [
    options.fromAs ? fromAsEdit(view, keywordCase(ctx, 'AS')) : undefined,
    options.legacyEnv ? legacyPairEdit(view, ctx.root.data.escape) : undefined,
    options.maintainerToLabel ? maintainerLabelEdit(view, keywordCase(ctx, 'LABEL'), 'maintainer') : undefined,
  ];
  return found.filter((edit): edit is TextEdit => typeof edit === 'object');
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
      else if (options.trailingWhitespace && /[ \t]/.test(print(node)))
        edit.replaceTrivia(node, print(node).endsWith('\n') ? eol : '');
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
  while (root.children.length > 1 && root.children[root.children.length - 1].type === 'blank')
    edit.remove([root.children[root.children.length - 1]]);
  const last = root.children[root.children.length - 1];
  if (last && !print(last).endsWith('\n')) appendNewline(ctx, last, eol);
}

function appendNewline(ctx: Context, node: TopNode, eol: string): void {
  const text = print(node).replace(/\r$/, '') + eol;
  if (node.type === 'instruction') ctx.edit.replace(node, text, 'same');
  else if (node.type === 'comment' || node.type === 'blank') ctx.edit.replaceTrivia(node, text);
}
