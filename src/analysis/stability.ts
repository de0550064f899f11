/**
 * Whether a RUN provably neither reads what a broad COPY brings in nor writes where it writes, so that running it
 * before the COPY builds the same image: every command's effects are known (run-effects.ts) and none of its places
 * meets the COPY's destination.
 */
import { posix } from 'node:path';
import { effectiveCommand, type PosixShellView, type ShellCommand } from '../engine/index.js';
import { programOnUnknownPath, type Link } from './command-effects/index.js';
import { isUnder, overlaps, type Place } from './places.js';
import { IMAGE_WORKDIR } from './path-scopes.js';
import { runEffects, type RunScope } from './run-effects.js';

/** Where the copy writes and where the RUN runs. */
export interface StabilityScope {
  /** The absolute destination of the broad copy. */
  destination: string;
  /** Where the RUN starts and what it knows. */
  run: RunScope;
  /** Commands taken as leaving the copied files alone, whatever layerfix reads of them: regular expressions over their text. */
  stableCommands: RegExp[];
  /** The owner the COPY gives its files (`--chown`), if it sets one: accounts made or changed before it matter. */
  ownership?: string;
  /** Symbolic links earlier RUNs of the stage made (a path through one reaches its target); asked only when needed. */
  links?: () => readonly Link[];
  /** The first of these places an earlier instruction of the stage wrote, if any; asked only when needed. */
  stageWrote?: (places: readonly Place[]) => Place | undefined;
  /** Where earlier copies of the stage may have brought symbolic links layerfix cannot follow; asked only when needed. */
  mayLink?: () => readonly MayLink[];
  /** The name of every entry the copy brings, when layerfix can tell them (`copiedNames`); asked only when needed. */
  copiedNames?: () => ReadonlySet<string> | undefined;
  /** Set when the RUN's shell reads files at every start (a login shell, BASH_ENV): what it does, for messages. */
  startup?: string;
}

/**
 * A place an earlier COPY may have filled with symbolic links to anywhere: `covering` when it copied a folder (a read
 * of a folder above may go through one), else only a read of the copied path itself does.
 */
export interface MayLink {
  place: Place;
  covering: boolean;
}

/** Stable, or not and why. */
export type Stability = { stable: true } | { stable: false; reason: string };

/**
 * The files a login or interactive shell, or bash with BASH_ENV or ENV set, may read at every start; undefined when
 * layerfix cannot tell them (the home folder, or the file a variable names).
 */
function startupFiles(run: RunScope): Place[] | undefined {
  if (run.home === undefined) return undefined;
  const files: Place[] = [
    ...['/etc/profile', '/etc/bash.bashrc', '/etc/bashrc', '/etc/environment'].map((path) => ({ path, tree: false })),
    { path: '/etc/profile.d', tree: true },
    ...['.bash_profile', '.bash_login', '.profile', '.bashrc'].map((name) => ({
      path: posix.join(run.home!, name),
      tree: false,
    })),
  ];
  for (const variable of ['BASH_ENV', 'ENV']) {
    if (!run.env.has(variable)) continue;
    const file = run.env.get(variable);
    if (file === undefined || !file.startsWith('/')) return undefined;
    files.push({ path: file, tree: false });
  }
  return files;
}

/** The folder of a package's files a path is in (`/etc/nginx`, `/usr/lib/jvm`, `/usr/share/nginx`), if any. */
function packageFolder(path: string): string | undefined {
  return /^\/(?:etc|usr\/lib|usr\/share|usr\/lib64|var\/lib)\/[^/]+/.exec(path)?.[0];
}

