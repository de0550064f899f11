/**
 * The testing kit (`layerfix/testing`): inline cases and fixture folders, under uvu here and under node's own test
 * runner in a child process; the harness rejects an expected output equal to its input.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import format from '../transforms/format.js';
import {
  checkCase,
  inlineCases,
  loadFixtures,
  runFixtures,
  testTransform,
  type TestFunction,
} from '../src/testing/index.js';
import { PROJECT_ROOT } from './helpers/corpus.js';
import { explicitLatest, explicitLatestCases } from './helpers/inline-plugin.js';

/** A test function that only records what would be registered. */
function recorder(): { test: TestFunction; names: string[]; bodies: Array<() => Promise<void>> } {
  const names: string[] = [];
  const bodies: Array<() => Promise<void>> = [];
  return { names, bodies, test: (name, body) => (names.push(name), bodies.push(body)) };
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a rejection');
}

// The inline form, registered with uvu's own test function.
testTransform(explicitLatest, explicitLatestCases, { test });

test('inline cases are named after their first line unless named', () => {
  assert.equal(
    inlineCases(explicitLatestCases).map((c) => c.name),
    ['valid #1: FROM alpine:3.20', 'scratch is skipped', 'invalid #1: FROM alpine', 'the tag option'],
  );
});

test('an invalid case without an output is an error at once', () => {
  assert.throws(() => inlineCases({ invalid: [{ input: 'FROM a\n' } as never] }), /needs an output/);
  assert.throws(() => testTransform(explicitLatest, {}, { test: recorder().test }), /no valid or invalid cases/);
});

test('the harness rejects a case whose expected output equals its input', async () => {
  const message = await rejection(
    checkCase(explicitLatest, { name: 'same', input: 'FROM alpine:3.20\n', output: 'FROM alpine:3.20\n' }),
  );
  assert.match(message, /expected output equals the input/);
});

test('the harness fails a valid case the transform changes, and wrong messages', async () => {
  assert.match(await rejection(checkCase(explicitLatest, { name: 'v', input: 'FROM alpine\n' })), /must not change/);
  const wrong = checkCase(explicitLatest, {
    name: 'm',
    input: 'FROM alpine\n',
    output: 'FROM alpine:latest\n',
    messages: '1:1 change: Something else\n',
  });
  assert.match(await rejection(wrong), /messages differ/);
});

test('the harness fails a transform that does not keep CRLF line endings', async () => {
  const { defineTransform } = await import('../src/engine/define.js');
  const lfOnly = defineTransform({
    ...explicitLatest,
    name: 'lf-only',
    run(context) {
      const views = context.instructions();
      views.forEach((view, i) => {
        if (view.name === 'run' && views[i - 1]?.name !== 'label') context.edit.insertBefore(view.node, 'LABEL x=y\n');
      });
    },
  });
  const message = await rejection(
    checkCase(lfOnly, { name: 'crlf', input: 'FROM a\nRUN b\n', output: 'FROM a\nLABEL x=y\nRUN b\n' }),
  );
  assert.match(message, /CRLF/);
});

test('runFixtures registers one test per case, from the fixture folder or the __fixtures__ folder holding it, or a URL', () => {
  const byFolder = recorder();
  runFixtures(format, join(PROJECT_ROOT, '__fixtures__', 'format'), { test: byFolder.test });
  const byParent = recorder();
  runFixtures(format, join(PROJECT_ROOT, '__fixtures__'), { test: byParent.test });
  const byUrl = recorder();
  runFixtures(format, pathToFileURL(join(PROJECT_ROOT, '__fixtures__/')), { test: byUrl.test });
  const cases = loadFixtures(join(PROJECT_ROOT, '__fixtures__', 'format')).map((f) => `format: ${f.name}`);
  assert.ok(cases.length > 10);
  assert.equal(byFolder.names, cases);
  assert.equal(byParent.names, cases);
  assert.equal(byUrl.names, cases);
});

test('runFixtures refuses a missing or empty fixture folder instead of passing quietly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-kit-'));
  try {
    assert.throws(() => runFixtures(explicitLatest, join(dir, 'nope'), { test: recorder().test }), /No fixture folder/);
    assert.throws(() => runFixtures(explicitLatest, dir, { test: recorder().test }), /No fixture cases/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runFixtures with update writes missing expected files, never overwriting, and the cases then pass', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-kit-'));
  try {
    mkdirSync(join(dir, 'explicit-latest', 'untagged'), { recursive: true });
    writeFileSync(join(dir, 'explicit-latest', 'untagged', 'input.Dockerfile'), 'FROM alpine\n');
    mkdirSync(join(dir, 'explicit-latest', 'tagged'));
    writeFileSync(join(dir, 'explicit-latest', 'tagged', 'input.Dockerfile'), 'FROM alpine:3\n');
    const run = recorder();
    runFixtures(explicitLatest, dir, { test: run.test, update: true });
    for (const body of run.bodies) await body();
    assert.is(
      readFileSync(join(dir, 'explicit-latest', 'untagged', 'output.Dockerfile'), 'utf8'),
      'FROM alpine:latest\n',
    );
    assert.is(
      readFileSync(join(dir, 'explicit-latest', 'untagged', 'messages.txt'), 'utf8'),
      '1:1 change: Tagged alpine\n',
    );
    assert.not.ok(
      existsSync(join(dir, 'explicit-latest', 'tagged', 'output.Dockerfile')),
      'no output for a case that does not change',
    );
    const again = recorder();
    runFixtures(explicitLatest, dir, { test: again.test });
    for (const body of again.bodies) await body();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a fixture case with a broken options.json names the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-kit-'));
  try {
    cpSync(join(PROJECT_ROOT, '__fixtures__', 'format', 'json-spacing'), join(dir, 'case'), { recursive: true });
    writeFileSync(join(dir, 'case', 'options.json'), '{ nope');
    assert.throws(() => loadFixtures(dir), /options\.json is not valid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Run a compiled node:test file with `node --test` and read its TAP summary. */
function nodeTest(file: string): { status: number | null; pass: number; fail: number; out: string } {
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-reporter=tap', join(PROJECT_ROOT, 'dist/test/node', file)],
    { encoding: 'utf8', cwd: PROJECT_ROOT },
  );
  const out = result.stdout + result.stderr;
  return {
    status: result.status,
    pass: Number(/# pass (\d+)/.exec(out)?.[1]),
    fail: Number(/# fail (\d+)/.exec(out)?.[1]),
    out,
  };
}

test('under node --test (no test function given), every fixture case and inline case passes', () => {
  const run = nodeTest('testing-kit.node.js');
  const expected =
    loadFixtures(join(PROJECT_ROOT, '__fixtures__', 'format')).length + inlineCases(explicitLatestCases).length;
  assert.is(run.fail, 0, run.out);
  assert.is(run.pass, expected, run.out);
  assert.is(run.status, 0);
});

test('under node --test, a case whose output equals its input and a valid case that changes fail the run', () => {
  const run = nodeTest('testing-kit-fails.node.js');
  assert.is(run.status, 1, run.out);
  assert.is(run.fail, 2, run.out);
  assert.is(run.pass, 1, run.out);
  assert.match(run.out, /expected output equals the input/);
  assert.match(run.out, /must not change/);
});

test.run();
