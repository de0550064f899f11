/**
 * What a command does to files (FileEffects), and the Resolver a command's rule records it in while it reads the
 * command's words; with the reads rules share: the program itself, the home folder, configuration files.
 */
import { posix } from 'node:path';
import type { Arg, CommandLine, OptionSyntax } from '../command-line.js';
import { Answer, isUnder, placeOf, type Place, type PlaceBase, UnknownPlace } from '../places.js';
import { DISTRIBUTION_FOLDERS, LIBRARY_CONFIGURATION, SYSTEM_FOLDERS, TLS_FOLDERS } from './folders.js';

/** What a command does to files, as far as its rule and its arguments tell. */
export interface FileEffects {
  reads: Place[];
  writes: Place[];
  /** Places it removes or replaces (also among `writes`): `rm`, `mv`, `rmdir`, `ln -f` over them. */
  removes: Place[];
  /** Where the packages it installs may go (a package manager's folders), apart from the paths it is given. */
  installs: Place[];
  /** Words it reads that name no place layerfix can tell (a path only known at build time), with why. */
  unknownReads: string[];
  /**
   * Programs it runs by name on a PATH layerfix cannot tell: any folder may hold one, so a copy that brings an entry
   * of the name may change what runs.
   */
  programs: string[];
  /** Symbolic links it makes, absolute, with their absolute targets: later paths through them reach the targets. */
  links: Link[];
  /**
   * It installs or removes distribution packages (apt-get, apk, dnf ...) or runs their tools: it writes the system
   * folders, and, by the distributions' own policy, never replaces `/bin/sh` or puts a second program of the same
   * name on PATH.
   */
  systemPackages: boolean;
  /** It may install, replace or remove programs on PATH (pip, npm -g, a version manager ...), beyond its `writes`. */
  installsCommands: boolean;
  /** Users and groups it creates. */
  createsAccounts: string[];
  /** Users and groups it changes (ids, homes, memberships); `*` when it cannot tell which. */
  changesAccounts: string[];
  /**
   * Files whose contents decide what else it reads or runs (ldconfig's list of library folders, the envvars script
   * a2enmod sources): as the image has them they add nothing, but a stage that changed one makes its effects unknown.
   */
  configuration: Place[];
}

/** Builtins of both dash and bash (the usual /bin/sh and bash): never looked up on PATH. */
const SHARED_BUILTINS = new Set([
  'cd',
  'echo',
  'printf',
  'test',
  '[',
  'true',
  'false',
  ':',
  'set',
  'export',
  'unset',
  'read',
  'exit',
  'return',
  'shift',
  'eval',
  'exec',
  'trap',
  'umask',
  'ulimit',
  'wait',
  'command',
  'type',
  'hash',
  'alias',
  'unalias',
  'local',
  'pwd',
  'getopts',
  'times',
  'kill',
  'break',
  'continue',
  '.',
  'readonly',
  'jobs',
  'fg',
  'bg',
]);

/** Whether every shell layerfix reads runs a command name itself (bash's own, such as `declare` or `time`, dash looks up on PATH). */
export function alwaysBuiltin(name: string): boolean {
  return SHARED_BUILTINS.has(name);
}

/** A symbolic link: a path that leads to another. */
export interface Link {
  link: string;
  target: string;
}

/** The place a command runs in and what its words refer to. */
export interface CommandBase extends PlaceBase {
  /** Variables with a known value before the command runs. */
  variables: ReadonlyMap<string, string | undefined>;
  /** The folders of PATH, when known. */
  searchPath?: readonly string[] | undefined;
}

/** Effects, or why they are unknown. */
export type EffectsOrUnknown = FileEffects | { unknown: string };

/** A rule found that a command's effects cannot be told; the message says why, as "runs ..." or "sends ...". */
export class UnknownEffect extends Answer {
  override name = 'UnknownEffect';
}

/** Reads a command's effects from its parsed words. `at` resolves words to places; a rule throws UnknownPlace. */
export type Rule = (line: CommandLine, at: Resolver) => void;

