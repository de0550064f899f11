import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinTransforms } from '../src/registry.js';
import { configSchema } from '../src/docs/schema.js';
import { loadConfigFile } from '../src/config/load.js';
import { checkTransformSettings, configKeys, validateConfig } from '../src/config/validate.js';
import { README_END, README_START, updateReadme } from '../src/docs/cli-md.js';
import { mainCommand } from '../src/cli/options.js';
import { makeRepo, ROOT } from './helpers/cli-repo.js';

test('the schema covers every config key, every built-in transform and each of its options with its default', () => {
  const schema = configSchema(builtinTransforms) as { properties: Record<string, any>; additionalProperties: boolean };
  assert.equal(Object.keys(schema.properties).sort(), Object.keys(configKeys).sort());
  assert.is(schema.additionalProperties, false);
  const transforms = schema.properties.transforms.properties;
  for (const t of builtinTransforms) {
    const object = transforms[t.name].oneOf.find((s: any) => s.type === 'object');
    assert.equal(Object.keys(object.properties).sort(), Object.keys(t.options).sort(), t.name);
    for (const [key, spec] of Object.entries(t.options as Record<string, { default: unknown }>))
      assert.equal(object.properties[key].default, spec.default);
  }
  assert.ok(schema.properties.transforms.additionalProperties, 'plugin transforms are allowed');
});

test('.layerfixrc.example loads as YAML and is a valid configuration that sets every default', async () => {
  const repo = makeRepo({ '.layerfixrc': readFileSync(join(ROOT, '.layerfixrc.example'), 'utf8') });
  try {
    const data = await loadConfigFile(repo.path('.layerfixrc'));
    const config = validateConfig(data, repo.path('.layerfixrc'));
    checkTransformSettings(config, repo.path('.layerfixrc'), builtinTransforms);
    assert.equal(
      Object.keys(config.transforms ?? {}),
      builtinTransforms.map((t) => t.name),
    );
    for (const t of builtinTransforms) {
      const setting = config.transforms![t.name];
      if (!t.defaultEnabled) assert.is(setting, 'off', t.name);
      else if (Object.keys(t.options).length) {
        for (const [key, spec] of Object.entries(t.options as Record<string, { default: unknown }>))
          assert.equal((setting as Record<string, unknown>)[key], spec.default, `${t.name}.${key}`);
      }
    }
  } finally {
    repo.remove();
  }
});

test('the example repository configuration points at the schema', () => {
  const config = JSON.parse(readFileSync(join(ROOT, 'examples/node-app/.layerfixrc.json'), 'utf8'));
  assert.is(config.$schema, '../../schema/layerfixrc.schema.json');
});

test('the CLI option tables are generated from the option data, between their markers', () => {
  const generated = updateReadme(`# x\n${README_START}\nstale\n${README_END}\nafter\n`);
  for (const option of mainCommand.options) assert.ok(generated.includes(`--${option.name}`), option.name);
  assert.ok(generated.endsWith(`${README_END}\nafter\n`));
  assert.not.ok(generated.includes('stale'));
  assert.is(updateReadme('no markers'), 'no markers');
});

test.run();
