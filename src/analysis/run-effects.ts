/**
 * What a RUN does to the image's files, command by command in the order the shell runs them: where each runs (its
 * `cd`s followed), what its words resolve to (the stage's variables, and those the RUN assigns), and each command's
 * effects (command-effects/). The first command whose effects cannot be told makes the whole RUN unknown.
 */
import {
  effectiveCommand,
  type PosixShellView,
  type ShellCommand,
  type ShellRedirect,
  type ShellWord,
} from '../engine/index.js';
import { argOf, type Arg } from './command-line.js';
import {
  alwaysBuiltin,
  commandFileEffects,
  emptyEffects,
  environmentOf,
  lookupEffects,
  NAME_SERVICE,
  type FileEffects,
} from './command-effects/index.js';
import { IMAGE_WORKDIR, type PathScope } from './path-scopes.js';
import { errexitLead } from './shell-state.js';
import { normalise, placeOf, UnknownPlace, type Place, type PlaceBase } from './places.js';

/** Where a RUN starts and what it knows. */
export interface RunScope {
  /** The working directory (absolute), or undefined when layerfix cannot tell it. */
  cwd: string | undefined;
  /** The stage's variables (ENV and ARG) with known values; a variable mapped to undefined has an unknown value. */
  env: ReadonlyMap<string, string | undefined>;
  /** The home folder of the user the RUN runs as, when known. */
  home: string | undefined;
  /** The folders of PATH, when known: package installs may go into virtual environments found there. */
  searchPath?: readonly string[] | undefined;
}

/** The scope a RUN starts in, from the path scope of its instruction (a working directory that is a stand-in is unknown). */
export function runScopeOf(scope: PathScope | undefined): RunScope {
  const workdir = scope?.workdir;
  return {
    cwd: workdir === undefined || workdir.startsWith(IMAGE_WORKDIR) ? undefined : workdir,
    env: scope?.env ?? new Map(),
    home: scope?.home,
    searchPath: scope?.searchPath,
  };
}

/** The effects of a whole RUN. */
export interface RunEffects extends FileEffects {
  /** The first command whose effects layerfix cannot tell, and why; the RUN's effects are then unknown. */
  unknown: { command: ShellCommand; reason: string } | undefined;
  /** Programs the shell itself looks up by name (top-level commands that are not builtins), in order. */
  looksUp: string[];
  /**
   * Programs looked up by name anywhere in the text, subshells, substitutions and pipelines included, and the names
   * `command -v`, `type` and `hash` look up: a shell may remember where it found any of them (dash hashes a
   * pipeline's commands in the parent shell).
   */
  calls: string[];
  /**
   * Programs whose first lookup may come after a command of this RUN that changes files (or runs in a function,
   * called later): what they find on PATH may be what this RUN itself put there.
   */
  callsAfterChange: string[];
}

/** A stand-in for the folder `mktemp -d` makes: somewhere below /tmp. */
const TEMP_FOLDER = '/tmp/.layerfix-mktemp';

