/**
 * `layerfixFiles`: what the CLI does, as a function. Find the Dockerfiles, plan each with its configuration
 * (every configuration error surfaces before any file is touched), process them on a worker pool, write changed
 * files atomically on this thread, and report each file in discovery order.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigProblems } from '../config/errors.js';
import { ConfigResolver } from '../config/resolver.js';
import { discover, type Candidate } from './discover.js';
import { displayPath } from './display.js';
import { Planner, type FilePlan } from './planner.js';
import { createRunner, defaultConcurrency, TASKS_PER_WORKER, workerCount, type Runner } from './pool.js';
import { failure } from './failure.js';
import type { FileSettings, FileTask, ProcessedFile } from './process-file.js';
import { count, emptySummary } from './summary.js';
import type { FileResult, FilesReport, LayerfixFilesOptions, UnmatchedPath } from './types.js';
import { removeStaleTempFiles, writeFileAtomic } from './write.js';

function toResult(candidate: Candidate, display: string, processed: ProcessedFile, written: boolean): FileResult {
  const { status, messages, changes, diff, output, input, replacements, build } = processed;
  const result: FileResult = {
    path: display,
    absolutePath: candidate.absolutePath,
    status,
    written,
    messages,
    changes,
  };
  if (build !== undefined) result.build = build;
  if (diff !== undefined) result.diff = diff;
  if (output !== undefined) result.output = output;
  if (input !== undefined) result.input = input;
  if (replacements !== undefined) result.replacements = replacements;
  return result;
}

function skippedResult(candidate: Candidate, display: string): FileResult {
  const message = {
    kind: 'skip' as const,
    ruleId: 'discovery',
    message: `Skipped: ${candidate.skipped}`,
    line: 1,
    column: 1,
  };
  return {
    path: display,
    absolutePath: candidate.absolutePath,
    status: 'skipped',
    written: false,
    messages: [message],
    changes: {},
  };
}

/** At most this many files are processed before the search ends (their results wait for it). */
const EARLY_LIMIT = 4096;

/**
 * Starting on files while the search for them goes on. A run over many files starts its worker pool as soon as
 * enough are found, and sends them to it as they are found and planned: the workers start up and work while this
 * thread searches. Nothing is written or reported until the search and the planning of every file are done (a
 * configuration error still stops the run before it touches any file); a file whose plan fails is left for the
 * final pass to report.
 */
class EarlyStart {
  private found = 0;
  private pool: Runner | undefined;
  private creating: Promise<Runner> | undefined;
  private release!: (runner: Runner | undefined) => void;
  private readonly ready = new Promise<Runner | undefined>((resolve) => (this.release = resolve));
  readonly started = new Map<string, Promise<ProcessedFile | undefined>>();

  constructor(
    private readonly concurrency: number,
    private readonly timeoutMs: number | undefined,
    private readonly planOf: (candidate: Candidate) => Promise<FilePlan>,
    private readonly taskOf: (candidate: Candidate, plan: FilePlan & { settings: FileSettings }) => FileTask,
  ) {}

  /** A candidate was found: plan it, and send it to the pool once there is one. */
  add(candidate: Candidate): void {
    if (candidate.error || candidate.skipped || this.found >= EARLY_LIMIT || this.started.has(candidate.absolutePath))
      return;
    this.found++;
    const size = workerCount(this.found, this.concurrency);
    if (size >= 2 && !this.creating) {
      this.creating = createRunner(this.found, this.concurrency, { timeoutMs: this.timeoutMs });
      void this.creating.then((runner) => ((this.pool = runner), this.release(runner)));
    } else if (this.pool && size > this.pool.size()) {
      this.pool.grow?.(size);
    }
    const early = this.planOf(candidate).then(
      async (plan) => {
        if (!('settings' in plan)) return undefined;
        const runner = await this.ready;
        return runner?.run(this.taskOf(candidate, plan));
      },
      () => undefined,
    );
    this.started.set(candidate.absolutePath, early);
  }

  /** The search is over: the pool started early, if any (files found early and not yet sent stay unsent). */
  async end(): Promise<Runner | undefined> {
    if (!this.creating) this.release(undefined);
    return this.creating;
  }
}

