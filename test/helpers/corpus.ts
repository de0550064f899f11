/**
 * Locates the test data kept in the repository: the corpus of real Dockerfiles (`test/corpus`, holding `real/`) and
 * BuildKit's parser cases (`test/peer/buildkit-parser`). `$LAYERFIX_CORPUS` (a folder holding `real/`) and
 * `$LAYERFIX_PEER` (a folder holding BuildKit's `testfiles/`) replace them. Missing data is an error, never a quiet
 * pass: a variable that is set must name a folder that has the data (it does not fall back to the copy here).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The folder `$name` names, else the default; throws when it does not hold `inside`. */
function dataDir(name: string, fallback: string, inside: string, what: string): string {
  const fromEnv = process.env[name];
  const dir = fromEnv ? resolve(fromEnv) : fallback;
  if (existsSync(join(dir, inside))) return dir;
  throw new Error(
    fromEnv
      ? `${name}=${fromEnv} does not hold ${inside}/ (${what}). Unset it to use ${relative(projectRoot, fallback)}.`
      : `No ${what} found: ${join(dir, inside)} is missing. It is part of the repository; set ${name} to a folder holding ${inside}/.`,
  );
}

/** The corpus folder (holding `real/`): `$LAYERFIX_CORPUS`, else `test/corpus`; throws when it is missing. */
export function corpusDir(): string {
  return dataDir('LAYERFIX_CORPUS', join(projectRoot, 'test/corpus'), 'real', 'test corpus of real Dockerfiles');
}

/** BuildKit's parser test data (holding `testfiles/`): `$LAYERFIX_PEER`, else `test/peer/buildkit-parser`. */
export function buildkitCasesDir(): string {
  return dataDir('LAYERFIX_PEER', join(projectRoot, 'test/peer/buildkit-parser'), 'testfiles', 'BuildKit parser cases');
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
  if (files.length < 100)
    throw new Error(`Corpus at ${corpusDir()} holds only ${files.length} files; expected the full corpus`);
  return files;
}

/** The project's root folder. */
export const PROJECT_ROOT = projectRoot;