/** The effects of a RUN's shell text under `scope`; commands `trusted` says leave files alone are taken at their word. */
export function runEffects(
  view: PosixShellView,
  scope: RunScope,
  trusted: (command: ShellCommand) => boolean = () => false,
): RunEffects {
  const out: RunEffects = { ...emptyEffects(), unknown: undefined, looksUp: [], calls: [], callsAfterChange: [] };
  // The stage's variables, copied only once the RUN assigns one (most RUNs assign none).
  let variables: ReadonlyMap<string, string | undefined> = scope.env;
  let cwd = scope.cwd;
  const unknown = (command: ShellCommand, reason: string) => {
    out.unknown ??= { command, reason };
  };
  const certain = certainlyRuns(view);
  const called = (name: string, command: ShellCommand) => {
    if (!out.calls.includes(name) && (changesFiles(out) || command.context.includes('function')))
      out.callsAfterChange.push(name);
    out.calls.push(name);
  };
  // After a `cd` that may fail, the rest of its `&&` chain runs there (or not at all); the items after it may not.
  let uncertainAfter: number | null = null;
  // What compound commands expand and redirect themselves, read where they start (red team 34).
  const compounds = [...view.compounds];
  const compoundsBefore = (offset: number, blame: ShellCommand | undefined) => {
    while (compounds.length && compounds[0].start <= offset) {
      const compound = compounds.shift()!;
      const stage = { cwd, home: scope.home, variables: scope.env, searchPath: scope.searchPath };
      const base = { ...stage, ...environmentOf(variables, stage) };
      const problems = compound.redirects.map((redirect) => redirectEffect(redirect, base, out));
      for (const word of compound.words) if (hasUnquotedGlob(word)) globRead(argOf(word, variables), base, out);
      const problem = problems.find(Boolean);
      if (problem && blame) unknown(blame, problem);
      else if (problem) out.unknownReads.push(problem);
    }
  };
  for (const command of view.commands) {
    compoundsBefore(command.start, command);
    if (uncertainAfter !== null && (command.item ?? Infinity) > uncertainAfter) {
      cwd = undefined;
      uncertainAfter = null;
    }
    let prefixes = variables;
    if (command.assignments.length) {
      // Assignments before a command are for that command only, except alone or before a special builtin.
      const lasting =
        command.form === 'assignment' || command.form === 'declaration' || command.name?.value === 'export';
      const assigned = new Map(variables);
      for (const assignment of command.assignments) {
        const value = assignedValue(
          assignment.value?.text ?? '',
          assignment.value === null ? '' : assignment.value.value,
          lasting ? assigned : variables,
        );
        assigned.set(assignment.name, value);
      }
      prefixes = assigned;
      // An assignment that may not run (in a branch, after `||`, in a subshell) leaves the variable unknown after it.
      if (lasting && certain(command)) variables = assigned;
      else if (lasting) {
        const unsure = new Map(variables);
        for (const assignment of command.assignments) unsure.set(assignment.name, undefined);
        variables = unsure;
      }
    }
    if (command.form === 'assignment') continue;
    // A HOME or PATH the RUN sets (`export HOME=/x`, `PATH=/y:$PATH cmd`) is where the command looks.
    const stage = { cwd, home: scope.home, variables: scope.env, searchPath: scope.searchPath };
    const base = { ...stage, ...environmentOf(prefixes, stage) };
    const resolved = effectiveCommand(command);
    if (!resolved) {
      if (command.name?.value !== 'command')
        unknown(command, `runs \`${command.text}\`, whose command is only known at build time`);
      for (const redirect of command.redirects) {
        const problem = redirectEffect(redirect, base, out);
        if (problem) unknown(command, problem);
      }
      // `command -v tini` looks the names up on PATH (and dash remembers where it found them).
      const names = command.args.map((word) => word.value).filter((word) => word === null || !word.startsWith('-'));
      if (names.includes(null)) unknown(command, 'looks up a name only known at build time');
      else {
        merge(out, lookupEffects(names as string[], base), command.text);
        for (const looked of names as string[]) called(looked, command);
      }
      continue;
    }
    const name = resolved.name;
    if (!name.includes('/') && !alwaysBuiltin(name)) {
      called(name, command);
      if (command.topLevel) out.looksUp.push(name);
    }
    // `hash tini` and `type tini` look names up too, and the shell may remember them.
    if (name === 'hash' || name === 'type')
      for (const arg of resolved.args)
        if (arg.value !== null && !arg.value.startsWith('-') && !arg.value.includes('/')) called(arg.value, command);
    // A trusted command's own redirections are the shell's, not the command's (`npm ci > install.log`: red team 35).
    for (const redirect of command.redirects) {
      const problem = redirectEffect(redirect, base, out);
      if (problem) unknown(command, problem);
    }
    if (trusted(command) && name !== 'cd') continue;
    const args = resolved.args.map((word) => argOf(word, prefixes));
    // `~dev` is that user's home, looked up in the name service (red team 36).
    if (resolved.args.some((word) => /^~[A-Za-z_]/.test(word.text))) out.reads.push(...NAME_SERVICE);
    // Pathname expansion reads the folder a pattern starts in, whatever the command does with the names.
    for (let index = 0; index < args.length; index++)
      if (hasUnquotedGlob(resolved.args[index])) globRead(args[index], base, out);
    if (name === 'cd' || name === 'pushd' || name === 'popd') {
      // Changing into a folder needs it to be there: it reads the folder (a copy may be what makes it).
      const target =
        name === 'popd'
          ? undefined
          : changedDirectory(args[args.length - 1]?.value ?? null, args.length, cwd, searchesCdpath(prefixes));
      if (target !== undefined) out.reads.push({ path: target, tree: false, by: command.text });
      else if (name !== 'popd' && args.length)
        out.unknownReads.push(`\`${command.text}\`, a folder only known at build time`);
      const sequenced = command.topLevel && command.context.every((kind) => kind === 'brace-group');
      cwd = name === 'cd' && sequenced ? target : undefined;
      if (name === 'cd' && sequenced && !certain(command)) uncertainAfter = chainEnd(view, command.item ?? 0);
      continue;
    }
    const effects = commandFileEffects(name, args, base);
    if ('unknown' in effects) unknown(command, effects.unknown);
    else merge(out, effects, command.text);
  }
  compoundsBefore(Infinity, view.commands[view.commands.length - 1]);
  return out;
}

