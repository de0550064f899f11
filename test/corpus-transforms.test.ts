/**
 * The transforms over every real Dockerfile of the corpus and every BuildKit parser case: the output parses, the
 * guard holds, a second run changes nothing, and format never changes what a file builds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { meaningKey } from '../src/engine/meaning.js';
import { transform } from '../src/registry.js';
import type { TransformOptions } from '../src/engine/types.js';
import { parse } from '../src/syntax/parse.js';
import { instructions } from '../src/syntax/view.js';
import { dumpBuildkit } from '../src/syntax/buildkit-dump.js';
import { buildkitCasesDir, corpusFiles, walk } from './helpers/corpus.js';

const files: Array<[string, string]> = [
  ...corpusFiles(),
  ...walk(join(buildkitCasesDir(), 'testfiles'))
    .filter((path) => path.endsWith('Dockerfile'))
    .map((path): [string, string] => [path, readFileSync(path, 'utf8')]),
];
const hasParseErrors = (text: string) => parse(text).data.diagnostics.some((d) => d.severity === 'error');

/** Run `options` over every file; check status, reparse and idempotence; return the results for figures. */
async function runAll(options: TransformOptions) {
  const results = [];
  for (const [path, text] of files) {
    const result = await transform(text, options);
    if (hasParseErrors(text)) {
      assert.is(result.status, 'error', `${path}: a file BuildKit rejects must be reported, not rewritten`);
      continue;
    }
    assert.is.not(
      result.status,
      'error',
      `${path}: ${result.messages
        .filter((m) => m.fatal)
        .map((m) => m.reason)
        .join('; ')}`,
    );
    if (result.changed) {
      assert.not.ok(hasParseErrors(result.text), `${path}: output does not parse`);
      const again = await transform(result.text, options);
      assert.is(again.text, result.text, `${path}: a second run changes the output`);
    }
    results.push({ path, text, result });
  }
  return results;
}

test('default pipeline: every output parses, passes the guard and is idempotent', async () => {
  const results = await runAll({});
  const changes = results.flatMap(({ result }) => result.messages.filter((m) => m.kind === 'change'));
  const merged = changes.filter((m) => m.reason.startsWith('Merged')).length;
  const cut = changes.filter((m) => m.reason.startsWith('Cut the RUN')).length;
  assert.ok(merged > 100, `expected many merges over the corpus, got ${merged}`);
  const runsBefore = results.reduce(
    (n, { text }) => n + instructions(parse(text)).filter((v) => v.name === 'run').length,
    0,
  );
  const runsAfter = results.reduce(
    (n, { result }) => n + instructions(parse(result.text)).filter((v) => v.name === 'run').length,
    0,
  );
  assert.is(runsBefore - runsAfter, merged - cut, 'each merge removes exactly one RUN, each cut adds one');
  const skips = new Map<string, number>();
  for (const { result } of results) {
    for (const m of result.messages.filter((x) => x.kind === 'skip')) {
      const reason = `${m.ruleId}: ${m.reason
        .replace(/^.*?: (it )?/, '')
        .replace(/\d+:\d+/g, 'L:C')
        .replace(/`[^`]*`/g, '`…`')
        .replace(/\(.*\)$/, '')
        .trim()}`;
      skips.set(reason, (skips.get(reason) ?? 0) + 1);
    }
  }
  for (const { path, result } of results) {
    const changed = new Set(result.messages.filter((m) => m.kind === 'change').map((m) => `${m.line}:${m.column}`));
    const both = result.messages.filter((m) => m.kind === 'skip' && changed.has(`${m.line}:${m.column}`));
    assert.equal(
      both.map((m) => `${m.line}:${m.column} ${m.reason}`),
      [],
      `${path}: an instruction reported as both changed and kept`,
    );
  }
  const top = [...skips].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(
    `  corpus: ${results.filter((r) => r.result.changed).length} of ${results.length} files changed; RUNs ${runsBefore} -> ${runsAfter} (${merged} merged, ${cut} cut, ${changes.length - merged - cut} moves)`,
  );
  for (const [reason, count] of top) console.log(`    ${count} x ${reason}`);
});

test('format with its spelling modernisations: every output passes the guard and is idempotent', async () => {
  const results = await runAll({ only: ['format'] });
  assert.ok(results.some(({ result }) => result.changed));
});

test('format layout alone: the BuildKit view is unchanged but for whitespace between shell words, and idempotent', async () => {
  const results = await runAll({ only: ['format'], transforms: { format: { fromAs: false, legacyEnv: false } } });
  let changed = 0;
  let lines = 0;
  let rawDumpDiffers = 0;
  for (const { path, text, result } of results) {
    if (!result.changed) continue;
    changed++;
    const before = text.split(/\r?\n/);
    const after = result.text.split(/\r?\n/);
    lines += Math.max(before.length, after.length) - before.filter((line, i) => line === after[i]).length;
    const keys = (t: string) => instructions(parse(t)).map(meaningKey);
    assert.equal(keys(result.text), keys(text), `${path}: format changed what the file builds`);
    if (dumpBuildkit(parse(text)) !== dumpBuildkit(parse(result.text))) rawDumpDiffers++;
  }
  assert.ok(changed > 0);
  console.log(
    `  format: ${changed} of ${results.length} files changed, ${lines} lines; raw BuildKit dumps differ (whitespace between shell words only) in ${rawDumpDiffers}`,
  );
});

test.run();
