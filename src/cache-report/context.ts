/**
 * A Dockerfile's build context for cache-report: its folder (found as the main command finds it: `--context`, the
 * configuration, the repository's build files, the fallback on the file's COPY sources) and the `.dockerignore` in
 * effect (the Dockerfile's own `<Dockerfile>.dockerignore` first), used to turn changed paths into the context paths
 * the build sees.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DockerIgnore, GIT_CONTEXT } from '../analysis/index.js';

/** The build context of one Dockerfile: its folder and ignore rules. */
export interface ReportContext {
  /** The context folder, absolute. */
  dir: string;
  ignore: DockerIgnore;
}

/**
 * Open the context `dir` (default: the Dockerfile's folder) of the Dockerfile at the absolute path `dockerfile`,
 * through `ignoreFile` when the build names one (none for a Git context).
 */
export function reportContext(
  dockerfile: string,
  dir = dirname(resolve(dockerfile)),
  ignoreFile?: string,
): ReportContext {
  if (ignoreFile === GIT_CONTEXT) return { dir, ignore: new DockerIgnore('') };
  const own = `${resolve(dockerfile)}.dockerignore`;
  const file = ignoreFile ? resolve(dir, ignoreFile) : existsSync(own) ? own : join(dir, '.dockerignore');
  let rules = '';
  try {
    rules = existsSync(file) ? readFileSync(file, 'utf8') : '';
  } catch {
    rules = '';
  }
  return { dir, ignore: new DockerIgnore(rules) };
}

/**
 * The changed repository-relative paths (`/`-separated) that are in the context and not ignored, context-relative;
 * `prefix` is the context folder relative to the repository root (`''` for the root itself).
 */
export function contextPathsIn(context: ReportContext, prefix: string, repoPaths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of repoPaths) {
    let rel: string;
    if (prefix === '') rel = path;
    else if (path.startsWith(`${prefix}/`)) rel = path.slice(prefix.length + 1);
    else continue;
    if (rel !== '' && !context.ignore.ignores(rel)) out.push(rel);
  }
  return out;
}
