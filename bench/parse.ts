/**
 * Parse+print throughput over the corpus in one process, side by side with dockerfile-ast's `DockerfileParser.parse`:
 * warm-up, then the median of several passes; files/s, MB/s, the ratio, and memory from a child process per parser.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { parse, print } from '../src/index.js';
import { corpusFiles, totalBytes } from './corpus.js';
import { medianTime, mib, timeOnce } from './measure.js';
import type { MemoryFigures } from './memory-probe.js';
import { meets, num, ratio, type Bench, type BenchReport } from './report.js';

const RUNS = 7;
const WARMUP = 2;

/** Runs the memory probe for one parser in a fresh `node --expose-gc` process. */
function memoryOf(parser: string): MemoryFigures {
  const probe = fileURLToPath(new URL('./memory-probe.js', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', probe, parser], { encoding: 'utf8' });
  return JSON.parse(out) as MemoryFigures;
}

/** Measures layerfix parse+print and dockerfile-ast parse over the corpus. */
async function run(): Promise<BenchReport> {
  const files = corpusFiles();
  const bytes = totalBytes(files);
  let mismatches = 0;
  const layerfixCold = timeOnce(() => {
    for (const file of files) if (print(parse(file.text)) !== file.text) mismatches++;
  });
  let sink = 0;
  const dockerfileAstCold = timeOnce(() => {
    for (const file of files) sink += DockerfileParser.parse(file.text).getComments().length;
  });

  const layerfix = medianTime(
    () => {
      for (const file of files) sink += print(parse(file.text)).length;
    },
    RUNS,
    WARMUP,
  );
  const dockerfileAst = medianTime(
    () => {
      for (const file of files) sink += DockerfileParser.parse(file.text).getComments().length;
    },
    RUNS,
    WARMUP,
  );
  if (sink < 0) throw new Error('unreachable');

  const memory = { layerfix: memoryOf('layerfix'), dockerfileAst: memoryOf('dockerfile-ast') };
  const row = (name: string, ms: number, cold: number, mem: MemoryFigures) => [
    name,
    num(ms, 1),
    num(files.length / (ms / 1000)),
    num(files.length / (cold / 1000)),
    num(mib(bytes) / (ms / 1000), 1),
    num(mib(mem.retainedHeap), 1),
    num(mib(mem.peakRss), 0),
  ];
  const speedup = dockerfileAst / layerfix;
  return {
    title: `Parse throughput (${files.length} corpus files, ${num(mib(bytes), 2)} MiB, median of ${RUNS} after ${WARMUP} warm-ups)`,
    tables: [
      {
        headers: [
          'parser',
          'ms / corpus',
          'files/s',
          'cold first pass files/s',
          'MiB/s',
          'heap held by all trees (MiB)',
          'peak RSS (MiB)',
        ],
        rows: [
          row('layerfix parse+print', layerfix, layerfixCold, memory.layerfix),
          row('dockerfile-ast parse', dockerfileAst, dockerfileAstCold, memory.dockerfileAst),
        ],
      },
    ],
    notes: [
      `layerfix parse+print vs dockerfile-ast parse: **${ratio(speedup)}** files/s warm (${ratio(dockerfileAstCold / layerfixCold)} on the cold first pass); target ${meets(speedup >= 10, '≥ 10x')}.`,
      `Round trip: ${files.length - mismatches}/${files.length} files print back byte for byte.`,
      `Memory: each parser in its own \`node --expose-gc\` process; heap held = heapUsed after a full GC with all ${files.length} trees alive minus before; peak RSS includes node itself (~${num(mib(memory.layerfix.baseRss), 0)} MiB before parsing).`,
    ],
  };
}

/** The parse throughput benchmark. */
export const parseBench: Bench = { name: 'parse', run };
