/**
 * Cold start: each command loads only the modules it needs (measured by module, not by time).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, makeRepo, ROOT } from './helpers/cli-repo.js';

const HOOK = join(ROOT, 'dist/test/helpers/record-imports.js');

/** The modules a CLI run loads, as URLs or paths. */
function loaded(args: string[], cwd: string): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'layerfix-imports-'));
  try {
    const record = join(scratch, 'imports.txt');
    const env: NodeJS.ProcessEnv = { ...process.env, LAYERFIX_RECORD_IMPORTS: record };
    delete env.CI;
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
  ['the worker', /dist\/src\/api\/worker\.js/],
];

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
  const repo = makeRepo({ 'Dockerfile': 'FROM alpine\nRUN a\nRUN b\n' });
  try {
    const modules = loaded(['--check', 'Dockerfile'], repo.dir);
    assert.ok(has(modules, /dist\/src\/engine\/transform\.js/), 'the pipeline is loaded');
    for (const [name, pattern] of HEAVY) assert.not.ok(has(modules, pattern), `--check loads ${name}`);
  } finally {
    repo.remove();
  }
});

test('a dry run loads diff; a JSON config does not need cosmiconfig; a YAML one does', () => {
  const repo = makeRepo({ 'Dockerfile': 'FROM alpine\nRUN a\nRUN b\n', '.layerfixrc.json': '{"root":true}', 'yaml/.layerfixrc.yaml': 'root: true\n', 'yaml/Dockerfile': 'FROM a\n' });
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