/** Whether the commands read so far may have changed a file (or did what layerfix cannot tell). */
export function changesFiles(effects: RunEffects): boolean {
  return (
    effects.unknown !== undefined ||
    effects.installsCommands ||
    effects.writes.length > 0 ||
    effects.removes.length > 0 ||
    effects.installs.length > 0 ||
    effects.links.length > 0
  );
}

/**
 * Whether a command that changes the shell's state certainly runs when the RUN succeeds, so that what follows runs in
 * that state: in no branch, loop, subshell, pipeline or function, and in an unbroken `&&` chain, or first after a `;`
 * (a `cd`, which may fail, only under `set -e`). `test -d X && cd X; make` and `cd /x 2>/dev/null; make` may go on
 * where they were.
 */
function certainlyRuns(view: PosixShellView): (command: ShellCommand) => boolean {
  const chain = !view.hasTopLevelOr && !view.hasTopLevelSequence;
  const errexit = errexitLead(view) > 0;
  return (command) => {
    if (!command.topLevel || !command.context.every((kind) => kind === 'brace-group')) return false;
    if (chain) return true;
    const item = command.item ?? 0;
    const fresh = item === 0 || [';', '\n'].includes(view.lists[item - 1].operator?.value ?? '');
    const first = view.commands.find((other) => other.item === command.item) === command;
    return fresh && first && (command.form === 'assignment' || command.form === 'declaration' || errexit);
  };
}

/** The last item of the `&&` chain a top-level item starts or continues. */
function chainEnd(view: PosixShellView, item: number): number {
  let end = item;
  while (end < view.lists.length - 1 && view.lists[end].operator?.value === '&&') end++;
  return end;
}

/** The value an assignment gives, when it is static or expands only known variables; a `$(mktemp -d)` folder below /tmp. */
function assignedValue(
  text: string,
  value: string | null,
  variables: ReadonlyMap<string, string | undefined>,
): string | undefined {
  if (value !== null) return value;
  if (/^"?\$\(mktemp -d[^)]*\)"?$/.test(text)) return TEMP_FOLDER;
  const arg = argOf({ type: 'word', node: 'word', text, value: null, start: 0, end: text.length }, variables);
  return arg.value ?? undefined;
}

/** Whether a word has a glob character outside quotes (the shell expands it into file names). */
function hasUnquotedGlob(word: ShellWord): boolean {
  return (
    word.node !== 'string' &&
    word.node !== 'raw_string' &&
    /[*?]|\[[^\]]*\]/.test(word.text.replace(/'[^']*'|"(?:[^"\\]|\\.)*"|\\./g, ''))
  );
}

function globRead(arg: Arg, base: PlaceBase, out: FileEffects): void {
  try {
    out.reads.push(placeOf(arg, base, true));
  } catch (error) {
    if (!(error instanceof UnknownPlace)) throw error;
    out.unknownReads.push(error.message);
  }
}

