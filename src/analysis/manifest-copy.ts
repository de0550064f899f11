/**
 * The manifest COPY instructions `split-manifest-copy` writes: one per destination folder (so files keep their place
 * below the broad copy's destination), each repeating the broad copy's flags, in the file's keyword case and escape
 * character, wrapped with continuations when it does not fit the print width.
 */
import { posix } from 'node:path';
import { keywordIn, printFilled, type Style } from '../engine/index.js';
import type { BroadCopy } from './broad-copy.js';
import type { BuildContext } from './build-context.js';

/** One new COPY: its text as printed, and the logical line it declares to the guard. */
export interface ManifestCopy {
  physical: string;
  logical: string;
  /** The context paths it copies. */
  sources: string[];
  /** Its destination as written (a folder, with a trailing slash). */
  dest: string;
}

/** Paths a manifest COPY can name as they are: no spaces, globs, quotes or variables. */
const PLAIN_PATH = /^[A-Za-z0-9._@+/-]+$/;

/** The destination for a folder below the broad copy's source (`''` for the source itself), with a trailing slash. */
function destinationFor(copy: BroadCopy, folder: string): string {
  const base = copy.destText === '/' ? '' : copy.destText.replace(/\/+$/, '');
  const joined = folder ? `${base}/${folder}` : base || '/';
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/**
 * The COPY instructions that bring `files` (context paths, files or folders, all below the copy's source) to where the
 * broad copy would put them: folders first, each on its own; then files grouped by destination folder, those of the
 * source folder itself first. A reason instead when a path cannot be written as it is.
 */
export function manifestCopies(
  files: string[],
  copy: BroadCopy,
  context: BuildContext,
  style: Style,
): ManifestCopy[] | { reason: string } {
  const folders: Array<{ sources: string[]; dest: string }> = [];
  const groups = new Map<string, string[]>();
  const unique = [...new Set(files)];
  const folderPaths = unique.filter((file) => context.isDirectory(file));
  for (const file of unique.filter(
    (path) => !folderPaths.some((folder) => path !== folder && path.startsWith(`${folder}/`)),
  )) {
    if (!PLAIN_PATH.test(file))
      return { reason: `the manifest path \`${file}\` has characters layerfix does not write into a COPY yet` };
    const relative = copy.source ? posix.relative(copy.source, file) : file;
    if (context.isDirectory(file)) folders.push({ sources: [file], dest: destinationFor(copy, relative) });
    else {
      const folder = posix.dirname(relative) === '.' ? '' : posix.dirname(relative);
      groups.set(folder, [...(groups.get(folder) ?? []), file]);
    }
  }
  const ordered = [...groups.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const all = [
    ...folders,
    ...ordered.map((folder) => ({ sources: groups.get(folder)!, dest: destinationFor(copy, folder) })),
  ];
  return all.map(({ sources, dest }) => ({
    ...printFilled([keywordIn(style, 'COPY'), ...copy.flags].join(' '), [...sources, dest], style),
    sources,
    dest,
  }));
}
