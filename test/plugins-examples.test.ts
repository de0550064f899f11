/**
 * The example team-convention plugins (examples/plugins/): loaded from TypeScript through jiti as users write them,
 * each run over its fixtures with the testing kit under uvu.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newTransform } from '../src/scaffold/index.js';
import { runFixtures } from '../src/testing/index.js';
import { PROJECT_ROOT } from './helpers/corpus.js';
import { loadPlugin } from './helpers/plugins.js';

const dir = join(PROJECT_ROOT, 'examples/plugins');
const names = readdirSync(dir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.slice(0, -3))
  .sort();

test('there are three example plugins, each with a fixture folder of its name', () => {
  assert.equal(names, ['npm-ci', 'oci-source-label', 'pinned-base-image']);
  assert.equal(readdirSync(join(dir, '__fixtures__')).sort(), names);
});

for (const name of names) {
  const plugin = await loadPlugin(join(dir, `${name}.ts`));
  test(`${name}: metadata`, () => {
    assert.is(plugin.name, name);
    assert.ok(plugin.description.length > 20);
    assert.is(typeof plugin.run, 'function');
  });
  runFixtures(plugin, join(dir, '__fixtures__'), { test });
}

test('the example plugins and a scaffolded transform type-check (strict, NodeNext) against the package types', async () => {
  const temp = mkdtempSync(join(tmpdir(), 'layerfix-types-'));
  try {
    const scaffold = await newTransform('team-rule', { cwd: temp });
    // The temporary folder is outside the package, so `layerfix` is mapped to the built entry's types.
    const paths = { paths: { layerfix: [join(PROJECT_ROOT, 'dist/src/index.d.ts')] } };
    const config = {
      extends: join(dir, 'tsconfig.json'),
      compilerOptions: paths,
      files: [...names.map((name) => join(dir, `${name}.ts`)), scaffold.transform],
      include: [],
    };
    writeFileSync(join(temp, 'tsconfig.check.json'), JSON.stringify(config));
    const tsc = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(temp, 'tsconfig.check.json')],
      { encoding: 'utf8', cwd: PROJECT_ROOT },
    );
    assert.is(tsc.status, 0, tsc.stdout + tsc.stderr);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});

test.run();
