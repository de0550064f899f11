/**
 * The CLI from the outside: cold start of `layerfix --check` on one file against `node -e ''`, and `layerfix --check`
 * over synthetic repositories of 1,000 and 10,000 Dockerfiles (time per file, peak memory, 1 vs 2 workers).
 *
 * The machine may be shared, so the figures say how busy it was: the load average around each run, and how much
 * faster two threads of allocation-heavy JavaScript ran than one just before the worker runs. The cold start spawns
 * alternate between `node -e ''` and layerfix so both see the same noise; the 10,000-file runs alternate between 1
 * and 2 workers, several rounds, and the best of each counts. For scale, the same files are also run as two
 * separate single-threaded processes on half of them each, at once: about the most two threads can give here.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from './corpus.js';
import { median, mib } from './measure.js';
import { meets, num, ratio, type Bench, type BenchReport } from './report.js';
import { RSS_METHOD, spawnNode, type SpawnFigures } from './spawn-measure.js';
import { makeSyntheticRepo, type SyntheticRepo } from './synthetic-repo.js';

/** The CLI entry; `LAYERFIX_BENCH_CLI` points the benchmark at another build. */
const CLI = process.env.LAYERFIX_BENCH_CLI ?? join(PROJECT_ROOT, 'bin/layerfix.js');
const COLD_RUNS = 21;
const SMALL = 1_000;
const LARGE = 10_000;
/** Rounds of (2 workers, 1 worker) over the large repository; `LAYERFIX_BENCH_ROUNDS` changes it. */
const ROUNDS = Math.max(1, Number(process.env.LAYERFIX_BENCH_ROUNDS ?? 2));

/** A small Dockerfile with two RUNs to merge, so a cold `--check` goes through the whole pipeline. */
const ONE_FILE = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl --version\nCOPY . /app\nCMD ["/app/run"]\n';

/** Alternating spawns of each command (after one untimed spawn of each): the median and best wall time of each. */
async function interleavedSpawns(
  commands: string[][],
  runs: number,
): Promise<{ median: number; best: number; last: SpawnFigures }[]> {
  const last: SpawnFigures[] = [];
  for (const args of commands) last.push(await spawnNode(args));
  const times: number[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < commands.length; j++) {
      last[j] = await spawnNode(commands[j]);
      times[j].push(last[j].ms);
    }
  }
  return times.map((t, j) => ({ median: median(t), best: Math.min(...t), last: last[j] }));
}

/**
 * How much faster two threads of allocation-heavy JavaScript (maps of small objects and strings, like the pipeline's
 * work) finish than one: 2 when two cores and their caches and memory are free, less when they are shared.
 */
async function parallelSpeedup(): Promise<number> {
  const code = `let s = 0; for (let r = 0; r < 12; r++) { const m = new Map(); for (let i = 0; i < 100000; i++) m.set('k' + i, { i, v: [i, i + 1] }); for (const v of m.values()) s += v.i; } require('node:worker_threads').parentPort.postMessage(s);`;
  const run = async (threads: number) => {
    const start = performance.now();
    await Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise((resolve, reject) =>
            new Worker(code, { eval: true }).once('message', resolve).once('error', reject),
          ),
      ),
    );
    return performance.now() - start;
  };
  const one = await run(1);
  const two = await run(2);
  return (2 * one) / two;
}

/** The last non-empty line a run printed (its summary), trimmed for a table note. */
function summaryLine(run: SpawnFigures): string {
  const lines = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? '(no output)').slice(0, 160);
}

/** The first line a failed run printed on stderr. */
function firstError(run: SpawnFigures): string {
  return (run.stderr.split('\n').find((l) => l.trim()) ?? '(no stderr)').trim().slice(0, 200);
}

interface RepoRun {
  run: SpawnFigures;
  /** 1-minute load average just before and just after the run. */
  load: [number, number];
}

async function checkRepo(repo: SyntheticRepo, concurrency: number): Promise<RepoRun> {
  const before = loadavg()[0];
  const run = await spawnNode([CLI, '--check', '--concurrency', String(concurrency), repo.dir], { memory: true });
  return { run, load: [before, loadavg()[0]] };
}

