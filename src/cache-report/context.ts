/**
 * A Dockerfile's build context for cache-report: its folder, and the `.dockerignore` in effect (the Dockerfile's own
 * `<Dockerfile>.dockerignore` first), used to turn changed paths into the context paths the build sees.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DockerIgnore, cleanPath } from '../analysis/index.js';

/** The build context of one Dockerfile: its folder and ignore rules. */
export interface ReportContext {
  /** The context folder (the Dockerfile's folder), absolute. */
  dir: string;
  ignore: DockerIgnore;
}

/** Open the context of the Dockerfile at the absolute path `dockerfile`. */
export function reportContext(dockerfile: string): ReportContext {
  const dir = dirname(resolve(dockerfile));
  const own = `${resolve(dockerfile)}.dockerignore`;
  const file = existsSync(own) ? own : join(dir, '.dockerignore');
  let rules = '';
  try {
    rules = existsSync(file) ? readFileSync(file, 'utf8') : '';
  } catch {
    rules = '';
  }
  return { dir, ignore: new DockerIgnore(rules) };
}

/** The changed absolute paths that are in the context and not ignored, context-relative and `/`-separated. */
export function contextPaths(context: ReportContext, absolutePaths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of absolutePaths) {
    const rel = cleanPath(relative(context.dir, path).split(sep).join('/'));
    if (rel === undefined || rel === '' || context.ignore.ignores(rel)) continue;
    out.push(rel);
  }
  return out;
}
