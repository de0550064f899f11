/**
 * `newTransform` (what `layerfix new-transform <name>` runs) on temporary repositories: the plugin module and its
 * fixture, the entry added to each kind of configuration with every other byte kept, errors that write nothing, and
 * ts-morph loaded only for JavaScript and TypeScript configurations.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfigFile } from '../src/config/load.js';
import { loadPlugins } from '../src/config/plugins.js';
import { validateConfig } from '../src/config/validate.js';
import { transform } from '../src/registry.js';
import { newTransform, ScaffoldError } from '../src/scaffold/index.js';
import { checkFixture, loadFixtures } from '../src/testing/index.js';
import { PROJECT_ROOT } from './helpers/corpus.js';
import { linkLayerfix } from './helpers/plugins.js';

const repos: string[] = [];

/** A temporary repository (with `.git` and `layerfix` installed) holding `files`. */
function repo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-scaffold-'));
  repos.push(dir);
  mkdirSync(join(dir, '.git'));
  linkLayerfix(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Every file under `dir` (but `.git` and `node_modules`) with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      if (name === '.git' || name === 'node_modules') continue;
      const path = join(sub, name);
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected newTransform to fail');
}

const commented = `// Team layerfix configuration.
// Keep this file tidy: reviewers read it.
import { defineConfig } from 'layerfix';

/* Shared settings, see https://example.com/wiki/layerfix */
export default defineConfig({
  // Width used for new lines
  printWidth: 100, // wide screens
  transforms: {
    'merge-runs': { maxCommands: 8 }, // more is unreadable
    format: 'off',
  },
  plugins: [
    './layerfix/existing.ts', // our first plugin
  ],
  /* trailing block comment */
});
// end of file
`;

const existingPlugin = `import { defineTransform } from 'layerfix';

export default defineTransform({
  name: 'existing',
  description: 'A plugin that was there before and does nothing.',
  url: 'x',
  defaultEnabled: true,
  meaning: 'layout',
  options: {},
  run() {},
});
`;

test('layerfix.config.ts full of comments: the entry is added and every other byte stays; the scaffold passes its fixture', async () => {
  const dir = repo({ 'layerfix.config.ts': commented, 'layerfix/existing.ts': existingPlugin });
  const result = await newTransform('no-latest-tag', { cwd: dir });
  const after = readFileSync(join(dir, 'layerfix.config.ts'), 'utf8');
  const line = "    './layerfix/existing.ts', // our first plugin\n";
  assert.is(after, commented.replace(line, `${line}    './layerfix/no-latest-tag.ts',\n`));
  assert.equal(result.config, { path: join(dir, 'layerfix.config.ts'), action: 'edited', format: 'module' });
  assert.is(result.plugin, './layerfix/no-latest-tag.ts');
  assert.is(result.transform, join(dir, 'layerfix', 'no-latest-tag.ts'));
  assert.equal(Object.keys(snapshot(dir)).sort(), [
    'layerfix.config.ts',
    'layerfix/__fixtures__/no-latest-tag/lower-case-keywords/input.Dockerfile',
    'layerfix/__fixtures__/no-latest-tag/lower-case-keywords/messages.txt',
    'layerfix/__fixtures__/no-latest-tag/lower-case-keywords/output.Dockerfile',
    'layerfix/existing.ts',
    'layerfix/no-latest-tag.ts',
  ]);
  // The configuration loads as the CLI loads it, and its plugins (TypeScript, no build step) load from it.
  const config = validateConfig(await loadConfigFile(join(dir, 'layerfix.config.ts')), join(dir, 'layerfix.config.ts'));
  assert.equal(config.plugins, ['./layerfix/existing.ts', './layerfix/no-latest-tag.ts']);
  const from = join(dir, 'layerfix.config.ts');
  const loaded = await loadPlugins(config.plugins!.map((specifier) => ({ specifier, resolved: specifier, from })));
  assert.equal(
    loaded.transforms.map((t) => t.name),
    ['existing', 'no-latest-tag'],
  );
  const scaffolded = loaded.transforms[1];
  const fixtures = loadFixtures(join(dir, 'layerfix', '__fixtures__', 'no-latest-tag'));
  assert.is(fixtures.length, 1);
  for (const fixture of fixtures) await checkFixture(scaffolded, fixture);
  const lower = await transform('from alpine\nrun echo hi\n', {
    plugins: [scaffolded],
    only: ['no-latest-tag'],
    transforms: { 'no-latest-tag': { keywordCase: 'lower' } },
  });
  assert.is(lower.text, 'from alpine\nrun echo hi\n', 'its option is typed data like a built-in');
});

