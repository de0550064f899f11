/**
 * BuildKit's own parser test data (`test/peer/buildkit-parser`, or `$LAYERFIX_PEER`): the positive cases with their
 * expected `Node.Dump()`, the cases BuildKit rejects, and the file its line-number test reads. Missing data is an
 * error, never a quiet pass.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildkitCasesDir } from './corpus.js';

/** One BuildKit parser case. */
export interface BuildkitCase {
  name: string;
  path: string;
  text: string;
  /** The expected dump (positive cases only), without its final line break. */
  result?: string;
}

/** The cases of `testfiles/` (each a Dockerfile and its expected `result`). */
export function positiveCases(): BuildkitCase[] {
  const dir = join(buildkitCasesDir(), 'testfiles');
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const path = join(dir, name, 'Dockerfile');
      const resultPath = join(dir, name, 'result');
      if (!existsSync(resultPath)) throw new Error(`BuildKit case ${name} has no result file`);
      return {
        name,
        path,
        text: readFileSync(path, 'utf8'),
        result: readFileSync(resultPath, 'utf8').replace(/\n$/, ''),
      };
    });
}

/** The cases of `testfiles-negative/` (Dockerfiles BuildKit's parser rejects). */
export function negativeCases(): BuildkitCase[] {
  const dir = join(buildkitCasesDir(), 'testfiles-negative');
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const path = join(dir, name, 'Dockerfile');
      return { name, path, text: readFileSync(path, 'utf8') };
    });
}

/** The Dockerfile of BuildKit's line-number test (`testfile-line/`). */
export function lineCase(): BuildkitCase {
  const path = join(buildkitCasesDir(), 'testfile-line', 'Dockerfile');
  return { name: 'testfile-line', path, text: readFileSync(path, 'utf8') };
}

/** Every BuildKit case: positive, negative and the line-number file. */
export function allCases(): BuildkitCase[] {
  return [...positiveCases(), ...negativeCases(), lineCase()];
}

/** The lines of BuildKit's `shell/envVarTest`: platform (`A`, `U`, `W`), input and expected output or `error`. */
export function envVarCases(): Array<{ platform: string; input: string; expected: string; line: number }> {
  const path = join(buildkitCasesDir(), 'shell', 'envVarTest');
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text }) => text.trim() !== '' && !text.startsWith('#'))
    .map(({ text, line }) => {
      const [platform, input, expected] = text.split('|');
      return { platform: platform.trim(), input: input.trim(), expected: (expected ?? '').trim(), line };
    });
}
