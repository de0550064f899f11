/**
 * `.dockerignore` rules read as BuildKit reads them (moby/patternmatcher's ignore file reader) and applied as its
 * context transfer applies them (tonistiigi/fsutil's filtered walk): patterns are cleaned paths anchored at the
 * context root. The walk decides each path from the top down, carrying from a folder to what is in it which rules
 * matched the folder; a `!` rule brings a path back only when the walk gets there (an excluded folder is entered when a
 * `!` rule is a glob, or a literal `!` rule lies below it), and a folder left out is still sent as the parent of a file
 * brought back. A pattern is a literal path, a literal followed by `**` (a prefix), `**` followed by a literal (a
 * suffix: `**.md` is any path ending in `.md`), or else a regular expression: `*` and `?` stay within one folder, `**`
 * spans folders, `[...]` is a regular-expression class (`[!a]` holds `!`, it is not `[^a]`), and `\` escapes the next
 * character.
 */
import { posix } from 'node:path';

type Rule = { exclusion: boolean; pattern: string; matches: (path: string) => boolean };

/** How BuildKit's walk sees one path. */
interface WalkVerdict {
  /** The walk gets to the path (no folder above it is skipped). */
  reached: boolean;
  /** The rules leave the path itself out. */
  excluded: boolean;
  /** For a folder: the walk looks inside it (it is not excluded, or a `!` rule may bring back something below it). */
  entered: boolean;
}

/** The rules of one `.dockerignore` file. */
export class DockerIgnore {
  private readonly rules: Rule[];
  /** Literal `!` patterns (a trailing `/*` or `/**` dropped) followed by `/`: an excluded folder they lie in is entered. */
  private readonly exceptionPrefixes: string[] = [];
  /** Some `!` pattern is a glob, so the walk enters every excluded folder. */
  private readonly globExceptions: boolean;
  /** The literal `!` patterns followed by `/` (buildah enters an excluded folder only for one of these). */
  private readonly literalExceptionPrefixes: string[] = [];
  /** Why layerfix cannot read these rules as BuildKit does, if it cannot. */
  readonly problem?: string;
  /** Whether a `!` rule brings paths back. */
  readonly exceptions: boolean;

  constructor(text: string) {
    // BuildKit matches case-sensitively on every OS: `*.md` does not leave `README.MD` out.
    const patterns = parseDockerignore(text);
    this.rules = patterns.map(({ pattern, exclusion }) => ({ exclusion, pattern, matches: matcher(pattern) }));
    this.problem = patterns.map((p) => unreadable(p.pattern)).find(Boolean);
    let globs = false;
    for (const rule of this.rules) {
      if (!rule.exclusion) continue;
      const literal = rule.pattern.replace(/\/\*\*$/, '').replace(/\/\*$/, '');
      if (/[*[\]?^\\]/.test(literal)) globs = true;
      else this.literalExceptionPrefixes.push(`${rule.pattern}/`);
      this.exceptionPrefixes.push(`${literal}/`);
    }
    this.globExceptions = globs;
    this.exceptions = this.rules.some((rule) => rule.exclusion);
  }

  /**
   * Whether BuildKit leaves `path` (relative to the context root, `/`-separated) itself out of the build context: a
   * rule excludes it, or the walk never gets there. A folder left out may still be sent as the parent of a file a `!`
   * rule brings back (`enters` says whether the walk looks).
   */
  ignores(path: string): boolean {
    const verdict = this.walk(path);
    return !!verdict && (!verdict.reached || verdict.excluded);
  }

  /** Whether BuildKit's walk looks inside the folder `path` (whether or not the folder itself is left out). */
  enters(path: string): boolean {
    const verdict = this.walk(path);
    return !verdict || (verdict.reached && verdict.entered);
  }

  /**
   * Whether builders that match each rule against the path and every folder above it, the last match winning
   * (buildah and podman, Docker's legacy builder), leave `path` out; buildah also never looks inside a folder so left
   * out unless a literal `!` rule lies below it (red team 35: a glob exception under a folder `*` leaves out).
   */
  ignoresByParents(path: string): boolean {
    const clean = cleanIgnorePath(path);
    if (!clean) return false;
    const parents = clean.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'));
    const skipped = parents
      .slice(0, -1)
      .some(
        (folder) =>
          this.lastMatchExcludes(parents.slice(0, parents.indexOf(folder) + 1)) &&
          !this.literalExceptionPrefixes.some((prefix) => prefix.startsWith(`${folder}/`)),
      );
    return skipped || this.lastMatchExcludes(parents);
  }