/** Absolute paths of the `--ignore-path` files, each checked to be readable (a problem otherwise). */
function ignorePaths(
  cwd: string,
  given: readonly string[] | undefined,
  problems: ConfigProblems,
): string[] | undefined {
  if (!given) return undefined;
  const paths = given.map((path) => resolve(cwd, path));
  paths.forEach((path, i) => {
    try {
      readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.add(
        `--ignore-path: cannot read ${given[i]}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
      );
    }
  });
  return paths;
}

/**
 * Process files, folders or globs (default `.`). Throws ConfigError listing every problem of the configuration and
 * options found, before any file is processed.
 */
export async function layerfixFiles(
  paths: readonly string[],
  options: LayerfixFilesOptions = {},
): Promise<FilesReport> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const problems = new ConfigProblems();
  const ignored = ignorePaths(cwd, options.ignorePath, problems);
  problems.throwIfAny();
  const resolver = new ConfigResolver({ cwd, config: options.config });
  const temps: string[] = [];
  const planner = new Planner(resolver, options.only, options.skip, {
    cwd,
    context: options.context,
    target: options.target,
  });
  const planned = new Map<string, Promise<FilePlan>>();
  const planOf = (candidate: Candidate): Promise<FilePlan> => {
    let plan = planned.get(candidate.absolutePath);
    if (!plan) planned.set(candidate.absolutePath, (plan = planner.plan(candidate.absolutePath)));
    return plan;
  };
  const want = {
    diff: options.diff ?? true,
    output: Boolean(options.output || options.write),
    input: options.input,
    fixes: options.fixes,
  };
  const taskOf = (candidate: Candidate, plan: { settings: FileSettings }): FileTask => {
    const display = candidate.display ?? displayPath(cwd, candidate.absolutePath);
    return { path: candidate.realPath ?? candidate.absolutePath, display, settings: plan.settings, want };
  };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency()));
  const early = concurrency > 1 ? new EarlyStart(concurrency, options.fileTimeoutMs, planOf, taskOf) : undefined;

  let runner: Runner | undefined;
  const files: FileResult[] = [];
  const summary = emptySummary();
  const started: (Promise<FileResult> | undefined)[] = [];
  const plugins = new Set<string>();
  const unmatched: UnmatchedPath[] = [];
  try {
    const found = await discover(paths, {
      cwd,
      resolver,
      ignorePaths: ignored,
      onTempFile: (path) => temps.push(path),
      onFound: early && ((c) => early.add(c)),
      onConfigError: (error) => problems.add(error),
    });
    const candidates: Candidate[] = [];
    for (const candidate of found) {
      if (candidate.unmatched)
        unmatched.push({
          path: candidate.display ?? candidate.absolutePath,
          message: candidate.error?.message ?? 'No files match',
        });
      else candidates.push(candidate);
    }
    // Every configuration problem of the run is listed at once, before any file is processed.
    const plans: (FilePlan | undefined)[] = [];
    for (const candidate of candidates) {
      plans.push(candidate.error || candidate.skipped ? undefined : await problems.collectAsync(planOf(candidate)));
    }
    for (const plan of plans)
      if (plan && 'settings' in plan) for (const path of plan.settings.plugins) plugins.add(path);
    runner = await early?.end();
    await problems.collectAsync(planner.checkNames());
    problems.throwIfAny();
    if (options.write) await removeStaleTempFiles(temps);

    const total = candidates.length;
    const runnable = plans.filter((plan) => plan && 'settings' in plan).length;
    const workers = workerCount(runnable, concurrency);
    if (runner && workers > runner.size()) runner.grow?.(workers);
    runner ??= await createRunner(runnable, concurrency, { timeoutMs: options.fileTimeoutMs });
    const active = runner;
    // Files in flight: twice what the workers hold, so a slow file at the head of the line does not starve them.
    const window = Math.max(1, runner.size() * TASKS_PER_WORKER * 2);
    options.onStart?.(total);

    const one = async (index: number): Promise<FileResult> => {
      const candidate = candidates[index];
      const display = candidate.display ?? displayPath(cwd, candidate.absolutePath);
      if (candidate.skipped) return skippedResult(candidate, display);
      const plan = plans[index];
      if (candidate.error || !plan || 'error' in plan) {
        const error =
          candidate.error ?? (plan && 'error' in plan ? plan.error : { ruleId: 'internal-error', message: 'No plan' });
        return toResult(candidate, display, failure(error.ruleId, error.message), false);
      }
      const task = taskOf(candidate, plan);
      const ahead = early?.started.get(candidate.absolutePath);
      early?.started.delete(candidate.absolutePath);
      const processed = (ahead && (await ahead)) ?? (await active.run(task));
      let written = false;
      if (options.write && processed.status === 'changed' && processed.output !== undefined) {
        try {
          await writeFileAtomic(task.path, processed.output, { size: processed.size, mtimeMs: processed.mtimeMs });
          written = true;
        } catch (error) {
          const message = `Not written: ${(error as Error)?.message ?? error}; the file was left as it was`;
          processed.status = 'error';
          processed.changes = {};
          processed.messages.push({ kind: 'error', ruleId: 'write-error', message, line: 1, column: 1 });
        }
      }
      if (!options.output) delete processed.output;
      return toResult(candidate, display, processed, written);
    };

    let next = 0;
    for (let index = 0; index < total; index++) {
      while (next < total && next < index + window) started[next] = one(next++);
      const result = await started[index]!;
      started[index] = undefined;
      count(summary, result);
      if (options.retain !== false) files.push(result);
      options.onFile?.(result, index, total);
    }
  } finally {
    await Promise.allSettled(started.filter(Boolean));
    runner ??= await early?.end();
    await runner?.close();
  }
  return { files, summary, plugins: [...plugins], unmatched };
}