/** Whether every command of a RUN leaves the copied files alone. */
export function runStability(view: PosixShellView, scope: StabilityScope): Stability {
  if (view.errors.length) return { stable: false, reason: 'does not parse as shell' };
  const moving = view.hazards.find((hazard) => hazard.kind === 'source' || hazard.kind === 'eval');
  if (moving) return { stable: false, reason: moving.reason };
  if (scope.destination === '/')
    return { stable: false, reason: 'would collide with the copy, which writes into / itself' };
  const trusted = (command: ShellCommand) => scope.stableCommands.some((regex) => regex.test(command.text));
  const effects = runEffects(view, scope.run, trusted);
  if (effects.unknown) {
    const hint = effects.unknown.reason.includes('does not know')
      ? ' (add it to stableCommands if it leaves them alone)'
      : '';
    return { stable: false, reason: `${effects.unknown.reason}${hint}` };
  }
  const copy: Place = { path: scope.destination, tree: true };
  // A copy into the base image's working directory (a folder layerfix does not know) meets any place not below it.
  const unknownFolder = scope.destination.startsWith(IMAGE_WORKDIR);
  const hits = (reached: Place) =>
    overlaps(reached, copy) || (unknownFolder && !reached.path.startsWith(IMAGE_WORKDIR));
  // The links are read only when no place meets the copy directly (reading them reads every earlier RUN). Both
  // sides go through them: a path through a link reaches its target, and so does a copy into a linked folder.
  let linked: { links: readonly Link[]; copies: Place[] } | undefined;
  const throughLinked = () => {
    if (linked) return linked;
    const links = [...(scope.links?.() ?? []), ...effects.links];
    return (linked = { links, copies: throughLinks(copy, links) });
  };
  const meets = (places: readonly Place[]) =>
    places.find(hits) ??
    places.find((place) => {
      const { links, copies } = throughLinked();
      return throughLinks(place, links).some(
        (reached) => hits(reached) || copies.some((target) => overlaps(reached, target)),
      );
    });
  const by = (place: Place) => (place.by ? `runs \`${place.by}\`, which ` : '');
  if (scope.startup) {
    const files = startupFiles(scope.run);
    const startup = files ? meets(files) : copy;
    if (startup)
      return {
        stable: false,
        reason: `runs in a shell that reads ${files ? startup.path : 'files layerfix cannot tell'} at every start (${scope.startup}), where the copy into ${scope.destination} may write`,
      };
  }
  const read = meets(effects.reads);
  if (read)
    return { stable: false, reason: `${by(read)}reads ${read.path}, where the copy into ${scope.destination} writes` };
  const throughCopied = mayReachAnywhere(effects.reads, scope.mayLink);
  if (throughCopied)
    return {
      stable: false,
      reason: `${by(throughCopied)}reads ${throughCopied.path}, where an earlier COPY may have brought a symbolic link layerfix cannot follow`,
    };
  const written = meets([...effects.writes, ...effects.removes]);
  if (written)
    return {
      stable: false,
      reason: `${by(written)}writes ${written.path}, where the copy into ${scope.destination} also writes`,
    };
  // A chmod or chown follows a link to its target, wherever an earlier copy may have put one.
  const writtenThrough = mayReachAnywhere([...effects.writes, ...effects.removes], scope.mayLink);
  if (writtenThrough)
    return {
      stable: false,
      reason: `${by(writtenThrough)}writes ${writtenThrough.path}, where an earlier COPY may have brought a symbolic link layerfix cannot follow`,
    };
  // A COPY makes the folders above its destination root's (or its --chown owner's), mode 0755: a RUN that makes one
  // too gets another owner (it runs as another user, the copy has --chown) or mode (`mkdir -p -m 0750 /etc/app`,
  // umask), or fails (`mkdir` without -p), depending on which runs first.
  const exact = scope.ownership !== undefined || scope.run.home !== '/root' || makesFoldersItsOwnWay(view);
  for (const folder of exact ? madeFolders(scope.destination) : []) {
    const making = [...effects.writes, ...effects.removes].find(
      (place) => isUnder(place.path, folder) || overlaps(place, { path: folder, tree: false }),
    );
    if (making)
      return {
        stable: false,
        reason: `${by(making)}writes ${making.path}, which may make ${folder}, a folder the COPY would make ${scope.ownership !== undefined ? `with the owner \`${scope.ownership}\`` : scope.run.home !== '/root' ? "as root (the RUN's user is not known to be root)" : 'as root, mode 0755, where the RUN makes folders with a mode, a umask or without -p'}`,
      };
  }
  // After the places it names: a RUN that writes the copied file says so rather than that PATH is unknown.
  if (effects.unknownReads.length)
    return { stable: false, reason: `reads ${effects.unknownReads[0]}, which may be a copied file` };
  // A program looked up on a PATH layerfix cannot tell may be a file of its name in any folder: the same program runs
  // on both sides of the copy only when the copy brings no entry of that name.
  if (effects.programs.length) {
    const brought = scope.copiedNames?.();
    const program = effects.programs.find((name) => !brought || brought.has(name));
    if (program)
      return {
        stable: false,
        reason: `reads ${programOnUnknownPath(program)}, ${brought ? 'and the COPY brings an entry of that name' : 'which may be a copied file'}`,
      };
  }
  const accounts = [...effects.createsAccounts, ...effects.changesAccounts];
  if (scope.ownership !== undefined && accounts.length) {
    return {
      stable: false,
      reason: `creates or changes the account ${accounts[0]}, and the COPY gives its files the owner \`${scope.ownership}\`, which names accounts by name`,
    };
  }
  if (scope.ownership !== undefined && /[A-Za-z_]/.test(scope.ownership) && effects.systemPackages)
    return {
      stable: false,
      reason: `installs packages, whose scripts may create the accounts the COPY's owner \`${scope.ownership}\` names`,
    };
  // A configuration the stage changed (ld.so.conf.d listing a folder the copy fills, an envvars script sourcing a
  // copied file) may make it read anything.
  if (effects.configuration.length) {
    const own = [...effects.writes, ...effects.removes];
    const changed =
      // Written by another command of the RUN (`echo /opt/lib > /etc/ld.so.conf.d/x.conf && ldconfig`).
      effects.configuration.find((config) => own.some((place) => place.by !== config.by && overlaps(place, config))) ??
      scope.stageWrote?.(effects.configuration);
    if (changed)
      return {
        stable: false,
        reason: `reads ${changed.path}, which the stage changed, to decide what else it reads, so what it reads is not known`,
      };
  }
  const installed = meets(effects.installs);
  if (installed)
    return {
      stable: false,
      reason: `installs packages, which may go into ${installed.path}, where the copy into ${scope.destination} also writes`,
    };
  // A package links files inside its own folders (nginx's sites-enabled/default to sites-available/default): a RUN
  // that touches the folder a copy writes into may reach the copied files through such a link.
  const owner = packageFolder(scope.destination);
  const near =
    owner && [...effects.reads, ...effects.writes, ...effects.removes].find((place) => isUnder(place.path, owner));
  if (owner && near)
    return {
      stable: false,
      reason: `${by(near)}touches ${near.path}, in ${owner}, where links a package made may lead to what the copy into ${scope.destination} writes`,
    };
  // A RUN that touches a folder the COPY would make (`chown web /srv/www` after `COPY public/ /srv/www/html/`) needs
  // it there: above the copy it is not, unless the RUN first makes it as the copy would (`mkdir -p`), or runs in it.
  const cwd = scope.run.cwd;
  for (const folder of madeFolders(scope.destination)) {
    if (cwd !== undefined && isUnder(cwd, folder)) continue;
    const touching = [...effects.reads, ...effects.writes, ...effects.removes].filter((place) =>
      isUnder(place.path, folder),
    );
    if (!touching.length) continue;
    const first = view.commands.find((command) => touching.some((place) => place.by === command.text));
    if (first && makesFoldersAsACopyDoes(first)) continue;
    return {
      stable: false,
      reason: `${by(touching[0])}touches ${touching[0].path === folder ? folder : `${touching[0].path}, in ${folder}`}, a folder the COPY would make: above the copy it is not there yet`,
    };
  }
  return { stable: true };
}

