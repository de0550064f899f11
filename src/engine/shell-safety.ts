/**
 * What makes a shell command unsafe to run in the same shell as the commands after it.
 */
import type { ShellHazard, ShellView } from '../shell/index.js';
import type { InstructionNode } from '../syntax/types.js';

const STATE_CHANGES = new Set([
  'cd', 'export', 'unset', 'set', 'shopt', 'umask', 'source', 'alias', 'exec', 'trap', 'ulimit', 'declare', 'read', 'eval', 'exit',
  'assignment', 'function', 'loop-variable',
]);

/** The first hazard by which a command changes the state of its shell for the commands after it, if any. */
export function leaksState(view: ShellView): ShellHazard | undefined {
  return view.hazards.find((hazard) => STATE_CHANGES.has(hazard.kind));
}

/** The single-letter options a `set` command turns on (`set -eux -o pipefail` gives e, u, x, pipefail); null if it turns any off. */
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
    if (!command.topLevel || command.name?.value !== 'set') continue;
    const options = setOptions(command.args.map((arg) => arg.value ?? '\0'));
    if (!options) return false;
    for (const option of options) wanted.add(option);
  }
  const lead = second.commands.find((command) => command.topLevel);
  if (!lead || lead.name?.value !== 'set' || lead.item !== 0) return false;
  const given = setOptions(lead.args.map((arg) => arg.value ?? '\0'));
  return given !== null && [...wanted].every((option) => given.has(option));
}

/** `line:column` of a node's start in the input, for messages. */
export function positionText(node: InstructionNode): string {
  const start = node.position?.start;
  return start ? `${start.line}:${start.column}` : 'a generated line';
}
