/**
 * The real-build suite (`npm run test:build`, as root, after scripts/real-build/setup.sh): every rewrite layerfix's
 * default pipeline makes of the fixture cases, the example apps and a corpus sample must build the same image as the
 * original with buildah (hazard cases included: what the pipeline rewrites in them around the hazard); every hazard
 * case's unsafe rewrite must not.
 *
 * Not run by `npm test` (its name does not end in .test.js). Ends with the plain line `N passed, N failed`, after a
 * count of the cases that cannot be proven here (both builds fail the same way, or the builder lacks a feature),
 * listed with their reasons, never counted as passed.
 *
 * Arguments: words that select cases by id (e.g. `merge-runs`, `hazard`); LAYERFIX_BUILD_CONCURRENCY pairs at once
 * (default 2); LAYERFIX_BUILD_REPORT=<file> also writes the results as JSON.
 */
import { writeFileSync } from 'node:fs';
import pMap from 'p-map';
import { transform } from '../../src/index.js';
import { buildah, buildahVersion, containerIds, imageIds, stopBuilds, whyNotReady, BASE_IMAGE } from './buildah.js';
import { allCases, type Case } from './cases.js';
import { describeProof, proveSame, type Proof } from './harness.js';
import { prepareDockerfile } from './prepare.js';
import { holdRunLock } from './run-lock.js';

type Outcome = 'passed' | 'failed' | 'skipped';

interface TestResult {
  name: string;
  outcome: Outcome;
  /** What was shown: `same image`, `hazard shown: ...`, `both fail identically`, ... */
  summary: string;
  detail?: string;
  ms: number;
  category: string;
  /** The proof's notes: what was mapped, build times, what was set aside as nondeterministic. */
  notes?: string[];
}

const results: TestResult[] = [];
const started = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function record(result: TestResult): void {
  results.push(result);
  const mark = result.outcome === 'passed' ? 'ok  ' : result.outcome === 'failed' ? 'FAIL' : 'skip';
  console.log(`${mark} ${seconds(result.ms).padStart(7)}  ${result.name}: ${result.summary}`);
  if (result.detail && result.outcome !== 'passed')
    console.log(`       ${result.detail.split('\n').join('\n       ')}`);
  for (const note of result.notes ?? [])
    if (/^(not compared|a second build)/.test(note)) console.log(`       note: ${note}`);
}

/** A rewrite must build the same image; both failing the same way, or not buildable here, cannot prove it. */
function judgeRewrite(c: Case, proof: Proof): TestResult {
  const name = `${c.id} (rewrite)`;
  const detail = describeProof(proof);
  switch (proof.verdict) {
    case 'same': {
      const noisy = proof.notes.find((n) => n.startsWith('not compared'));
      const summary = noisy
        ? `same image, except paths that differ between two builds of the original too (${noisy.replace(/^[^:]*: /, '')})`
        : 'same image';
      return { name, outcome: 'passed', summary, ms: proof.ms, category: 'proven same' };
    }
    case 'both-fail':
      // Neither side makes an image, so nothing is proven either way; a different first error (a step moved ahead of
      // a COPY whose source this case's context lacks) is listed apart, with both reasons.
      return proof.identical
        ? {
            name,
            outcome: 'skipped',
            summary: `not proven: both fail identically (${proof.why.original})`,
            ms: proof.ms,
            category: 'both fail identically',
          }
        : {
            name,
            outcome: 'skipped',
            summary: `not proven: both fail, differently (original: ${proof.why.original}; rewritten: ${proof.why.rewritten})`,
            ms: proof.ms,
            category: 'both fail, differently',
          };
    case 'original-timed-out':
      return {
        name,
        outcome: 'skipped',
        summary: `not proven: ${proof.reason}`,
        ms: proof.ms,
        category: 'original build timed out',
      };
    case 'not-buildable':
      return {
        name,
        outcome: 'skipped',
        summary: `not buildable here: ${proof.reason}`,
        ms: proof.ms,
        category: 'not buildable here',
      };
    default:
      return { name, outcome: 'failed', summary: detail.split('\n')[0], detail, ms: proof.ms, category: 'failed' };
  }
}

