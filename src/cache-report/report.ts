/**
 * `cache-report` as data: for each Dockerfile and each commit (or the given changed files), the shell commands and
 * RUN steps the change makes BuildKit rerun, for the file as it is, as layerfix would rewrite it under its
 * configuration, and as the rewrite would be without merging RUNs (so moves and splits are told apart from merges).
 * The history is read in a fixed number of git processes (see git.ts), each distinct Dockerfile text is parsed and
 * rewritten once, and build contexts are found as the main command finds them.
 */
import { readFile, realpath } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { resolveBuild } from '../build-context/index.js';
import { ConfigError } from '../config/errors.js';
import { ConfigResolver } from '../config/resolver.js';
import type { AnyTransform, BuildSettings, PipelineOptions } from '../engine/index.js';
import { loadShellParser } from '../shell/index.js';
import { discover } from '../runner/discover.js';
import { Planner } from '../runner/planner.js';
import { transform } from '../registry.js';
import { contextPathsIn, reportContext, type ReportContext } from './context.js';
import { readHistory, readObjects, repoRoot, type Commit } from './git.js';
import { rebuilt, type Rebuild } from './invalidate.js';

/** What to report on. */
export interface CacheReportOptions {
  cwd: string;
  /** Files, folders or globs holding the Dockerfiles (default: the current folder). */
  paths: readonly string[];
  /** Report on the commits of `<since>..HEAD` (default: all of HEAD's history). */
  since?: string;
  /** Only the last N commits of the range. */
  maxCount?: number;
  /** Follow only the first parent of merge commits. */
  firstParent?: boolean;
  /** Report on these changed files (relative to `cwd`) instead of the git history. */
  changed?: readonly string[];
  /** A configuration file for every file, or `false` for none (default: searched as the main command does). */
  config?: string | false;
  /** The build context of every Dockerfile (relative to `cwd`), as the main command's `--context`. */
  context?: string;
  /** Called as the work goes on: `done` of `total` (Dockerfile, commit) pairs. */
  onProgress?(done: number, total: number): void;
}

/** Work a change makes the build redo. */
export interface Work {
  /** Shell commands rerun (RUN bodies split at `&&`, `||`, `;` and newlines). */
  commands: number;
  /** RUN steps rerun. */
  runs: number;
}

/** One commit (or the `--changed` set) for one Dockerfile. */
export interface CacheReportRow {
  /** The short commit hash, or `changed` for `--changed`. */
  commit: string;
  subject: string;
  /** `dockerfile` when the commit changed (or added) the Dockerfile itself, `source` when it changed only other files. */
  kind: 'source' | 'dockerfile';
  /** With the file as it is. */
  before: Work;
  /** With the file as layerfix would rewrite it. */
  after: Work;
  /** With the rewrite minus its RUN merges: what the moves and manifest splits alone do. */
  withoutMerges: Work;
}

/** Sums over some rows. */
export interface Tally {
  commits: number;
  before: Work;
  after: Work;
  withoutMerges: Work;
}

/** The rows of one Dockerfile and their sums. */
export interface CacheReportFile {
  /** The path relative to `cwd`, `/`-separated. */
  path: string;
  /** The build context used (relative to `cwd`), and where it came from. */
  context: string;
  contextSource: string;
  /** The stage built, when a build file or the configuration names one. */
  target?: string;
  rows: CacheReportRow[];
  /** Commits that left the Dockerfile alone. */
  source: Tally;
  /** Commits that changed the Dockerfile itself. */
  dockerfile: Tally;
  /** Shell commands saved on source edits (before minus after). */
  gain: number;
}

/** The commits covered. */
export interface CacheReportRange {
  /** The oldest and newest commit read (absent when the range holds none). */
  first?: { commit: string; subject: string };
  last?: { commit: string; subject: string };
  commits: number;
  since?: string;
  maxCount?: number;
  firstParent: boolean;
}

