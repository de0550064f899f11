/**
 * What one command does to the image's files, read from its arguments: the places it reads, writes and removes,
 * whether it installs distribution packages or changes which program a command name runs, and the accounts it
 * creates or changes. A command layerfix has no rule for, or whose arguments it cannot resolve, is unknown, with the
 * reason: transforms decline on it.
 */
import { posix } from 'node:path';
import {
  hasOption,
  optionValues,
  readCommandLine,
  type Arg,
  type CommandLine,
  type OptionSyntax,
} from '../command-line.js';
import { UnknownPlace, type Place } from '../places.js';
import {
  alwaysBuiltin,
  emptyEffects,
  readProgram,
  Resolver,
  UnknownEffect,
  type CommandBase,
  type CommandRule,
  type EffectsOrUnknown,
  type FileEffects,
} from './effects.js';
import { FILE_RULES } from './files.js';
import { LANGUAGE_RULES } from './languages.js';
import { NETWORK_RULES } from './network.js';
import { SYSTEM_RULES } from './system.js';
import { TEXT_RULES } from './text.js';

export {
  alwaysBuiltin,
  emptyEffects,
  type CommandBase,
  type EffectsOrUnknown,
  type FileEffects,
  type Link,
} from './effects.js';
export { NO_FILES } from './files.js';
export { NAME_SERVICE, SYSTEM_FOLDERS } from './folders.js';
export { ACCOUNTS, PACKAGE_TOOL_SYNTAX } from './system.js';

/** Every command layerfix has a rule for; a name in two tables is a mistake, caught when the module loads. */
const RULES: Record<string, CommandRule> = {};
for (const table of [FILE_RULES, TEXT_RULES, NETWORK_RULES, SYSTEM_RULES, LANGUAGE_RULES])
  for (const [name, rule] of Object.entries(table)) {
    if (name in RULES) throw new Error(`two rules for the command ${name}`);
    RULES[name] = rule;
  }

/** Commands that run the rest of their words as a command (their effects are that command's), with the options that take a value. */
export const WRAPPERS: Record<string, OptionSyntax & { skip?: number }> = {
  gosu: { stopAtOperand: true, skip: 1 },
  'su-exec': { stopAtOperand: true, skip: 1 },
  sudo: { short: 'ugCDhpUrt', stopAtOperand: true },
  nice: { short: 'n', stopAtOperand: true },
  nohup: { stopAtOperand: true },
  timeout: { short: 'sk', stopAtOperand: true, skip: 1 },
  stdbuf: { short: 'ioe', stopAtOperand: true },
  env: { short: 'uSC', stopAtOperand: true },
  xargs: { short: 'aEdIiLlnPs', stopAtOperand: true },
};

/** Wrappers that run the command as another user, with that user's home folder (which layerfix does not know). */
const SWITCH_USER = new Set(['gosu', 'su-exec', 'sudo']);

/** What wrappers read themselves: the accounts they switch to, and sudo its policy. */
const WRAPPER_READS: Record<string, Place[]> = {
  gosu: [
    { path: '/etc/passwd', tree: false },
    { path: '/etc/group', tree: false },
  ],
  'su-exec': [
    { path: '/etc/passwd', tree: false },
    { path: '/etc/group', tree: false },
  ],
  sudo: [
    { path: '/etc/sudoers', tree: false },
    { path: '/etc/sudoers.d', tree: true },
    { path: '/etc/sudo.conf', tree: false },
    { path: '/etc/pam.d', tree: true },
    { path: '/etc/passwd', tree: false },
    { path: '/etc/group', tree: false },
    { path: '/etc/shadow', tree: false },
  ],
};

/**
 * Where the wrapped command runs: another user's home for gosu, su-exec and sudo; `env`'s folder (`-C`) and its
 * assignments (`env HOME=/x cmd`); or why that is not known.
 */
function wrappedBase(program: string, line: CommandLine, base: CommandBase): CommandBase | { unknown: string } {
  if (SWITCH_USER.has(program)) return { ...base, home: undefined };
  if (program !== 'env') return base;
  if (hasOption(line, '-i', '--ignore-environment', '-u', '--unset', '-S', '--split-string'))
    return { unknown: `runs \`env\` with options that change the environment in ways layerfix does not follow` };
  const [folder] = optionValues(line, '-C', '--chdir');
  const variables = new Map(base.variables);
  for (const arg of line.operands) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg.value ?? '');
    if (!assignment) break;
    variables.set(assignment[1], assignment[2]);
  }
  const assigned = { ...base, ...environmentOf(variables, base) };
  if (folder === undefined) return assigned;
  const cwd = folder?.value == null ? undefined : posix.resolve(base.cwd ?? '/', folder.value);
  if (cwd === undefined || (base.cwd === undefined && !folder!.value!.startsWith('/')))
    return { unknown: `runs \`env -C\` into a folder layerfix cannot tell` };
  return { ...assigned, cwd };
}