/** An unsafe rewrite must not build the same image (else the hazard case shows nothing). */
function judgeHazard(c: Case, proof: Proof): TestResult {
  const name = `${c.id} (unsafe rewrite differs)`;
  const detail = describeProof(proof, ['input', 'unsafe']);
  switch (proof.verdict) {
    case 'different':
    case 'outcome-differs':
      return {
        name,
        outcome: 'passed',
        summary: `hazard shown: ${detail.split('\n')[0]}`,
        detail,
        ms: proof.ms,
        category: 'hazard shown real',
      };
    case 'same':
      return {
        name,
        outcome: 'failed',
        summary: 'the unsafe rewrite builds the same image: the hazard is not shown',
        ms: proof.ms,
        category: 'failed',
      };
    case 'both-fail':
      return {
        name,
        outcome: 'skipped',
        summary: `hazard not shown here: ${detail}`,
        ms: proof.ms,
        category: 'hazard not shown here',
      };
    case 'not-buildable':
    case 'original-timed-out':
      return {
        name,
        outcome: 'skipped',
        summary: `hazard not shown here: ${detail}`,
        ms: proof.ms,
        category: 'hazard not shown here',
      };
    default:
      return { name, outcome: 'failed', summary: detail, ms: proof.ms, category: 'failed' };
  }
}

/**
 * Remove what this run made: working containers a stopped build left behind, and every image built (the layer cache
 * too). What existed before the run, the base image among it, stays.
 */
async function cleanUp(containersBefore: Set<string>, imagesBefore: Set<string>): Promise<void> {
  const containers = [...(await containerIds())].filter((id) => !containersBefore.has(id));
  if (containers.length) await buildah(['rm', ...containers]);
  const images = [...(await imageIds())].filter((id) => !imagesBefore.has(id));
  if (images.length) await buildah(['rmi', '--force', ...images], 600_000);
  if (containers.length || images.length)
    console.log(`removed ${containers.length} leftover containers and ${images.length} images this run built`);
}

