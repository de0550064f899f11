/**
 * Whether a RUN provably neither reads what a broad COPY brings in nor writes where it writes, so that running it
 * before the COPY builds the same image: every command's effects are known (run-effects.ts) and none of its places
 * meets the COPY's destination.
 */
import { posix } from 'node:path';
import type { PosixShellView, ShellCommand } from '../engine/index.js';
import type { Link } from './command-effects.js';
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
  /** Whether the stage added folders to /etc/ld.so.conf(.d), which ldconfig reads; asked only when needed. */
  librariesConfigured?: () => boolean;
}

/** Stable, or not and why. */
export type Stability = { stable: true } | { stable: false; reason: string };

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
  const read = meets(effects.reads);
  if (read)
    return { stable: false, reason: `${by(read)}reads ${read.path}, where the copy into ${scope.destination} writes` };
  const written = meets([...effects.writes, ...effects.removes]);
  if (written)
    return {
      stable: false,
      reason: `${by(written)}writes ${written.path}, where the copy into ${scope.destination} also writes`,
    };
  // A COPY with --chown gives the folders it makes above its destination that owner: a RUN that makes one first
  // (`mkdir -p /srv/www/uploads` before a copy into /srv/www/app) leaves it root's.
  if (scope.ownership !== undefined) {
    for (const folder of madeFolders(scope.destination)) {
      const making = [...effects.writes, ...effects.removes].find(
        (place) => isUnder(place.path, folder) || overlaps(place, { path: folder, tree: false }),
      );
      if (making)
        return {
          stable: false,
          reason: `${by(making)}writes ${making.path}, which may make ${folder}, a folder the COPY would make with the owner \`${scope.ownership}\``,
        };
    }
  }
  // After the places it names: a RUN that writes the copied file says so rather than that PATH is unknown.
  if (effects.unknownReads.length)
    return { stable: false, reason: `reads ${effects.unknownReads[0]}, which may be a copied file` };
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
  // ldconfig (run by package installs too) reads every folder the linker's configuration lists, wherever it is.
  if (
    effects.systemPackages &&
    (configuresLibraries([...effects.writes, ...effects.removes]) || scope.librariesConfigured?.())
  )
    return {
      stable: false,
      reason: `runs package tools or ldconfig, which read the library folders added to /etc/ld.so.conf.d, where the copy into ${scope.destination} may put libraries`,
    };
  const installed = meets(effects.installs);
  if (installed)
    return {
      stable: false,
      reason: `installs packages, which may go into ${installed.path}, where the copy into ${scope.destination} also writes`,
    };
  return { stable: true };
}

/** The dynamic linker's configuration: the library folders ldconfig reads, besides the standard ones. */
const LIBRARY_CONFIGURATION: Place[] = [
  { path: '/etc/ld.so.conf', tree: false },
  { path: '/etc/ld.so.conf.d', tree: true },
];

/** Whether any of these places is the dynamic linker's configuration (a folder added to it is read by ldconfig). */
export function configuresLibraries(places: readonly Place[]): boolean {
  return places.some((place) => LIBRARY_CONFIGURATION.some((config) => overlaps(place, config)));
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
function madeFolders(destination: string): string[] {
  const out: string[] = [];
  for (let folder = posix.dirname(destination); folder !== '/'; folder = posix.dirname(folder))
    if (!STANDARD_FOLDERS.has(folder)) out.push(folder);
  return out;
}

/** A place and where known symbolic links make it reach (`/home/app-current/x` through a link to /opt/app). */
function throughLinks(place: Place, links: readonly Link[]): Place[] {
  const out = [place];
  for (const { link, target } of links) {
    if (isUnder(place.path, link)) out.push({ path: target + place.path.slice(link.length), tree: place.tree });
    // A tree above the link covers it, and so everything below the target.
    else if (place.tree && isUnder(link, place.path)) out.push({ path: target, tree: true });
  }
  return out;
}
