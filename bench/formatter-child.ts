/**
 * Child-process entry that runs one third-party formatter over the corpus: `node formatter-child.js <formatter>
 * <firstIndex> <resultsFile> [step]`. Formatters built on Go/wasm print to stdout and can end the process (a Go
 * deadlock on some heredocs), so each runs here, and every result is appended synchronously to `resultsFile` as one
 * JSON line before the next file starts; the parent restarts after the last reported file.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from '../src/index.js';
import { corpusFiles } from './corpus.js';

/** One formatter result line. */
export interface FormatResult {
  index: number;
  /** Milliseconds spent in the formatter call alone. */
  ms: number;
  /** ok: returned a string; error: threw or returned something else. */
  status: 'ok' | 'error';
  /** The output differs from the input. */
  changed?: boolean;
  /** layerfix's parser finds errors in the output but not in the input. */
  broken?: boolean;
  message?: string;
}

/** The formatters this child can run. */
export const FORMATTERS = ['dockerfmt', 'dockerfmt-plain', 'prettier-plugin-sh'] as const;
/** One of {@link FORMATTERS}. */
export type FormatterName = (typeof FORMATTERS)[number];

/** A formatter call, and an untimed step to run before each call (dockerfmt's restart after a panic). */
interface Formatter {
  format(text: string): Promise<unknown> | unknown;
  ready?(): Promise<void>;
}

/** The dockerfmt options used everywhere in the bench: its own CLI defaults. */
const DOCKERFMT_OPTIONS = { indent: 4, trailingNewline: true, spaceRedirects: false };

interface GoInstance {
  importObject: WebAssembly.Imports;
  exited: boolean;
  run(instance: WebAssembly.Instance): Promise<void>;
}

/** dockerfmt's wasm instantiated once and reused, instantiated again only after the Go program exits (a panic). */
async function reusedDockerfmt(): Promise<Formatter> {
  await import('@reteps/dockerfmt/wasm_exec.js' as string);
  const wasm = readFileSync(new URL(import.meta.resolve('@reteps/dockerfmt/format.wasm')));
  const module = await WebAssembly.compile(wasm);
  let go: GoInstance | undefined;
  let formatBytes: (text: string, indent: number, trailingNewline: boolean, spaceRedirects: boolean) => unknown;
  const start = async () => {
    const GoClass = (globalThis as unknown as { __dockerfmt_Go: new () => GoInstance }).__dockerfmt_Go;
    go = new GoClass();
    const instance = await WebAssembly.instantiate(module, go.importObject);
    void go.run(instance);
    formatBytes = (globalThis as unknown as { __dockerfmt_formatBytes: typeof formatBytes }).__dockerfmt_formatBytes;
  };
  const { indent, trailingNewline, spaceRedirects } = DOCKERFMT_OPTIONS;
  return {
    format: (text) => formatBytes(text, indent, trailingNewline, spaceRedirects),
    ready: async () => {
      if (!go || go.exited) await start();
    },
  };
}

async function formatter(name: string): Promise<Formatter> {
  if (name === 'dockerfmt') return reusedDockerfmt();
  if (name === 'dockerfmt-plain') {
    const { formatDockerfileContents } = await import('@reteps/dockerfmt');
    return { format: (text) => formatDockerfileContents(text, DOCKERFMT_OPTIONS) };
  }
  if (name === 'prettier-plugin-sh') {
    const prettier = await import('prettier');
    const sh = await import('prettier-plugin-sh');
    return { format: (text) => prettier.format(text, { parser: 'dockerfile', plugins: [sh] }) };
  }
  throw new Error(`Unknown formatter \`${name}\`, expected one of ${FORMATTERS.join(', ')}`);
}

const hasErrors = (text: string) => parse(text).data.diagnostics.some((d) => d.severity === 'error');

async function main(): Promise<void> {
  const [name = '', first = '0', resultsFile = '', step = '1'] = process.argv.slice(2);
  const files = corpusFiles();
  const { format, ready } = await formatter(name);
  for (let index = Number(first); index < files.length; index += Number(step)) {
    const { text } = files[index];
    await ready?.();
    const start = performance.now();
    let result: FormatResult;
    try {
      const out = await format(text);
      const ms = performance.now() - start;
      result =
        typeof out === 'string'
          ? { index, ms, status: 'ok', changed: out !== text, broken: hasErrors(out) && !hasErrors(text) }
          : { index, ms, status: 'error', message: `returned ${typeof out}` };
    } catch (error) {
      result = { index, ms: performance.now() - start, status: 'error', message: String(error).slice(0, 200) };
    }
    appendFileSync(resultsFile, `${JSON.stringify(result)}\n`);
  }
  appendFileSync(resultsFile, `${JSON.stringify({ done: true })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  appendFileSync(process.argv[4] ?? '/dev/stderr', `${JSON.stringify({ fatal: String(error) })}\n`);
  process.exit(1);
});
