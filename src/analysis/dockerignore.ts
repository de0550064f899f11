/**
 * `.dockerignore` rules matched as BuildKit matches them (moby/patternmatcher): patterns are cleaned paths anchored at
 * the context root, and the last rule that matches a path or one of its parent folders decides (so, unlike
 * `.gitignore`, `!docs/README.md` brings a file back from an excluded folder). A pattern is a literal path, a literal
 * followed by `**` (a prefix), `**` followed by a literal (a suffix: `**.md` is any path ending in `.md`), or else a
 * regular expression: `*` and `?` stay within one folder, `**` spans folders, `[...]` is a regular-expression class
 * (`[!a]` holds `!`, it is not `[^a]`), and `\` escapes the next character.
 */
import { posix } from 'node:path';

type Rule = { exclusion: boolean; matches: (path: string) => boolean };

/** The rules of one `.dockerignore` file. */
export class DockerIgnore {
  private readonly rules: Rule[];

  constructor(text: string) {
    // BuildKit matches case-sensitively on every OS: `*.md` does not leave `README.MD` out.
    this.rules = parseDockerignore(text).map(({ pattern, exclusion }) => ({ exclusion, matches: matcher(pattern) }));
  }

  /** Whether BuildKit leaves `path` (relative to the context root, `/`-separated) out of the build context. */
  ignores(path: string): boolean {
    const clean = posix.normalize(path).replace(/^(\.\/)+|\/+$/g, '');
    if (!clean || clean === '.' || clean.startsWith('../')) return false;
    const parents = clean.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'));
    let ignored = false;
    for (const rule of this.rules) if (parents.some(rule.matches)) ignored = !rule.exclusion;
    return ignored;
  }
}

/** Characters a pattern writes as themselves that a regular expression would read as syntax. */
const LITERAL = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** Whether a cleaned pattern matches a cleaned path, as moby/patternmatcher compiles it. */
function matcher(pattern: string): (path: string) => boolean {
  let source = '';
  let kind: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const first = i === 0;
      i++;
      if (pattern[i + 1] === '/') i++;
      if (i + 1 >= pattern.length) {
        if (kind === 'exact') kind = 'prefix';
        else {
          source += '.*';
          kind = 'regexp';
        }
      } else {
        source += '(.*/)?';
        kind = 'regexp';
      }
      if (first) kind = 'suffix';
    } else if (c === '*') {
      source += '[^/]*';
      kind = 'regexp';
    } else if (c === '?') {
      source += '[^/]';
      kind = 'regexp';
    } else if (LITERAL.has(c)) source += `\\${c}`;
    else if (c === '\\') {
      if (i + 1 < pattern.length) {
        source += `\\${pattern[++i]}`;
        kind = 'regexp';
      } else source += '\\\\';
    } else if (c === '[' || c === ']') {
      source += c;
      kind = 'regexp';
    } else source += c;
  }
  if (kind === 'exact') return (path) => path === pattern;
  if (kind === 'prefix') return (path) => path.startsWith(pattern.slice(0, -2));
  if (kind === 'suffix') {
    const suffix = pattern.slice(2);
    return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
  }
  let regexp: RegExp | undefined;
  try {
    regexp = new RegExp(`^${source}$`);
  } catch {
    regexp = undefined;
  }
  return (path) => regexp?.test(path) ?? false;
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