/** A command's rule, with the syntax of its options (those that take a value). */
export interface CommandRule {
  syntax?: OptionSyntax;
  rule: Rule;
}

/** Collects a command's effects while its rule reads its words. */
export class Resolver {
  readonly effects: FileEffects = emptyEffects();

  constructor(readonly base: CommandBase) {}

  place(arg: Arg | null, tree = false): Place {
    return placeOf(arg, this.base, tree);
  }

  cwd(): Place {
    if (this.base.cwd === undefined) throw new UnknownPlace('the working directory, which layerfix cannot tell');
    return { path: this.base.cwd, tree: true };
  }

  read(...places: Place[]): void {
    this.effects.reads.push(...places);
  }

  /** Read the place a word names; a word whose place is not known is noted, not fatal (reads change nothing). */
  readArg(arg: Arg | null, tree = false): void {
    try {
      this.effects.reads.push(this.place(arg, tree));
    } catch (error) {
      if (!(error instanceof UnknownPlace)) throw error;
      this.effects.unknownReads.push(error.message);
    }
  }

  readArgs(args: readonly Arg[], tree = false): void {
    for (const arg of args) this.readArg(arg, tree);
  }

  write(...places: Place[]): void {
    this.effects.writes.push(...places);
  }

  /** Read files of these names in the working directory and in every folder above it (a tool's project settings). */
  readUpwards(...names: string[]): void {
    if (this.base.cwd === undefined) {
      this.effects.unknownReads.push(`${names.join(' and ')} in the working directory, which layerfix cannot tell`);
      return;
    }
    for (let dir = this.base.cwd; ; dir = posix.dirname(dir)) {
      this.read(...names.map((name) => ({ path: posix.join(dir, name), tree: false })));
      if (dir === '/') return;
    }
  }

  remove(...places: Place[]): void {
    this.effects.writes.push(...places);
    this.effects.removes.push(...places);
  }

  /**
   * It installs distribution packages: into the distribution's folders, by its rules. Their tools and triggers also
   * read what the administrator put under /usr/local (ldconfig its libraries, update-ca-certificates its
   * certificates, fc-cache its fonts).
   */
  system(): void {
    this.effects.systemPackages = true;
    if (!this.effects.installs.length) {
      this.effects.installs.push(...DISTRIBUTION_FOLDERS.map((path) => ({ path, tree: true })));
      this.read({ path: '/usr/local', tree: true });
      this.effects.configuration.push(...LIBRARY_CONFIGURATION);
    }
  }

  /**
   * It installs packages: into the folders package managers use, and into the environment a `bin` folder on PATH
   * belongs to (a virtual environment such as /app/.venv/bin). With PATH unknown, anywhere.
   */
  install(): void {
    if (this.effects.installs.length) return;
    const system = SYSTEM_FOLDERS.map((path) => ({ path, tree: true }));
    const path = this.base.searchPath;
    const environments =
      path === undefined
        ? ['/']
        : path
            .filter((dir) => dir.endsWith('/bin') && !system.some((folder) => isUnder(dir, folder.path)))
            .map((dir) => dir.slice(0, -'/bin'.length) || '/');
    const virtualEnv = this.base.variables.get('VIRTUAL_ENV');
    if (this.base.variables.has('VIRTUAL_ENV')) environments.push(virtualEnv ?? '/');
    this.effects.installs.push(...system, ...environments.map((dir) => ({ path: dir, tree: true })));
  }

  commands(): void {
    this.effects.installsCommands = true;
  }

  unknown(reason: string): never {
    throw new UnknownEffect(reason);
  }
}

/** A word that is a URL (`https://...`, `git+ssh://...`). */
export const isUrl = (arg: Arg) => arg.value !== null && /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.value);
/** A word that names a path rather than a package or a name (`./x`, `/x`, `x/y`, `~`, a package file). */
export const isPathLike = (arg: Arg) =>
  arg.value === null ||
  /^[./~]|^[^:]*\/|\.(deb|rpm|apk|whl|tgz|tar|tar\.(gz|bz2|xz|zst)|tbz2?|txz|zip|gem)$/.test(arg.value);

