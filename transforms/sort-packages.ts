/**
 * sort-packages: the package lists of `apt-get install`, `apk add` and `dnf`/`yum`/`microdnf install` sorted and
 * one per line, so a review diff shows exactly which package came or went. Only lists of static words (no variables,
 * no substitutions), and only where every option's argument is known, so no option argument is taken for a package.
 */
import {
  chainOperatorPosition,
  commentBetween,
  defineTransform,
  docsUrl,
  physicalLine,
  print,
  toLocal,
  type ShellWord,
  type ContextOf,
  type WordEdit,
} from '../src/engine/index.js';
import {
  editableRuns,
  packageCommands,
  subcommandOf,
  type EditableRun,
  type PackageCommand,
} from '../src/analysis/index.js';

const options = {
  sort: { type: 'boolean', default: true, description: 'Sort the package names by their text (code point order).' },
  onePerLine: {
    type: 'boolean',
    default: true,
    description:
      'Put each package name on a line of its own (when there are two or more), one indentation level deeper than its command.',
  },
} as const;

type Context = ContextOf<typeof options>;

const MENTION = /\b(apt-get|apt|apk|dnf|yum|microdnf)\b/;
const INSTALL: Record<string, string> = { apt: 'install', apk: 'add', dnf: 'install' };

export default defineTransform({
  name: 'sort-packages',
  description:
    'Sort the package lists of apt-get/apk/dnf/yum installs and put one package per line (both optional), when every package is a static word.',
  url: docsUrl('transforms.md', 'sort-packages'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  async run(ctx) {
    for (const { node, run, at } of editableRuns(
      ctx,
      MENTION,
      (at) => `Left the package lists of RUN at ${at} as they are`,
    )) {
      const edits: WordEdit[] = [];
      const done: string[] = [];
      const planned: string[] = [];
      for (const command of packageCommands(run.shell)) {
        if (INSTALL[command.family] !== subcommandOf(command) || command.operands.length < 2) continue;
        const name = `${command.tool} ${subcommandOf(command)}`;
        const blocker = listBlocker(ctx.style.escape, run, command);
        if (blocker) {
          ctx.skipped(`Left the package list of ${name} in RUN at ${at} as it is: ${blocker}`, node);
          continue;
        }
        const found = listEdits(ctx, run, command);
        if (!found) continue;
        edits.push(...found.edits);
        done.push(
          `${found.sorted ? 'sorted the packages' : 'put the packages'} of ${name}${found.split ? `${found.sorted ? ' and put them' : ''} one per line` : ''}`,
        );
        planned.push(
          `${found.sorted ? 'sort the packages' : 'put the packages'} of ${name}${found.split ? `${found.sorted ? ' and put them' : ''} one per line` : ''}`,
        );
      }
      if (edits.length)
        ctx.changed(
          {
            done: `${capitalise(done.join('; '))} in RUN at ${at}`,
            planned: `Would ${planned.join('; ')} in RUN at ${at}`,
          },
          ctx.edit.editWords(node, edits),
        );
    }
  },
});

const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);

