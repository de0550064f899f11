/**
 * The full default pipeline (`transform(text)`) over the corpus, side by side with dockerfile-ast's parse alone,
 * dockerfmt and prettier with prettier-plugin-sh: files/s, and how many outputs layerfix's parser rejects or crash.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { instructions, parse } from '../src/index.js';
import { clearShellViewCache } from '../src/engine/shell-cache.js';
import { buildkitChecks } from '../transforms/checks/index.js';
import { corpusFiles, type CorpusFile } from './corpus.js';
import { runFormatter, type FormatterSummary } from './formatters.js';
import { median, medianTime, timeOnce } from './measure.js';
import { meets, num, ratio, type Bench, type BenchReport } from './report.js';

const RUNS = 7;
/** Untimed passes before the timed ones: layerfix's code takes about four passes over the corpus to reach full speed. */
const WARMUP = 4;
/** The plain dockerfmt API instantiates its wasm on every call: measured on every 20th file only. */
const PLAIN_STEP = 20;

/** The part of the engine's `transform` result this benchmark reads. */
interface PipelineResult {
  text: string;
  changed: boolean;
  status: string;
}
type TransformFn = (text: string, options?: { skip?: string[] }) => Promise<PipelineResult>;

/** The registry's `transform` (the default pipeline of the built-ins), or undefined while it is not built. */
async function loadTransform(): Promise<TransformFn | undefined> {
  const specifier = '../src/registry.js';
  try {
    const registry = (await import(specifier)) as { transform?: TransformFn };
    return registry.transform;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

const hasErrors = (text: string) => parse(text).data.diagnostics.some((d) => d.severity === 'error');

/**
 * One pass of the pipeline over the corpus, with its outcome counts. Each pass starts with no shell views cached, as a
 * fresh run would; `perFile` also forgets them between files, so no file profits from RUN text read in another.
 */
async function pipelinePass(
  transform: TransformFn,
  files: readonly CorpusFile[],
  perFile = false,
): Promise<FormatterSummary> {
  const summary: FormatterSummary = { files: files.length, ms: 0, ok: 0, changed: 0, broken: 0, errors: 0, crashes: 0 };
  clearShellViewCache();
  const start = performance.now();
  const outputs: Array<PipelineResult | undefined> = [];
  for (const file of files) {
    if (perFile) clearShellViewCache();
    try {
      // Only what the counts below need is kept, so the timed loop does not hold every result's messages alive.
      const { text, changed, status } = await transform(file.text);
      outputs.push({ text: changed ? text : '', changed, status });
    } catch {
      outputs.push(undefined);
    }
  }
  summary.ms = performance.now() - start;
  outputs.forEach((out, i) => {
    if (!out) return void summary.crashes++;
    if (out.status === 'error') summary.errors++;
    else summary.ok++;
    if (out.changed) summary.changed++;
    if (out.changed && hasErrors(out.text) && !hasErrors(files[i].text)) summary.broken++;
  });
  return summary;
}

/** How many of the corpus's shell-form RUN texts repeat an earlier one, as a phrase. */
function repeatedRuns(files: readonly CorpusFile[]): string {
  const texts = files.flatMap((file) =>
    instructions(parse(file.text))
      .filter((v) => v.name === 'run' && v.form === 'shell')
      .map((v) => v.args),
  );
  return `${num(texts.length - new Set(texts).size)} of the corpus's ${num(texts.length)} shell-form RUN texts repeat an earlier one`;
}

function row(
  name: string,
  files: number,
  ms: number,
  firstMs: number | undefined,
  s: FormatterSummary | undefined,
): string[] {
  const rate = files / (ms / 1000);
  return [
    name,
    num(rate, rate < 100 ? 1 : 0),
    firstMs === undefined ? '-' : num(files / (firstMs / 1000), 0),
    s ? `${num(s.changed)}/${num(s.files)}` : '-',
    s ? num(s.broken) : '-',
    s ? num(s.errors) : '-',
    s ? num(s.crashes) : '-',
  ];
}

/** Measures the pipeline and the other tools over the corpus. */
async function run(): Promise<BenchReport> {
  const files = corpusFiles();
  const notes: string[] = [];
  const rows: string[][] = [];

  const astFirst = timeOnce(() => files.forEach((f) => DockerfileParser.parse(f.text)));
  const astMs = medianTime(() => files.forEach((f) => DockerfileParser.parse(f.text)), RUNS, WARMUP);

  const transform = await loadTransform();
  if (transform) {
    const first = await pipelinePass(transform, files);
    for (let i = 1; i < WARMUP; i++) await pipelinePass(transform, files);
    const passes = [];
    for (let i = 0; i < RUNS; i++) passes.push((await pipelinePass(transform, files)).ms);
    const ms = median(passes);
    rows.push(row('layerfix default pipeline (`transform`)', files.length, ms, first.ms, first));
    const alone = [];
    for (let i = 0; i < RUNS; i++) alone.push((await pipelinePass(transform, files, true)).ms);
    const aloneMs = median(alone);
    rows.push(row('layerfix, no shell view shared between files', files.length, aloneMs, undefined, undefined));
    // The cost of BuildKit's checks (on by default): each file with and without them in turn, so that both see the same
    // load (passes of a whole corpus each drift apart on a busy machine).
    const checks = buildkitChecks.map((check) => check.name);
    const without: TransformFn = (text) => transform(text, { skip: checks });
    let checksMs = 0;
    let bareMs = 0;
    for (let pass = 0; pass < WARMUP + RUNS; pass++) {
      clearShellViewCache();
      for (const [i, file] of files.entries()) {
        const order: TransformFn[] = (i + pass) % 2 ? [transform, without] : [without, transform];
        for (const run of order) {
          const start = performance.now();
          await run(file.text);
          if (pass >= WARMUP) {
            if (run === transform) checksMs += performance.now() - start;
            else bareMs += performance.now() - start;
          }
        }
      }
    }
    checksMs /= RUNS;
    bareMs /= RUNS;
    // Not a row of the table: run in turn with the checks, each file finds its shell views read, so its files/s would
    // not compare with the passes above.
    const cost = checksMs / bareMs - 1;
    notes.push(
      `BuildKit's checks (on by default) add ${(cost * 100).toFixed(1)}% to the default pipeline's time (${RUNS} passes, each file with and without them in turn: ${num(checksMs, 0)} ms with them, ${num(bareMs, 0)} ms without, per pass); target ${meets(cost <= 0.1, 'at most 10%')}.`,
    );
    const speedup = astMs / ms;
    notes.push(
      `Pipeline vs dockerfile-ast parse alone: ${ratio(speedup)}; target ${meets(speedup > 1, 'faster than dockerfile-ast parse')}. With no shell view shared between files: ${ratio(astMs / aloneMs)}.`,
    );
    notes.push(
      `Pipeline outcomes: ${first.ok} ok, ${first.errors} left untouched with an error, ${first.crashes} threw.`,
    );
  } else {
    rows.push(['layerfix default pipeline (`transform`)', 'engine not built yet', '-', '-', '-', '-', '-']);
    notes.push('The engine (src/engine/transform.ts) is not built yet: pipeline not measured.');
  }
  rows.push(row('dockerfile-ast parse alone', files.length, astMs, astFirst, undefined));

  const dockerfmt = await runFormatter('dockerfmt', files.length);
  rows.push(row('dockerfmt (wasm instantiated once)', dockerfmt.files, dockerfmt.ms, undefined, dockerfmt));
  const plain = await runFormatter('dockerfmt-plain', files.length, PLAIN_STEP);
  rows.push(row(`dockerfmt plain API (every ${PLAIN_STEP}th file)`, plain.files, plain.ms, undefined, plain));
  const prettier = await runFormatter('prettier-plugin-sh', files.length);
  rows.push(row('prettier + prettier-plugin-sh', prettier.files, prettier.ms, undefined, prettier));

  notes.push(
    `Broken: output that layerfix's parser rejects with an error where the input parsed cleanly. Errors: the call threw or returned no text. Crashes: the formatter's process ended or hung (counted per file; the run resumes after it).`,
    `dockerfmt runs with its CLI defaults (indent 4, trailing newline); the formatters run in child processes, timed around the format call only. The plain dockerfmt API (which prettier-plugin-sh uses) loads and instantiates the wasm on every call.`,
    `Warm files/s: layerfix and dockerfile-ast median of ${RUNS} passes after ${WARMUP} untimed ones; formatters one pass. Every layerfix pass starts with an empty shell-view cache, as a fresh run over the corpus would; within a pass, a RUN text already read in another file is not parsed again (${repeatedRuns(files)}).`,
  );
  return {
    title: `Full pipeline and formatters over the corpus (${files.length} files)`,
    tables: [{ headers: ['tool', 'files/s', 'first pass files/s', 'changed', 'broken', 'errors', 'crashes'], rows }],
    notes,
  };
}

/** The pipeline benchmark. */
export const pipelineBench: Bench = { name: 'pipeline', run };
