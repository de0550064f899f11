/**
 * A change to a file as a unified diff (the `diff` package, loaded on first use) or as span replacements.
 */

type DiffModule = typeof import('diff');
let diffModule: DiffModule | undefined;

async function load(): Promise<DiffModule> {
  return (diffModule ??= await import('diff'));
}

/** A unified diff of `before` → `after` with `a/` and `b/` prefixed paths, as `git apply` and `patch -p1` read it. */
export async function unifiedDiff(path: string, before: string, after: string): Promise<string> {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await load();
  const name = path.split('\\').join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** The change as replacements of whole-line spans of `before` (offsets in UTF-16 units), in order. */
export async function lineReplacements(
  before: string,
  after: string,
): Promise<{ offset: number; length: number; text: string }[]> {
  const { diffLines } = await load();
  const out: { offset: number; length: number; text: string }[] = [];
  let offset = 0;
  let open: { offset: number; length: number; text: string } | undefined;
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      if (open) {
        out.push(open);
        open = undefined;
      }
      offset += part.value.length;
      continue;
    }
    open ??= { offset, length: 0, text: '' };
    if (part.removed) {
      open.length += part.value.length;
      offset += part.value.length;
    } else open.text += part.value;
  }
  if (open) out.push(open);
  return out;
}
