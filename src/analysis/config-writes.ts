/**
 * Whether an instruction writes where an install tool reads its configuration (`COPY pip.conf /etc/pip.conf`,
 * `printf ... > /root/.npmrc`): layerfix does not read what such a file says, and it may point the install at files a
 * later copy brings, so an install moved above that copy may read something else.
 */
import { posix } from 'node:path';
import type { InstructionView } from '../engine/index.js';
import type { BuildContext } from './build-context.js';
import { copiedNames } from './copied-names.js';
import { copyWords } from './copy-words.js';
import { expandPath, IMAGE_WORKDIR, type PathScope } from './path-scopes.js';
import { isUnder, overlaps, type Place } from './places.js';

/** What a write of configuration is: the location it may write, or `unknown` when layerfix cannot tell where it writes. */
export type ConfigWrite = { location: string } | { unknown: true };

/**
 * The first of `locations` (absolute; a `/` at the end for a folder, `/home/*` for any home) the instruction may
 * write, if any. A COPY of the build context writes only the names it brings; a COPY from a stage or an image, or a
 * heredoc, anything below its destination; a RUN what `runWrites` says it writes (its known effects).
 */
export function configWrite(
  view: InstructionView,
  locations: readonly string[],
  scope: PathScope | undefined,
  context: BuildContext | undefined,
  runWrites: (view: InstructionView) => readonly Place[],
): ConfigWrite | undefined {
  if (view.name === 'run') {
    const writes = runWrites(view);
    const location = locations.find((location) => writes.some((place) => overlaps(place, placeOf(location, place))));
    return location === undefined ? undefined : { location };
  }
  if (view.name !== 'copy' && view.name !== 'add') return undefined;
  const words = copyWords(view);
  const written = words && expandPath(words[words.length - 1], scope?.env ?? new Map());
  const workdir = scope?.workdir;
  if (
    written === undefined ||
    (!written.startsWith('/') && (workdir === undefined || workdir.startsWith(IMAGE_WORKDIR)))
  )
    return { unknown: true };
  const dest: Place = { path: posix.resolve(workdir ?? '/', written), tree: true };
  const names = copiedNames(view, context);
  const location = locations.find((location) => {
    const place = placeOf(location, dest);
    if (!overlaps(dest, place)) return false;
    // A copy of known names writes the location only when it brings an entry on the way to it.
    const below = isUnder(place.path, dest.path) ? posix.relative(dest.path, place.path) : '';
    return !names || !below || below.split('/').some((name) => names.has(name));
  });
  return location === undefined ? undefined : { location };
}

/** A location as a place, its `*` segments read as the segments of `near` (or as a name no other path has). */
function placeOf(location: string, near: Place): Place {
  const segments = near.path.split('/');
  const path = location
    .replace(/\/$/, '')
    .split('/')
    .map((segment, index) => (segment === '*' ? (segments[index] ?? '\0') : segment))
    .join('/');
  return { path, tree: location.endsWith('/') };
}
