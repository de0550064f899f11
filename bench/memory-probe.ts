/**
 * Child-process entry for the parse benchmark's memory figures: `node --expose-gc memory-probe.js <parser>`.
 * Parses the whole corpus with one parser, keeps every tree, and prints JSON: the heap those trees hold after a full
 * GC and the process's peak RSS. A separate process per parser keeps the two figures apart.
 */
import { corpusFiles } from './corpus.js';

/** What the probe prints on stdout. */
export interface MemoryFigures {
  /** Heap held by the trees of the whole corpus, in bytes, after a full GC. */
  retainedHeap: number;
  /** Peak resident set size of the probe process, in bytes. */
  peakRss: number;
  /** Resident set size before parsing anything, in bytes (node + corpus text + parser module). */
  baseRss: number;
}

async function probe(parser: string): Promise<MemoryFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory-probe needs --expose-gc');
  const files = corpusFiles();
  let parseOne: (text: string) => unknown;
  if (parser === 'layerfix') {
    const { parse, print } = await import('../src/index.js');
    parseOne = (text) => {
      const tree = parse(text);
      print(tree);
      return tree;
    };
  } else if (parser === 'dockerfile-ast') {
    const { DockerfileParser } = await import('dockerfile-ast');
    parseOne = (text) => DockerfileParser.parse(text);
  } else {
    throw new Error(`Unknown parser \`${parser}\`, expected layerfix or dockerfile-ast`);
  }
  gc();
  const baseRss = process.memoryUsage().rss;
  const before = process.memoryUsage().heapUsed;
  const trees = files.map((file) => parseOne(file.text));
  for (let pass = 0; pass < 3; pass++) for (const file of files) parseOne(file.text);
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - before;
  if (trees.length !== files.length) throw new Error('lost trees');
  return { retainedHeap, peakRss: process.resourceUsage().maxRSS * 1024, baseRss };
}

probe(process.argv[2] ?? '').then(
  (figures) => process.stdout.write(JSON.stringify(figures)),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
