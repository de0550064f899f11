/**
 * Lossless: print(parse(text)) === text for every corpus file and every BuildKit case, as written and re-encoded
 * (CRLF, lone CR, BOM, mixed endings, tabs, no final newline, a trailing `\` at EOF, NUL bytes), and with the escape
 * character swapped to the backtick wherever that keeps the meaning.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dumpBuildkit, parse, print } from '../src/index.js';
import { allCases } from './helpers/buildkit-cases.js';
import { corpusFiles } from './helpers/corpus.js';
import { positionProblems } from './helpers/tree.js';
import { swapEscapeToBacktick, VARIANTS } from './helpers/variants.js';

const corpus = corpusFiles();
const cases = allCases().map((c): [string, string] => [c.path, c.text]);
const files = [...corpus, ...cases];

/** The paths whose text does not print back byte for byte (parse must not throw either). */
function failures(entries: Array<[string, string]>, encode: (text: string) => string = (text) => text): string[] {
  const failed: string[] = [];
  for (const [path, original] of entries) {
    const text = encode(original);
    let printed: string;
    try {
      printed = print(parse(text));
    } catch (error) {
      failed.push(`${path}: parse threw ${(error as Error).message}`);
      continue;
    }
    if (printed !== text) failed.push(path);
  }
  return failed;
}

test('the corpus is all there: 464 real Dockerfiles and 38 BuildKit cases', () => {
  assert.ok(corpus.length >= 464, `expected at least 464 corpus files, found ${corpus.length}`);
  assert.is(cases.length, 38);
});

test('every corpus file prints back byte for byte', () => {
  assert.equal(failures(corpus), []);
});

test('every BuildKit case (testfiles, testfiles-negative, testfile-line) prints back byte for byte', () => {
  assert.equal(failures(cases), []);
});

for (const [name, encode] of Object.entries(VARIANTS)) {
  test(`every file re-encoded with ${name} prints back byte for byte`, () => {
    const sample = encode('FROM a\nRUN b \\\n  c\n');
    assert.is.not(sample, 'FROM a\nRUN b \\\n  c\n', `the ${name} encoding changes the text`);
    assert.equal(failures(files, encode), []);
  });
}

test('positions agree with the text for every corpus file: leaves tile the file, line and column are right', () => {
  const broken = files.flatMap(([path, text]) =>
    positionProblems(parse(text), text)
      .slice(0, 1)
      .map((problem) => `${path}: ${problem}`),
  );
  assert.equal(broken, []);
});

test('CRLF line endings and a BOM do not change what BuildKit reads', () => {
  const changed: string[] = [];
  for (const [path, text] of files) {
    const dump = dumpBuildkit(parse(text));
    if (dumpBuildkit(parse(VARIANTS.crlf(text))) !== dump) changed.push(`${path} (crlf)`);
    if (dumpBuildkit(parse(VARIANTS.bom(text))) !== dump) changed.push(`${path} (bom)`);
  }
  assert.equal(changed, []);
});

test('swapping the escape character to the backtick round-trips and keeps the BuildKit reading', () => {
  let swapped = 0;
  const skipped: Record<string, number> = {};
  const broken: string[] = [];
  for (const [path, text] of files) {
    const result = swapEscapeToBacktick(text);
    if ('skipped' in result) {
      const reason = result.skipped.replace(/ at line \d+/, '');
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      continue;
    }
    swapped++;
    const root = parse(result.swapped);
    if (print(root) !== result.swapped) broken.push(`${path}: round trip`);
    if (root.data.escape !== '`') broken.push(`${path}: escape directive not read`);
    if (dumpBuildkit(root) !== dumpBuildkit(parse(text))) broken.push(`${path}: BuildKit dump changed`);
  }
  const skips = Object.entries(skipped)
    .map(([reason, count]) => `${count} ${reason}`)
    .join('; ');
  console.log(`  escape swap: ${swapped} of ${files.length} files swapped to the backtick; skipped: ${skips}`);
  assert.equal(broken, []);
  assert.ok(swapped >= 300, `expected most files to be swappable, swapped only ${swapped}`);
});

test('the escape swap turns continuations into backticks and leaves other backslashes literal', () => {
  const result = swapEscapeToBacktick('FROM a\nRUN dir C:\\tmp \\\n && echo "a\\\\" \\  \n# note \\\n && done\n');
  assert.ok('swapped' in result);
  assert.is(result.swapped, '# escape=`\nFROM a\nRUN dir C:\\tmp `\n && echo "a\\\\" `  \n# note \\\n && done\n');
  assert.equal(swapEscapeToBacktick('FROM a\nENV A=b\\ c\n'), {
    skipped: 'ENV at line 2 holds a \\ that BuildKit reads as its escape character',
  });
  assert.equal(swapEscapeToBacktick('FROM a\nRUN echo `date`\n'), {
    skipped: 'holds backticks, which would become escape characters',
  });
  assert.equal(swapEscapeToBacktick('# escape=\\\nFROM a\n'), { skipped: 'has an escape directive' });
});

test.run();
