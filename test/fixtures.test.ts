import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinTransforms } from '../src/registry.js';
import { checkFixture, loadFixtures } from '../src/testing/fixtures.js';
import { PROJECT_ROOT } from './helpers/corpus.js';

const root = join(PROJECT_ROOT, '__fixtures__');
const update = process.env.UPDATE === '1';

test('every fixture folder names a built-in transform, and every built-in has fixtures', () => {
  const names = builtinTransforms.map((t) => t.name).sort();
  // Folders only: __fixtures__ also holds HAZARDS.md, the index of the hazard fixtures.
  assert.equal(
    readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort(),
    names,
  );
});

for (const subject of builtinTransforms) {
  const dir = join(root, subject.name);
  if (!existsSync(dir)) continue;
  for (const fixture of loadFixtures(dir)) {
    test(`${subject.name}: ${fixture.name}`, async () => {
      await checkFixture(subject, fixture, update);
    });
  }
}

test.run();