/** The first read that may go through a link an earlier copy brought (see MayLink), if any. */
function mayReachAnywhere(reads: readonly Place[], mayLink: StabilityScope['mayLink']): Place | undefined {
  if (!reads.length || !mayLink) return undefined;
  const linked = mayLink();
  return reads.find((read) =>
    linked.some(
      ({ place, covering }) =>
        (place.path !== '/' && isUnder(read.path, place.path)) ||
        (covering && read.tree && isUnder(place.path, read.path)),
    ),
  );
}

/**
 * Whether a RUN makes folders otherwise than a COPY does (root's, mode 0755, nothing if they exist): `mkdir` without
 * `-p` (it fails on a folder that exists), or with a mode, `install` with one, or a `umask`.
 */
function makesFoldersItsOwnWay(view: PosixShellView): boolean {
  return view.commands.some((command) => {
    const name = effectiveCommand(command)?.name ?? command.name?.value;
    if (name === 'umask') return true;
    if (name === 'install') return folderOptions(command).mode;
    return name === 'mkdir' && !makesFoldersAsACopyDoes(command);
  });
}

/** The folder-making options of a command's words: `-p`/`--parents`, and a mode (`-m`, `--mode`). */
function folderOptions(command: ShellCommand): { parents: boolean; mode: boolean } {
  const flags = command.args.map((arg) => arg.value ?? '');
  return {
    parents: flags.some((flag) => /^-[a-zA-Z]*p/.test(flag) || flag === '--parents'),
    mode: flags.some((flag) => /^(-[a-zA-Z]*m|--mode)/.test(flag)),
  };
}

/** Whether a command makes folders as a COPY makes those above its destination: `mkdir -p` without a mode. */
function makesFoldersAsACopyDoes(command: ShellCommand): boolean {
  const { parents, mode } = folderOptions(command);
  return (effectiveCommand(command)?.name ?? command.name?.value) === 'mkdir' && parents && !mode;
}

/** Folders every Linux image has (the FHS's, and the usual ones below /usr and /var): a COPY never makes them. */
const STANDARD_FOLDERS = new Set(
  [
    'bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var',
    'usr/bin usr/include usr/lib usr/local usr/sbin usr/share usr/src',
    'usr/local/bin usr/local/etc usr/local/include usr/local/lib usr/local/sbin usr/local/share usr/local/src',
    'var/backups var/cache var/lib var/local var/log var/mail var/opt var/spool var/tmp',
  ]
    .join(' ')
    .split(' ')
    .map((path) => `/${path}`),
);

/** The folders above a COPY's destination it may have to make (all but the standard ones), innermost first. */
export function madeFolders(destination: string): string[] {
  const out: string[] = [];
  for (let folder = posix.dirname(destination); folder !== '/'; folder = posix.dirname(folder))
    if (!STANDARD_FOLDERS.has(folder)) out.push(folder);
  return out;
}

/** A place and where known symbolic links make it reach (`/home/app-current/x` through a link to /opt/app). */
export function throughLinks(place: Place, links: readonly Link[]): Place[] {
  const out = [place];
  for (const { link, target } of links) {
    if (isUnder(place.path, link)) out.push({ path: target + place.path.slice(link.length), tree: place.tree });
    // A tree above the link covers it, and so everything below the target.
    else if (place.tree && isUnder(link, place.path)) out.push({ path: target, tree: true });
  }
  return out;
}
