/**
 * How paths are shown to the user.
 */
import { isAbsolute, relative } from 'node:path';

/** `path` relative to `cwd` when inside it, else absolute. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