/** The whole report. */
export interface CacheReport {
  /** The commits read (none for `--changed`). */
  range?: CacheReportRange;
  /** Per Dockerfile, the biggest gain first. */
  files: CacheReportFile[];
  /** Over every file: commits that left the Dockerfiles alone (source edits) and those that changed one. */
  source: Tally;
  dockerfile: Tally;
  /** On source edits, the commands saved by moves and manifest splits (before minus the rewrite without merges). */
  fromMoves: number;
  /** On source edits, the commands merges add back (the rewrite minus the rewrite without merges; 0 or more). */
  fromMerges: number;
  /** Fewer shell commands rerun on source edits, in percent (one decimal). */
  reduction: number;
  /** Shell commands rerun per source-edit commit and Dockerfile, before and after (two decimals). */
  perCommit: { before: number; after: number };
}

/** The reduction from `before` to `after` in percent, one decimal (0 when nothing was rebuilt). */
export function reduction(before: number, after: number): number {
  return before > 0 ? Math.round(((before - after) / before) * 1000) / 10 : 0;
}

const zero = (): Work => ({ commands: 0, runs: 0 });
const emptyTally = (): Tally => ({ commits: 0, before: zero(), after: zero(), withoutMerges: zero() });

function add(into: Work, work: Work): void {
  into.commands += work.commands;
  into.runs += work.runs;
}

function tally(into: Tally, row: CacheReportRow): void {
  into.commits++;
  add(into.before, row.before);
  add(into.after, row.after);
  add(into.withoutMerges, row.withoutMerges);
}

function work(rebuild: Rebuild): Work {
  return { commands: rebuild.commands, runs: rebuild.runs };
}

/** One change to measure: the Dockerfile text after it and before it, and the changed context paths. */
interface Step {
  commit: string;
  subject: string;
  text: string;
  previous: string | undefined;
  paths: string[];
}

/** The rewrites of one Dockerfile (with and without merges), each distinct text once. */
class Rewriter {
  private readonly cache = new Map<string, Promise<[string, string]>>();

  constructor(private readonly options: PipelineOptions & { plugins: AnyTransform[] }) {}

  rewrite(text: string): Promise<[string, string]> {
    let out = this.cache.get(text);
    if (!out) {
      const skip = [...(this.options.skip ?? []), 'merge-runs'];
      out = Promise.all([
        transform(text, this.options).then((r) => r.text),
        transform(text, { ...this.options, skip }).then((r) => r.text),
      ]);
      this.cache.set(text, out);
    }
    return out;
  }
}

/** A Dockerfile to report on, with its settings. */
interface Target {
  path: string;
  display: string;
  rewriter: Rewriter;
  context: ReportContext;
  contextShown: string;
  contextSource: string;
  target?: string;
  /** The build arguments the build passes, from the configuration's `build.args`. */
  args?: Readonly<Record<string, string>>;
  /** The context folder relative to the repository root (`/`-separated, `''` for the root), in history mode. */
  prefix?: string;
  /** The Dockerfile relative to the repository root, in history mode. */
  rel?: string;
}

async function measure(target: Target, steps: Step[], progress: () => void): Promise<CacheReportRow[]> {
  const rows: CacheReportRow[] = [];
  for (const step of steps) {
    const same = step.previous === step.text;
    const kind = same ? 'source' : 'dockerfile';
    if (same && !step.paths.length) {
      rows.push({
        commit: step.commit,
        subject: step.subject,
        kind,
        before: zero(),
        after: zero(),
        withoutMerges: zero(),
      });
      progress();
      continue;
    }
    const change = { paths: step.paths, target: target.target, args: target.args };
    const before = rebuilt(step.text, { ...change, previous: step.previous });
    const [after, moved] = await target.rewriter.rewrite(step.text);
    const [afterPrevious, movedPrevious] = same
      ? [after, moved]
      : step.previous === undefined
        ? [undefined, undefined]
        : await target.rewriter.rewrite(step.previous);
    rows.push({
      commit: step.commit,
      subject: step.subject,
      kind,
      before: work(before),
      after: work(rebuilt(after, { ...change, previous: afterPrevious })),
      withoutMerges: work(rebuilt(moved, { ...change, previous: movedPrevious })),
    });
    progress();
  }
  return rows;
}

function slash(path: string): string {
  return path.split(sep).join('/');
}

function shown(cwd: string, dir: string): string {
  const rel = relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') ? dir : slash(rel);
}

