/**
 * `layerfixFiles`: what the CLI does, as a function. Find the Dockerfiles, plan each with its configuration
 * (every configuration error surfaces before any file is touched), process them on a worker pool, write changed
 * files atomically on this thread, and report each file in discovery order.
 */
import { resolve } from 'node:path';
import { ConfigResolver } from '../config/resolver.js';
import { discover, type Candidate } from './discover.js';
import { displayPath } from './display.js';
import { Planner, type FilePlan } from './planner.js';
import { createRunner, defaultConcurrency, TASKS_PER_WORKER, workerCount } from './pool.js';
import { failure } from './failure.js';
import type { FileTask, ProcessedFile } from './process-file.js';
import { count, emptySummary } from './summary.js';
import type { FileResult, FilesReport, LayerfixFilesOptions } from './types.js';
import { removeStaleTempFiles, writeFileAtomic } from './write.js';

function toResult(candidate: Candidate, display: string, processed: ProcessedFile, written: boolean): FileResult {
  const { status, messages, changes, diff, output, input, replacements } = processed;
  const result: FileResult = { path: display, absolutePath: candidate.absolutePath, status, written, messages, changes };
  if (diff !== undefined) result.diff = diff;
  if (output !== undefined) result.output = output;
  if (input !== undefined) result.input = input;
  if (replacements !== undefined) result.replacements = replacements;
  return result;
}

function skippedResult(candidate: Candidate, display: string): FileResult {
  const message = { kind: 'skip' as const, ruleId: 'discovery', message: `Skipped: ${candidate.skipped}`, line: 1, column: 1 };
  return { path: display, absolutePath: candidate.absolutePath, status: 'skipped', written: false, messages: [message], changes: {} };
}

/** Process files, folders or globs (default `.`). Throws ConfigError for invalid configuration or options. */
export async function layerfixFiles(paths: readonly string[], options: LayerfixFilesOptions = {}): Promise<FilesReport> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const resolver = new ConfigResolver({ cwd, config: options.config });
  const temps: string[] = [];
  const candidates = await discover(paths, { cwd, resolver, onTempFile: (path) => temps.push(path) });
  const planner = new Planner(resolver, options.only, options.skip);
  const plans: (FilePlan | undefined)[] = [];
  for (const candidate of candidates) {
    plans.push(candidate.error || candidate.skipped ? undefined : await planner.plan(candidate.absolutePath));
  }
  await planner.checkNames();
  if (options.write) await removeStaleTempFiles(temps);

  const want = { diff: options.diff ?? true, output: Boolean(options.output || options.write), input: options.input, fixes: options.fixes };
  const total = candidates.length;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency()));
  const runnable = plans.filter((plan) => plan && 'settings' in plan).length;
  const runner = await createRunner(runnable, concurrency, { timeoutMs: options.fileTimeoutMs });
  // Files in flight: twice what the workers hold, so a slow file at the head of the line does not starve them.
  const window = Math.max(1, workerCount(runnable, concurrency) * TASKS_PER_WORKER * 2);
  options.onStart?.(total);

  const one = async (index: number): Promise<FileResult> => {
    const candidate = candidates[index];
    const display = candidate.display ?? displayPath(cwd, candidate.absolutePath);
    if (candidate.skipped) return skippedResult(candidate, display);
    const plan = plans[index];
    if (candidate.error || !plan || 'error' in plan) {
      const error = candidate.error ?? (plan && 'error' in plan ? plan.error : { ruleId: 'internal-error', message: 'No plan' });
      return toResult(candidate, display, failure(error.ruleId, error.message), false);
    }
    const task: FileTask = { path: candidate.realPath ?? candidate.absolutePath, display, settings: plan.settings, want };
    const processed = await runner.run(task);
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

  const files: FileResult[] = [];
  const summary = emptySummary();
  const started: (Promise<FileResult> | undefined)[] = [];
  let next = 0;
  try {
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
    await runner.close();
  }
  return { files, summary };
}
