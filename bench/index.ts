/**
 * `npm run bench`: runs every benchmark, or those named on the command line (`node dist/bench/index.js parse cli`),
 * and prints one compact Markdown section per benchmark for the README. Prints only; writes no files.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseBench } from './parse.js';
import { pathologicalBench } from './pathological.js';
import { pipelineBench } from './pipeline.js';
import { cliBench } from './cli.js';
import { rebuildBench } from './rebuild.js';
import { markdownReport, type Bench } from './report.js';

/** Every benchmark, in the order they run. */
export const BENCHES: readonly Bench[] = [parseBench, pathologicalBench, pipelineBench, cliBench, rebuildBench];

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !BENCHES.some((bench) => bench.name === name));
  if (unknown.length) {
    process.stderr.write(
      `Unknown benchmark ${unknown.map((n) => `\`${n}\``).join(', ')}, expected one of: ${BENCHES.map((b) => b.name).join(', ')}\n`,
    );
    process.exitCode = 2;
    return;
  }
  const chosen = names.length ? BENCHES.filter((bench) => names.includes(bench.name)) : BENCHES;
  const start = performance.now();
  const load = loadavg()[0];
  const cores = availableParallelism();
  const busy =
    load > cores ? ' The machine was busy (load above its core count): figures are pessimistic and noisy.' : '';
  process.stdout.write(
    `## Benchmarks\n\nNode ${process.version}, ${process.platform}/${process.arch}, ${cores} cores, load average ${load.toFixed(2)} at start.${busy}\n`,
  );
  for (const bench of chosen) {
    const benchStart = performance.now();
    process.stderr.write(`running ${bench.name} ...\n`);
    const report = await bench.run();
    process.stdout.write(`\n${markdownReport(report)}\n`);
    process.stderr.write(`${bench.name} took ${((performance.now() - benchStart) / 1000).toFixed(1)} s\n`);
  }
  process.stderr.write(`bench took ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
