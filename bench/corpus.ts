/**
 * The benchmark corpus: `$LAYERFIX_CORPUS` (a folder holding `real/`), else the repository's `test/corpus`.
 * A missing or thin corpus is an error, never a quiet pass with no figures.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (dist/bench/ is two levels below it). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One corpus file: where it came from, its text and its size in UTF-8 bytes. */
export interface CorpusFile {
  path: string;
  text: string;
  bytes: number;
}

/** The folder of real Dockerfiles; throws naming the place it looked when there is none. */
export function corpusRealDir(): string {
  const fromEnv = process.env.LAYERFIX_CORPUS;
  const inRepo = join(PROJECT_ROOT, 'test/corpus');
  const real = join(fromEnv ? resolve(fromEnv) : inRepo, 'real');
  if (existsSync(real)) return real;
  throw new Error(
    fromEnv
      ? `LAYERFIX_CORPUS=${fromEnv} does not hold real/ (the benchmark corpus). Unset it to use ${relative(PROJECT_ROOT, inRepo)}.`
      : `No benchmark corpus found: ${real} is missing. It is part of the repository; set LAYERFIX_CORPUS to a folder holding real/.`,
  );
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

let cached: CorpusFile[] | undefined;

/** Every real Dockerfile of the corpus, read once; throws when the corpus holds fewer than 100 files. */
export function corpusFiles(): CorpusFile[] {
  if (cached) return cached;
  const dir = corpusRealDir();
  const files = walk(dir).map((path) => {
    const text = readFileSync(path, 'utf8');
    return { path, text, bytes: Buffer.byteLength(text) };
  });
  if (files.length < 100)
    throw new Error(`Corpus at ${dir} holds only ${files.length} files; expected the full corpus`);
  cached = files;
  return files;
}

/** Total size of a set of corpus files in UTF-8 bytes. */
export function totalBytes(files: readonly CorpusFile[]): number {
  return files.reduce((sum, file) => sum + file.bytes, 0);
}
