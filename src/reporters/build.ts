/**
 * The build context a file was given, for reports: where it is (relative to the working folder) and where it came
 * from, and the notes on how it was chosen (a fallback, a disagreement, a build file that could not be used).
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { BuildInfo } from '../build-context/index.js';

/** A folder relative to `cwd` (`.` for itself), or absolute when outside it. */
function shownFolder(cwd: string, dir: string): string {
  const rel = relative(cwd, dir);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? dir : rel.split(sep).join('/');
}

/** The build information as the JSON report gives it: the context relative to the working folder. */
export function buildJson(build: BuildInfo, cwd: string): BuildInfo {
  return { ...build, ...(build.context !== undefined ? { context: shownFolder(cwd, build.context) } : {}) };
}

/** The lines `--explain` prints for a file's build context: the context and its source, then each note. */
export function buildLines(path: string, build: BuildInfo, cwd: string): string[] {
  const head =
    build.context !== undefined
      ? `${path}: build context ${shownFolder(cwd, build.context)}${build.target ? `, target ${build.target}` : ''} (from ${build.source})`
      : `${path}: ${build.unknown ?? 'no build context'}`;
  return [head, ...build.notes.map((note) => `${path}: build context: ${note}`)];
}
