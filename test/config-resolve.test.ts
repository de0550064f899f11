import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../src/config/errors.js';
import { defineConfig } from '../src/config/define.js';
import { ConfigResolver } from '../src/config/resolver.js';
import { searchPlaces } from '../src/config/search-places.js';
import { Planner } from '../src/runner/planner.js';
import { makeRepo, ROOT } from './helpers/cli-repo.js';

const FILE = 'FROM alpine\nRUN a\nRUN b\n';

async function resolved(repo: ReturnType<typeof makeRepo>, file: string, config?: string | false) {
  return new ConfigResolver({ cwd: repo.dir, config }).resolve(repo.path(file));
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected a ConfigError matching ${pattern}`);
}

test('every search place of cosmiconfig for "layerfix" is found, in each format', async () => {
  const contents: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'x', layerfix: { root: true, printWidth: 99 } }),
    '.layerfixrc': 'root: true\nprintWidth: 99\n',
    '.layerfixrc.json': '{ "root": true, "printWidth": 99 }',
    '.layerfixrc.yaml': 'root: true\nprintWidth: 99\n',
    '.layerfixrc.yml': 'root: true\nprintWidth: 99\n',
    '.layerfixrc.js': 'export default { root: true, printWidth: 99 };\n',
    '.layerfixrc.ts': 'const width: number = 99;\nexport default { root: true, printWidth: width };\n',
    '.layerfixrc.cjs': 'module.exports = { root: true, printWidth: 99 };\n',
    '.layerfixrc.mjs': 'export default { root: true, printWidth: 99 };\n',
    'layerfix.config.js': 'export default { root: true, printWidth: 99 };\n',
    'layerfix.config.ts':
      'interface C { root: boolean; printWidth: number }\nconst c: C = { root: true, printWidth: 99 };\nexport default c;\n',
    'layerfix.config.cjs': 'module.exports = { root: true, printWidth: 99 };\n',
    'layerfix.config.mjs': 'export default { root: true, printWidth: 99 };\n',
  };
  for (const place of searchPlaces) {
    const name = place.replace('.config/layerfixrc', '.layerfixrc');
    const content = contents[name];
    assert.ok(content, `no content for ${place}`);
    // A package.json of type module so .js configs are ESM, and plain CommonJS .cjs ones work alike.
    const repo = makeRepo({
      [place]: content,
      Dockerfile: FILE,
      ...(place.endsWith('.js') ? { 'package.json': '{"type":"module"}' } : {}),
    });
    try {
      const config = await resolved(repo, 'Dockerfile');
      assert.is(config.printWidth, 99, place);
      assert.equal(config.sources, [repo.path(place)], place);
    } finally {
      repo.remove();
    }
  }
});

test('a package.json without a layerfix key is not a configuration; the search goes on upward', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': '{"root":true,"printWidth":70}',
    'app/package.json': '{"name":"app"}',
    'app/Dockerfile': FILE,
  });
  try {
    const config = await resolved(repo, 'app/Dockerfile');
    assert.is(config.printWidth, 70);
    assert.equal(config.sources, [repo.path('.layerfixrc.json')]);
  } finally {
    repo.remove();
  }
});

test('configurations cascade upward: the nearest wins per key, and root: true stops the search', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': JSON.stringify({
      root: true,
      printWidth: 100,
      transforms: { format: true, 'merge-runs': { maxCommands: 3 } },
    }),
    'svc/.layerfixrc.yaml': 'transforms:\n  merge-runs:\n    maxCommands: 5\n',
    'svc/api/Dockerfile': FILE,
    'other/.layerfixrc.json': JSON.stringify({ root: true, transforms: { 'merge-runs': 'off' } }),
    'other/Dockerfile': FILE,
  });
  try {
    const api = await resolved(repo, 'svc/api/Dockerfile');
    assert.equal(api.transforms, { format: true, 'merge-runs': { maxCommands: 5 } });
    assert.is(api.printWidth, 100);
    assert.equal(api.sources, [repo.path('.layerfixrc.json'), repo.path('svc/.layerfixrc.yaml')]);
    const other = await resolved(repo, 'other/Dockerfile');
    assert.equal(other.transforms, { 'merge-runs': 'off' });
    assert.is(other.printWidth, undefined);
    assert.equal(other.sources, [repo.path('other/.layerfixrc.json')]);
  } finally {
    repo.remove();
  }
});

test('overrides apply to matching files, relative to their config file, after the config they belong to', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': JSON.stringify({
      root: true,
      transforms: { 'merge-runs': true },
      overrides: [
        { files: 'legacy/**', transforms: { 'merge-runs': 'off' } },
        { files: ['*.prod.Dockerfile'], printWidth: 120 },
      ],
    }),
    'legacy/old/Dockerfile': FILE,
    'web/app.prod.Dockerfile': FILE,
    'web/Dockerfile': FILE,
    'web/.layerfixrc.json': JSON.stringify({ overrides: [{ files: 'legacy/**', transforms: { format: true } }] }),
  });
  try {
    assert.equal((await resolved(repo, 'legacy/old/Dockerfile')).transforms, { 'merge-runs': 'off' });
    const prod = await resolved(repo, 'web/app.prod.Dockerfile');
    assert.is(prod.printWidth, 120);
    assert.equal(prod.transforms, { 'merge-runs': true });
    // web/.layerfixrc.json's override is relative to web/, so it does not match web/Dockerfile
    assert.equal((await resolved(repo, 'web/Dockerfile')).transforms, { 'merge-runs': true });
    assert.is((await resolved(repo, 'web/Dockerfile')).printWidth, undefined);
  } finally {
    repo.remove();
  }
});

test('--config uses one file for everything (patterns relative to the working folder); --no-config uses none', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': '{"root":true,"printWidth":70}',
    'conf/shared.json': JSON.stringify({ printWidth: 90, overrides: [{ files: 'svc/**', printWidth: 60 }] }),
    'svc/Dockerfile': FILE,
    Dockerfile: FILE,
  });
  try {
    assert.is((await resolved(repo, 'Dockerfile', 'conf/shared.json')).printWidth, 90);
    assert.is((await resolved(repo, 'svc/Dockerfile', 'conf/shared.json')).printWidth, 60);
    const none = await resolved(repo, 'Dockerfile', false);
    assert.equal(none, { transforms: {}, plugins: [], sources: [] });
  } finally {
    repo.remove();
  }
});

test('plugin paths resolve against the folder of the config that lists them', async () => {
  const repo = makeRepo({
    'tools/conf.json': '{"plugins":["./p.mjs","layerfix-plugin-x"]}',
    '.layerfixrc.json': '{"root":true,"plugins":["./plugins/a.ts"]}',
    Dockerfile: FILE,
  });
  try {
    const config = await resolved(repo, 'Dockerfile');
    assert.equal(config.plugins, [
      { specifier: './plugins/a.ts', resolved: repo.path('plugins/a.ts'), from: repo.path('.layerfixrc.json') },
    ]);
    const explicit = await resolved(repo, 'Dockerfile', 'tools/conf.json');
    assert.equal(
      explicit.plugins.map((p) => p.resolved),
      [repo.path('tools/p.mjs'), 'layerfix-plugin-x'],
    );
  } finally {
    repo.remove();
  }
});

test('shape errors name the file, the key and what was expected', async () => {
  const cases: [string, RegExp][] = [
    [
      '{"transfroms":{}}',
      /\.layerfixrc\.json: transfroms: unknown key; did you mean "transforms"\?; expected one of \$schema, root, transforms/,
    ],
    ['{"root":"yes"}', /root: expected true or false, got "yes"/],
    ['{"transforms":[]}', /transforms: expected an object mapping transform names/],
    ['{"plugins":"./p.ts"}', /plugins: expected an array of module paths or package names/],
    ['{"printWidth":5}', /printWidth: Invalid printWidth: got 5, expected a whole number of at least 20/],
    ['{"operatorPosition":"middle"}', /operatorPosition: .*expected "auto", "end" or "start"/],
    ['{"overrides":[{"transforms":{}}]}', /overrides\[0\]\.files: missing; expected a pattern/],
    [
      '{"overrides":[{"files":"*","plugins":[]}]}',
      /overrides\[0\]\.plugins: unknown key; expected one of files, transforms/,
    ],
    ['{"overrides":[{"file":"*"}]}', /overrides\[0\]\.file: unknown key; did you mean "files"\?/],
    ['{"ignore":42}', /ignore: expected a pattern or an array of patterns, got 42/],
    ['[1,2]', /\(top level\): expected an object, got \[1,2\]/],
    [
      '{\n  "root": true,,\n}',
      /\.layerfixrc\.json:2:16: cannot load the configuration: invalid JSON: Expected double-quoted property name$/,
    ],
    ['{"root": true', /\.layerfixrc\.json:1:\d+: cannot load the configuration: invalid JSON: /],
  ];
  for (const [content, pattern] of cases) {
    const repo = makeRepo({ '.layerfixrc.json': content, Dockerfile: FILE });
    try {
      await rejects(resolved(repo, 'Dockerfile'), pattern);
    } finally {
      repo.remove();
    }
  }
});

test('transform settings are checked against the option specs, naming file, key and what was expected', async () => {
  const cases: [object, RegExp][] = [
    [
      { transforms: { 'merge-rnus': true } },
      /\.layerfixrc\.json: transforms\.merge-rnus: Unknown transform "merge-rnus"; did you mean "merge-runs"\?; expected one of .*merge-runs/,
    ],
    [
      { transforms: { 'merge-runs': { maxCommand: 2 } } },
      /transforms\.merge-runs: Unknown option "maxCommand" for transform "merge-runs"; did you mean "maxCommands"\?; expected one of .*maxCommands/,
    ],
    [
      { transforms: { 'merge-runs': { exclude: ['apt-get (update'] } } },
      /transforms\.merge-runs: Invalid option "exclude" for transform "merge-runs": "apt-get \(update" is not a valid regular expression \(\/apt-get \(update\/: Unterminated group\)/,
    ],
    [
      { transforms: { 'reorder-stable': { stableCommands: ['[a-'] } } },
      /transforms\.reorder-stable: Invalid option "stableCommands" .*"\[a-" is not a valid regular expression/,
    ],
    [
      { transforms: { 'split-manifest-copy': { stableCommands: ['*'] } } },
      /transforms\.split-manifest-copy: Invalid option "stableCommands" .*"\*" is not a valid regular expression \(\/\*\/: Nothing to repeat\)/,
    ],
    [
      { transforms: { 'merge-runs': { maxCommands: 'two' } } },
      /transforms\.merge-runs: Invalid option "maxCommands" for transform "merge-runs": got "two", expected a whole number/,
    ],
    [
      { transforms: { 'merge-runs': 'sometimes' } },
      /transforms\.merge-runs: Invalid setting .*expected true, false, "on", "off" or an options object/,
    ],
    [
      { overrides: [{ files: '*', transforms: { nope: true } }] },
      /overrides\[0\]\.transforms\.nope: Unknown transform "nope"/,
    ],
  ];
  for (const [content, pattern] of cases) {
    const repo = makeRepo({ '.layerfixrc.json': JSON.stringify({ root: true, ...content }), Dockerfile: FILE });
    try {
      const planner = new Planner(new ConfigResolver({ cwd: repo.dir }));
      await rejects(planner.plan(repo.path('Dockerfile')), pattern);
    } finally {
      repo.remove();
    }
  }
});

test('--only and --skip names are checked against the known transforms', async () => {
  const repo = makeRepo({ Dockerfile: FILE });
  try {
    const planner = new Planner(new ConfigResolver({ cwd: repo.dir, config: false }), ['merge-runs', 'merge-run']);
    const plan = await planner.plan(repo.path('Dockerfile'));
    assert.ok('settings' in plan);
    await rejects(
      planner.checkNames(),
      /--only: unknown transform "merge-run"; did you mean "merge-runs"\?; expected one of .*merge-runs/,
    );
  } finally {
    repo.remove();
  }
});

test('a config file symlinked into a folder is read through the link', async () => {
  const repo = makeRepo({ 'shared/base.json': '{"root":true,"printWidth":77}', Dockerfile: FILE });
  try {
    symlinkSync(repo.path('shared/base.json'), repo.path('.layerfixrc.json'));
    assert.is((await resolved(repo, 'Dockerfile')).printWidth, 77);
  } finally {
    repo.remove();
  }
});

test('defineConfig returns its argument, typed', () => {
  const config = { root: true, transforms: { 'merge-runs': { maxCommands: 3 } } };
  assert.is(defineConfig(config), config);
});

test('the project itself resolves without a configuration error', async () => {
  const planner = new Planner(new ConfigResolver({ cwd: ROOT }));
  const plan = await planner.plan(join(ROOT, 'examples/node-app/Dockerfile'));
  assert.ok('settings' in plan);
});

test.run();