/** Print the closing line and exit once everything printed has reached stdout (CI reads that line). */
function finish(extraFailure?: string): Promise<never> {
  if (extraFailure) console.error(`\nreal-build suite: ${extraFailure}`);
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const failed = count('failed') + (extraFailure ? 1 : 0);
  const skipped = count('skipped');
  // The closing line is exactly `N passed, N failed` (CI reads it); what could not be proven is counted just above.
  if (skipped) console.log(`${skipped} not proven here (skipped, listed above; never counted as passed)`);
  console.log(`${count('passed')} passed, ${failed} failed`);
  const status = failed > 0 || count('passed') === 0 ? 1 : 0;
  process.exitCode = status;
  // A pipe another process made non-blocking takes writes asynchronously: exiting at once would lose the tail.
  return new Promise<never>(() => process.stdout.write('', () => process.exit(status)));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const planOnly = args.includes('--plan');
  // --no-installs: leaves out the pairs that install Debian packages (three quarters of the build time), except the
  // example apps; what CI runs to stay within its time (the whole suite is run and its figures recorded by hand).
  const noInstalls = args.includes('--no-installs');
  const filters = args.filter((a) => !a.startsWith('--'));
  if (!planOnly) {
    const notReady = await whyNotReady();
    if (notReady) return finish(`cannot run real builds on this machine.\n${notReady}`);
    await holdRunLock();
    console.log(`real-build suite: buildah ${await buildahVersion()}, base image ${BASE_IMAGE}`);
  }
  const cases = allCases().filter((c) => filters.length === 0 || filters.some((f) => c.id.includes(f)));
  if (cases.length === 0) return finish(`no case matches ${filters.join(' ')}`);

  // Run the pipeline first (fast, no builds) and collect the build jobs.
  interface Job {
    c: Case;
    a: string;
    b: string;
    hazard: boolean;
  }
  const jobs: Job[] = [];
  const unchanged: string[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    let output: string;
    try {
      const result = await transform(c.input, {
        ...c.pipeline.options,
        ...(c.pipeline.path ? { path: c.pipeline.path } : {}),
      });
      if (result.status === 'error') {
        const why = result.messages
          .filter((m) => m.fatal)
          .map((m) => `${m.line ?? 0}:${m.column ?? 0} ${m.reason}`)
          .join('; ');
        record({
          name: `${c.id} (pipeline)`,
          outcome: 'failed',
          summary: `the pipeline failed: ${why}`,
          ms: performance.now() - t0,
          category: 'failed',
        });
        continue;
      }
      output = result.text;
    } catch (error) {
      record({
        name: `${c.id} (pipeline)`,
        outcome: 'failed',
        summary: `the pipeline threw: ${(error as Error).message}`,
        ms: performance.now() - t0,
        category: 'failed',
      });
      continue;
    }
    if (c.unsafe !== undefined) {
      // The unsafe rewrite must build something else (the hazard is real); the fixture's own transform leaves the
      // case alone (npm test checks that), and whatever the rest of the pipeline rewrites must build the same image.
      jobs.push({ c, a: c.input, b: c.unsafe, hazard: true });
      if (output !== c.input) jobs.push({ c, a: c.input, b: output, hazard: false });
      else unchanged.push(c.id);
    } else if (output !== c.input) jobs.push({ c, a: c.input, b: output, hazard: false });
    else unchanged.push(c.id);
  }
  console.log(
    `${cases.length} cases: ${jobs.length} pairs to build, ${unchanged.length} left unchanged by the pipeline (nothing to prove)\n`,
  );
  if (planOnly) {
    // --plan: what would be built, and what the harness already knows cannot be built here; no builds.
    for (const job of jobs) {
      const reasons = [...prepareDockerfile(job.a).notBuildable, ...prepareDockerfile(job.b).notBuildable];
      console.log(
        `${job.hazard ? 'hazard ' : 'rewrite'} ${job.c.id}${reasons.length ? `: not buildable here: ${reasons.join('; ')}` : ''}`,
      );
    }
    process.exit(0);
  }
  const containersBefore = await containerIds();
  const imagesBefore = await imageIds();
  // Stopped: end the builds in flight, start no more, and let the run below clean up and fail.
  let stoppedBy: string | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nreal-build suite: ${signal}, stopping the builds and removing this run's containers and images`);
      stoppedBy = signal;
      stopBuilds();
    });
  }

  const concurrency = Math.max(1, Number(process.env.LAYERFIX_BUILD_CONCURRENCY ?? 2));
  // Longest first, so the pairs that install packages do not end up alone at the end: they are most of the time.
  const installs = (job: Job) => (/\bapt(-get)?\s+(-\S+\s+)*install\b/.test(job.a + job.b) ? 1 : 0);
  if (noInstalls) {
    const leftOut = (job: Job) => installs(job) && job.c.kind !== 'example';
    for (const job of jobs.filter(leftOut)) {
      record({
        name: `${job.c.id} (${job.hazard ? 'unsafe rewrite differs' : 'rewrite'})`,
        outcome: 'skipped',
        summary: 'not run: installs packages (--no-installs)',
        ms: 0,
        category: 'not run (--no-installs)',
      });
    }
    jobs.splice(0, jobs.length, ...jobs.filter((j) => !leftOut(j)));
  }
  const ordered = jobs
    .map((job, i) => ({ job, i }))
    .sort((x, y) => installs(y.job) - installs(x.job) || x.i - y.i)
    .map((x) => x.job);
  await pMap(
    ordered,
    async (job) => {
      if (stoppedBy) return;
      let proof: Proof;
      try {
        proof = await proveSame(job.a, job.b, job.c.contextDir, {
          ...(job.c.pipeline.path ? { dockerfilePath: job.c.pipeline.path } : {}),
          ...(job.c.pipeline.target ? { target: job.c.pipeline.target } : {}),
          ...(job.c.pipeline.args ? { buildArgs: job.c.pipeline.args } : {}),
          names: job.hazard ? ['input', 'unsafe'] : ['original', 'rewritten'],
          // Removed after all builds (below): another build may be using one as its cached base right now.
          removeImages: false,
        });
      } catch (error) {
        proof = { verdict: 'error', reason: (error as Error).stack ?? String(error), notes: [], ms: 0 };
      }
      if (stoppedBy) return;
      record({ ...(job.hazard ? judgeHazard(job.c, proof) : judgeRewrite(job.c, proof)), notes: proof.notes });
    },
    { concurrency },
  );

  await cleanUp(containersBefore, imagesBefore);
  if (stoppedBy) return finish(`stopped by ${stoppedBy}`);
  const wall = performance.now() - started;
  const byCategory = new Map<string, TestResult[]>();
  for (const r of results) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  console.log('\nSummary');
  for (const [category, list] of [...byCategory].sort()) {
    console.log(`  ${category}: ${list.length}`);
    if (category !== 'proven same') for (const r of list) console.log(`    ${r.name}: ${r.summary}`);
  }
  console.log(`  unchanged by the pipeline (not built): ${unchanged.length}`);
  const built = results.filter((r) => !r.name.endsWith('(pipeline)'));
  const times = built.map((r) => r.ms).sort((x, y) => x - y);
  if (times.length) {
    const median = times[Math.floor(times.length / 2)];
    const slowest = [...built].sort((x, y) => y.ms - x.ms).slice(0, 5);
    console.log(
      `  pairs: ${times.length}, median ${seconds(median)}, slowest ${slowest.map((r) => `${r.name.replace(/ \(.*\)$/, '')} ${seconds(r.ms)}`).join(', ')}`,
    );
  }
  console.log(`  total ${seconds(wall)} with ${concurrency} pairs at a time`);
  if (process.env.LAYERFIX_BUILD_REPORT) {
    writeFileSync(
      process.env.LAYERFIX_BUILD_REPORT,
      JSON.stringify({ seconds: wall / 1000, concurrency, unchanged, results }, null, 2) + '\n',
    );
  }
  return finish();
}

main().catch((error) => finish(`crashed: ${(error as Error).stack ?? String(error)}`));
