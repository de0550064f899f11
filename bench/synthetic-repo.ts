/**
 * Synthetic repositories for the CLI benchmark: N Dockerfiles copied round-robin from the corpus into nested folders
 * of a temporary directory, the way a large monorepo holds them (`svc-00/app-0000/Dockerfile`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFiles } from './corpus.js';

/** A generated repository on disk. */
export interface SyntheticRepo {
  dir: string;
  files: number;
  bytes: number;
  /** Removes the repository. */
  remove(): void;
}

/** Writes a repository of `count` Dockerfiles (100 per folder) into a fresh temporary directory. */
export function makeSyntheticRepo(count: number): SyntheticRepo {
  const corpus = corpusFiles();
  const dir = mkdtempSync(join(tmpdir(), `layerfix-bench-repo-${count}-`));
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const source = corpus[i % corpus.length];
    const folder = join(
      dir,
      `svc-${String(Math.floor(i / 100)).padStart(3, '0')}`,
      `app-${String(i).padStart(5, '0')}`,
    );
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'Dockerfile'), source.text);
    bytes += source.bytes;
  }
  return { dir, files: count, bytes, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
