/**
 * Property tests (fast-check, fixed seed): for any string, parsing never throws, printing gives the string back, every
 * leaf sits at the running offset with the right line and column, and the instruction views and their offset maps hold
 * together. 20,000 runs under `npm test`; `FUZZ_RUNS` scales them (`npm run fuzz`), `FUZZ_SEED` picks another seed.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dumpBuildkit, instructions, parse, print } from '../src/index.js';
import { toLocal } from '../src/syntax/logical.js';
import { anyString, dockerfileString, significantString } from './helpers/arbitraries.js';
import { heredocNodes, instructionNodes, positionProblems } from './helpers/tree.js';

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const runs = {
  any: Math.ceil(TOTAL_RUNS * 0.3),
  significant: Math.ceil(TOTAL_RUNS * 0.3),
  dockerfile: Math.ceil(TOTAL_RUNS * 0.4),
};

/** Everything wrong with how `text` parses; empty when all invariants hold. */
function problems(text: string): string[] {
  let root;
  try {
    root = parse(text);
  } catch (error) {
    return [`parse threw: ${(error as Error).stack}`];
  }
  if (print(root) !== text) return ['print(parse(text)) !== text'];
  const found = positionProblems(root, text);
  const lineCount = text.split('\n').length;
  for (const d of root.data.diagnostics) {
    if (!/^[a-z]+(-[a-z]+)*$/.test(d.ruleId) || d.reason === '' || d.line < 1 || d.line > lineCount || d.column < 1) {
      found.push(`bad diagnostic ${JSON.stringify(d)}`);
    }
  }
  try {
    dumpBuildkit(root);
    for (const view of instructions(root)) {
      const printed = print(view.node);
      const logical = view.logical.text;
      if (logical.slice(view.keywordStart, view.keywordEnd) !== view.keyword)
        found.push(`keyword span of ${view.keyword}`);
      if (logical.slice(view.argsStart, view.argsEnd) !== view.args) found.push(`args span of ${view.keyword}`);
      for (let i = 0; i < logical.length; i++) {
        if (
          printed[toLocal(view.logical, i)] !== logical[i] ||
          printed[toLocal(view.logical, i + 1, 'end') - 1] !== logical[i]
        ) {
          found.push(`toLocal(${i}) of ${JSON.stringify(logical)}`);
          break;
        }
      }
    }
  } catch (error) {
    found.push(`the instruction view threw: ${(error as Error).stack}`);
  }
  for (const node of instructionNodes(root)) {
    for (const heredoc of heredocNodes(node)) {
      const end = heredoc.children.find((leaf) => leaf.type === 'heredocEnd');
      if (end && (heredoc.chomp ? end.value.replace(/^\t+/, '') : end.value) !== heredoc.name)
        found.push(`heredoc ${heredoc.name} ended by ${end.value}`);
    }
  }
  return found;
}

/** Check `problems` over `runs` values of `arbitrary`; fast-check shrinks a failure to a small case. */
function check(arbitrary: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(arbitrary, (text) => {
      const found = problems(text);
      if (found.length) throw new Error(`${JSON.stringify(text)}: ${found.slice(0, 3).join('; ')}`);
    }),
    { seed: SEED, numRuns },
  );
}

test(`arbitrary strings, full Unicode with lone surrogates (${runs.any} runs)`, () => {
  check(anyString, runs.any);
});

test(`strings over the Dockerfile-significant alphabet (${runs.significant} runs)`, () => {
  check(significantString, runs.significant);
});

test(`files built from Dockerfile-shaped fragments (${runs.dockerfile} runs)`, () => {
  check(dockerfileString, runs.dockerfile);
});

test('Dockerfile-shaped files read the same to BuildKit with CRLF line endings and with a BOM', () => {
  fc.assert(
    fc.property(dockerfileString, (text) => {
      const dump = dumpBuildkit(parse(text));
      assert.is(dumpBuildkit(parse(text.replace(/\r?\n/g, '\r\n'))), dump, 'crlf');
      if (!text.startsWith('\ufeff')) assert.is(dumpBuildkit(parse('\ufeff' + text)), dump, 'bom');
    }),
    { seed: SEED, numRuns: Math.ceil(runs.dockerfile / 8) },
  );
});

test('the invariant checks catch a broken tree', () => {
  const root = parse('FROM a\nRUN b\n');
  const leaf = (root.children[1] as { children: Array<{ position?: { start: { offset: number } } }> }).children[0];
  leaf.position!.start.offset += 1;
  assert.ok(positionProblems(root, 'FROM a\nRUN b\n').length > 0);
});

test('the property runs add up to at least 20,000 under npm test', () => {
  assert.ok(runs.any + runs.significant + runs.dockerfile >= Math.min(TOTAL_RUNS, 20_000));
  if (process.env.FUZZ_RUNS === undefined) assert.ok(runs.any + runs.significant + runs.dockerfile >= 20_000);
});

test.run();
