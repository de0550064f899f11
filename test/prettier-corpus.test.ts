/**
 * The prettier plugin run by prettier itself over every real Dockerfile of the corpus: its output equals layerfix's
 * `format` (`transform(text, { only: ['format'] })`), a second prettier run changes nothing, and the output builds the
 * same image as the input.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as prettier from 'prettier';
import { meaningKey } from '../src/engine/meaning.js';
import { transform } from '../src/registry.js';
import { instructions, parse, type InstructionView } from '../src/index.js';
import { corpusFiles } from './helpers/corpus.js';
import { PRETTIER_PLUGIN } from './helpers/prettier.js';

/** A value as the build reads it when it is double-quoted without escapes: `"a b"` is `a b` (variables expand in both). */
const unquote = (value = '') => (/^"[^"\\`]*"$/.test(value) ? value.slice(1, -1) : value);

/**
 * What an instruction builds, with the two spellings format may modernise read as the build reads them: `FROM x as
 * y` is `FROM x AS y`, and a legacy `ENV K a b` is `ENV K="a b"`.
 */
function meaning(view: InstructionView): string {
  if (view.name === 'from') return JSON.stringify(['from', view.from, view.flags.map((f) => f.text)]);
  if (view.name === 'env' || view.name === 'label')
    return JSON.stringify([view.name, view.pairs?.map((p) => [p.key, unquote(p.value)])]);
  return meaningKey(view);
}

test('prettier --parser dockerfile on the corpus: equals layerfix format, idempotent, same build', async () => {
  const files = corpusFiles();
  const plugins = [PRETTIER_PLUGIN];
  const started = Date.now();
  let changed = 0;
  for (const [path, text] of files) {
    const options = { parser: 'dockerfile', filepath: path, plugins, endOfLine: 'auto' as const };
    const expected = await transform(text, { only: ['format'] });
    assert.ok(expected.status !== 'error', `${path}: layerfix format fails`);
    const output = await prettier.format(text, options);
    assert.is(output, expected.text, `${path}: prettier output differs from layerfix --only format`);
    assert.is(await prettier.format(output, options), output, `${path}: a second prettier run changes the output`);
    assert.equal(
      instructions(parse(output)).map(meaning),
      instructions(parse(text)).map(meaning),
      `${path}: the output builds something else`,
    );
    if (output !== text) changed++;
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`  prettier plugin: ${files.length} corpus files, ${changed} reformatted, ${seconds.toFixed(1)} s`);
  assert.ok(files.length >= 400, 'the whole corpus');
});

test.run();
