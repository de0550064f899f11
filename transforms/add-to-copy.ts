/**
 * add-to-copy: `ADD` of local files that ADD would copy as they are becomes `COPY`, which says just that. ADD also
 * downloads URLs, clones git repositories and unpacks local tar archives (found by their content: plain, gzip,
 * bzip2, xz or zstd), so it declines URLs, git sources, variables (whose value it cannot check), archive names and
 * globs, heredocs, and the flags COPY lacks. Each source is read in the build context (found as for the other
 * transforms, or the `context` option): its first bytes tell a tar archive without an archive name. A source the
 * context does not hold, or a context that cannot be read, is a decline: it may be an archive a build step makes.
 */
import {
  defineTransform,
  docsUrl,
  instructionView,
  positionText,
  type InstructionView,
  type ContextOf,
} from '../src/engine/index.js';
import {
  cleanPath,
  CONTEXT_OPTION,
  transformBuildContext,
  type BuildContext,
  type ContextLookup,
} from '../src/analysis/index.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

const options = {
  ...CONTEXT_OPTION,
  archiveExtensions: {
    type: 'string[]',
    default: ['.tar', '.gz', '.tgz', '.taz', '.bz2', '.tbz', '.tbz2', '.tb2', '.xz', '.txz', '.zst', '.zstd', '.tzst'],
    description:
      'File name endings (case-insensitive) taken as archives that ADD may unpack; such an ADD stays. Zip files are not unpacked by ADD.',
  },
} as const;

type Context = ContextOf<typeof options>;

/** Flags ADD and COPY both have, with the same meaning. */
const SHARED_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);

export default defineTransform({
  name: 'add-to-copy',
  description:
    'Turn `ADD` of local files that ADD would not unpack (no URL, git source, archive or variable) into `COPY`.',
  url: docsUrl('transforms.md', 'add-to-copy'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  run(ctx) {
    const lookup = transformBuildContext(ctx);
    for (const node of ctx.root.children.slice()) {
      if (node.type !== 'instruction' || node.name !== 'add' || !ctx.enabledFor(node)) continue;
      const view = instructionView(node, ctx.root.data.escape);
      const at = positionText(ctx.edit.originOf(node));
      const blocker = addBlocker(ctx, view, lookup);
      if (blocker) {
        ctx.skipped(`Kept ADD at ${at}: ${blocker}`, node);
        continue;
      }
      const keyword = view.keyword === view.keyword.toLowerCase() ? 'copy' : 'COPY';
      const created = ctx.edit.editLogical(node, [{ start: view.keywordStart, end: view.keywordEnd, text: keyword }]);
      ctx.changed(
        {
          done: `Changed ADD at ${at} to COPY: its sources are local files that ADD copies as they are`,
          planned: `Would change ADD at ${at} to COPY: its sources are local files that ADD copies as they are`,
        },
        created,
      );
    }
  },
});

/** Why an ADD must stay an ADD, or undefined. */
function addBlocker(ctx: Context, view: InstructionView, lookup: ContextLookup): string | undefined {
  if (view.heredocs.length) return 'it writes a heredoc';
  const flag = view.flags.find((f) => !SHARED_FLAGS.has(f.name));
  if (flag) return `COPY has no --${flag.name} flag`;
  const words = view.buildkit.next.filter((word): word is string => typeof word === 'string');
  if (words.length < 2) return 'it names no source and destination';
  for (const source of words.slice(0, -1)) {
    const why = sourceBlocker(ctx, source, lookup);
    if (why) return `its source ${source} ${why}`;
  }
  return undefined;
}

/** Why ADD may treat a source other than COPY does, or undefined. */
function sourceBlocker(ctx: Context, source: string, lookup: ContextLookup): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return 'is a URL, which ADD downloads';
  if (/^git@|^git:|\.git(#|$)/.test(source)) return 'is a git repository, which ADD clones';
  if (source.includes('$')) return 'uses a variable, whose value layerfix cannot check';
  const name = source.replace(/\/+$/, '').split('/').pop()!.toLowerCase();
  const archive = ctx.options.archiveExtensions.find((ending) => name.endsWith(ending.toLowerCase()));
  if (archive) return `has an archive name (${archive}), and ADD unpacks local tar archives`;
  if (/[*?[]/.test(source))
    return 'is a pattern, whose files may be tar archives (by their content), which ADD unpacks';
  if ('reason' in lookup)
    return `may be a tar archive, which ADD unpacks, and the build context cannot be read: ${lookup.reason}`;
  const path = cleanPath(source);
  if (path === undefined || !lookup.context.has(path))
    return 'is not in the build context (a build step may make it), so layerfix cannot tell it is not a tar archive, which ADD unpacks';
  if (isTarOnDisk(lookup.context, path)) return 'is a tar archive (by its content), which ADD unpacks';
  return undefined;
}

/** True when a path of the build context is a file that starts like a tar archive, plain or compressed. */
function isTarOnDisk(files: BuildContext, path: string): boolean {
  if (!files.isFile(path)) return false;
  const head = Buffer.alloc(262);
  const fd = openSync(join(files.dir, path), 'r');
  let size: number;
  try {
    size = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const starts = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  const compressed =
    starts(0x1f, 0x8b) ||
    starts(0x42, 0x5a, 0x68) ||
    starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00) ||
    starts(0x28, 0xb5, 0x2f, 0xfd);
  return compressed || (size >= 262 && head.toString('latin1', 257, 262) === 'ustar');
}