/** Two single-threaded runs at once, each over half of the repository's folders: wall time until both end. */
async function twoHalves(repo: SyntheticRepo): Promise<RepoRun> {
  const folders = readdirSync(repo.dir)
    .sort()
    .map((name) => join(repo.dir, name));
  const half = Math.ceil(folders.length / 2);
  const before = loadavg()[0];
  const start = performance.now();
  const runs = await Promise.all(
    [folders.slice(0, half), folders.slice(half)].map((part) =>
      spawnNode([CLI, '--check', '--concurrency', '1', ...part]),
    ),
  );
  const ms = performance.now() - start;
  const code = runs.find((r) => r.code !== 0 && r.code !== 1)?.code ?? runs[0].code;
  return { run: { ...runs[0], ms, code, peakRss: undefined }, load: [before, loadavg()[0]] };
}

/** Whether the CLI ran from its bundle with the code cache (what `LAYERFIX_DEBUG_BUNDLE=1` prints). */
async function bundleNote(file: string): Promise<string> {
  const previous = process.env.LAYERFIX_DEBUG_BUNDLE;
  process.env.LAYERFIX_DEBUG_BUNDLE = '1';
  try {
    const run = await spawnNode([CLI, '--check', file]);
    const line = /^layerfix: bundle (.*)$/m.exec(run.stderr)?.[1];
    return line
      ? `the CLI ran from its bundle (${line.replace(PROJECT_ROOT + '/', '')})`
      : '**the CLI did not run from its bundle** (missing or older than dist/src: `npm run build`)';
  } finally {
    if (previous === undefined) delete process.env.LAYERFIX_DEBUG_BUNDLE;
    else process.env.LAYERFIX_DEBUG_BUNDLE = previous;
  }
}

