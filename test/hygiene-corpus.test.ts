/**
 * Each package hygiene transform alone over every real Dockerfile of the corpus and every BuildKit parser case: no
 * errors (the guard holds), the output parses, a second run changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { transform } from '../src/registry.js';
import { parse } from '../src/syntax/parse.js';
import { buildkitCasesDir, corpusFiles, walk } from './helpers/corpus.js';

const HYGIENE = [
  'apt-get-hygiene',
  'apk-no-cache',
  'dnf-clean',
  'pip-no-cache-dir',
  'sort-packages',
  'add-to-copy',
  'exec-form',
  'wget-progress',
  'yarn-cache-clean',
];
const hasParseErrors = (text: string) => parse(text).data.diagnostics.some((d) => d.severity === 'error');
const files = [
  ...corpusFiles(),
  ...walk(join(buildkitCasesDir(), 'testfiles'))
    .filter((path) => path.endsWith('Dockerfile'))
    .map((path): [string, string] => [path, readFileSync(path, 'utf8')]),
].filter(([, text]) => !hasParseErrors(text));

for (const name of HYGIENE) {
  test(`${name} alone: no errors, every output parses and is idempotent`, async () => {
    let changed = 0;
    for (const [path, text] of files) {
      const result = await transform(text, { only: [name] });
      assert.is.not(
        result.status,
        'error',
        `${path}: ${result.messages
          .filter((m) => m.fatal)
          .map((m) => m.reason)
          .join('; ')}`,
      );
      if (!result.changed) continue;
      changed++;
      assert.not.ok(hasParseErrors(result.text), `${path}: output does not parse`);
      const again = await transform(result.text, { only: [name] });
      assert.is(again.text, result.text, `${path}: a second run changes the output`);
    }
    console.log(`  ${name}: ${changed} of ${files.length} files changed`);
  });
}

test.run();