  /** Whether the last rule matching the last of `parents` or a folder above it excludes it. */
  private lastMatchExcludes(parents: readonly string[]): boolean {
    let ignored = false;
    for (const rule of this.rules) if (parents.some(rule.matches)) ignored = !rule.exclusion;
    return ignored;
  }

  /** fsutil's walk from the root down to `path`; undefined for the root itself or a path outside the context. */
  private walk(path: string): WalkVerdict | undefined {
    const clean = cleanIgnorePath(path);
    if (!clean) return undefined;
    const parts = clean.split('/');
    let parent: boolean[] | undefined;
    let excluded = false;
    for (let depth = 1; depth <= parts.length; depth++) {
      const here = parts.slice(0, depth).join('/');
      ({ excluded, matched: parent } = this.step(here, parent));
      if (depth < parts.length && excluded && !this.entersExcluded(here))
        return { reached: false, excluded: true, entered: false };
    }
    return { reached: true, excluded, entered: !excluded || this.entersExcluded(clean) };
  }

  /**
   * patternmatcher's MatchesUsingParentResults: a rule matched the folder above, or (unless it cannot change the
   * verdict so far, when it is not even tried) it matches the path. Returns the verdict and which rules matched.
   */
  private step(path: string, parent: boolean[] | undefined): { excluded: boolean; matched: boolean[] } {
    let excluded = false;
    const matched: boolean[] = [];
    this.rules.forEach((rule, i) => {
      let match = parent?.[i] ?? false;
      if (!match) {
        matched[i] = false;
        if (rule.exclusion !== excluded) return;
        match = rule.matches(path);
        if (!match && !parent) {
          const dirs = path.split('/').slice(0, -1);
          for (let n = 1; n <= dirs.length && !match; n++) match = rule.matches(dirs.slice(0, n).join('/'));
        }
      }
      matched[i] = match;
      if (match) excluded = !rule.exclusion;
    });
    return { excluded, matched };
  }

  /** Whether fsutil's walk enters a folder the rules leave out, looking for what a `!` rule brings back. */
  private entersExcluded(folder: string): boolean {
    if (this.globExceptions) return true;
    const prefix = `${folder}/`;
    return this.exceptionPrefixes.some((exception) => exception.startsWith(prefix));
  }
}

/** A context-relative path cleaned for matching (`''` for the root or a path outside the context). */
function cleanIgnorePath(path: string): string {
  const clean = posix.normalize(path).replace(/^(\.\/)+|\/+$/g, '');
  return !clean || clean === '.' || clean === '..' || clean.startsWith('../') ? '' : clean;
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

/**
 * Why a pattern would not match in JavaScript as in Go's regular expressions, if it would not: a POSIX class
 * (`[[:digit:]]`) or a backslash before a letter or digit (`\a` is the bell character in Go, `a` in JavaScript).
 */
function unreadable(pattern: string): string | undefined {
  if (/\[[^\]]*\[:/.test(pattern)) return `the pattern \`${pattern}\` has a POSIX character class`;
  if (/\\[A-Za-z0-9]/.test(pattern))
    return `the pattern \`${pattern}\` has a backslash before a letter or digit, which Go's regular expressions read apart`;
  return undefined;
}

/** The white space Go's strings.TrimSpace removes (JavaScript's trim also removes U+FEFF, a byte order mark). */
const GO_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Cleans a path as Go's path.Clean does (`.` for nothing). */
const goClean = (path: string) => posix.normalize(path).replace(/(.)\/+$/, '$1');

/**
 * The patterns of a `.dockerignore` text, read as BuildKit reads them: the ignore file reader trims and cleans each
 * line (a leading `/` dropped), and the pattern matcher trims and cleans it again before it reads a leading `!` (so
 * `/!x` brings `x` back).
 */
export function parseDockerignore(text: string): Array<{ pattern: string; exclusion: boolean }> {
  const out: Array<{ pattern: string; exclusion: boolean }> = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = index === 0 ? raw.replace(/^\ufeff/, '') : raw;
    if (line.startsWith('#')) continue;
    let pattern = line.replace(GO_SPACE, '');
    if (!pattern) continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).replace(GO_SPACE, '');
    if (pattern) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    pattern = goClean((invert ? `!${pattern}` : pattern).replace(GO_SPACE, ''));
    if (!pattern || pattern === '.') continue;
    const exclusion = pattern.startsWith('!');
    if (exclusion) pattern = pattern.slice(1);
    if (!pattern) continue;
    out.push({ pattern, exclusion });
  }
  return out;
}
