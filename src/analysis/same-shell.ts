/**
 * Whether a RUN builds the same when it runs in the shell of the RUN before it (as one `RUN a && b`) instead of a
 * fresh one. A fresh RUN starts a new shell process, from the shell binary on disk, in the WORKDIR path, with fresh
 * per-RUN mounts and an empty table of remembered command locations; the joined one inherits all of these from the
 * RUN before. Each difference the RUN before can make is checked here; anything layerfix cannot tell is a reason.
 */
import type { FlagView } from '../engine/index.js';
import { posix } from 'node:path';
import { officialPathFolder } from './base-images.js';
import { holds, isUnder, overlaps, type Place } from './places.js';
import type { RunEffects } from './run-effects.js';
import type { ShellFacts } from './shells.js';

/** What is known of the RUN before (the whole chain joined so far) and of the RUN after, in one stage. */
export interface SameShellInput {
  facts: ShellFacts;
  /** The flags both RUNs share (merge-runs joins only RUNs with the same flags). */
  flags: readonly FlagView[];
  /** The working directory both RUNs start in; undefined when layerfix cannot tell it. */
  cwd: string | undefined;
  /** The directories of PATH, in order; undefined when layerfix cannot tell them. */
  path: readonly string[] | undefined;
  /** The stage's variables (ENV and ARG) where both RUNs start. */
  env: ReadonlyMap<string, string | undefined>;
  /** The user both RUNs run as; undefined when layerfix cannot tell it. */
  user: string | undefined;
  before: RunEffects;
  after: RunEffects;
  /** The shell text of the RUN after. */
  afterText: string;
}

/** Why the RUN after may build differently in the RUN before's shell, phrased to follow "the RUN before it"; undefined when it cannot. */
export function sameShellHazard(input: SameShellInput): string | undefined {
  const { facts, before, after } = input;
  if (facts.os.os === 'unknown') return `runs on an OS layerfix cannot tell: ${facts.os.reason}`;
  if (facts.startup) return `runs in a shell that does more than run the text at every start: ${facts.startup}`;
  const mount = input.flags.find(freshMount);
  if (mount)
    return `shares a mount that every RUN gets afresh (\`${mount.text}\`): in one RUN, this command would see what the one before wrote there`;
  if (before.unknown) {
    return `runs \`${before.unknown.command.text}\` (${before.unknown.reason}): layerfix cannot tell that it leaves the shell binary, the working directory and the programs on PATH as a fresh RUN would find them`;
  }
  const shell = shellReplaced(facts, before);
  if (shell) return `${shell}: this RUN would still run under the old one`;
  const perRun = perRunFile(before);
  if (perRun)
    return `writes ${perRun}, which the builder gives every RUN afresh: in one RUN, this command would see the change`;
  const locale = facts.locale && localeChange(before);
  if (locale)
    return `${locale}, and a shell loads the locale (${facts.locale}) when it starts: in one shell, this command would run under the locale loaded before that`;
  const home = homeChange(input);
  if (home)
    return `${home}, and without an ENV HOME the builder reads each RUN's HOME from /etc/passwd when it starts: in one shell, this command would keep the HOME it started with`;
  const workdir = workdirRemoval(input);
  if (workdir) return workdir;
  const last = lastCommandState(input.afterText);
  if (last) return `sets \`${last}\`, which this RUN reads and a fresh shell starts without`;
  const again = after.calls.find((name) => before.calls.includes(name) && mayChange(before, input.path, name));
  if (again) {
    return `runs \`${again}\` and may install or replace programs on PATH after that: in one shell, \`${again}\` would run from the place the shell remembered, not the one a fresh RUN finds`;
  }
  const changed = after.callsAfterChange.find(
    (name) => before.calls.includes(name) && (after.unknown !== undefined || mayChange(after, input.path, name)),
  );
  if (changed) {
    return `runs \`${changed}\`, and this RUN may install or replace programs on PATH before it runs it: in one shell, \`${changed}\` would run from the place the shell remembered, not the one this RUN leaves`;
  }
  return undefined;
}

/** What a RUN does that replaces the shell the RUNs of the stage start (`ln -sf /bin/bash /bin/sh`), if it does. */
function shellReplaced(facts: ShellFacts, effects: RunEffects): string | undefined {
  const shell = [...effects.writes, ...effects.removes].find((place) =>
    facts.binaries.some((binary) => overlaps(place, { path: binary, tree: false })),
  );
  return shell && `writes ${shell.path}, which is the shell`;
}

