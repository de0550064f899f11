/**
 * Whether a RUN provably neither reads what a broad COPY brings in nor writes where it writes, so that running it
 * before the COPY builds the same image: every command's effects are known (run-effects.ts) and none of its places
 * meets the COPY's destination.
 */
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
  // The links are read only when no place meets the copy directly (reading them reads every earlier RUN).
  let links: readonly Link[] | undefined;
  const meets = (places: readonly Place[]) =>
    places.find(hits) ??
    places.find((place) => throughLinks(place, (links ??= [...(scope.links?.() ?? []), ...effects.links])).some(hits));
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
  const installed = meets(effects.installs);
  if (installed)
    return {
      stable: false,
      reason: `installs packages, which may go into ${installed.path}, where the copy into ${scope.destination} also writes`,
    };
  return { stable: true };
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
