import { chmodSync, linkSync, lstatSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDockerfileName, TEMP_FILE } from '../src/runner/names.js';
import {
  ChangedOnDiskError,
  HardLinkError,
  isStaleTempFile,
  pendingTempFiles,
  ReadOnlyError,
  writeFileAtomic,
} from '../src/runner/write.js';
import { makeRepo, runCli } from './helpers/cli-repo.js';

test('an atomic write replaces the content, keeps the mode and leaves no temporary file', async () => {
  const repo = makeRepo({ Dockerfile: 'old\n' });
  try {
    chmodSync(repo.path('Dockerfile'), 0o640);
    const before = statSync(repo.path('Dockerfile'));
    await writeFileAtomic(repo.path('Dockerfile'), 'new\r\n', { size: before.size, mtimeMs: before.mtimeMs });
    assert.is(repo.read('Dockerfile'), 'new\r\n');
    assert.is(statSync(repo.path('Dockerfile')).mode & 0o777, 0o640);
    assert.equal(readdirSync(repo.dir), ['Dockerfile']);
    assert.is(pendingTempFiles.size, 0);
  } finally {
    repo.remove();
  }
});

test('a symlink is written through to its target and stays a symlink', async () => {
  const repo = makeRepo({ 'base/Dockerfile': 'old\n' });
  try {
    symlinkSync('base/Dockerfile', repo.path('Dockerfile'));
    await writeFileAtomic(repo.path('Dockerfile'), 'new\n');
    assert.ok(lstatSync(repo.path('Dockerfile')).isSymbolicLink());
    assert.is(repo.read('base/Dockerfile'), 'new\n');
  } finally {
    repo.remove();
  }
});

test('a file that changed since it was read is not written', async () => {
  const repo = makeRepo({ Dockerfile: 'old\n' });
  try {
    const before = statSync(repo.path('Dockerfile'));
    repo.write('Dockerfile', 'edited meanwhile\n');
    try {
      await writeFileAtomic(repo.path('Dockerfile'), 'new\n', { size: before.size, mtimeMs: before.mtimeMs });
      assert.unreachable('the write must be refused');
    } catch (error) {
      assert.instance(error, ChangedOnDiskError);
    }
    assert.is(repo.read('Dockerfile'), 'edited meanwhile\n');
    assert.equal(readdirSync(repo.dir), ['Dockerfile']);
  } finally {
    repo.remove();
  }
});

test('a read-only file is not written: an error, the content and the mode untouched (root included)', async () => {
  const repo = makeRepo({
    Dockerfile: 'FROM alpine\nRUN apk add curl\nRUN curl -V\n',
    'ok/Dockerfile': 'FROM alpine\nRUN apk add curl\nRUN curl -V\n',
  });
  try {
    chmodSync(repo.path('Dockerfile'), 0o444);
    try {
      await writeFileAtomic(repo.path('Dockerfile'), 'new\n');
      assert.unreachable('the write must be refused');
    } catch (error) {
      assert.instance(error, ReadOnlyError);
    }
    const run = runCli(['--write'], repo.dir);
    assert.is(run.code, 2);
    assert.match(
      run.stderr,
      /^Dockerfile:1:1: Not written: the file is read-only \(mode 0444\); make it writable to let layerfix rewrite it; the file was left as it was \[write-error\]$/m,
    );
    assert.is(repo.read('Dockerfile'), 'FROM alpine\nRUN apk add curl\nRUN curl -V\n');
    assert.is(statSync(repo.path('Dockerfile')).mode & 0o777, 0o444);
    assert.is(repo.read('ok/Dockerfile'), 'FROM alpine\nRUN apk add curl && curl -V\n', 'the other files are written');
    assert.equal(repo.list(), ['Dockerfile', 'ok/Dockerfile']);
  } finally {
    repo.remove();
  }
});

test('a file with other hard links is not written: an error, both names keep the same text', async () => {
  const text = 'FROM alpine\nRUN apk add curl\nRUN curl -V\n';
  const repo = makeRepo({ Dockerfile: text, 'ok/Dockerfile': text });
  try {
    linkSync(repo.path('Dockerfile'), repo.path('copy.txt'));
    try {
      await writeFileAtomic(repo.path('Dockerfile'), 'new\n');
      assert.unreachable('the write must be refused');
    } catch (error) {
      assert.instance(error, HardLinkError);
    }
    const run = runCli(['--write', '.'], repo.dir);
    assert.is(run.code, 2);
    assert.match(
      run.stderr,
      /^Dockerfile:1:1: Not written: the file has 1 other hard link, which a write \(a new file renamed over this one\) would leave with the old text; rewrite one copy and link it again; the file was left as it was \[write-error\]$/m,
    );
    assert.is(repo.read('Dockerfile'), text);
    assert.is(statSync(repo.path('Dockerfile')).ino, statSync(repo.path('copy.txt')).ino, 'still one file');
    assert.is(repo.read('ok/Dockerfile'), 'FROM alpine\nRUN apk add curl && curl -V\n', 'the other files are written');
  } finally {
    repo.remove();
  }
});

test('writes are queued: one temporary file at a time, whatever is written at once', async () => {
  const repo = makeRepo(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s${i}/Dockerfile`, 'old\n'])));
  try {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, pendingTempFiles.size)), 0);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => writeFileAtomic(repo.path(`s${i}/Dockerfile`), `new ${i}\n`)),
    );
    clearInterval(watch);
    assert.ok(most <= 1, `at most one temporary file at a time (saw ${most})`);
    for (let i = 0; i < 12; i++) assert.is(repo.read(`s${i}/Dockerfile`), `new ${i}\n`);
  } finally {
    repo.remove();
  }
});

test('temporary names are hidden, never Dockerfile names, and stale only when their writer is gone', () => {
  const name = `.Dockerfile.layerfix-${process.pid}-0-3.tmp`;
  assert.ok(TEMP_FILE.test(name));
  assert.not.ok(isDockerfileName(name));
  assert.not.ok(isDockerfileName('.api.Dockerfile.layerfix-1-0-0.tmp'));
  assert.not.ok(isStaleTempFile(`/x/${name}`), 'this process is alive');
  assert.ok(isStaleTempFile('/x/.Dockerfile.layerfix-999999999-0-0.tmp'));
  assert.not.ok(isStaleTempFile('/x/Dockerfile'));
});

test.run();
