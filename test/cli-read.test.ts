import { chmodSync, symlinkSync, mkdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeDockerfile, MAX_FILE_BYTES, readDockerfile } from '../src/runner/read.js';
import { firstInvalidUtf8 } from '../src/runner/utf8.js';
import { makeRepo } from './helpers/cli-repo.js';

test('valid UTF-8 is accepted, including 2-, 3- and 4-byte characters', () => {
  assert.is(firstInvalidUtf8(Buffer.from('FROM a\nLABEL x="é ✓ 🐳"\n')), -1);
});

test('invalid UTF-8 is found at its first bad byte: stray continuation, overlong, surrogate, truncated, out of range', () => {
  const cases: [number[], number][] = [
    [[0x41, 0x80], 1],
    [[0xc0, 0xaf], 0],
    [[0xe0, 0x80, 0xaf], 0],
    [[0xed, 0xa0, 0x80], 0],
    [[0x41, 0x42, 0xe2, 0x9c], 2],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0xff], 0],
  ];
  for (const [bytes, at] of cases) assert.is(firstInvalidUtf8(Uint8Array.from(bytes)), at, bytes.join(','));
});

test('invalid UTF-8 is reported at its line and column', () => {
  const bytes = Buffer.concat([Buffer.from('FROM a\nRUN echo é'), Buffer.from([0xff]), Buffer.from('\n')]);
  const result = decodeDockerfile(bytes);
  assert.ok('ruleId' in result);
  assert.equal([result.ruleId, result.line, result.column], ['invalid-utf8', 2, 11]);
  assert.match(result.message, /Invalid UTF-8: byte 0xff/);
});

test('a NUL byte in the first 8000 bytes makes a file binary, reported for the whole file', () => {
  const result = decodeDockerfile(Buffer.from('FROM a\nRUN x\0y\n'));
  assert.ok('ruleId' in result);
  assert.equal(
    [result.ruleId, result.line, result.column, result.message],
    ['binary-file', 1, 1, 'Binary file (a NUL byte at byte 12): a Dockerfile is text'],
  );
  const png = decodeDockerfile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  assert.ok('ruleId' in png);
  assert.is(png.ruleId, 'binary-file');
});

test('a BOM and CRLF line endings are kept in the text', () => {
  const result = decodeDockerfile(Buffer.from('\uFEFFFROM a\r\nRUN b\r\n'));
  assert.equal(result, { text: '\uFEFFFROM a\r\nRUN b\r\n' });
});

test('an empty file reads as empty text (the pipeline says what is wrong with it)', async () => {
  const repo = makeRepo({ Dockerfile: '' });
  try {
    const result = await readDockerfile(repo.path('Dockerfile'));
    assert.ok('text' in result);
    assert.is(result.text, '');
  } finally {
    repo.remove();
  }
});

test('unreadable files: a folder, a dangling symlink, a symlink loop, a FIFO-like non-file, permission denied', async () => {
  const repo = makeRepo({});
  try {
    mkdirSync(repo.path('Dockerfile'));
    symlinkSync('missing', repo.path('Dockerfile.dangling'));
    symlinkSync('Dockerfile.loop', repo.path('Dockerfile.loop'));
    const cases: [string, string, RegExp][] = [
      ['Dockerfile', 'read-error', /it is a folder/],
      ['Dockerfile.dangling', 'read-error', /No such file \(a dangling symlink\?\) \(ENOENT\)/],
      ['Dockerfile.loop', 'symlink-loop', /Symlink loop/],
      ['/dev/null', 'read-error', /not a regular file/],
    ];
    for (const [name, ruleId, pattern] of cases) {
      const result = await readDockerfile(name.startsWith('/') ? name : repo.path(name));
      assert.ok('ruleId' in result, name);
      assert.is(result.ruleId, ruleId, name);
      assert.match(result.message, pattern);
      assert.equal([result.line, result.column], [1, 1]);
    }
    // chmod 000 stops every user but root; as root the permission check cannot be made to fail this way.
    repo.write('Dockerfile.locked', 'FROM a\n');
    chmodSync(repo.path('Dockerfile.locked'), 0o000);
    const locked = await readDockerfile(repo.path('Dockerfile.locked'));
    if (process.getuid?.() === 0) assert.ok('text' in locked);
    else {
      assert.ok('ruleId' in locked);
      assert.match(locked.message, /Permission denied \(EACCES\)/);
    }
  } finally {
    repo.remove();
  }
});

test('a file over the size limit (10 MB) is refused without reading it', async () => {
  const repo = makeRepo({
    Dockerfile: `FROM alpine\n${'RUN echo layerfix\n'.repeat(Math.ceil((10 * 1024 * 1024) / 18))}`,
  });
  try {
    const result = await readDockerfile(repo.path('Dockerfile'));
    assert.ok('ruleId' in result);
    assert.is(result.ruleId, 'file-too-large');
    assert.match(result.message, /File too large: 10\.0 MiB, over the 1\.0 MiB limit/);
    assert.ok(MAX_FILE_BYTES >= 1024 * 1024);
  } finally {
    repo.remove();
  }
});

test.run();