/** Why a package list cannot be sorted or split safely, or undefined. */
function listBlocker(escape: string, run: EditableRun, command: PackageCommand): string | undefined {
  const dynamic = command.operands.find((word) => word.value === null);
  if (dynamic) return `${dynamic.text} is only known when the command runs`;
  if (command.unsure)
    return `layerfix does not know whether ${command.unsure.text} takes the word after it as its argument`;
  if (command.interleaved) return 'options stand between the package names';
  const [first, last] = [command.operands[0], command.operands[command.operands.length - 1]];
  const redirect = command.command.redirects.find((r) => r.start > first.start && r.start < last.end);
  if (redirect) return `the redirect ${redirect.text} stands between the package names`;
  const { view, shell } = run;
  const words = command.operands;
  const start = view.argsStart + listStart(shell.text, words[0]);
  const end = view.argsStart + words[words.length - 1].end;
  if (commentBetween(view, start, end))
    return 'comment lines in the list group its packages, and sorting would move packages away from their comments';
  const physical = print(view.node).slice(toLocal(view.logical, start, 'end'), toLocal(view.logical, end, 'end'));
  const blank = new RegExp(`\\n[ \\t]*${escape === '\\' ? '\\\\' : '`'}?[ \\t]*\\r?\\n`);
  if (blank.test(physical))
    return 'empty continuation lines in the list group its packages, and sorting would mix the groups';
  return undefined;
}

/** Where the whitespace before the first package starts: the end of the word before it. */
function listStart(text: string, first: ShellWord): number {
  let at = first.start;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  return at;
}

/** The edits that sort the list and put it one per line (as the options ask), or undefined when it already is. */
function listEdits(
  ctx: Context,
  run: EditableRun,
  command: PackageCommand,
): { edits: WordEdit[]; sorted: boolean; split: boolean } | undefined {
  const { view, shell } = run;
  const words = command.operands;
  const base = view.argsStart;
  const order = ctx.options.sort
    ? [...words].sort((a, b) => (a.value! < b.value! ? -1 : a.value! > b.value! ? 1 : 0))
    : words;
  const inOrder = order.every((word, i) => word === words[i]);
  const before = listStart(shell.text, words[0]);
  const text = print(view.node);
  const ownLine = (word: ShellWord, i: number) => {
    const from = toLocal(view.logical, base + (i === 0 ? before : words[i - 1].end), 'end');
    return text.slice(from, toLocal(view.logical, base + word.start, 'start')).includes('\n');
  };
  const lines = words.map(ownLine);
  if (!ctx.options.onePerLine || lines.every(Boolean)) {
    if (inOrder) return undefined;
    return {
      edits: words.map((word, i) => ({ start: base + word.start, end: base + word.end, text: order[i].text })),
      sorted: true,
      split: false,
    };
  }
  const { style } = ctx;
  const line = physicalLine(view, base + command.command.start);
  const chain = line.first ? style.indent : line.indent;
  const existing = words.findIndex((_, i) => lines[i]);
  const indent =
    existing >= 0
      ? physicalLine(view, base + words[existing].start).indent
      : line.first
        ? style.indent
        : line.indent + style.indent;
  const breakTo = (to: string) => ` ${style.escape}${style.eol}${to}`;
  const edits: WordEdit[] = [
    {
      start: base + before,
      end: base + words[words.length - 1].end,
      text: order.map((word) => `${breakTo(indent)}${word.text}`).join(''),
    },
  ];
  const rest = restOfLine(ctx, run, words[words.length - 1].end);
  if (rest) edits.push({ ...rest, text: rest.text.replace('\0', breakTo(chain)) });
  return { edits, sorted: !inOrder, split: true };
}

/**
 * What follows the last package on its physical line, when it must move to a line of its own: the edit (with `\0`
 * where the line break goes) that keeps `;` (and, with operators at line ends, `&&`/`||`/`|`) on the package's line.
 */
function restOfLine(ctx: Context, run: EditableRun, end: number): WordEdit | undefined {
  const { view, shell } = run;
  const text = print(view.node);
  const local = toLocal(view.logical, view.argsStart + end, 'end');
  const lineEnd = text.indexOf('\n', local);
  const rest = text.slice(local, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const escape = ctx.style.escape === '\\' ? '\\\\' : '`';
  if (new RegExp(`^[ \\t]*((&&|\\|\\||\\|&|\\||;)[ \\t]*)?(${escape})?[ \\t]*$`).test(rest) || rest.includes('#'))
    return undefined;
  const match = /^([ \t]*)(;;&|;;|;&|&&|\|\||\|&|\||;)?([ \t]*)/.exec(shell.text.slice(end))!;
  const keep =
    match[2] === ';' || (['&&', '||', '|'].includes(match[2]) && chainOperatorPosition(view, ctx.style) === 'end');
  const start = view.argsStart + end;
  if (keep) return { start, end: start + match[0].length, text: ` ${match[2]}\0` };
  return { start, end: start + match[1].length, text: '\0' };
}
