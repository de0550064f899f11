/**
 * The RUN instructions the package hygiene transforms can edit (shell form, POSIX shell, parses, not turned off by a
 * disable comment), and the edit that appends a command to one.
 */
import {
  appendedCommand,
  instructionView,
  positionText,
  type InstructionNode,
  type InstructionView,
  type PosixShellView,
  type TransformContext,
  type WordEdit,
} from '../engine/index.js';
import { shellsInEffect, type ShellInEffect } from './shells.js';

/** A RUN the hygiene transforms can edit: its view and its POSIX shell view. */
export interface EditableRun {
  view: InstructionView;
  shell: PosixShellView;
  /** `line:column` of the RUN in the input, for messages. */
  at: string;
}

/**
 * Read a RUN for a hygiene transform. Undefined when it is not a RUN, does not mention the tools (`mention`) or is
 * turned off by a disable comment; a reason string when it mentions them but cannot be edited.
 */
export function editableRun(
  ctx: TransformContext<unknown>,
  node: InstructionNode,
  shell: ShellInEffect,
  mention: RegExp,
): EditableRun | string | undefined {
  const view = instructionView(node, ctx.root.data.escape);
  if (view.name !== 'run') return undefined;
  const text =
    view.form === 'exec'
      ? (view.exec ?? []).join(' ')
      : [view.args, ...view.heredocs.map((doc) => doc.content)].join('\n');
  if (!mention.test(text) || !ctx.enabledFor(node)) return undefined;
  if (view.form === 'exec') return 'it is in exec (JSON) form, which layerfix does not edit';
  if (view.heredocs.length) return 'it has a heredoc, whose script layerfix does not edit';
  const sv = ctx.shellView(view.args, { shell });
  if (!sv.posix) return `the shell in effect is not a POSIX shell (${sv.reason})`;
  if (sv.errors.length) return `it does not parse as shell (${sv.errors[0].message})`;
  return { view, shell: sv, at: positionText(ctx.edit.originOf(node)) };
}

/** One RUN a package transform may edit, with a way to report why it leaves it alone. */
export interface RunToEdit {
  node: InstructionNode;
  run: EditableRun;
  at: string;
  skip: (reason: string) => void;
}

/**
 * The RUNs of a file that mention `mention` and can be edited, in order. Those that mention it but cannot be edited
 * (exec form, heredoc, non-POSIX shell, shell syntax error) are reported as skipped with `describe(at)` before the reason.
 */
export function* editableRuns(
  ctx: TransformContext<unknown>,
  mention: RegExp,
  describe: (at: string) => string,
): Generator<RunToEdit> {
  const shells = shellsInEffect(ctx.root);
  for (const node of ctx.root.children.slice()) {
    if (node.type !== 'instruction') continue;
    const run = editableRun(ctx, node, shells.get(node) ?? null, mention);
    if (run === undefined) continue;
    const at = positionText(ctx.edit.originOf(node));
    const skip = (reason: string) => ctx.skipped(`${describe(at)}: ${reason}`, node);
    if (typeof run === 'string') skip(run);
    else yield { node, run, at, skip };
  }
}

/** Why a command cannot be appended to the end of a RUN with `&&`, or undefined when it can. */
export function appendBlocker(shell: PosixShellView): string | undefined {
  const items = shell.lists;
  if (!items.length) return 'it has no command';
  for (const [index, item] of items.entries()) {
    const op = item.operator?.value;
    const last = index === items.length - 1;
    if (last ? op === '&' : op !== '&&' && op !== '|' && op !== '|&') {
      return `it is not a plain \`&&\` chain (it uses ${op === '\n' ? 'a newline' : `\`${op}\``} between commands), so a command appended with \`&&\` would not run exactly when the others succeed`;
    }
  }
  const ends = shell.hazards.find((hazard) => hazard.kind === 'exit' || hazard.kind === 'exec');
  if (ends) return `it ${ends.reason}`;
  return undefined;
}

/** The edit that appends `&& command` to the end of a RUN's chain, laid out by the printer. */
export function appendEdit(ctx: TransformContext<unknown>, run: EditableRun, command: string): WordEdit {
  const { view, shell } = run;
  const last = shell.lists[shell.lists.length - 1];
  const at = view.argsStart + last.end;
  return { start: at, end: at, text: appendedCommand(view, at, view.argsStart + last.start, command, ctx.style) };
}
