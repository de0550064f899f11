import { chmodSync, lstatSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDockerfileName, TEMP_FILE } from '../src/runner/names.js';
import { ChangedOnDiskError, isStaleTempFile, pendingTempFiles, writeFileAtomic } from '../src/runner/write.js';
import { makeRepo } from './helpers/cli-repo.js';

test('an atomic write replaces the content, keeps the mode and leaves no temporary file', async () => {
  const repo = makeRepo({ 'Dockerfile': 'old\n' });
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
  const repo = makeRepo({ 'Dockerfile': 'old\n' });
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
