/**
 * A shell-form `CMD`/`ENTRYPOINT` written as a JSON (exec) array, word by word, where that is provably the same command:
 * shared by `exec-form` and the fix of BuildKit's JSONArgsRecommended check.
 *
 * It changes what runs: the program starts directly instead of under `/bin/sh -c`, so it is PID 1 and receives
 * signals itself. It also changes what an ENTRYPOINT receives: declined where the file shows one (a CMD beside a
 * converted ENTRYPOINT would become its arguments; a converted CMD would reach an ENTRYPOINT as words instead of
 * `/bin/sh -c ...`).
 */
import {
  buildkitNode,
  positionText,
  stages,
  type InstructionNode,
  type InstructionView,
  type ShellView,
  type ShellWord,
  type TransformContext,
  type WordEdit,
} from '../../src/engine/index.js';
import { shellFacts } from '../../src/analysis/index.js';

/** What the conversion reads of a transform's context. */
export type ExecFormContext = Pick<TransformContext<unknown>, 'root' | 'edit' | 'shellView'>;

/** Builtins and keywords that exist only inside a shell. */
const SHELL_ONLY = new Set([
  'cd',
  'export',
  'set',
  'unset',
  'source',
  '.',
  'eval',
  'trap',
  'ulimit',
  'umask',
  'wait',
  'alias',
  'unalias',
  'read',
  'shift',
  'exit',
  'return',
  'break',
  'continue',
  'readonly',
  'local',
  'declare',
  'typeset',
  'let',
  'command',
  'type',
  'hash',
  'jobs',
  'fg',
  'bg',
  'getopts',
  'times',
  ':',
  'builtin',
  'shopt',
  'enable',
  'history',
  'fc',
  'disown',
  'suspend',
  'logout',
  'pushd',
  'popd',
  'dirs',
  'exec',
]);
/** SHELL arguments that only set error handling, leaving the environment of the command as `/bin/sh -c` has it. */
const PLAIN_SHELL_ARG = /^(-[ceuxo]+|pipefail|errexit|nounset|xtrace)$/;

/** The word edits that write the instruction as a JSON array, or why it stays in shell form. */
export function execEdits(
  ctx: ExecFormContext,
  view: InstructionView,
  shell: string[] | null,
): { edits: WordEdit[]; program: string } | string {
  const sv = ctx.shellView(view.args, { shell });
  if (!sv.posix) return `the shell in effect is not a POSIX shell (${sv.reason})`;
  if (shell && !shell.slice(1).every((arg) => PLAIN_SHELL_ARG.test(arg)))
    return `the SHELL ${JSON.stringify(shell)} may set up what the command finds (a login shell, an rc file); exec form would bypass it`;
  const startup = shellFacts(ctx.root).get(view.node)?.startup;
  if (startup) return `${startup}, which may set up what the command finds; exec form would bypass it`;
  const words = plainWords(sv);
  if (typeof words === 'string') return words;
  const relative = relatedEntrypoint(ctx, view);
  if (relative) return relative;
  const edits: WordEdit[] = [];
  let list = words;
  if (words[0].value === 'exec') {
    list = words.slice(1);
    if (!list.length || list[0].value!.startsWith('-')) return 'its exec takes options';
    edits.push({ start: view.argsStart + words[0].start, end: view.argsStart + list[0].start, text: '' });
  }
  if (SHELL_ONLY.has(list[0].value!)) return `${list[0].value} is a shell builtin, which exists only inside a shell`;
  list.forEach((word, i) => {
    const json = `${i === 0 ? '[' : ''}${JSON.stringify(word.value)}${i === list.length - 1 ? ']' : ','}`;
    edits.push({ start: view.argsStart + word.start, end: view.argsStart + word.end, text: json });
  });
  let line = view.logical.text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    line = line.slice(0, edit.start) + edit.text + line.slice(edit.end);
  const reread = buildkitNode(line, ctx.root.data.escape);
  if (!reread.json || JSON.stringify(reread.next) !== JSON.stringify(list.map((word) => word.value)))
    return 'its words do not read back as the same JSON array';
  return { edits, program: list[0].value! };
}

/** The words of a text that is one plain command whose words the shell only splits, or why it is more than that. */
function plainWords(sv: ShellView): ShellWord[] | string {
  if (sv.errors.length) return `it does not parse as shell (${sv.errors[0].message})`;
  if (sv.trailingComment) return 'it ends with a shell comment';
  const [command] = sv.commands;
  const [item] = sv.lists;
  if (sv.lists.length !== 1 || sv.commands.length !== 1 || item.operator || item.node !== 'command') {
    return 'it uses the shell to run more than one plain command (operators, pipes, lists, compound commands or substitutions)';
  }
  if (command.form !== 'simple' || !command.name || command.assignments.length)
    return 'it sets variables for the command, which needs the shell';
  if (command.redirects.length) return `it redirects with ${command.redirects[0].text}, which needs the shell`;
  const words = [command.name, ...command.args];
  for (const word of words) {
    if (word.value === null || (word.node !== 'raw_string' && /[$`]/.test(word.text)))
      return `${word.text} is expanded by the shell`;
    if (!['word', 'string', 'raw_string', 'concatenation', 'number'].includes(word.node))
      return `${word.text} needs the shell to read it`;
    const bare = word.text.replace(/'[^']*'|"(\\.|[^"\\])*"/g, '');
    if (/[*?[\]{}~]/.test(bare)) return `${word.text} may be expanded by the shell (a pattern, braces or ~)`;
  }
  return words;
}

/** Why an ENTRYPOINT in the file makes the conversion change the arguments it receives, or undefined. */
function relatedEntrypoint(ctx: ExecFormContext, view: InstructionView): string | undefined {
  const all = stages(ctx.root);
  const home = all.find((stage) => stage.instructions.some((v) => v.node === view.node));
  if (!home) return undefined;
  const at = (node: InstructionNode) => positionText(ctx.edit.originOf(node));
  if (view.name === 'entrypoint') {
    const names = new Set([home.name?.toLowerCase()].filter(Boolean));
    const cmd =
      home.instructions.find((v) => v.name === 'cmd') ??
      all.slice(home.index + 1).flatMap((stage) => {
        if (!names.has(stage.base.toLowerCase())) return [];
        if (stage.name) names.add(stage.name.toLowerCase());
        return stage.instructions.filter((v) => v.name === 'cmd');
      })[0];
    return cmd ? `the CMD at ${at(cmd.node)} would become its arguments, which the shell form ignores` : undefined;
  }
  for (
    let stage: typeof home | undefined = home;
    stage;
    stage = all
      .slice(0, stage.index)
      .reverse()
      .find((s) => s.name?.toLowerCase() === stage!.base.toLowerCase())
  ) {
    const entrypoint = stage.instructions.find((v) => v.name === 'entrypoint');
    if (entrypoint)
      return `the ENTRYPOINT at ${at(entrypoint.node)} receives the CMD as its arguments: the words themselves in JSON form, \`/bin/sh -c ...\` in shell form`;
  }
  return undefined;
}