test('the CLI loads the scaffolded TypeScript plugin from the configuration and runs it', async () => {
  const dir = repo({
    'layerfix.config.ts': commented.replace("    './layerfix/existing.ts', // our first plugin\n", ''),
    Dockerfile: 'from alpine:3.20\nrun echo hi\n',
  });
  await newTransform('team-rule', { cwd: dir });
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/layerfix.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
  const check = cli('--check', '--only', 'team-rule');
  assert.is(check.status, 1, check.stdout + check.stderr);
  const write = cli('--write', '--only', 'team-rule');
  assert.is(write.status, 0, write.stdout + write.stderr);
  assert.is(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nRUN echo hi\n');
});

test('running it twice is an error, and the second run writes nothing', async () => {
  const dir = repo({ 'layerfix.config.ts': commented });
  await newTransform('no-latest-tag', { cwd: dir });
  const before = snapshot(dir);
  const error = await rejection(newTransform('no-latest-tag', { cwd: dir }));
  assert.instance(error, ScaffoldError);
  assert.match(error.message, /already exists/);
  assert.equal(snapshot(dir), before);
});

test('a configuration that already lists the module is an error, even with the files gone', async () => {
  const dir = repo({ 'layerfix.config.ts': commented.replace('./layerfix/existing.ts', './layerfix/no-latest-tag') });
  const before = snapshot(dir);
  const error = await rejection(newTransform('no-latest-tag', { cwd: dir }));
  assert.match(error.message, /already lists the plugin as "\.\/layerfix\/no-latest-tag"/);
  assert.equal(snapshot(dir), before);
});

/** Module configurations and what the scaffold makes of them (entry for `t`). */
const moduleCases: Array<[string, string, string, string]> = [
  [
    'one-line array',
    'layerfix.config.ts',
    `export default { plugins: ['./a.ts'] };\n`,
    `export default { plugins: ['./a.ts', './layerfix/t.ts'] };\n`,
  ],
  [
    'one-line array, trailing comma',
    'layerfix.config.ts',
    `export default { plugins: ['./a.ts',] };\n`,
    `export default { plugins: ['./a.ts', './layerfix/t.ts',] };\n`,
  ],
  [
    'empty array',
    'layerfix.config.ts',
    `export default { plugins: [] };\n`,
    `export default { plugins: ['./layerfix/t.ts'] };\n`,
  ],
  [
    'multi-line array without trailing comma, comment after the last entry',
    'layerfix.config.ts',
    `export default {\n  plugins: [\n    './a.ts' // first\n  ]\n};\n`,
    `export default {\n  plugins: [\n    './a.ts', // first\n    './layerfix/t.ts'\n  ]\n};\n`,
  ],
  [
    'no plugins key, multi-line object',
    'layerfix.config.ts',
    `export default {\n  printWidth: 100,\n};\n`,
    `export default {\n  printWidth: 100,\n  plugins: ['./layerfix/t.ts'],\n};\n`,
  ],
  [
    'no plugins key, no trailing comma',
    'layerfix.config.ts',
    `export default {\n  printWidth: 100\n}\n`,
    `export default {\n  printWidth: 100,\n  plugins: ['./layerfix/t.ts']\n}\n`,
  ],
  ['empty object', 'layerfix.config.mjs', `export default {};\n`, `export default { plugins: ['./layerfix/t.ts'] };\n`],
  [
    'a variable with satisfies, double quotes',
    'layerfix.config.ts',
    `import type { LayerfixConfig } from "layerfix";\n\nconst config = {\n  plugins: ["./a.ts"],\n} satisfies LayerfixConfig;\n\nexport default config;\n`,
    `import type { LayerfixConfig } from "layerfix";\n\nconst config = {\n  plugins: ["./a.ts", "./layerfix/t.ts"],\n} satisfies LayerfixConfig;\n\nexport default config;\n`,
  ],
  [
    'CommonJS',
    '.layerfixrc.cjs',
    `// @ts-check\nmodule.exports = {\n  root: true,\n};\n`,
    `// @ts-check\nmodule.exports = {\n  root: true,\n  plugins: ['./layerfix/t.ts'],\n};\n`,
  ],
  [
    'CRLF line endings',
    'layerfix.config.ts',
    `export default {\r\n  plugins: [\r\n    './a.ts',\r\n  ],\r\n};\r\n`,
    `export default {\r\n  plugins: [\r\n    './a.ts',\r\n    './layerfix/t.ts',\r\n  ],\r\n};\r\n`,
  ],
  [
    'tabs',
    'layerfix.config.js',
    `export default {\n\tplugins: [\n\t\t'./a.js',\n\t],\n};\n`,
    `export default {\n\tplugins: [\n\t\t'./a.js',\n\t\t'./layerfix/t.ts',\n\t],\n};\n`,
  ],
];

for (const [name, file, before, expected] of moduleCases) {
  test(`module configuration: ${name}`, async () => {
    const dir = repo({ [file]: before });
    await newTransform('t', { cwd: dir });
    assert.is(readFileSync(join(dir, file), 'utf8'), expected);
  });
}

test('module configurations it cannot read are errors that write nothing and say what to do', async () => {
  for (const [text, pattern] of [
    ['export default makeConfig(process.env.CI ? 1 : 2).x;\n', /cannot find the configuration object/],
    ['const plugins = process.env.CI ? [] : [];\nexport default { plugins };\n', /"plugins" is not an array literal/],
    ['export default { plugins: [ };\n', /syntax error/],
  ] as const) {
    const dir = repo({ 'layerfix.config.ts': text });
    const before = snapshot(dir);
    const error = await rejection(newTransform('t', { cwd: dir }));
    assert.instance(error, ScaffoldError);
    assert.match(error.message, pattern);
    if (!/syntax/.test(error.message)) assert.match(error.message, /add '\.\/layerfix\/t\.ts' to its plugins by hand/);
    assert.equal(snapshot(dir), before);
  }
});

test('JSON configurations are edited as data, in their own indentation and line endings', async () => {
  const cases: Array<[string, string, string]> = [
    [
      '.layerfixrc.json',
      '{\n  "transforms": { "format": true }\n}\n',
      '{\n  "transforms": {\n    "format": true\n  },\n  "plugins": [\n    "./layerfix/t.ts"\n  ]\n}\n',
    ],
    [
      '.layerfixrc.json',
      '{\r\n    "plugins": ["./a.ts"]\r\n}',
      '{\r\n    "plugins": [\r\n        "./a.ts",\r\n        "./layerfix/t.ts"\r\n    ]\r\n}',
    ],
    ['.layerfixrc', '{ "root": true }\n', '{\n  "root": true,\n  "plugins": [\n    "./layerfix/t.ts"\n  ]\n}\n'],
    [
      'package.json',
      '{\n  "name": "app",\n  "layerfix": {}\n}\n',
      '{\n  "name": "app",\n  "layerfix": {\n    "plugins": [\n      "./layerfix/t.ts"\n    ]\n  }\n}\n',
    ],
  ];
  for (const [file, before, expected] of cases) {
    const dir = repo({ [file]: before });
    const result = await newTransform('t', { cwd: dir });
    assert.is(readFileSync(join(dir, file), 'utf8'), expected, file);
    assert.is(result.config.action, 'edited');
    const plugins =
      file === 'package.json'
        ? JSON.parse(expected).layerfix.plugins
        : validateConfig(await loadConfigFile(join(dir, file)), file).plugins;
    assert.equal(plugins, before.includes('./a.ts') ? ['./a.ts', './layerfix/t.ts'] : ['./layerfix/t.ts']);
  }
});

test('a package.json without a layerfix key is not a configuration: a layerfix.config.ts is created beside it', async () => {
  const dir = repo({ 'package.json': '{ "name": "app" }\n' });
  const result = await newTransform('t', { cwd: dir });
  assert.is(readFileSync(join(dir, 'package.json'), 'utf8'), '{ "name": "app" }\n');
  assert.equal(result.config, { path: join(dir, 'layerfix.config.ts'), action: 'created', format: 'module' });
});

test('YAML configurations keep their comments: one item is added, and the result is checked as data', async () => {
  const cases: Array<[string, string, string]> = [
    [
      '.layerfixrc.yaml',
      '# team config\nplugins:\n  # the first one\n  - ./a.ts # inline\ntransforms:\n  format: true\n',
      '# team config\nplugins:\n  # the first one\n  - ./a.ts # inline\n  - ./layerfix/t.ts\ntransforms:\n  format: true\n',
    ],
    ['.layerfixrc.yml', 'plugins:\n- ./a.ts\n', 'plugins:\n- ./a.ts\n- ./layerfix/t.ts\n'],
    ['.layerfixrc.yaml', 'plugins: [./a.ts] # flow\n', 'plugins: [./a.ts, ./layerfix/t.ts] # flow\n'],
    ['.layerfixrc.yaml', 'plugins: []\n', 'plugins: [./layerfix/t.ts]\n'],
    ['.layerfixrc.yaml', '# nothing yet\nroot: true', '# nothing yet\nroot: true\nplugins:\n  - ./layerfix/t.ts\n'],
    ['.layerfixrc', 'root: true\r\n', 'root: true\r\nplugins:\r\n  - ./layerfix/t.ts\r\n'],
  ];
  for (const [file, before, expected] of cases) {
    const dir = repo({ [file]: before });
    const result = await newTransform('t', { cwd: dir });
    assert.is(readFileSync(join(dir, file), 'utf8'), expected, `${file}: ${JSON.stringify(before)}`);
    assert.is(result.config.format, 'yaml');
    const data = validateConfig(await loadConfigFile(join(dir, file)), file);
    assert.ok(data.plugins?.includes('./layerfix/t.ts'));
  }
  const odd = repo({ '.layerfixrc.yaml': 'plugins: &p\n  - ./a.ts\nother: *p\n' });
  const before = snapshot(odd);
  assert.match(
    (await rejection(newTransform('t', { cwd: odd }))).message,
    /add "\.\/layerfix\/t\.ts" to its plugins list by hand/,
  );
  assert.equal(snapshot(odd), before);
});

test('without a configuration, layerfix.config.ts is created and loads', async () => {
  const dir = repo();
  const result = await newTransform('team-rule', { cwd: dir });
  assert.equal(result.config, { path: join(dir, 'layerfix.config.ts'), action: 'created', format: 'module' });
  assert.is(
    readFileSync(join(dir, 'layerfix.config.ts'), 'utf8'),
    "import { defineConfig } from 'layerfix';\n\nexport default defineConfig({\n  plugins: ['./layerfix/team-rule.ts'],\n});\n",
  );
  assert.equal(validateConfig(await loadConfigFile(result.config.path), result.config.path).plugins, [
    './layerfix/team-rule.ts',
  ]);
  assert.ok(result.created.includes(result.config.path));
});

test('the configuration is searched upward to the repository root; plugins go beside it', async () => {
  const dir = repo({ '.layerfixrc.json': '{}\n', 'services/api/Dockerfile': 'FROM alpine\n' });
  const result = await newTransform('t', { cwd: join(dir, 'services/api') });
  assert.is(result.config.path, join(dir, '.layerfixrc.json'));
  assert.is(result.transform, join(dir, 'layerfix', 't.ts'));
  const outside = mkdtempSync(join(tmpdir(), 'layerfix-scaffold-outer-'));
  repos.push(outside);
  writeFileSync(join(outside, '.layerfixrc.json'), '{}\n');
  mkdirSync(join(outside, 'inner', '.git'), { recursive: true });
  const inner = await newTransform('t', { cwd: join(outside, 'inner') });
  assert.is(
    inner.config.path,
    join(outside, 'inner', 'layerfix.config.ts'),
    'a config above the repository root is not touched',
  );
  assert.is(readFileSync(join(outside, '.layerfixrc.json'), 'utf8'), '{}\n');
});

test('a .config/layerfixrc.json lists ../layerfix/<name>.ts, and an explicit config path is used as given', async () => {
  const dir = repo({ '.config/layerfixrc.json': '{}\n' });
  const result = await newTransform('t', { cwd: dir });
  assert.is(result.plugin, '../layerfix/t.ts');
  assert.is(result.transform, join(dir, 'layerfix', 't.ts'));
  const other = repo({ 'layerfix.config.ts': 'export default {};\n', 'ci/layerfix.json': '{}\n' });
  const explicit = await newTransform('t', { cwd: other, config: 'ci/layerfix.json' });
  assert.is(explicit.config.path, join(other, 'ci', 'layerfix.json'));
  assert.is(explicit.plugin, './layerfix/t.ts');
  assert.is(readFileSync(join(other, 'layerfix.config.ts'), 'utf8'), 'export default {};\n');
});

test('bad names are errors before anything is written', async () => {
  const dir = repo();
  for (const [name, pattern] of [
    ['NoLatest', /expected kebab-case/],
    ['no_latest', /expected kebab-case/],
    ['merge-runs', /built-in transform/],
  ] as const) {
    assert.match((await rejection(newTransform(name, { cwd: dir }))).message, pattern);
  }
  assert.equal(snapshot(dir), {});
});

test('ts-morph loads only when a JavaScript or TypeScript configuration is edited', () => {
  const dir = repo({ 'json/.layerfixrc.json': '{}\n', 'ts/layerfix.config.ts': 'export default {};\n' });
  mkdirSync(join(dir, 'json', '.git'));
  mkdirSync(join(dir, 'ts', '.git'));
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const loaded = () => Object.keys(require.cache).some((path) => path.includes('/node_modules/ts-morph/'));
    await import(${JSON.stringify(join(PROJECT_ROOT, 'dist/src/index.js'))});
    const { newTransform } = await import(${JSON.stringify(join(PROJECT_ROOT, 'dist/src/scaffold/index.js'))});
    const afterImport = loaded();
    await newTransform('t', { cwd: ${JSON.stringify(join(dir, 'json'))} });
    const afterJson = loaded();
    await newTransform('t', { cwd: ${JSON.stringify(join(dir, 'ts'))} });
    console.log(JSON.stringify([afterImport, afterJson, loaded()]));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout), [false, false, true]);
});

