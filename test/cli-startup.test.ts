/**
 * Cold start: the CLI runs from the bundled build with its code cache, and each command loads only the modules it
 * needs (measured by module, not by time). Inside the bundle, "loads" means "evaluates": the bundle reports each
 * module as it runs it (test/helpers/record-imports.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, makeRepo, ROOT } from './helpers/cli-repo.js';

const HOOK = join(ROOT, 'dist/test/helpers/record-imports.js');

/** The modules a CLI run loads, as URLs or paths. */
function loaded(args: string[], cwd: string, extraEnv: Record<string, string> = {}): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'layerfix-imports-'));
  try {
    const record = join(scratch, 'imports.txt');
    const env: NodeJS.ProcessEnv = { ...process.env, LAYERFIX_RECORD_IMPORTS: record, ...extraEnv };
    delete env.CI;
    delete env.LAYERFIX_NO_BUNDLE;
    const run = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], { cwd, env, encoding: 'utf8' });
    assert.ok(run.status !== null && run.status <= 1, `${args.join(' ')} failed: ${run.stderr}`);
    return readFileSync(record, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function has(modules: string[], pattern: RegExp): boolean {
  return modules.some((m) => pattern.test(m));
}

const HEAVY: [string, RegExp][] = [
  ['ts-morph', /node_modules\/ts-morph\//],
  ['cosmiconfig', /node_modules\/cosmiconfig\//],
  ['jiti', /node_modules\/jiti\//],
  ['diff', /node_modules\/diff\//],
  ['the worker', /dist\/src\/(runner\/worker|startup\/worker)/],
];

/** A module of the compiled build (dist/src, dist/transforms) loaded as its own file rather than from the bundle. */
const COMPILED_MODULE =
  /^(file:\/\/)?\/.*\/dist\/(src|transforms)\/(?!startup\/bundle-loader\.cjs|runner\/v8-flags\.cjs)/;

test('the CLI runs from the bundle, with its code cache, and loads no compiled module of its own', () => {
  const repo = makeRepo({ Dockerfile: 'FROM alpine\nRUN echo a\nRUN echo b\n' });
  try {
    const modules = loaded(['--check', 'Dockerfile'], repo.dir);
    assert.ok(has(modules, /^bundle:dist\/src\/cli\/main\.js$/), 'the CLI is the bundled one');
    assert.ok(has(modules, /^bundle:dist\/src\/engine\/pipeline\.js$/), 'the pipeline is the bundled one');
    assert.equal(
      modules.filter((m) => COMPILED_MODULE.test(m)),
      [],
    );
    const debug = spawnSync(process.execPath, [BIN, '--check', 'Dockerfile'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, LAYERFIX_DEBUG_BUNDLE: '1', LAYERFIX_NO_BUNDLE: '' },
    });
    assert.match(debug.stderr, /^layerfix: bundle .*dist\/bundle\/layerfix\.cjs, code cache accepted$/m);
  } finally {
    repo.remove();
  }
});

test('without an up-to-date bundle, the compiled modules run and print the same', () => {
  const repo = makeRepo({ Dockerfile: 'FROM alpine\nRUN echo a\nRUN echo b\n', 'sub/Dockerfile': 'FROM alpine\n' });
  const bundle = join(ROOT, 'dist/bundle/layerfix.cjs');
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [BIN], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
  try {
    const bundled = run({ LAYERFIX_NO_BUNDLE: '' });
    const compiled = run({ LAYERFIX_NO_BUNDLE: '1' });
    assert.is(bundled.status, 0);
    assert.equal([compiled.status, compiled.stdout, compiled.stderr], [bundled.status, bundled.stdout, bundled.stderr]);
    assert.ok(
      has(loaded(['--check', 'Dockerfile'], repo.dir, { LAYERFIX_NO_BUNDLE: '1' }), /dist\/src\/engine\/pipeline\.js$/),
    );
    // A bundle older than the compiled modules (a `tsc` run without the bundling step) is not used.
    const { atime, mtime } = statSync(bundle);
    try {
      utimesSync(bundle, atime, new Date(statSync(join(ROOT, 'dist/src/cli/main.js')).mtimeMs - 60_000));
      const modules = loaded(['--check', 'Dockerfile'], repo.dir);
      assert.not.ok(has(modules, /^bundle:/));
      assert.ok(has(modules, /dist\/src\/engine\/pipeline\.js$/));
      assert.equal(run({ LAYERFIX_NO_BUNDLE: '' }).stdout, bundled.stdout);
    } finally {
      utimesSync(bundle, atime, mtime);
    }
  } finally {
    repo.remove();
  }
});

test('--version and --help load no pipeline, no config loader, no reporter', () => {
  for (const args of [['--version'], ['--help']]) {
    const modules = loaded(args, ROOT);
    const light: [string, RegExp][] = [
      ...HEAVY,
      ['the engine', /dist\/src\/engine\//],
      ['unified', /node_modules\/unified\//],
      ['prettier', /node_modules\/prettier\//],
      ['tinyglobby', /node_modules\/tinyglobby\//],
      ['picocolors', /picocolors/],
      ['ignore', /node_modules\/ignore\//],
    ];
    for (const [name, pattern] of light) {
      assert.not.ok(has(modules, pattern), `${args[0]} loads ${name}`);
    }
  }
});

test('--check on one file without configuration loads the pipeline, but no config loader, diff, jiti, ts-morph or workers', () => {
  const repo = makeRepo({ Dockerfile: 'FROM alpine\nRUN echo a\nRUN echo b\n' });
  try {
    const modules = loaded(['--check', 'Dockerfile'], repo.dir);
    assert.ok(has(modules, /dist\/src\/engine\/pipeline\.js/), 'the pipeline is loaded');
    for (const [name, pattern] of HEAVY) assert.not.ok(has(modules, pattern), `--check loads ${name}`);
  } finally {
    repo.remove();
  }
});

test('a dry run loads diff; a JSON config does not need cosmiconfig; a YAML one does', () => {
  const repo = makeRepo({
    Dockerfile: 'FROM alpine\nRUN echo a\nRUN echo b\n',
    '.layerfixrc.json': '{"root":true}',
    'yaml/.layerfixrc.yaml': 'root: true\n',
    'yaml/Dockerfile': 'FROM a\n',
  });
  try {
    const dry = loaded(['Dockerfile'], repo.dir);
    assert.ok(has(dry, /node_modules\/diff\//));
    assert.not.ok(has(dry, /node_modules\/cosmiconfig\//));
    assert.not.ok(has(dry, /node_modules\/ts-morph\//));
    assert.ok(has(loaded(['--check', 'yaml/Dockerfile'], repo.dir), /node_modules\/cosmiconfig\//));
  } finally {
    repo.remove();
  }
});

test.run();
