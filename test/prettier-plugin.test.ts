/**
 * The prettier plugin (`layerfix/prettier`) through prettier's API and CLI: which files it claims, how prettier's
 * options map to layerfix's, line endings and BOM, extra transforms, errors with a code frame, markdown code blocks,
 * and that the package entry never loads prettier.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as prettier from 'prettier';
import { transform } from '../src/registry.js';
import { PROJECT_ROOT } from './helpers/corpus.js';
import { PRETTIER_PLUGIN } from './helpers/prettier.js';

const plugins = [PRETTIER_PLUGIN];
const format = (text: string, options: prettier.Options = {}) =>
  prettier.format(text, { filepath: 'Dockerfile', plugins, ...options });

test('claims the names the CLI finds, and nothing else', async () => {
  const parser = async (file: string) => (await prettier.getFileInfo(file, { plugins })).inferredParser;
  for (const file of [
    'Dockerfile',
    'a/Dockerfile.prod',
    'app.Dockerfile',
    'web.dockerfile',
    'Containerfile',
    'deploy/Containerfile.dev',
    'x.containerfile',
  ]) {
    assert.is(await parser(file), 'dockerfile', file);
  }
  for (const file of ['.dockerignore', 'Dockerfile.dockerignore', 'README.md', 'docker-compose.yml']) {
    assert.is.not(await parser(file), 'dockerfile', file);
  }
});

test('formats as layerfix --only format does', async () => {
  const text = 'from alpine as build\nrun apk add curl &&   echo hi\n\n\n\ncmd ["a","b"]   \n';
  const expected = await transform(text, { only: ['format'] });
  assert.is(await format(text), expected.text);
  assert.is(await format(text), 'FROM alpine AS build\nRUN apk add curl &&   echo hi\n\nCMD ["a", "b"]\n');
});

const flush = 'FROM debian:12\nRUN apt-get update && \\\napt-get install -y curl\n';

test('useTabs and tabWidth set the continuation indent when the file has none of its own (default 4 spaces, as layerfix)', async () => {
  assert.is(await format(flush), (await transform(flush, { only: ['format'] })).text);
  assert.match(await format(flush), /&& \\\n {4}apt-get/);
  assert.match(await format(flush, { useTabs: true }), /&& \\\n\tapt-get/);
  assert.match(await format(flush, { tabWidth: 2 }), /&& \\\n {2}apt-get/);
});

const runs =
  'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends ca-certificates curl git\n';

test('printWidth reaches the printer: a merged chain breaks only when it does not fit', async () => {
  const merge = { layerfixTransforms: ['merge-runs'] } as prettier.Options;
  assert.is(
    await format(runs, { ...merge, printWidth: 200 }),
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl git\n',
  );
  const narrow = await format(runs, { ...merge, printWidth: 60 });
  assert.is(narrow, (await transform(runs, { only: ['format', 'merge-runs'], printWidth: 60 })).text);
  assert.match(narrow, /&& \\\n {4}apt-get install/);
  const start = await format(runs, { ...merge, printWidth: 60, layerfixOperatorPosition: 'start' } as prettier.Options);
  assert.match(start, /\\\n {4}&& apt-get install/, 'layerfixOperatorPosition');
});

test("a file's own continuation indent wins over tabWidth, as in layerfix", async () => {
  const text = 'FROM debian:12\nRUN apt-get update &&\\\n  apt-get install -y curl\n';
  const output = await format(text, { tabWidth: 8 });
  assert.is(output, (await transform(text, { only: ['format'] })).text);
  assert.match(output, /\n {2}apt-get install/);
});

test('endOfLine: auto keeps CRLF, lf converts it, crlf writes it; a BOM is kept', async () => {
  const text = '\ufeffFROM alpine\r\nrun echo hi\r\n';
  assert.is(await format(text, { endOfLine: 'auto' }), '\ufeffFROM alpine\r\nRUN echo hi\r\n');
  assert.is(await format(text), '\ufeffFROM alpine\nRUN echo hi\n');
  assert.is(await format('FROM alpine\nrun echo hi\n', { endOfLine: 'crlf' }), 'FROM alpine\r\nRUN echo hi\r\n');
});

test('layerfixTransforms runs more transforms; an unknown name is an error naming it', async () => {
  const text = 'FROM alpine\nRUN apk add curl\nRUN echo hi\n';
  const merged = await format(text, { layerfixTransforms: ['merge-runs'] } as prettier.Options);
  assert.is(merged, (await transform(text, { only: ['format', 'merge-runs'] })).text);
  assert.is.not(merged, text);
  assert.is(
    await format(text, { layerfixTransforms: ['merge-runs,format'] } as prettier.Options),
    merged,
    'comma-separated names',
  );
  try {
    await format(text, { layerfixTransforms: ['no-such-thing'] } as prettier.Options);
    assert.unreachable('should throw');
  } catch (error) {
    assert.match((error as Error).message, /Unknown transform "no-such-thing"/);
  }
});

test('a file layerfix cannot parse is a SyntaxError with a code frame, as prettier reports parse errors', async () => {
  try {
    await format('FROM alpine\nRUN <<EOF\necho hi\n');
    assert.unreachable('should throw');
  } catch (error) {
    const e = error as Error & { loc?: { start: { line: number; column: number } } };
    assert.is(e.name, 'SyntaxError');
    assert.ok(e.loc && e.loc.start.line >= 1);
    assert.match(e.message, /heredoc/i);
    assert.match(e.message.replace(/\x1b\[[0-9;]*m/g, ''), /\n> \d+ \|/, 'code frame');
  }
});

test('dockerfile code blocks in markdown are formatted too', async () => {
  const output = await prettier.format('# Build\n\n```dockerfile\nfrom alpine\nrun  echo hi\n```\n', {
    parser: 'markdown',
    plugins,
  });
  assert.is(output, '# Build\n\n```dockerfile\nFROM alpine\nRUN echo hi\n```\n');
});

test('prettier --write . through the CLI formats every Dockerfile name and leaves the rest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-prettier-'));
  try {
    mkdirSync(join(dir, 'svc'));
    writeFileSync(join(dir, 'Dockerfile'), 'from alpine\n');
    writeFileSync(join(dir, 'svc', 'Dockerfile.prod'), 'from node:20\nrun  npm ci\n');
    writeFileSync(join(dir, 'svc', 'notes.txt'), 'from alpine\n');
    writeFileSync(join(dir, '.prettierrc.json'), JSON.stringify({ plugins: [PRETTIER_PLUGIN] }));
    const bin = join(PROJECT_ROOT, 'node_modules/prettier/bin/prettier.cjs');
    const check = spawnSync(process.execPath, [bin, '--check', '.'], { cwd: dir, encoding: 'utf8' });
    assert.is(check.status, 1, check.stdout + check.stderr);
    const write = spawnSync(process.execPath, [bin, '--write', '.'], { cwd: dir, encoding: 'utf8' });
    assert.is(write.status, 0, write.stdout + write.stderr);
    assert.is(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine\n');
    assert.is(readFileSync(join(dir, 'svc', 'Dockerfile.prod'), 'utf8'), 'FROM node:20\nRUN npm ci\n');
    assert.is(readFileSync(join(dir, 'svc', 'notes.txt'), 'utf8'), 'from alpine\n');
    const again = spawnSync(process.execPath, [bin, '--check', '.'], { cwd: dir, encoding: 'utf8' });
    assert.is(again.status, 0, again.stdout + again.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the plugin module imports no prettier code at run time, and the package entry does not load the plugin', () => {
  for (const file of ['index', 'languages', 'options', 'parser', 'printer']) {
    const code = readFileSync(join(PROJECT_ROOT, 'dist/src/prettier', `${file}.js`), 'utf8');
    assert.not.match(code, /from ['"]prettier['"]|import\(['"]prettier['"]\)/, `${file}.js imports prettier`);
  }
  const entry = readFileSync(join(PROJECT_ROOT, 'dist/src/index.js'), 'utf8');
  assert.not.match(entry, /prettier\/index|scaffold/);
});

test.run();
