/**
 * The generated documentation (src/docs/index.ts lists it) is current, and says what it must of every transform.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { docsUrl } from '../src/engine/index.js';
import { generatedDocs } from '../src/docs/index.js';
import { transformDocs } from '../src/docs/transforms-md.js';
import { builtinTransforms } from '../src/registry.js';
import { PROJECT_ROOT } from './helpers/corpus.js';

const read = (path: string) =>
  existsSync(join(PROJECT_ROOT, path)) ? readFileSync(join(PROJECT_ROOT, path), 'utf8') : undefined;

test('every generated file is current (npm run docs writes them; UPDATE=1 npm test too)', () => {
  const files = generatedDocs(builtinTransforms, read);
  assert.ok(Object.keys(files).length >= 5, Object.keys(files).join(', '));
  for (const [path, text] of Object.entries(files)) {
    if (process.env.UPDATE === '1') writeFileSync(join(PROJECT_ROOT, path), text);
    assert.fixture(read(path) ?? '', text, `${path} is stale: run npm run docs`);
  }
});

test('every transform documents every option, and its url points at its section', () => {
  const docs = transformDocs(builtinTransforms);
  for (const t of builtinTransforms) {
    assert.is(t.url, docsUrl('transforms.md', t.name));
    assert.ok(docs.includes(`## ${t.name}`));
    for (const option of Object.keys(t.options))
      assert.ok(docs.includes(`| \`${option}\` |`), `${t.name}.${option} is documented`);
  }
});

test.run();
