/**
 * The names a COPY of the build context brings into the image: what a program looked up on a PATH layerfix cannot
 * tell may resolve to, if the copy brings an entry of its name into one of its folders.
 */
import { posix } from 'node:path';
import type { InstructionView } from '../engine/index.js';
import { cleanPath, type BuildContext } from './build-context.js';
import { globRegExp } from './copied-before.js';
import { copyWords } from './copy-words.js';

/** How many entries a copied folder may hold before layerfix stops listing them. */
const NAME_LIMIT = 20_000;

/**
 * The name of every entry a COPY of the build context may bring into the image: each source, everything below a
 * copied folder (ignored entries too, as `!` rules may bring some back) and the last name of the destination; or
 * undefined when layerfix cannot tell them: a copy from a stage or an image, an ADD (it may fetch or unpack), a
 * heredoc, a variable, a source the build does not get, too many entries, or a symbolic link among them (a link may
 * turn a folder on PATH into another one). A source with globs in any of its parts (`package*.json`) brings what they
 * match.
 */
export function copiedNames(view: InstructionView, context: BuildContext | undefined): ReadonlySet<string> | undefined {
  if (view.name !== 'copy' || !context || view.heredocs.length || view.flags.some((flag) => flag.name === 'from'))
    return undefined;
  const words = copyWords(view);
  if (!words || words.some((word) => /[$\\]/.test(word)) || /[*?[]/.test(words[words.length - 1])) return undefined;
  const names = new Set<string>();
  const destination = words[words.length - 1].replace(/\/+$/, '');
  if (destination) names.add(posix.basename(destination));
  for (const source of words.slice(0, -1)) {
    const clean = cleanPath(source);
    if (clean === undefined) return undefined;
    for (const path of matches(clean, context))
      if ((path !== '' && !context.has(path)) || !context.namesBelow(path, names, NAME_LIMIT)) return undefined;
  }
  return names;
}

/** The context paths a source names: itself, or what its globs match, part by part (filepath.Match, as BuildKit does). */
function matches(source: string, context: BuildContext): string[] {
  let paths = [''];
  let globbed = false;
  for (const part of source.split('/').filter(Boolean)) {
    if (!/[*?[]/.test(part)) {
      paths = paths.map((path) => (path ? `${path}/${part}` : part));
      // Below a glob, a path that does not go on is no match (without one, a missing source stays, to fail the caller).
      if (globbed) paths = paths.filter((path) => context.has(path));
      continue;
    }
    globbed = true;
    const pattern = globRegExp(part);
    paths = paths.flatMap((path) =>
      context
        .list(path)
        .filter((name) => pattern.test(name))
        .map((name) => (path ? `${path}/${name}` : name)),
    );
  }
  return paths;
}
