/**
 * `layerfix parse --format buildkit` prints exactly BuildKit's `Node.Dump()` for every positive case of BuildKit's
 * parser tests, and exits 2 with positioned diagnostics for the negative ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { buildkitCasesDir } from './helpers/corpus.js';
import { memoryIO } from './helpers/cli-repo.js';

const dir = buildkitCasesDir();
const positive = readdirSync(join(dir, 'testfiles')).sort();
const negative = readdirSync(join(dir, 'testfiles-negative')).sort();

test('the BuildKit cases are all there', () => {
  assert.is(positive.length, 33);
  assert.is(negative.length, 4);
});

test("--format buildkit equals BuildKit's result for every positive case, and --format print gives the file back", async () => {
  for (const name of positive) {
    const caseDir = join(dir, 'testfiles', name);
    const dump = memoryIO(caseDir);
    const code = await main(['parse', '--format', 'buildkit', 'Dockerfile'], dump.io);
    assert.is(dump.stdout(), readFileSync(join(caseDir, 'result'), 'utf8'), name);
    // BuildKit's parser takes these; a few hold what its instruction checks reject later (e.g. `HEALTHCHECK CONNECT`),
    // which layerfix reports as it parses: then the exit code is 2 and each problem is on stderr.
    const errors = dump
      .stderr()
      .split('\n')
      .filter((line) => line && !/^Dockerfile:\d+:\d+: warning: /.test(line));
    assert.is(code, errors.length ? 2 : 0, name);
    const print = memoryIO(caseDir);
    await main(['parse', '--format', 'print', 'Dockerfile'], print.io);
    assert.is(print.stdout(), readFileSync(join(caseDir, 'Dockerfile'), 'utf8'), name);
  }
});

test('every negative case exits 2 with path:line:col: message [ruleId] on stderr', async () => {
  for (const name of negative) {
    const run = memoryIO(join(dir, 'testfiles-negative', name));
    assert.is(await main(['parse', '--format', 'buildkit', 'Dockerfile'], run.io), 2, name);
    assert.match(run.stderr(), /^Dockerfile:\d+:\d+: .+ \[[a-z0-9-]+\]$/m, name);
  }
});

test.run();