/** The steps of one Dockerfile over the history: texts from the blob ids the log gives, boundary versions by name. */
function historySteps(
  commits: readonly Commit[],
  rel: string,
  objects: Map<string, string | undefined>,
  prefix: string,
  context: ReportContext,
): Step[] {
  const inRange = new Map<string, string | undefined>();
  const steps: Step[] = [];
  const pathsCache = new Map<Commit, string[]>();
  const read = (name: string | undefined) => (name === undefined ? undefined : objects.get(name));
  const at = (sha: string | undefined): string | undefined =>
    sha === undefined ? undefined : inRange.has(sha) ? inRange.get(sha) : `${sha}:${rel}`;
  for (const commit of commits) {
    const changed = commit.blobs.has(rel);
    const parent = at(commit.parent);
    const blob = changed ? commit.blobs.get(rel) : parent;
    inRange.set(commit.sha, blob);
    const text = read(blob);
    if (text === undefined) continue;
    let paths = pathsCache.get(commit);
    if (!paths) pathsCache.set(commit, (paths = contextPathsIn(context, prefix, commit.paths)));
    steps.push({
      commit: commit.sha.slice(0, 7),
      subject: commit.subject,
      text,
      previous: changed ? read(parent) : text,
      paths,
    });
  }
  return steps;
}

/** Every object name the steps of `rel` need read: blob ids, and `<commit>:<path>` for versions before the range. */
function namesFor(commits: readonly Commit[], rel: string, into: Set<string>): void {
  const inRange = new Map<string, string | undefined>();
  for (const commit of commits) {
    const parent =
      commit.parent === undefined
        ? undefined
        : inRange.has(commit.parent)
          ? inRange.get(commit.parent)
          : `${commit.parent}:${rel}`;
    const changed = commit.blobs.has(rel);
    const blob = changed ? commit.blobs.get(rel) : parent;
    inRange.set(commit.sha, blob);
    if (blob !== undefined) into.add(blob);
    if (changed && parent !== undefined) into.add(parent);
  }
}

async function pluginsOf(paths: readonly string[]): Promise<AnyTransform[]> {
  if (!paths.length) return [];
  const { loadPluginModule } = await import('../config/plugins.js');
  const out: AnyTransform[] = [];
  for (const path of paths) {
    try {
      out.push(...(await loadPluginModule(path)));
    } catch (error) {
      throw new ConfigError(`cache-report: plugin ${path} failed to load: ${(error as Error)?.message ?? error}`);
    }
  }
  return out;
}

