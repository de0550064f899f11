/**
 * Which commands change the state of the shell they run in, and how: the hazards of a top-level command.
 */
import type { ShellCommand, ShellHazardKind, ShellWord } from './types.js';

/** A state change found on a command: what kind, through which command, and why it matters. */
export interface CommandEffect {
  kind: ShellHazardKind;
  command: string | null;
  reason: string;
}

/** POSIX special builtins: assignments written before them last in the shell (`FOO=1 :`). */
const SPECIAL_BUILTINS = new Set([
  'break',
  ':',
  'continue',
  '.',
  'eval',
  'exec',
  'exit',
  'export',
  'readonly',
  'return',
  'set',
  'shift',
  'times',
  'trap',
  'unset',
]);

type Rule = (name: string, args: string[], command: ShellCommand) => CommandEffect | null;

const hasOperand = (args: string[]): boolean => args.some((arg) => !/^[-+]/.test(arg));

const RULES: Record<string, Rule> = {
  cd: (name) => effect('cd', name, `changes the working directory with ${name}`),
  pushd: (name) => effect('cd', name, `changes the working directory with ${name}`),
  popd: (name) => effect('cd', name, `changes the working directory with ${name}`),
  export: (name, args) => (hasOperand(args) ? effect('export', name, `exports variables with ${name}`) : null),
  unset: (name, args) => (hasOperand(args) ? effect('unset', name, `unsets variables with ${name}`) : null),
  set: (name, args) =>
    args.length > 0 ? effect('set', name, `changes shell options or positional parameters with ${name}`) : null,
  shopt: (name, args) =>
    args.some((arg) => /^-[a-z]*[su]/.test(arg)) ? effect('shopt', name, `changes shell options with ${name}`) : null,
  umask: (name, args) =>
    hasOperand(args) ? effect('umask', name, `changes the file creation mask with ${name}`) : null,
  source: (name) =>
    effect('source', name, `runs a script in the current shell with ${name}, which can change anything`),
  '.': (name) => effect('source', name, `runs a script in the current shell with ${name}, which can change anything`),
  alias: (name, args) => (hasOperand(args) ? effect('alias', name, `defines aliases with ${name}`) : null),
  unalias: (name, args) => (args.length > 0 ? effect('alias', name, `removes aliases with ${name}`) : null),
  // bash's `hash -p /bin/true sort` makes a name run another program, as an alias does (red team 34).
  hash: (name, args) =>
    args.some((arg) => /^-[a-z]*p/.test(arg))
      ? effect('alias', name, `sets the program a name runs with ${name} -p`)
      : null,
  exec: (name, args) =>
    hasOperand(args)
      ? effect('exec', name, `replaces the shell with ${name}, so nothing after it runs`)
      : effect('exec', name, `changes the shell's open files with ${name}`),
  trap: (name, args) => (hasOperand(args) ? effect('trap', name, `sets signal or exit handlers with ${name}`) : null),
  ulimit: (name, args) => (hasOperand(args) ? effect('ulimit', name, `changes resource limits with ${name}`) : null),
  declare: declareRule,
  typeset: declareRule,
  readonly: declareRule,
  local: declareRule,
  let: (name, args) => (args.length > 0 ? effect('assignment', name, `assigns variables with ${name}`) : null),
  read: (name) => effect('read', name, `assigns the variables it reads with ${name}`),
  mapfile: (name) => effect('read', name, `assigns the array it reads with ${name}`),
  readarray: (name) => effect('read', name, `assigns the array it reads with ${name}`),
  getopts: (name) => effect('read', name, `assigns option variables with ${name}`),
  printf: (name, args) =>
    args.includes('-v') ? effect('assignment', name, `assigns a variable with ${name} -v`) : null,
  eval: (name, args) =>
    args.length > 0
      ? effect('eval', name, `runs text as shell code in the current shell with ${name}, which can change anything`)
      : null,
  exit: exitRule,
  return: exitRule,
  logout: exitRule,
};

function declareRule(name: string, args: string[]): CommandEffect | null {
  return hasOperand(args) ? effect('declare', name, `declares variables with ${name}`) : null;
}

function exitRule(name: string, _args: string[], command: ShellCommand): CommandEffect | null {
  // `|| exit 1` fails the build as the command would have: joining after it changes nothing. Any other status
  // (`exit`, `exit 0`, `exit $rc`) can end the shell successfully and skip what was joined after it.
  const status = command.args[0]?.value;
  if (status != null && /^\d+$/.test(status) && Number(status) % 256 !== 0) return null;
  return effect('exit', name, `ends the shell with ${name}, so commands joined after it would not run`);
}

function effect(kind: ShellHazardKind, command: string | null, reason: string): CommandEffect {
  return { kind, command, reason };
}

/**
 * The effective command name and arguments once `command`, `builtin` and `time` prefixes are looked through;
 * null when the command only looks a name up (`command -v cd`) or its name is not static.
 */
export function effectiveCommand(command: ShellCommand): { name: string; args: ShellWord[] } | null {
  if (!command.name || command.name.value === null) return null;
  let name = command.name.value;
  let args = command.args;
  for (;;) {
    if (name === 'builtin' || name === 'time' || name === 'command') {
      let index = 0;
      while (index < args.length && (args[index]?.value ?? '').startsWith('-')) {
        const option = args[index]?.value ?? '';
        if (name === 'command' && /[vV]/.test(option)) return null;
        index++;
        if (option === '--') break;
      }
      const next = args[index];
      if (!next) return name === 'time' || name === 'command' ? null : { name, args };
      if (next.value === null) return null;
      name = next.value;
      args = args.slice(index + 1);
      continue;
    }
    return { name, args };
  }
}

/** The state changes a command makes in the shell it runs in, most telling first. */
export function commandEffects(command: ShellCommand): CommandEffect[] {
  const effects: CommandEffect[] = [];
  if (command.form === 'assignment') {
    const names = command.assignments.map((assignment) => assignment.name).join(', ');
    effects.push(effect('assignment', null, `sets ${names} for the rest of the shell`));
    return effects;
  }
  const resolved = effectiveCommand(command);
  if (!resolved) return effects;
  const rule = RULES[resolved.name];
  const argValues = resolved.args.map((arg) => arg.value ?? arg.text);
  const found = rule ? rule(resolved.name, argValues, command) : null;
  if (found) effects.push(found);
  if (command.assignments.length > 0 && command.form === 'simple' && SPECIAL_BUILTINS.has(resolved.name)) {
    const names = command.assignments.map((assignment) => assignment.name).join(', ');
    effects.push(
      effect(
        'assignment',
        resolved.name,
        `sets ${names} for the rest of the shell (assignments before the special builtin ${resolved.name} last)`,
      ),
    );
  }
  return effects;
}
