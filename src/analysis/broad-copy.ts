/**
 * A broad COPY for `split-manifest-copy`: a COPY (or ADD) of one folder of the build context (`.` or a subfolder)
 * into the image, with its destination read as an image path and the flags a manifest COPY must repeat.
 */
import { posix } from 'node:path';
import type { InstructionView } from '../engine/index.js';
import type { BuildContext } from './build-context.js';
import { cleanPath } from './build-context.js';
import { copyWords } from './copy-words.js';
import { expandPath, type PathScope } from './path-scopes.js';

/** A COPY of a whole folder of the build context. */
export interface BroadCopy {
  view: InstructionView;
  /** The source as written and as a context-relative folder (`''` for the context root). */
  sourceText: string;
  source: string;
  /** The destination as written, and as an absolute image path. */
  destText: string;
  dest: string;
  /** Whether the destination is absolute as written (so a WORKDIR moved above the copy cannot change it). */
  absolute: boolean;
  /** The flags a manifest COPY repeats, as written (`--chown=node:node`). */
  flags: string[];
}

/** Flags a manifest COPY can repeat with the same effect on the manifests. */
const MIRRORED = new Set(['chown', 'chmod', 'link']);
/** A plain folder path of the context (a leading `/` is its root): no globs, quotes, variables or escapes. */
const PLAIN_SOURCE = /^(\.\/|\/)?[A-Za-z0-9._@+-]+(\/[A-Za-z0-9._@+-]+)*\/?$/;
/** A destination layerfix can extend with subfolders as written. */
const PLAIN_DEST = /^[A-Za-z0-9._/@+:~=,${}-]+$/;

/**
 * Read a COPY/ADD as a broad copy: undefined when it is not one (a copy from a stage, of files, of several sources),
 * a reason when it is one that layerfix cannot mirror. Without a build context only `.` counts as a folder.
 */
export function readBroadCopy(
  view: InstructionView,
  scope: PathScope | undefined,
  context: BuildContext | undefined,
): { copy: BroadCopy } | { reason: string } | undefined {
  if (
    (view.name !== 'copy' && view.name !== 'add') ||
    view.heredocs.length ||
    view.flags.some((flag) => flag.name === 'from')
  )
    return undefined;
  const words = copyWords(view);
  if (words?.length !== 2) return undefined;
  const [sourceText, destText] = words;
  if (!PLAIN_SOURCE.test(sourceText) && sourceText !== '.') return undefined;
  const source = cleanPath(sourceText);
  if (source === undefined || source.split('/').includes('..')) return undefined;
  if (source !== '' && !context?.isDirectory(source)) return undefined;
  const keyword = view.keyword.toUpperCase();
  const other = view.flags.find((flag) => !MIRRORED.has(flag.name));
  if (other)
    return {
      reason: `the ${keyword} has the flag --${other.name}, which a manifest COPY cannot repeat with the same effect`,
    };
  if (!PLAIN_DEST.test(destText))
    return {
      reason: `the ${keyword} destination \`${destText}\` has spaces, quotes or escapes, which layerfix does not write into a new COPY`,
    };
  const expanded = expandPath(destText, scope?.env ?? new Map());
  if (expanded === undefined)
    return {
      reason: `the ${keyword} destination \`${destText}\` starts with a variable whose value layerfix cannot read`,
    };
  const absolute = expanded.startsWith('/');
  if (!absolute && scope?.workdir === undefined)
    return {
      reason: `the ${keyword} destination \`${destText}\` is relative to a working directory layerfix cannot tell`,
    };
  const dest = posix.resolve(absolute ? '/' : scope!.workdir!, expanded);
  const flags = view.flags.map((flag) => view.logical.text.slice(flag.start, flag.end));
  return { copy: { view, sourceText, source, destText, dest, absolute, flags } };
}