test('without ts-morph (an optional peer dependency), editing a TypeScript configuration says what to install and writes nothing', () => {
  const dir = repo({ 'layerfix.config.ts': 'export default {};\n' });
  const before = snapshot(dir);
  const hide = join(PROJECT_ROOT, 'dist/test/helpers/without-ts-morph.js');
  const run = spawnSync(
    process.execPath,
    ['--import', hide, join(PROJECT_ROOT, 'bin/layerfix.js'), 'new-transform', 'no-latest'],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.is(run.status, 2, run.stderr);
  assert.match(
    run.stderr,
    /layerfix\.config\.ts: editing a JavaScript or TypeScript configuration needs ts-morph, an optional peer dependency of layerfix that is not installed; install it with `npm install --save-dev ts-morph@\^28\.0\.0`/,
  );
  assert.not.match(run.stderr, /internal error/);
  assert.equal(snapshot(dir), before);
  // A JSON configuration needs no ts-morph.
  const json = repo({ '.layerfixrc.json': '{}\n' });
  const ok = spawnSync(
    process.execPath,
    ['--import', hide, join(PROJECT_ROOT, 'bin/layerfix.js'), 'new-transform', 'no-latest'],
    { cwd: json, encoding: 'utf8' },
  );
  assert.is(ok.status, 0, ok.stderr);
});

test('package.json: ts-morph is an optional peer dependency (and a devDependency for the tests), not a dependency', () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  assert.is(pkg.dependencies['ts-morph'], undefined);
  assert.ok(pkg.devDependencies['ts-morph']);
  assert.is(pkg.peerDependencies['ts-morph'], pkg.devDependencies['ts-morph']);
  assert.equal(pkg.peerDependenciesMeta['ts-morph'], { optional: true });
});

test.after(() => {
  for (const dir of repos) rmSync(dir, { recursive: true, force: true });
});

test.run();