/**
 * The home folder and PATH a command runs with, given its variables: HOME and PATH as assigned when they differ from
 * what `base` had (a value only known at build time makes them unknown).
 */
export function environmentOf(
  variables: ReadonlyMap<string, string | undefined>,
  base: CommandBase,
): Pick<CommandBase, 'variables' | 'home' | 'searchPath'> {
  const changed = (name: string) =>
    variables.get(name) !== base.variables.get(name) || variables.has(name) !== base.variables.has(name);
  const path = variables.get('PATH');
  return {
    variables,
    home: changed('HOME') ? variables.get('HOME') : base.home,
    // A relative folder on PATH is looked up from wherever the command runs: such a PATH is not followed.
    searchPath: !changed('PATH')
      ? base.searchPath
      : path?.split(':').every((dir) => dir.startsWith('/'))
        ? path.split(':')
        : undefined,
  };
}

/**
 * The effects of one command (its name and argument words, after `command`/`builtin` prefixes), or why they are
 * unknown. Wrappers (`gosu user cmd`, `env A=1 cmd`, `sudo cmd`) have the effects of the command they run.
 */
export function commandFileEffects(name: string, args: readonly Arg[], base: CommandBase): EffectsOrUnknown {
  // A program called by path (`/usr/bin/tar`, `./setup.sh`) has the rule of its name, if it is one layerfix knows.
  const program = name.replace(/^.*\//, '');
  const wrapper = WRAPPERS[program];
  if (wrapper) {
    const line = readCommandLine(program, args, wrapper);
    let words = line.operands.slice(wrapper.skip ?? 0);
    // `env A=1 B=2 cmd`: the assignments come before the command.
    if (program === 'env')
      while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].value ?? '')) words = words.slice(1);
    const [inner, ...rest] = words;
    if (!inner) {
      if (program !== 'xargs') return emptyEffects();
      // xargs with no command runs echo, found on PATH (red team 35).
      const at = new Resolver(base);
      readProgram(name, at);
      readProgram('echo', at, true);
      return at.effects;
    }
    if (inner.value === null) return { unknown: `runs a command only known at build time through ${program}` };
    // xargs adds the words it reads to the command's own: they are only known at build time.
    const more = program === 'xargs' ? [{ value: null, text: 'the words xargs reads' }] : [];
    const innerBase = wrappedBase(program, line, base);
    if ('unknown' in innerBase) return innerBase;
    const effects = commandFileEffects(inner.value, [...rest, ...more], innerBase);
    if ('unknown' in effects) return effects;
    const at = new Resolver(base);
    readProgram(name, at);
    at.read(...(WRAPPER_READS[program] ?? []));
    // `xargs -a list` reads its words from a file.
    if (program === 'xargs') for (const file of optionValues(line, '-a', '--arg-file')) at.readArg(file);
    // It execs its command: a builtin's name is looked up too, on the command's own PATH.
    const looked = new Resolver(innerBase);
    if (alwaysBuiltin(inner.value)) readProgram(inner.value, looked, true);
    return {
      ...effects,
      reads: [...at.effects.reads, ...looked.effects.reads, ...effects.reads],
      unknownReads: [...at.effects.unknownReads, ...looked.effects.unknownReads, ...effects.unknownReads],
      programs: [...at.effects.programs, ...looked.effects.programs, ...effects.programs],
    };
  }
  const spec = RULES[program];
  if (!spec) return { unknown: `runs \`${name}\`, whose effects on files layerfix does not know` };
  const at = new Resolver(base);
  try {
    readProgram(name, at);
    spec.rule(readCommandLine(program, args, spec.syntax), at);
  } catch (error) {
    if (error instanceof UnknownEffect) return { unknown: error.message };
    if (error instanceof UnknownPlace) return { unknown: `runs ${program} on ${error.message}` };
    throw error;
  }
  return at.effects;
}

/** What looking programs up by name reads (`command -v tini`), as running them does. */
export function lookupEffects(names: readonly string[], base: CommandBase): FileEffects {
  const at = new Resolver(base);
  for (const name of names) readProgram(name, at);
  return at.effects;
}

/** How a message names a program looked up on a PATH layerfix cannot tell. */
export function programOnUnknownPath(name: string): string {
  return `the program \`${name}\`, found on a PATH layerfix cannot tell`;
}
