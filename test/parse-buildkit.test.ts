/**
 * Faithful to BuildKit: our reading of BuildKit's own parser test data equals BuildKit's expected `Node.Dump()`, the
 * files BuildKit rejects give error diagnostics, and instruction lines match BuildKit's line-number test.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dumpBuildkit, parse } from '../src/index.js';
import { lineCase, negativeCases, positiveCases } from './helpers/buildkit-cases.js';
import { brief, instructionNodes, lineSpan } from './helpers/tree.js';

const positive = positiveCases();

test('there are 33 positive BuildKit cases', () => {
  assert.is(positive.length, 33);
});

for (const testCase of positive) {
  test(`BuildKit case ${testCase.name}: the dump equals result`, () => {
    const root = parse(testCase.text);
    assert.fixture(dumpBuildkit(root), testCase.result!);
    const parserErrors = root.data.diagnostics.filter(
      (d) =>
        d.severity === 'error' &&
        ['no-instructions', 'unterminated-heredoc', 'duplicate-directive', 'invalid-escape', 'line-too-long'].includes(
          d.ruleId,
        ),
    );
    assert.equal(parserErrors, []);
  });
}

const expectedNegative: Record<string, string[]> = {
  empty_dockerfile: ['error no-instructions 1:1'],
  env_no_value: ['error missing-arguments 3:1'],
  only_comments: ['error no-instructions 4:1'],
  'shykes-nested-json': ['error invalid-arguments 1:1'],
};

test('there are 4 negative BuildKit cases', () => {
  assert.equal(
    negativeCases().map((c) => c.name),
    Object.keys(expectedNegative),
  );
});

for (const testCase of negativeCases()) {
  test(`BuildKit rejects ${testCase.name}: an error diagnostic with a ruleId`, () => {
    const { diagnostics } = parse(testCase.text).data;
    assert.equal(brief(diagnostics), expectedNegative[testCase.name]);
    for (const diagnostic of diagnostics) assert.ok(diagnostic.reason.length > 20, diagnostic.reason);
  });
}

test('the negative cases say what is wrong', () => {
  const reasons = Object.fromEntries(negativeCases().map((c) => [c.name, parse(c.text).data.diagnostics[0].reason]));
  assert.match(reasons.empty_dockerfile, /no instructions/);
  assert.match(reasons.only_comments, /no instructions/);
  assert.match(reasons.env_no_value, /ENV `PATH` has no value/);
  assert.match(reasons['shykes-nested-json'], /arrays must be comprised of strings only/);
});

test('testfile-line: instructions span lines 5-5, 11-12 and 17-31, as BuildKit numbers them', () => {
  const root = parse(lineCase().text);
  assert.equal(instructionNodes(root).map(lineSpan), [
    [5, 5],
    [11, 12],
    [17, 31],
  ]);
  assert.equal(brief(root.data.diagnostics), ['warning empty-continuation 19:1']);
});

test("unknown instructions dump with one empty word, as BuildKit's parseIgnore leaves them", () => {
  assert.is(dumpBuildkit(parse('FROM a\nFROBNICATE x y\nfoo\n')), '(from "a")\n(frobnicate "")\n(foo "")');
});

test('a byte-order mark after the first line is part of the keyword, and the dump keeps it (Go trims no BOM)', () => {
  assert.is(dumpBuildkit(parse('FROM a\n\ufeffRUN x\n\ufeff\n')), '(from "a")\n(\ufeffrun "")\n(\ufeff "")');
});

test.run();
