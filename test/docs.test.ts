import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { transformDocs } from '../src/engine/docs.js';
import { builtinTransforms } from '../transforms/index.js';
import { PROJECT_ROOT } from './helpers/corpus.js';

const path = join(PROJECT_ROOT, 'docs/transforms.md');

test('docs/transforms.md is generated from the transforms\' metadata and is current', () => {
  const expected = transformDocs(builtinTransforms);
  if (process.env.UPDATE === '1' || !existsSync(path)) writeFileSync(path, expected);
  assert.fixture(readFileSync(path, 'utf8'), expected);
});

test('every transform documents every option, and its url points at its section', () => {
  const docs = transformDocs(builtinTransforms);
  for (const t of builtinTransforms) {
    assert.is(t.url, `docs/transforms.md#${t.name}`);
    assert.ok(docs.includes(`## ${t.name}`));
    for (const option of Object.keys(t.options)) assert.ok(docs.includes(`| \`${option}\` |`), `${t.name}.${option} is documented`);
  }
});

test.run();
