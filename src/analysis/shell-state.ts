/**
 * What makes a shell command unsafe to run in the same shell as the commands after it: state it leaves behind, and
 * `set -e`, which POSIX ignores in every command of an `&&` list but the last.
 */
import { effectiveCommand, type ShellCommand, type ShellHazard, type ShellView } from '../engine/index.js';

const STATE_CHANGES = new Set([
  'cd',
  'export',
  'unset',
  'set',
  'shopt',
  'umask',
  'source',
  'alias',
  'exec',
  'trap',
  'ulimit',
  'declare',
  'read',
  'eval',
  'exit',
  'assignment',
  'function',
  'loop-variable',
]);

/** The first hazard by which a command changes the state of its shell for the commands after it, if any. */
export function leaksState(view: ShellView): ShellHazard | undefined {
  return view.hazards.find((hazard) => STATE_CHANGES.has(hazard.kind));
}

/** The arguments of a top-level `set` (seen through `command` and `builtin`), or undefined for other commands. */
function setArguments(command: ShellCommand): string[] | undefined {
  if (!command.topLevel) return undefined;
  const effective = effectiveCommand(command);
  return effective?.name === 'set' ? effective.args.map((arg) => arg.value ?? '\0') : undefined;
}

/** The options a top-level `set` turns on, null if it turns any off; undefined for other commands. */
export function setOptionsOf(command: ShellCommand): Set<string> | null | undefined {
  const args = setArguments(command);
  return args && setOptions(args);
}

/** The options a `set` command turns on (`set -eux -o pipefail` gives e, u, x, pipefail); null if it turns any off. */
function setOptions(args: string[]): Set<string> | null {
  const on = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-o' && args[i + 1]) on.add(args[++i]);
    else if (/^-[a-zA-Z]+$/.test(arg)) for (const letter of arg.slice(1)) on.add(letter);
    else return null;
  }
  return on;
}

/**
 * True when every state change of `first` is a `set` of options that `second` turns on again before anything else:
 * then `set -eux; a` followed by `set -eux; b` behaves the same in one shell as in two.
 */
export function sameShellSetup(first: ShellView, second: ShellView): boolean {
  const leaks = first.hazards.filter((hazard) => STATE_CHANGES.has(hazard.kind));
  if (leaks.length === 0 || leaks.some((hazard) => hazard.kind !== 'set')) return false;
  const wanted = new Set<string>();
  for (const command of first.commands) {
    const args = setArguments(command);
    if (!args) continue;
    const options = setOptions(args);
    if (!options) return false;
    for (const option of options) wanted.add(option);
  }
  const lead = second.commands[0];
  const args = lead && lead.item === 0 ? setArguments(lead) : undefined;
  const given = args && setOptions(args);
  return !!given && [...wanted].every((option) => given.has(option));
}

/** Whether a `set` turns errexit on (true), off (false), or leaves it (undefined). */
function errexitChange(args: string[]): boolean | undefined {
  let state: boolean | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if ((arg === '-o' || arg === '+o') && args[i + 1] === 'errexit') state = arg === '-o';
    else if (/^[-+][a-zA-Z]*e/.test(arg)) state = arg[0] === '-';
  }
  return state;
}

/** What merge-runs needs to know of the shell text of a RUN, or of a chain it made. */
export interface ChainFacts {
  view: ShellView;
  /** Top-level items, for maxCommands. */
  items: number;
  /** The last top-level item is a simple command or pipeline (not a group, subshell, `if`, loop ...). */
  endsSimple: boolean;
  /** Whether the text leaves errexit on or off; undefined when it never changes it (it keeps what it started with). */
  errexit: boolean | undefined;
  /** The text turns errexit on somewhere, at its top level or nested in a subshell, group or function. */
  usesErrexit: boolean;
}

const SIMPLE_ITEMS = new Set([
  'command',
  'pipeline',
  'declaration_command',
  'unset_command',
  'test_command',
  'negated_command',
]);

/** The facts of one RUN's shell text, starting with errexit off (a fresh shell). */
export function chainFacts(view: ShellView): ChainFacts {
  let errexit: boolean | undefined;
  let usesErrexit = false;
  for (const command of view.commands) {
    const effective = effectiveCommand(command);
    const change =
      effective?.name === 'set' ? errexitChange(effective.args.map((arg) => arg.value ?? '\0')) : undefined;
    if (change && command.topLevel) errexit = true;
    else if (change === false && command.topLevel) errexit = false;
    if (change) usesErrexit = true;
  }
  const last = view.lists[view.lists.length - 1];
  return { view, items: view.lists.length, endsSimple: !last || SIMPLE_ITEMS.has(last.node), errexit, usesErrexit };
}

/**
 * How many top-level items a text starts with that only turn shell options on with `set` (`set -eux;`), when they
 * turn errexit on and no later top-level `set` changes an option; 0 otherwise.
 */
export function errexitLead(shell: ShellView): number {
  const sets = shell.commands.filter((command) => command.topLevel && effectiveCommand(command)?.name === 'set');
  // Each leading item is a `set` of its own, not one inside a group, a branch or a case.
  const plainSet = (item: number) =>
    shell.lists[item].node === 'command' &&
    shell.commands.filter((command) => command.item === item).every((command) => sets.includes(command));
  let lead = 0;
  while (lead < shell.lists.length && sets.some((command) => command.item === lead) && plainSet(lead)) lead++;
  const options = sets.map((command) => (command.item !== null && command.item < lead ? setOptionsOf(command) : null));
  if (!lead || options.some((on) => !on)) return 0;
  return options.some((on) => on!.has('e') || on!.has('errexit')) ? lead : 0;
}
