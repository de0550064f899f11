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

/**
 * What a write of configuration is: the location it may write, or why layerfix cannot tell where it writes (a
 * destination only known at build time, a RUN whose effects are not known).
 */
export type ConfigWrite = { location: string } | { unknown: string };

/**
 * The first of `locations` (absolute, a `/` at the end for a folder; or `**` and a path: that path below any folder)
 * the instruction may write, if any. A COPY of the build context writes only the names it brings; a COPY from a
 * stage or an image, or a heredoc, anything below its destination; a RUN what `runWrites` says it writes, or anything
 * when it says why its effects are not known.
 */
export function configWrite(
  view: InstructionView,
  locations: readonly string[],
  scope: PathScope | undefined,
  context: BuildContext | undefined,
  runWrites: (view: InstructionView) => readonly Place[] | { unknown: string },
): ConfigWrite | undefined {
  if (view.name === 'run') {
    const writes = runWrites(view);
    if ('unknown' in writes) return writes;
    const location = locations.find((location) =>
      writes.some((place) =>
        location.startsWith('**/') ? endsIn(place, location) : overlaps(place, placeOf(location)),
      ),
    );
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
    return { unknown: 'writes where layerfix cannot tell' };
  const dest: Place = { path: posix.resolve(workdir ?? '/', written), tree: true };
  const names = copiedNames(view, context);
  const location = locations.find((location) => {
    // Below any folder: a copy writes it when every name on its path is the destination's or one it brings.
    if (location.startsWith('**/')) {
      const known = new Set([...dest.path.split('/'), ...(names ?? [])]);
      return (
        !names ||
        location
          .split('/')
          .slice(1)
          .every((name) => known.has(name))
      );
    }
    const place = placeOf(location);
    if (!overlaps(dest, place)) return false;
    // A copy of known names writes the location only when it brings an entry on the way to it.
    const below = isUnder(place.path, dest.path) ? posix.relative(dest.path, place.path) : '';
    return !names || !below || below.split('/').some((name) => names.has(name));
  });
  return location === undefined ? undefined : { location };
}

/** A location as a place: a folder when it ends in `/`. */
function placeOf(location: string): Place {
  return { path: location.replace(/\/$/, ''), tree: location.endsWith('/') };
}

/**
 * Whether a write may reach a `**` location: it writes a path ending in the location's path, or a folder on the way
 * to one (`~/.config` for `** /.config/pip/pip.conf`, without the space).
 */
function endsIn(place: Place, location: string): boolean {
  const names = location.split('/').slice(1);
  const path = place.path.split('/');
  return names.some((_, end) => {
    const suffix = names.slice(0, end + 1);
    const whole = end === names.length - 1;
    return (whole || place.tree) && path.slice(-suffix.length).join('/') === suffix.join('/');
  });
}