/** Measures the CLI, or reports that it is not built yet. */
async function run(): Promise<BenchReport> {
  const title = 'CLI: cold start and large repositories';
  if (!existsSync(CLI)) {
    return { title, tables: [], notes: [`CLI not built yet (${CLI} is missing): nothing measured.`] };
  }
  const scratch = mkdtempSync(join(tmpdir(), 'layerfix-bench-cli-'));
  const repos: SyntheticRepo[] = [];
  try {
    const file = join(scratch, 'Dockerfile');
    writeFileSync(file, ONE_FILE);
    const bundled = await bundleNote(file);
    const coldLoad = loadavg()[0];
    const [node, cold] = await interleavedSpawns(
      [
        ['-e', ''],
        [CLI, '--check', file],
      ],
      COLD_RUNS,
    );
    const coldRatio = cold.median / node.median;

    const small = makeSyntheticRepo(SMALL);
    repos.push(small);
    const large = makeSyntheticRepo(LARGE);
    repos.push(large);
    const speedup = await parallelSpeedup();
    const smallRun = await checkRepo(small, 2);
    const twos: RepoRun[] = [];
    const ones: RepoRun[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      twos.push(await checkRepo(large, 2));
      ones.push(await checkRepo(large, 1));
    }
    const halves = await twoHalves(large);
    const best = (runs: RepoRun[]) => runs.reduce((a, b) => (b.run.ms < a.run.ms ? b : a));
    const largeRun = best(twos);
    const largeOne = best(ones);
    const ceiling = largeOne.run.ms / halves.run.ms;

    const runs: Array<[string, SpawnFigures]> = [
      ['one-file cold start', cold.last],
      [`${num(SMALL)} files`, smallRun.run],
      ...twos.map((r, i): [string, SpawnFigures] => [`${num(LARGE)} files, --concurrency 2, round ${i + 1}`, r.run]),
      ...ones.map((r, i): [string, SpawnFigures] => [`${num(LARGE)} files, --concurrency 1, round ${i + 1}`, r.run]),
      [`${num(LARGE)} files as two processes`, halves.run],
    ];
    const failed = runs
      .filter(([, r]) => r.code !== 0 && r.code !== 1)
      .map(([label, r]) => `**${label} exited ${r.code}, so its figures are not valid**: \`${firstError(r)}\``);
    const perFile = (r: SpawnFigures, n: number) => r.ms / n;
    const scale = perFile(largeRun.run, LARGE) / perFile(smallRun.run, SMALL);
    const workers = largeOne.run.ms / largeRun.run.ms;
    const peak = Math.max(...[...twos, ...ones].map((r) => r.run.peakRss ?? 0));
    const loads = (r: RepoRun) => `${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)}`;
    const repoRow = (label: string, r: RepoRun, n: number) => [
      label,
      num(r.run.ms / 1000, 2),
      num(perFile(r.run, n), 3),
      num(n / (r.run.ms / 1000)),
      r.run.peakRss === undefined ? '-' : num(mib(r.run.peakRss), 0),
      loads(r),
      String(r.run.code),
    ];
    return {
      title,
      tables: [
        {
          caption: `Cold start (${COLD_RUNS} spawns of each, alternating, after one untimed spawn of each; load average ${coldLoad.toFixed(2)})`,
          headers: ['command', 'median ms', 'best ms', 'exit'],
          rows: [
            ["node -e ''", num(node.median, 0), num(node.best, 0), String(node.last.code)],
            ['node bin/layerfix.js --check <one file>', num(cold.median, 0), num(cold.best, 0), String(cold.last.code)],
          ],
        },
        {
          caption: `\`layerfix --check\` over synthetic repositories (corpus files copied round-robin; ${num(LARGE)} files: ${ROUNDS} alternating rounds of 2 and 1 workers, each run listed; two threads of allocation-heavy JavaScript ran ${ratio(speedup)} as fast as one just before)`,
          headers: ['run', 's', 'ms / file', 'files/s', 'peak RSS (MiB)', 'load before → after', 'exit'],
          rows: [
            repoRow(`${num(SMALL)} files, --concurrency 2`, smallRun, SMALL),
            ...twos.map((r, i) =>
              repoRow(`${num(LARGE)} files, --concurrency 2${ROUNDS > 1 ? `, round ${i + 1}` : ''}`, r, LARGE),
            ),
            ...ones.map((r, i) =>
              repoRow(`${num(LARGE)} files, --concurrency 1${ROUNDS > 1 ? `, round ${i + 1}` : ''}`, r, LARGE),
            ),
            repoRow(`${num(LARGE)} files as two --concurrency 1 processes on half each, at once`, halves, LARGE),
          ],
        },
      ],
      notes: [
        `Cold start: ${ratio(coldRatio)} of \`node -e ''\` (medians; best runs ${ratio(cold.best / node.best)}); target ${meets(coldRatio <= 2, '≤ 2x')}; ${bundled}.`,
        `Time per file at ${num(LARGE)} vs ${num(SMALL)} files: ${ratio(scale)}; target ${meets(scale <= 1.3, '≤ 1.3x')}.`,
        `Peak RSS over ${num(LARGE)} files: ${num(mib(peak), 0)} MiB (${RSS_METHOD}); target ${meets(peak > 0 && peak < 300 * 1024 * 1024, '< 300 MB')}.`,
        `2 workers vs 1 over ${num(LARGE)} files: ${ratio(workers)} faster (best of ${ROUNDS} each); target ${meets(workers >= 1.6, '≥ 1.6x')}. ` +
          `For scale: two single-threaded processes on half the files each, at once, finished ${ratio(ceiling)} faster than one process on all of them, ` +
          `and two threads of allocation-heavy JavaScript ran ${ratio(speedup)} as fast as one${speedup < 1.8 ? ' (the cores, or their caches and memory, were shared)' : ''}.`,
        ...failed,
        `Exit 1 under --check means files would change. Last line of the best ${num(LARGE)}-file run: \`${summaryLine(largeRun.run)}\`.`,
      ],
    };
  } finally {
    for (const repo of repos) repo.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The CLI benchmark. */
export const cliBench: Bench = { name: 'cli', run };
