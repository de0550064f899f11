/**
 * The benchmark corpus: `$LAYERFIX_CORPUS` (a folder holding `real/`), else `../shared/corpus` beside the project.
 * A missing or thin corpus is an error, never a quiet pass with no figures.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (dist/bench/ is two levels below it). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One corpus file: where it came from, its text and its size in UTF-8 bytes. */
export interface CorpusFile {
  path: string;
  text: string;
  bytes: number;
}

/** The folder of real Dockerfiles; throws naming every place it looked when there is none. */
export function corpusRealDir(): string {
  const candidates = [process.env.LAYERFIX_CORPUS, join(PROJECT_ROOT, '../shared/corpus')].filter(Boolean) as string[];
  for (const dir of candidates) if (existsSync(join(dir, 'real'))) return join(dir, 'real');
  throw new Error(`No benchmark corpus found (looked for real/ in ${candidates.join(', ')}). Set LAYERFIX_CORPUS.`);
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
  if (files.length < 100) throw new Error(`Corpus at ${dir} holds only ${files.length} files; expected the full corpus`);
  cached = files;
  return files;
}

/** Total size of a set of corpus files in UTF-8 bytes. */
export function totalBytes(files: readonly CorpusFile[]): number {
  return files.reduce((sum, file) => sum + file.bytes, 0);
}
