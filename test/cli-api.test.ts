/**
 * `layerfixFiles` and `layerfixText`: what the CLI does, as functions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { layerfixFiles } from '../src/runner/files.js';
import { layerfixText } from '../src/runner/text.js';
import { ConfigError } from '../src/config/errors.js';
import { makeRepo } from './helpers/cli-repo.js';

const MERGEABLE = 'FROM alpine\nRUN apk add curl\nRUN curl -V\n';
const MERGED = 'FROM alpine\nRUN apk add curl && curl -V\n';

test('layerfixFiles reports each file in order through onFile, with the summary, and writes only when asked', async () => {
  const repo = makeRepo({ 'b/Dockerfile': MERGEABLE, 'a/Dockerfile': MERGED, 'c/Dockerfile': 'FROM\n' });
  try {
    const seen: string[] = [];
    let total = -1;
    const report = await layerfixFiles([], {
      cwd: repo.dir,
      concurrency: 1,
      output: true,
      input: true,
      fixes: true,
      onStart: (n) => (total = n),
      onFile: (file, i) => seen.push(`${i}:${file.path}:${file.status}`),
    });
    assert.is(total, 3);
    assert.equal(seen, ['0:a/Dockerfile:unchanged', '1:b/Dockerfile:changed', '2:c/Dockerfile:error']);
    assert.equal(report.summary, {
      scanned: 3,
      changed: 1,
      unchanged: 1,
      skipped: 0,
      failed: 1,
      written: 0,
      changes: { 'merge-runs': 1 },
    });
    const b = report.files[1];
    assert.is(b.output, MERGED);
    assert.is(b.input, MERGEABLE);
    assert.equal(b.replacements, [{ offset: 12, length: 29, text: 'RUN apk add curl && curl -V\n' }]);
    assert.match(b.diff ?? '', /^--- a\/b\/Dockerfile\n\+\+\+ b\/b\/Dockerfile\n/);
    assert.is(b.absolutePath, repo.path('b/Dockerfile'));
    assert.is(repo.read('b/Dockerfile'), MERGEABLE);
    const written = await layerfixFiles(['b'], { cwd: repo.dir, write: true, diff: false });
    assert.equal(
      [written.files[0].written, written.files[0].diff, written.files[0].output],
      [true, undefined, undefined],
    );
    assert.is(repo.read('b/Dockerfile'), MERGED);
  } finally {
    repo.remove();
  }
});

test("the build context is the file's folder even when cwd is not the process's working folder", async () => {
  const repo = makeRepo({
    'app/Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY . /app\nRUN npm ci\nCMD ["node", "index.js"]\n',
    'app/package.json': '{"name":"app"}',
    'app/package-lock.json': '{"lockfileVersion":3}',
  });
  try {
    const report = await layerfixFiles(['app'], { cwd: repo.dir, concurrency: 1, output: true });
    assert.is(report.files[0].status, 'changed');
    assert.ok(report.files[0].output?.includes('COPY package.json package-lock.json /app/'), report.files[0].output);
  } finally {
    repo.remove();
  }
});

test('layerfixFiles throws ConfigError for an invalid configuration, before touching any file', async () => {
  const repo = makeRepo({ '.layerfixrc.json': '{"root":true,"transforms":{"nope":true}}', Dockerfile: MERGEABLE });
  try {
    await layerfixFiles([], { cwd: repo.dir, write: true }).then(
      () => assert.unreachable('should throw'),
      (error) => {
        assert.instance(error, ConfigError);
        assert.match(error.message, /transforms\.nope: Unknown transform "nope"/);
      },
    );
    assert.is(repo.read('Dockerfile'), MERGEABLE);
  } finally {
    repo.remove();
  }
});

test('layerfixText runs one text configured as if it lived at filepath', async () => {
  const repo = makeRepo({ 'legacy/.layerfixrc.json': '{"transforms":{"merge-runs":"off"}}' });
  try {
    const result = await layerfixText(MERGEABLE, { cwd: repo.dir, filepath: 'svc/Dockerfile' });
    assert.equal([result.path, result.status, result.output], ['svc/Dockerfile', 'changed', MERGED]);
    const legacy = await layerfixText(MERGEABLE, { cwd: repo.dir, filepath: 'legacy/Dockerfile' });
    assert.equal([legacy.status, legacy.output], ['unchanged', MERGEABLE]);
    const only = await layerfixText(MERGEABLE, { cwd: repo.dir, only: ['format'] });
    assert.is(only.status, 'unchanged');
  } finally {
    repo.remove();
  }
});

test.run();