/** Whether `cd` looks a relative folder up in CDPATH's folders first: CDPATH is set to something, or to what layerfix cannot tell. */
export function searchesCdpath(variables: ReadonlyMap<string, string | undefined>): boolean {
  return variables.has('CDPATH') && variables.get('CDPATH') !== '';
}

/** A relative `cd` target that CDPATH's folders are searched for: one not starting with `.` or `..`. */
export function searchedInCdpath(target: string): boolean {
  return !/^\.{0,2}(\/|$)/.test(target);
}

/**
 * The folder after `cd <target>` from `cwd`; undefined when layerfix cannot tell it. With CDPATH set, a relative
 * target that does not start with `.` is looked up in its folders first.
 */
function changedDirectory(
  target: string | null,
  count: number,
  cwd: string | undefined,
  cdpath: boolean,
): string | undefined {
  if (count === 0 || target === null || target === '-' || target.startsWith('~') || /[*?[{]/.test(target))
    return undefined;
  if (cdpath && searchedInCdpath(target)) return undefined;
  if (target.startsWith('/')) return normalise(target);
  return cwd === undefined ? undefined : normalise(`${cwd}/${target}`);
}

/** Device files a redirection reads or writes without changing any file (/dev/shm and the like are files). */
const DEVICES = /^\/dev\/(null|zero|full|random|urandom|tty|console|stdin|stdout|stderr|fd\/\d+)$/;

/** Add a redirection's file to the effects; a reason when its file is not known. */
/** Whether a redirection opens a file (not a here-document or string, not a descriptor duplication `2>&1`). */
function redirectsFile(redirect: ShellRedirect): boolean {
  return !/^(<<|<<-|<<<)$/.test(redirect.operator) && !/^[<>]&$/.test(redirect.operator);
}

/** Whether a redirection writes a file (`>`, `>>`, `>|`, `&>`, `&>>`, `<>`). */
export function redirectWrites(redirect: ShellRedirect): boolean {
  return redirectsFile(redirect) && redirect.operator.includes('>');
}

function redirectEffect(
  redirect: ShellRedirect,
  base: { cwd: string | undefined; home: string | undefined; variables: ReadonlyMap<string, string | undefined> },
  out: FileEffects,
): string | undefined {
  const target = redirect.target;
  if (!target || !redirectsFile(redirect)) return undefined;
  const arg = argOf(target, base.variables);
  if (arg.value !== null && (/^\d+$|^-$/.test(arg.value) || DEVICES.test(arg.value))) return undefined;
  try {
    const place = placeOf(arg, base);
    const tagged: Place = { path: place.path, tree: place.tree, by: redirect.text };
    if (redirectWrites(redirect)) out.writes.push(tagged);
    if (redirect.operator.includes('<')) out.reads.push(tagged);
    return undefined;
  } catch (error) {
    if (error instanceof UnknownPlace) return `redirects to or from ${error.message}`;
    throw error;
  }
}

function merge(into: FileEffects, from: FileEffects, by: string): void {
  // Written out, not spread: copying each place by spread was the costliest line of this analysis.
  const tag = (places: Place[]) => places.map((place): Place => ({ path: place.path, tree: place.tree, by }));
  into.reads.push(...tag(from.reads));
  into.writes.push(...tag(from.writes));
  into.removes.push(...tag(from.removes));
  // Each install's folders count: another package may add its own (/srv/tftp) to the distribution's.
  if (!into.installs.length) into.installs.push(...from.installs);
  else
    for (const place of from.installs)
      if (!into.installs.some((known) => known.path === place.path && known.tree === place.tree))
        into.installs.push(place);
  into.unknownReads.push(...from.unknownReads);
  into.programs.push(...from.programs);
  into.links.push(...from.links);
  into.systemPackages ||= from.systemPackages;
  into.installsCommands ||= from.installsCommands;
  into.createsAccounts.push(...from.createsAccounts);
  into.changesAccounts.push(...from.changesAccounts);
  into.configuration.push(...tag(from.configuration));
}