/**
 * What a RUN does that changes how a later RUN's shell starts, phrased to follow "it" (the RUN): replaces the shell,
 * changes the dynamic loader's files, changes files when the shell reads startup files (a login shell's profile,
 * `BASH_ENV`), or adds or removes locales the shell loads; undefined when it does none of these. A RUN cannot move past one that does (red team 34).
 */
export function shellStartChange(facts: ShellFacts, effects: RunEffects): string | undefined {
  const shell = shellReplaced(facts, effects);
  if (shell) return shell;
  // The shell and every program it runs start through the dynamic loader (red team 35: ld.so.preload).
  const loader = [...effects.writes, ...effects.removes].find((place) => LOADER.some((file) => overlaps(place, file)));
  if (loader) return `writes ${loader.path}, which the dynamic loader reads when the shell and every program start`;
  const changes =
    effects.writes.length || effects.removes.length || effects.installs.length || effects.installsCommands;
  if (facts.startup && changes) return `changes files, and the shell reads startup files (${facts.startup})`;
  const locale = facts.locale && localeChange(effects);
  return locale ? `${locale}, and the shell loads the locale (${facts.locale}) when it starts` : undefined;
}

/** The dynamic loader's files: what it preloads, and where it finds libraries. */
const LOADER: Place[] = [
  { path: '/etc/ld.so.preload', tree: false },
  { path: '/etc/ld.so.cache', tree: false },
  { path: '/etc/ld.so.conf', tree: false },
  { path: '/etc/ld.so.conf.d', tree: true },
];

/** Where glibc keeps the compiled locales a shell loads at start. */
const LOCALE_DATA = { path: '/usr/lib/locale', tree: true };

/** What a RUN does that may add, change or remove a locale, phrased to follow "the RUN before it"; undefined when nothing. */
export function localeChange(effects: RunEffects): string | undefined {
  if (effects.systemPackages)
    return 'runs system tools (a package manager, locale-gen), which may add or remove locales';
  const place = [...effects.writes, ...effects.removes].find((changed) => overlaps(changed, LOCALE_DATA));
  return place && `writes ${place.path}, where the locales are`;
}

/**
 * The variable a text reads that holds what the command before it left (bash's `$_`, its last argument, the shell's
 * own path in a fresh shell; `BASH_REMATCH` of the last `[[ =~ ]]`; `PIPESTATUS` of the last pipeline), if any.
 */
