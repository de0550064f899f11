/**
 * Places in the image: absolute paths, each standing for one file or for a folder and everything below it, and the
 * way a word of a command becomes one (relative to the working directory, `~` to the home folder, a glob or brace
 * pattern to the folder it starts in).
 */
import { posix } from 'node:path';
import type { Arg } from './command-line.js';

/** A path written as one plain word: no quotes, spaces, variables or escapes (it can be written back as it is). */
export const PLAIN_PATH = /^[A-Za-z0-9._/@+-]+$/;

/** A path in the image: the file or folder itself, or (`tree`) a folder and everything below it. */
export interface Place {
  path: string;
  tree: boolean;
  /** The command that touches it, as written, for messages. */
  by?: string;
}

/**
 * An error thrown and caught as an answer ("unknown, because"), thousands of times a run, so it takes no stack trace
 * (capturing one was 2% of the default pipeline's time).
 */
export class Answer extends Error {
  constructor(reason: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason);
    Error.stackTraceLimit = limit;
  }
}

/** A word that cannot be turned into a place, with the reason. */
export class UnknownPlace extends Answer {
  override name = 'UnknownPlace';
}

/** What a relative or `~` path is relative to. */
export interface PlaceBase {
  /** The working directory (absolute), or undefined when layerfix cannot tell it. */
  cwd: string | undefined;
  /** The home folder, or undefined when it is not known (a USER without a known home). */
  home: string | undefined;
}

/** The place a word names; throws UnknownPlace when its value or what it is relative to is not known. */
export function placeOf(arg: Arg | null, base: PlaceBase, tree = false): Place {
  if (!arg) throw new UnknownPlace('a missing path');
  if (arg.value === null) throw new UnknownPlace(`\`${arg.text}\`, a path only known at build time`);
  let path = arg.value;
  if (path.startsWith('~')) {
    if (!/^~(\/|$)/.test(path)) throw new UnknownPlace(`\`${arg.text}\`, another user's home folder`);
    if (base.home === undefined) throw new UnknownPlace(`\`${arg.text}\`, under a home folder layerfix does not know`);
    path = base.home + path.slice(1);
  }
  // A glob or brace pattern may name anything below the folder where it starts.
  const pattern = /[*?[{]/.exec(path);
  if (pattern) {
    path = path.slice(0, pattern.index);
    path = path.endsWith('/') ? path : posix.dirname(path);
    tree = true;
  }
  if (!path.startsWith('/')) {
    if (base.cwd === undefined)
      throw new UnknownPlace(`\`${arg.text}\`, relative to a working directory layerfix cannot tell`);
    path = posix.join(base.cwd, path);
  }
  return { path: normalise(path), tree };
}

/** A path without `.`/`..` segments and trailing slashes (`/` stays `/`). */
export function normalise(path: string): string {
  // Most paths are normal already (absolute, no `//`, no `.` segment, no trailing slash): checked in a few scans.
  if (path.length > 1 && path[0] === '/' && !path.endsWith('/') && !path.includes('//') && !path.includes('/.'))
    return path;
  return posix.normalize(path).replace(/\/+$/, '') || '/';
}

/** Whether `path` is `folder` or below it. */
export function isUnder(path: string, folder: string): boolean {
  const a = normalise(path);
  const b = normalise(folder);
  return b === '/' || a === b || a.startsWith(`${b}/`);
}

/** Whether two places can share a file: one covers the other, under any of the names the image's links give them. */
export function overlaps(a: Place, b: Place): boolean {
  if (covers(a, b)) return true;
  if (!ALIASED.test(a.path) && !ALIASED.test(b.path)) return false;
  const others = aliases(b.path);
  return aliases(a.path).some((path) =>
    others.some((other) => covers({ path, tree: a.tree }, { path: other, tree: b.tree })),
  );
}

function covers(a: Place, b: Place): boolean {
  return (a.tree && isUnder(b.path, a.path)) || (b.tree && isUnder(a.path, b.path)) || a.path === b.path;
}

/** Whether a place holds `path` or a folder above it: removing or replacing the place removes `path`. */
export function holds(place: Place, path: string): boolean {
  return isUnder(path, place.path);
}

/**
 * The folders the image's own links alias: `/bin` is `/usr/bin` with merged /usr (Debian, Ubuntu, Fedora), and
 * `/var/run` is `/run` nearly everywhere. Places are compared under every name, whether or not the image merges.
 */
const MERGED_USR: ReadonlyArray<[string, string]> = [
  ['/bin', '/usr/bin'],
  ['/sbin', '/usr/sbin'],
  ['/lib', '/usr/lib'],
  ['/lib64', '/usr/lib64'],
  ['/var/run', '/run'],
  ['/var/lock', '/run/lock'],
];
/** A path that has another name under MERGED_USR (or is a folder above one, such as /usr or /var). */
const ALIASED = /^\/(bin|sbin|lib|lib64|run|usr\/(bin|sbin|lib|lib64)|var\/(run|lock))(\/|$)|^\/(usr|var)$/;

/** A path and the other names merged /usr gives it (`/bin/sh` and `/usr/bin/sh`). */
export function aliases(path: string): string[] {
  const out = [path];
  const normal = normalise(path);
  const under = (folder: string) =>
    normal.startsWith(folder) && (normal.length === folder.length || normal[folder.length] === '/');
  for (const [short, long] of MERGED_USR) {
    if (under(short)) out.push(long + normal.slice(short.length));
    else if (under(long)) out.push(short + normal.slice(long.length));
  }
  return out;
}
