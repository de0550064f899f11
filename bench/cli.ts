/**
 * The CLI from the outside: cold start of `layerfix --check` on one file against `node -e ''`, and `layerfix --check`
 * over synthetic repositories of 1,000 and 10,000 Dockerfiles (time per file, peak memory, 1 vs 2 workers).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './corpus.js';
import { median, mib } from './measure.js';
import { meets, num, ratio, type Bench, type BenchReport } from './report.js';
import { RSS_METHOD, spawnNode, type SpawnFigures } from './spawn-measure.js';
import { makeSyntheticRepo, type SyntheticRepo } from './synthetic-repo.js';

/** The CLI entry; `LAYERFIX_BENCH_CLI` points the benchmark at another build. */
const CLI = process.env.LAYERFIX_BENCH_CLI ?? join(PROJECT_ROOT, 'bin/layerfix.js');
const COLD_RUNS = 15;
const SMALL = 1_000;
const LARGE = 10_000;

/** A small Dockerfile with two RUNs to merge, so a cold `--check` goes through the whole pipeline. */
const ONE_FILE = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl --version\nCOPY . /app\nCMD ["/app/run"]\n';

/** The median wall time of `runs` spawns of `node args`, after one untimed spawn. */
async function medianSpawn(args: string[], runs: number): Promise<{ ms: number; last: SpawnFigures }> {
  let last = await spawnNode(args);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    last = await spawnNode(args);
    times.push(last.ms);
  }
  return { ms: median(times), last };
}

/** The last non-empty line a run printed (its summary), trimmed for a table note. */
function summaryLine(run: SpawnFigures): string {
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.at(-1) ?? '(no output)').slice(0, 160);
}

/** The first line a failed run printed on stderr. */
function firstError(run: SpawnFigures): string {
  return (run.stderr.split('\n').find((l) => l.trim()) ?? '(no stderr)').trim().slice(0, 200);
}

async function checkRepo(repo: SyntheticRepo, concurrency: number): Promise<SpawnFigures> {
  return spawnNode([CLI, '--check', '--concurrency', String(concurrency), repo.dir], { memory: true });
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
    const node = await medianSpawn(['-e', ''], COLD_RUNS);
    const cold = await medianSpawn([CLI, '--check', file], COLD_RUNS);
    const coldRatio = cold.ms / node.ms;

    const small = makeSyntheticRepo(SMALL);
    repos.push(small);
    const large = makeSyntheticRepo(LARGE);
    repos.push(large);
    const smallRun = await checkRepo(small, 2);
    const largeRun = await checkRepo(large, 2);
    const largeOne = await checkRepo(large, 1);

    const runs: Array<[string, SpawnFigures]> = [
      ['one-file cold start', cold.last],
      [`${num(SMALL)} files`, smallRun],
      [`${num(LARGE)} files`, largeRun],
      [`${num(LARGE)} files, --concurrency 1`, largeOne],
    ];
    const failed = runs
      .filter(([, r]) => r.code !== 0 && r.code !== 1)
      .map(([label, r]) => `**${label} exited ${r.code}, so its figures are not valid**: \`${firstError(r)}\``);
    const perFile = (r: SpawnFigures, n: number) => r.ms / n;
    const scale = perFile(largeRun, LARGE) / perFile(smallRun, SMALL);
    const workers = largeOne.ms / largeRun.ms;
    const peak = Math.max(largeRun.peakRss ?? 0, largeOne.peakRss ?? 0);
    const repoRow = (label: string, r: SpawnFigures, n: number) => [
      label,
      num(r.ms / 1000, 2),
      num(perFile(r, n), 3),
      num(n / (r.ms / 1000)),
      r.peakRss === undefined ? '-' : num(mib(r.peakRss), 0),
      String(r.code),
    ];
    return {
      title,
      tables: [
        {
          caption: `Cold start (median of ${COLD_RUNS} spawns after one untimed spawn)`,
          headers: ['command', 'ms', 'exit'],
          rows: [
            ["node -e ''", num(node.ms, 0), String(node.last.code)],
            ['node bin/layerfix.js --check <one file>', num(cold.ms, 0), String(cold.last.code)],
          ],
        },
        {
          caption: `\`layerfix --check\` over synthetic repositories (corpus files copied round-robin, one run each)`,
          headers: ['run', 's', 'ms / file', 'files/s', 'peak RSS (MiB)', 'exit'],
          rows: [
            repoRow(`${num(SMALL)} files, --concurrency 2`, smallRun, SMALL),
            repoRow(`${num(LARGE)} files, --concurrency 2`, largeRun, LARGE),
            repoRow(`${num(LARGE)} files, --concurrency 1`, largeOne, LARGE),
          ],
        },
      ],
      notes: [
        `Cold start: ${ratio(coldRatio)} of \`node -e ''\`; target ${meets(coldRatio <= 2, '≤ 2x')}.`,
        `Time per file at ${num(LARGE)} vs ${num(SMALL)} files: ${ratio(scale)}; target ${meets(scale <= 1.3, '≤ 1.3x')}.`,
        `Peak RSS over ${num(LARGE)} files: ${num(mib(peak), 0)} MiB (${RSS_METHOD}); target ${meets(peak > 0 && peak < 300 * 1024 * 1024, '< 300 MB')}.`,
        `2 workers vs 1 over ${num(LARGE)} files: ${ratio(workers)} faster; target ${meets(workers >= 1.6, '≥ 1.6x')} (2 cores, shared with other work: noisy).`,
        ...failed,
        `Exit 1 under --check means files would change. Last line of the ${num(LARGE)}-file run: \`${summaryLine(largeRun)}\`.`,
      ],
    };
  } finally {
    for (const repo of repos) repo.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The CLI benchmark. */
export const cliBench: Bench = { name: 'cli', run };
