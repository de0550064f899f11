/**
 * Whether a stage already copies a manifest COPY's files where it would put them: `COPY package*.json ./` right
 * before `COPY . .` brings package.json and package-lock.json, and a second COPY of them would only repeat it.
 */
import { posix } from 'node:path';
import type { InstructionNode, InstructionView } from '../engine/index.js';
import type { BroadCopy } from './broad-copy.js';
import { cleanPath, type BuildContext } from './build-context.js';
import { copyWords } from './copy-words.js';
import { IMAGE_WORKDIR, type PathScope } from './path-scopes.js';

/** Instructions that write no file: a copy before them is still what the stage holds after them. */
const WRITES_NOTHING = new Set([
  'env',
  'arg',
  'label',
  'expose',
  'user',
  'stopsignal',
  'healthcheck',
  'cmd',
  'entrypoint',
  'shell',
  'maintainer',
  'onbuild',
]);

/** What a manifest COPY would bring: context paths of files, and its destination folder as written. */
export interface PlannedCopy {
  sources: readonly string[];
  dest: string;
}

/**
 * The COPY among `before` (the stage's instructions before the broad copy, in order) that already brings every file
 * of `planned` to the folder it would go to, with the broad copy's flags, and after which only instructions that
 * write no file come; undefined when there is none.
 */
export function copiedBefore(
  planned: PlannedCopy,
  before: readonly InstructionView[],
  copy: BroadCopy,
  scopes: ReadonlyMap<InstructionNode, PathScope>,
  context: BuildContext,
): InstructionView | undefined {
  const folder = absoluteFolder(planned.dest, scopes.get(copy.view.node));
  if (folder === undefined) return undefined;
  for (let i = before.length - 1; i >= 0; i--) {
    const view = before[i];
    if (WRITES_NOTHING.has(view.name)) continue;
    if (view.name !== 'copy' || view.heredocs.length || !sameFlags(view, copy)) return undefined;
    const words = copyWords(view);
    if (!words || words.some((word) => word.includes('$'))) return undefined;
    const sources = words.slice(0, -1);
    const dest = words[words.length - 1];
    const intoFolder = dest.endsWith('/') || posix.basename(dest) === '.' || sources.length > 1 || sources.some(isGlob);
    const files = intoFolder ? expandSources(sources, context) : undefined;
    // Each file must be the only entry of its name the copy brings: another (`packages/*/package.json`) lands on it.
    const brings = (file: string) =>
      files?.filter((other) => posix.basename(other) === posix.basename(file)).join('\0') === file;
    if (files && absoluteFolder(dest, scopes.get(view.node)) === folder && planned.sources.every(brings)) return view;
    // Any other copy may write over the files; an earlier one would be overwritten by it.
    return undefined;
  }
  return undefined;
}

/** The flags of a COPY, as written, sorted: the broad copy's mirrored flags and nothing else. */
function sameFlags(view: InstructionView, copy: BroadCopy): boolean {
  const texts = view.flags.map((flag) => flag.text).sort();
  const mirrored = [...copy.flags].sort();
  return texts.length === mirrored.length && texts.every((text, i) => text === mirrored[i]);
}

/** The absolute folder a destination names from the working directory in `scope`, when layerfix can tell it. */
function absoluteFolder(dest: string, scope: PathScope | undefined): string | undefined {
  if (dest.startsWith('/')) return posix.resolve(dest);
  const workdir = scope?.workdir;
  if (workdir === undefined || workdir.startsWith(IMAGE_WORKDIR)) return undefined;
  return posix.resolve(workdir, dest);
}

const isGlob = (source: string) => /[*?[]/.test(source);

/**
 * The context files a COPY's sources bring into its destination folder, in order; undefined when one is a folder
 * (whose entries it brings too), is not sent, or is a pattern with a wildcard before its last part.
 */
function expandSources(sources: readonly string[], context: BuildContext): string[] | undefined {
  const files: string[] = [];
  for (const source of sources) {
    const clean = source.includes('\\') ? undefined : cleanPath(source);
    if (clean === undefined || clean === '') return undefined;
    const folder = posix.dirname(clean) === '.' ? '' : posix.dirname(clean);
    if (isGlob(folder)) return undefined;
    const matched = isGlob(clean)
      ? context
          .list(folder)
          .map((name) => (folder ? `${folder}/${name}` : name))
          .filter((path) => globRegExp(clean).test(path))
      : context.has(clean)
        ? [clean]
        : [];
    if (matched.some((path) => !context.isFile(path))) return undefined;
    files.push(...matched);
  }
  return files;
}

/** A filepath.Match pattern as a regular expression: `*` and `?` stop at `/`, `[...]` and `[^...]` are classes. */
export function globRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return /$^/;
      // Only `^` negates a class in Go's filepath.Match (`[!a]` holds `!` and `a`).
      const body = pattern
        .slice(i + 1, end)
        .replace(/[\\\]^]/g, (c, at: number) => (c === '^' && at === 0 ? '^/' : `\\${c}`));
      out += `[${body}]`;
      i = end;
    } else out += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
