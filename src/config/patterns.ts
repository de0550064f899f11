/**
 * Match files against `.gitignore`-syntax patterns relative to a base folder (the `ignore` package).
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { createIgnore } from './load-ignore.js';

const compiled = new Map<string, Ignore>();

/** A matcher for a list of patterns, compiled once. */
function matcher(patterns: readonly string[]): Ignore {
  const key = patterns.join('\0');
  let ig = compiled.get(key);
  if (!ig) compiled.set(key, (ig = createIgnore().add(patterns as string[])));
  return ig;
}

/** `path` relative to `base` with `/` separators, or undefined when it is not inside `base`. */
export function relativeInside(base: string, path: string): string | undefined {
  const rel = relative(base, path);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Whether `path` (absolute; a folder when `isDir`) matches the patterns, read relative to `base`. */
export function matchesPatterns(
  patterns: string | readonly string[],
  base: string,
  path: string,
  isDir = false,
): boolean {
  const rel = relativeInside(base, path);
  if (rel === undefined) return false;
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  return list.length > 0 && matcher(list).ignores(isDir ? `${rel}/` : rel);
}
