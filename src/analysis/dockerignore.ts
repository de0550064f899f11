/**
 * `.dockerignore` rules matched as BuildKit matches them: patterns are cleaned paths anchored at the context root,
 * every rule is tried in order and the last one that matches a path or one of its parent folders decides (so, unlike
 * `.gitignore`, `!docs/README.md` brings a file back from an excluded folder). Each single rule is matched with the
 * `ignore` package, whose glob syntax (`*`, `?`, `[...]`, `**`) is the one BuildKit uses.
 */
import { posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Rule {
  exclusion: boolean;
  matcher: Ignore;
}

/** The rules of one `.dockerignore` file. */
export class DockerIgnore {
  private readonly rules: Rule[];

  constructor(text: string) {
    // BuildKit matches case-sensitively on every OS: `*.md` does not leave `README.MD` out.
    this.rules = parseDockerignore(text).map(({ pattern, exclusion }) => ({
      exclusion,
      matcher: ignore({ ignorecase: false }).add(`/${pattern}`),
    }));
  }

  /** Whether BuildKit leaves `path` (relative to the context root, `/`-separated) out of the build context. */
  ignores(path: string): boolean {
    const clean = posix.normalize(path).replace(/^(\.\/)+|\/+$/g, '');
    if (!clean || clean === '.' || clean.startsWith('../')) return false;
    let ignored = false;
    for (const rule of this.rules) if (rule.matcher.ignores(clean)) ignored = !rule.exclusion;
    return ignored;
  }
}

/** The patterns of a `.dockerignore` text, cleaned as BuildKit cleans them. */
export function parseDockerignore(text: string): Array<{ pattern: string; exclusion: boolean }> {
  const out: Array<{ pattern: string; exclusion: boolean }> = [];
  for (const raw of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
    if (raw.startsWith('#')) continue;
    let pattern = raw.trim();
    if (!pattern) continue;
    const exclusion = pattern.startsWith('!');
    if (exclusion) pattern = pattern.slice(1).trim();
    if (!pattern) continue;
    pattern = posix.normalize(pattern).replace(/\/+$/, '') || '/';
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    if (pattern === '.' || pattern === '/') continue;
    out.push({ pattern, exclusion });
  }
  return out;
}
