/**
 * Locates the shared test corpus: `$LAYERFIX_CORPUS`, else `../shared/corpus` beside the project.
 * Missing corpus is an error, never a quiet pass.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The corpus folder (holding `real/`); throws with the places it looked when there is none. */
export function corpusDir(): string {
  const candidates = [process.env.LAYERFIX_CORPUS, join(projectRoot, '../shared/corpus')].filter(Boolean) as string[];
  for (const dir of candidates) if (existsSync(join(dir, 'real'))) return dir;
  throw new Error(`No test corpus found (looked in ${candidates.join(', ')}). Set LAYERFIX_CORPUS to a folder holding real/.`);
}

/** The BuildKit parser test data folder (`peer/buildkit-parser`), beside the corpus. */
export function buildkitCasesDir(): string {
  const candidates = [process.env.LAYERFIX_PEER, join(corpusDir(), '../peer/buildkit-parser')].filter(Boolean) as string[];
  for (const dir of candidates) if (existsSync(join(dir, 'testfiles'))) return dir;
  throw new Error(`No BuildKit parser cases found (looked in ${candidates.join(', ')}). Set LAYERFIX_PEER.`);
}

/** Every file below `dir`, recursively, sorted. */
export function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

/** The real Dockerfiles of the corpus as [path, text] pairs. */
export function corpusFiles(): Array<[string, string]> {
  const files = walk(join(corpusDir(), 'real')).map((path): [string, string] => [path, readFileSync(path, 'utf8')]);
  if (files.length < 100) throw new Error(`Corpus at ${corpusDir()} holds only ${files.length} files; expected the full corpus`);
  return files;
}

/** The project's root folder. */
export const PROJECT_ROOT = projectRoot;