export function lastCommandState(text: string): string | undefined {
  if (/\$(\{_\}|_(?![A-Za-z0-9_]))/.test(text)) return '$_';
  return /\$\{?(BASH_REMATCH|PIPESTATUS)(?![A-Za-z0-9_])/.exec(text)?.[1];
}

/**
 * What a text reads of the shell's own command line (bash's `$BASH_EXECUTION_STRING`, `/proc/$$/cmdline`, `ps` of
 * `$$`), which merging RUNs or cutting one changes; undefined when it reads none.
 */
export function ownCommandLine(text: string): string | undefined {
  return /\$\{?BASH_EXECUTION_STRING(?![A-Za-z0-9_])|\/proc\/(?:\$\$|\$\{\$\})\/|\bps\b[^\n;&|]*\$\$/.exec(text)?.[0];
}

/**
 * Whether a `--mount` gives every RUN its own files: a tmpfs, or a bind mount made writable (its writes are dropped
 * at the end of the RUN), read as BuildKit reads it (keys and the type in any case, `rw`/`ro` with a boolean); a
 * value with a variable or one layerfix cannot read may be either.
 */
export function freshMount(flag: FlagView): boolean {
  if (flag.name !== 'mount') return false;
  if (!flag.fields || (flag.value ?? '').includes('$')) return true;
  const type = (flag.fields.filter((field) => field.key === 'type').at(-1)?.value ?? 'bind').toLowerCase();
  if (type === 'tmpfs') return true;
  if (type !== 'bind') return false;
  let readonly = true;
  for (const { key, value } of flag.fields) {
    if (key === 'rw' || key === 'readwrite') readonly = !goBoolean(value);
    else if (key === 'ro' || key === 'readonly') readonly = goBoolean(value);
  }
  return !readonly;
}

/** A mount option's boolean as Go's strconv.ParseBool reads it (a bare key is true); what it rejects counts as true. */
function goBoolean(value: string | undefined): boolean {
  return value === undefined || !/^(0|f|F|FALSE|false|False)$/.test(value);
}

/** The account tools, which name the accounts they create or change. */
const ACCOUNT_TOOL =
  /^(useradd|adduser|groupadd|addgroup|usermod|groupmod|userdel|deluser|groupdel|delgroup|gpasswd|chpasswd|chfn|chsh|chage|passwd)\s/;

/** What the RUN before does that may change the home /etc/passwd gives the RUN's user; undefined when nothing. */
function homeChange({ env, user, before }: SameShellInput): string | undefined {
  if (env.has('HOME')) return undefined;
  // The account tools say whose entry they change (below); other writes of /etc/passwd may change any.
  const passwd = [...before.writes, ...before.removes].find(
    (place) => overlaps(place, { path: '/etc/passwd', tree: false }) && !ACCOUNT_TOOL.test(place.by ?? ''),
  );
  if (passwd) return `writes ${passwd.path}`;
  // The user's own entry: by its name (root's also by uid 0), any when layerfix cannot tell the user.
  const names = user === undefined ? undefined : user === 'root' || user === '0' ? ['root', '0'] : [user];
  const account = [...before.changesAccounts, ...before.createsAccounts].find(
    (name) => names === undefined || name === '*' || names.includes(name),
  );
  return account === undefined ? undefined : `creates or changes the account ${account}`;
}

/** Why the RUN before may remove or replace the working directory (a fresh RUN starts in the folder now at that path). */
function workdirRemoval(input: SameShellInput): string | undefined {
  if (!input.before.removes.length) return undefined;
  if (input.cwd === undefined) {
    const place = input.before.removes[0];
    return `removes ${place.path}, and layerfix cannot tell the working directory, which could be there`;
  }
  const place = input.before.removes.find((removed) => holds(removed, input.cwd!));
  return place
    ? `removes or replaces ${place.path}, which holds the working directory ${input.cwd}: a fresh RUN would start in what is at that path now`
    : undefined;
}

/**
 * Whether the RUN may have put another program called `name` on PATH, or removed the one there. A PATH folder the
 * Dockerfile added may be a symbolic link to any folder (`/opt/tools` to `/opt/tools-1.0`): a write counts when it
 * brings a file of that name, touches a PATH folder or, with such a folder on PATH, writes a folder's tree (a link
 * likewise, or where it stands for a PATH folder); a removal when it removes such a file or a PATH folder.
 */
function mayChange(effects: RunEffects, path: readonly string[] | undefined, name: string): boolean {
  if (effects.installsCommands) return true;
  if (path === undefined) return effects.writes.length + effects.removes.length + effects.links.length > 0;
  const linkable = path.some((dir) => !officialPathFolder(dir));
  const named = (path: string) => posix.basename(path) === name;
  // A link counts where it may stand for a program of that name, or for a PATH folder or one above it.
  const linked = effects.links.some(
    ({ link }) =>
      named(link) ||
      path.some((dir) => isUnder(dir, link) || isUnder(link, dir)) ||
      (linkable && !holdsNoPrograms(link)),
  );
  if (linked) return true;
  const onPath = (place: Place) =>
    path.some((dir) => (place.tree ? overlaps(place, { path: dir, tree: true }) : place.path === `${dir}/${name}`));
  return (
    effects.writes.some(
      (place) => (linkable && place.tree && !holdsNoPrograms(place.path)) || named(place.path) || onPath(place),
    ) || effects.removes.some((place) => named(place.path) || onPath(place))
  );
}

/** Folders that hold configuration, data or state, never a PATH folder: a tree written there brings no program. */
const NO_PROGRAMS = ['/etc', '/var', '/usr/share', '/usr/include', '/tmp', '/run', '/dev', '/proc', '/sys'];

/** Whether a path lies in one of the folders that hold no programs. */
function holdsNoPrograms(path: string): boolean {
  return NO_PROGRAMS.some((folder) => isUnder(path, folder));
}

/**
 * What a builder mounts into every RUN afresh, whatever the RUN before wrote there: the name resolution it sets up,
 * and /dev (with /dev/shm), a new tmpfs for each RUN's container.
 */
const PER_RUN_PLACES = [
  { path: '/etc/hosts', tree: false },
  { path: '/etc/resolv.conf', tree: false },
  { path: '/etc/hostname', tree: false },
  { path: '/dev', tree: true },
];

/** The first per-RUN place (`/etc/hosts`, /dev ...) a RUN writes, if any: a RUN after it sees the builder's own again. */
export function perRunFile(effects: RunEffects): string | undefined {
  const changed = [...effects.writes, ...effects.removes];
  for (const fresh of PER_RUN_PLACES) {
    const place = changed.find((place) => overlaps(place, fresh));
    if (place) return fresh.tree && place.path.startsWith(`${fresh.path}/`) ? place.path : fresh.path;
  }
  return undefined;
}