/** Files or folders (`/` at the end) a tool reads in the home folder; an unknown read when the home is not known. */
export function readHome(at: Resolver, ...names: string[]): void {
  if (at.base.home === undefined)
    at.effects.unknownReads.push(`${names[0].replace(/\/$/, '')} in a home folder layerfix does not know`);
  else
    at.read(...names.map((name) => ({ path: `${at.base.home}/${name.replace(/\/$/, '')}`, tree: name.endsWith('/') })));
}

/** A configuration file a tool reads from the home folder or a folder a variable names, when known. */
export function configFiles(at: Resolver, names: string[], variables: string[], fixed: string[] = []): void {
  at.read(...fixed.map((path) => ({ path, tree: false })));
  readHome(at, ...names);
  for (const variable of variables)
    if (at.base.variables.has(variable)) {
      const value = at.base.variables.get(variable) ?? null;
      at.readArg({ value, text: `$${variable}` }, true);
    }
}

/**
 * Running a program reads its file: the path it is called by, or each folder of PATH where the shell looks for its
 * name (a copy into one of them may bring the program itself), or, with PATH unknown, a file of its name anywhere
 * (`programs`). Builtins are not looked up.
 */
export function readProgram(name: string, at: Resolver, exec = false): void {
  if (name.includes('/')) return at.readArg({ value: name, text: name });
  // A wrapper execs its command: even a shell builtin's name (`xargs printf`) is a program found on PATH.
  if (!exec && alwaysBuiltin(name)) return;
  const path = at.base.searchPath;
  if (path === undefined) at.effects.programs.push(name);
  else at.read(...path.map((dir) => ({ path: `${dir}/${name}`, tree: false })));
}

/** Read the program a word names (its first word: `tar -I 'zstd -T0'`); one only known at build time is an unknown read. */
export function readProgramWord(word: Arg | null, at: Resolver): void {
  if (word?.value == null) at.effects.unknownReads.push(`\`${word?.text ?? '…'}\`, a program only known at build time`);
  else readProgram(word.value.split(/\s+/)[0], at);
}

/**
 * Read what a word names when it is local: a path, or a `file:` URL (`file:///wheels`, `file:vendor`); other URLs
 * are remote. A word only known at build time is an unknown read.
 */
export function readLocation(at: Resolver, arg: Arg | null, tree = true): void {
  if (arg?.value == null) return at.readArg(arg, tree);
  if (/^file:/i.test(arg.value)) {
    const path = arg.value.replace(/^file:(\/\/[^/]*)?/i, '');
    return at.readArg({ value: path || '/', text: arg.text }, tree);
  }
  if (!isUrl(arg)) at.readArg(arg, tree);
}

/** Read each local location among the words of the variables the environment sets (`PIP_FIND_LINKS="/w file:///x"`). */
export function readVariableLocations(at: Resolver, variables: readonly string[], tree = true): void {
  for (const variable of variables) {
    if (!at.base.variables.has(variable)) continue;
    const value = at.base.variables.get(variable);
    if (value === undefined) at.readArg({ value: null, text: `$${variable}` }, tree);
    else
      for (const word of value.split(/\s+/).filter(Boolean))
        readLocation(at, { value: word, text: `$${variable}` }, tree);
  }
}

/** A TLS client reads the certificate store, and the files and folders these variables name instead. */
export function tlsReads(at: Resolver, variables: readonly string[]): void {
  at.read(...TLS_FOLDERS);
  readVariableLocations(at, ['SSL_CERT_FILE', 'SSL_CERT_DIR', 'OPENSSL_CONF', ...variables]);
}

/** No effect at all. */
export function emptyEffects(): FileEffects {
  return {
    reads: [],
    writes: [],
    removes: [],
    installs: [],
    unknownReads: [],
    programs: [],
    links: [],
    systemPackages: false,
    installsCommands: false,
    createsAccounts: [],
    changesAccounts: [],
    configuration: [],
  };
}
