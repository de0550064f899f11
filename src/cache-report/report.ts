/**
 * `cache-report` as data: for each Dockerfile and each commit (or the given changed files), the RUN steps the change
 * makes BuildKit rebuild, for the file as it is and as layerfix's default pipeline would rewrite it.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { discover } from '../runner/discover.js';
import { ConfigError } from '../config/errors.js';
import { ConfigResolver } from '../config/resolver.js';
import { transform } from '../registry.js';
import { contextPaths, reportContext } from './context.js';
import { changedFiles, commitsSince, fileAt, repoRoot, type Commit } from './git.js';
import { rebuilt } from './invalidate.js';

/** What to report on. */
export interface CacheReportOptions {
  cwd: string;
  /** Files, folders or globs holding the Dockerfiles (default: the current folder). */
  paths: readonly string[];
  /** Report on the commits of `<since>..HEAD` (default: all of HEAD's history). */
  since?: string;
  /** Report on these changed files (relative to `cwd`) instead of the git history. */
  changed?: readonly string[];
}

/** One commit (or the `--changed` set) for one Dockerfile. */
export interface CacheReportRow {
  /** The short commit hash, or `changed` for `--changed`. */
  commit: string;
  subject: string;
  /** RUN steps rebuilt with the file as it is. */
  before: number;
  /** RUN steps rebuilt with the file as layerfix would rewrite it. */
  after: number;
}

/** The rows of one Dockerfile and their sums. */
export interface CacheReportFile {
  /** The path relative to `cwd`, `/`-separated. */
  path: string;
  rows: CacheReportRow[];
  before: number;
  after: number;
}

/** The whole report: files, totals and the reduction in percent (one decimal). */
export interface CacheReport {
  files: CacheReportFile[];
  before: number;
  after: number;
  reduction: number;
}

/** The reduction from `before` to `after` in percent, one decimal (0 when nothing was rebuilt). */
export function reduction(before: number, after: number): number {
  return before > 0 ? Math.round(((before - after) / before) * 1000) / 10 : 0;
}

/** One change to measure: the Dockerfile text after it, before it, and the changed absolute paths. */
interface Step {
  commit: string;
  subject: string;
  text: string;
  previous: string | undefined;
  changed: string[];
}

function rewriter(path: string): (text: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (text) => {
    let out = cache.get(text);
    if (!out) cache.set(text, (out = transform(text, { path }).then((r) => r.text)));
    return out;
  };
}

async function measure(path: string, steps: Step[]): Promise<CacheReportRow[]> {
  const context = reportContext(path);
  const rewrite = rewriter(path);
  const rows: CacheReportRow[] = [];
  for (const step of steps) {
    const paths = contextPaths(context, step.changed);
    const same = step.previous === step.text;
    const before = rebuilt(step.text, { paths, previous: step.previous });
    const text = await rewrite(step.text);
    const previous = same ? text : step.previous === undefined ? undefined : await rewrite(step.previous);
    const after = rebuilt(text, { paths, previous });
    rows.push({ commit: step.commit, subject: step.subject, before: before.runs, after: after.runs });
  }
  return rows;
}

function tryRoot(cwd: string): string | undefined {
  try {
    return repoRoot(cwd);
  } catch {
    return undefined;
  }
}

function historySteps(root: string, realRoot: string, rel: string, commits: Commit[], changes: Map<string, string[]>): Step[] {
  const steps: Step[] = [];
  for (const commit of commits) {
    const text = fileAt(root, commit.sha, rel);
    if (text === undefined) continue;
    let changed = changes.get(commit.sha);
    if (!changed) changes.set(commit.sha, (changed = changedFiles(root, commit.sha)));
    const previous = changed.includes(rel) ? fileAt(root, `${commit.sha}^`, rel) : text;
    steps.push({ commit: commit.sha.slice(0, 7), subject: commit.subject, text, previous, changed: changed.map((p) => join(realRoot, p)) });
  }
  return steps;
}

/** Build the report; throws ConfigError for bad input (not a repository, unknown revision, no Dockerfiles). */
export async function cacheReport(options: CacheReportOptions): Promise<CacheReport> {
  const candidates = await discover(options.paths, { cwd: options.cwd, resolver: new ConfigResolver({ cwd: options.cwd, config: false }) });
  const files = candidates.filter((c) => !c.error && !c.skipped);
  const missing = candidates.find((c) => c.error);
  if (missing) throw new ConfigError(`cache-report: ${missing.display ?? relative(options.cwd, missing.absolutePath)}: ${missing.error!.message}`);
  if (!files.length) throw new ConfigError('cache-report: no Dockerfiles found');
  const root = options.changed ? tryRoot(options.cwd) : repoRoot(options.cwd);
  const realRoot = root ? await realpath(root) : undefined;
  const commits = options.changed ? [] : commitsSince(root!, options.since);
  const changes = new Map<string, string[]>();
  const out: CacheReportFile[] = [];
  for (const file of files) {
    const path = await realpath(file.realPath ?? file.absolutePath);
    const rel = realRoot ? relative(realRoot, path).split(sep).join('/') : undefined;
    let steps: Step[];
    if (options.changed) {
      const text = await readFile(path, 'utf8');
      const cwd = await realpath(options.cwd);
      const changed = options.changed.map((p) => resolve(cwd, p));
      const edited = changed.includes(path) || changed.includes(resolve(file.absolutePath));
      const previous = !edited ? text : root && rel ? fileAt(root, 'HEAD', rel) : undefined;
      steps = [{ commit: 'changed', subject: options.changed.join(', '), text, previous, changed: changed.map((p) => (p === resolve(file.absolutePath) ? path : p)) }];
    } else {
      steps = historySteps(root!, realRoot!, rel!, commits, changes);
    }
    const rows = await measure(path, steps);
    const before = rows.reduce((n, r) => n + r.before, 0);
    const after = rows.reduce((n, r) => n + r.after, 0);
    out.push({ path: relative(options.cwd, file.absolutePath).split(sep).join('/'), rows, before, after });
  }
  const before = out.reduce((n, f) => n + f.before, 0);
  const after = out.reduce((n, f) => n + f.after, 0);
  return { files: out, before, after, reduction: reduction(before, after) };
}