/** Build the report; throws ConfigError for bad input (not a repository, a range git cannot resolve, no Dockerfiles). */
export async function cacheReport(options: CacheReportOptions): Promise<CacheReport> {
  if (options.maxCount !== undefined && (!Number.isInteger(options.maxCount) || options.maxCount < 1)) {
    throw new ConfigError(
      `cache-report: --max-count: got "${options.maxCount}", expected a whole number of at least 1`,
    );
  }
  const resolver = new ConfigResolver({ cwd: options.cwd, config: options.config });
  const candidates = await discover(options.paths, { cwd: options.cwd, resolver });
  const files = candidates.filter((c) => !c.error && !c.skipped);
  const missing = candidates.find((c) => c.error);
  if (missing)
    throw new ConfigError(
      `cache-report: ${missing.display ?? relative(options.cwd, missing.absolutePath)}: ${missing.error!.message}`,
    );
  if (!files.length) throw new ConfigError('cache-report: no Dockerfiles found');
  const root = options.changed ? tryRoot(options.cwd) : repoRoot(options.cwd);
  const realRoot = root ? await realpath(root) : undefined;
  const commits = options.changed
    ? []
    : readHistory(root!, { since: options.since, maxCount: options.maxCount, firstParent: options.firstParent });
  await loadShellParser();

  const planner = new Planner(resolver, undefined, undefined, { cwd: options.cwd, context: options.context });
  const targets: Target[] = [];
  for (const file of files) {
    const path = await realpath(file.realPath ?? file.absolutePath);
    const plan = await planner.plan(file.absolutePath);
    if ('error' in plan)
      throw new ConfigError(`cache-report: ${relative(options.cwd, file.absolutePath)}: ${plan.error.message}`);
    const { plugins: pluginPaths, build: buildPlan, ...settings } = plan.settings;
    const current = await readFile(path, 'utf8').catch(() => '');
    const { settings: build, info } = resolveBuild(buildPlan, current, path);
    const plugins = await pluginsOf(pluginPaths);
    const dir = build.context ?? dirname(path);
    const context = reportContext(path, dir, build.ignoreFile);
    const target: Target = {
      path,
      display: slash(relative(options.cwd, file.absolutePath)),
      rewriter: new Rewriter({ ...settings, plugins, path, build: build as BuildSettings }),
      context,
      contextShown: shown(options.cwd, dir),
      contextSource: info
        ? info.unknown
          ? `${info.unknown}; the Dockerfile's folder is assumed`
          : info.source
        : "the Dockerfile's folder",
      ...(build.target ? { target: build.target } : {}),
      ...(build.args ? { args: build.args } : {}),
    };
    if (realRoot) {
      target.rel = slash(relative(realRoot, path));
      const prefix = slash(relative(realRoot, await realpath(dir).catch(() => dir)));
      target.prefix = prefix.startsWith('..') ? undefined : prefix;
    }
    targets.push(target);
  }

  const objects = new Map<string, string | undefined>();
  if (!options.changed) {
    const names = new Set<string>();
    for (const target of targets) if (target.rel) namesFor(commits, target.rel, names);
    for (const [name, text] of readObjects(root!, [...names])) objects.set(name, text);
  }
  const total = targets.length * (options.changed ? 1 : commits.length);
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);

  const out: CacheReportFile[] = [];
  for (const target of targets) {
    let steps: Step[];
    if (options.changed) {
      const text = await readFile(target.path, 'utf8');
      const cwd = await realpath(options.cwd);
      const changed = options.changed.map((p) => resolve(cwd, p));
      const edited = changed.includes(target.path);
      const previous = !edited
        ? text
        : root && target.rel
          ? readObjects(root, [`HEAD:${target.rel}`]).get(`HEAD:${target.rel}`)
          : undefined;
      const paths = contextPathsIn(
        target.context,
        '',
        changed.map((p) => slash(relative(target.context.dir, p))).filter((p) => !p.startsWith('..')),
      );
      steps = [{ commit: 'changed', subject: options.changed.join(', '), text, previous, paths }];
    } else if (target.rel === undefined || target.prefix === undefined) {
      steps = [];
    } else {
      steps = historySteps(commits, target.rel, objects, target.prefix, target.context);
    }
    const rows = await measure(target, steps, progress);
    const source = emptyTally();
    const dockerfile = emptyTally();
    for (const row of rows) tally(row.kind === 'source' ? source : dockerfile, row);
    out.push({
      path: target.display,
      context: target.contextShown,
      contextSource: target.contextSource,
      ...(target.target ? { target: target.target } : {}),
      rows,
      source,
      dockerfile,
      gain: source.before.commands - source.after.commands,
    });
  }
  out.sort((a, b) => b.gain - a.gain || a.path.localeCompare(b.path));
  const source = emptyTally();
  const dockerfile = emptyTally();
  for (const file of out) {
    for (const [into, from] of [
      [source, file.source],
      [dockerfile, file.dockerfile],
    ] as const) {
      into.commits += from.commits;
      add(into.before, from.before);
      add(into.after, from.after);
      add(into.withoutMerges, from.withoutMerges);
    }
  }
  const mean = (n: number) => (source.commits ? Math.round((n / source.commits) * 100) / 100 : 0);
  const report: CacheReport = {
    files: out,
    source,
    dockerfile,
    fromMoves: source.before.commands - source.withoutMerges.commands,
    fromMerges: source.after.commands - source.withoutMerges.commands,
    reduction: reduction(source.before.commands, source.after.commands),
    perCommit: { before: mean(source.before.commands), after: mean(source.after.commands) },
  };
  if (!options.changed) {
    const first = commits[0];
    const last = commits[commits.length - 1];
    report.range = {
      ...(first ? { first: { commit: first.sha.slice(0, 7), subject: first.subject } } : {}),
      ...(last ? { last: { commit: last.sha.slice(0, 7), subject: last.subject } } : {}),
      commits: commits.length,
      ...(options.since !== undefined ? { since: options.since } : {}),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      firstParent: Boolean(options.firstParent),
    };
  }
  return report;
}

function tryRoot(cwd: string): string | undefined {
  try {
    return repoRoot(cwd);
  } catch {
    return undefined;
  }
}
