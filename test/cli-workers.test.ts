/**
 * The worker pool: results equal to the calling thread's, a worker that dies or hangs fails only the file it was
 * working on (its other files go to a fresh worker), and plugins loaded by the bundled CLI share its copy of
 * layerfix. No timing is asserted: the one time limit here only makes a hanging file fail.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { layerfixFiles } from '../src/runner/files.js';
import { workerCount } from '../src/runner/pool.js';
import type { FileResult } from '../src/runner/types.js';
import { makeRepo, runCli, type Repo } from './helpers/cli-repo.js';

const MERGEABLE = 'FROM alpine\nRUN apk add curl\nRUN curl -V\n';
const MOVABLE = 'FROM alpine\nWORKDIR /app\nCOPY . /app\nRUN apk add --no-cache curl\nCMD ["/app/run"]\n';
const PLAIN = 'FROM alpine\nCMD ["sh"]\n';
const TEMPLATES = [MERGEABLE, MOVABLE, PLAIN];
const COUNT = 96;

/** A plugin that ends its worker thread (process.exit in a worker ends only that thread) or hangs on a marker. */
const SABOTEUR = `export default {
  name: 'saboteur',
  description: 'Ends or hangs the thread on a marker label (test only).',
  url: '',
  defaultEnabled: true,
  meaning: 'declared',
  options: {},
  run(ctx) {
    for (const view of ctx.instructions()) {
      if (view.name !== 'label') continue;
      if (view.args.includes('exit-thread')) process.exit(7);
      if (view.args.includes('hang')) for (;;);
    }
  },
};
`;

function name(i: number): string {
  return `svc-${String(i).padStart(3, '0')}/Dockerfile`;
}

/** A repository of COUNT files with the saboteur plugin; `marked` maps file numbers to a marker label. */
function sabotaged(marked: Record<number, string>): Repo {
  const files: Record<string, string> = {
    '.layerfixrc.json': JSON.stringify({ root: true, plugins: ['./saboteur.mjs'] }),
    'saboteur.mjs': SABOTEUR,
  };
  for (let i = 0; i < COUNT; i++)
    files[name(i)] = TEMPLATES[i % TEMPLATES.length] + (marked[i] ? `LABEL ${marked[i]}=1\n` : '');
  return makeRepo(files);
}

/** What a file's result says, without the absolute path (repositories differ). */
function outcome(file: FileResult) {
  return { path: file.path, status: file.status, changes: file.changes, messages: file.messages, diff: file.diff };
}

test('the pool is used for these runs (so the tests below exercise it)', () => {
  assert.is(workerCount(COUNT, 2), 2);
  assert.is(workerCount(COUNT, 1), 0);
});

test('worker threads and the calling thread give the same results, in discovery order', async () => {
  const repo = sabotaged({});
  try {
    const one = await layerfixFiles([], { cwd: repo.dir, concurrency: 1, output: true });
    const two = await layerfixFiles([], { cwd: repo.dir, concurrency: 2, output: true });
    assert.is(one.files.length, COUNT);
    assert.equal(two.files.map(outcome), one.files.map(outcome));
    assert.equal(
      two.files.map((f) => f.output),
      one.files.map((f) => f.output),
    );
    assert.equal(two.summary, one.summary);
  } finally {
    repo.remove();
  }
});

test('a worker that dies fails only the file it was working on; its other files are processed by a fresh worker', async () => {
  const crashes = [5, 6, 40, 95];
  const repo = sabotaged(Object.fromEntries(crashes.map((i) => [i, 'exit-thread'])));
  const clean = sabotaged({});
  try {
    const report = await layerfixFiles([], { cwd: repo.dir, concurrency: 2 });
    const expected = await layerfixFiles([], { cwd: clean.dir, concurrency: 1 });
    assert.is(report.files.length, COUNT);
    report.files.forEach((file, i) => {
      if (crashes.includes(i)) {
        assert.is(file.status, 'error', file.path);
        assert.equal(
          file.messages.map((m) => [m.ruleId, m.message]),
          [['internal-error', 'The worker processing this file exited with code 7']],
        );
      } else {
        assert.equal(outcome(file), outcome(expected.files[i]), file.path);
      }
    });
    assert.is(report.summary.failed, crashes.length);
  } finally {
    repo.remove();
    clean.remove();
  }
});

test('a file that runs past the time limit fails with `timeout`; the others are processed', async () => {
  const repo = sabotaged({ 10: 'hang' });
  const clean = sabotaged({});
  try {
    const report = await layerfixFiles([], { cwd: repo.dir, concurrency: 2, fileTimeoutMs: 1000 });
    const expected = await layerfixFiles([], { cwd: clean.dir, concurrency: 1 });
    report.files.forEach((file, i) => {
      if (i === 10) {
        assert.equal(
          file.messages.map((m) => [m.ruleId, m.message]),
          [['timeout', 'Processing took longer than 1 s; the file was left untouched']],
        );
      } else {
        assert.equal(outcome(file), outcome(expected.files[i]), file.path);
      }
    });
  } finally {
    repo.remove();
    clean.remove();
  }
});

test('the CLI over workers: a dying worker fails one file, --write writes the others', () => {
  const repo = sabotaged({ 3: 'exit-thread' });
  try {
    const run = runCli(['--write', '--concurrency', '2'], repo.dir);
    assert.is(run.code, 2);
    assert.match(
      run.stderr,
      /^svc-003\/Dockerfile:1:1: The worker processing this file exited with code 7 \[internal-error\]$/m,
    );
    assert.match(
      run.stderr,
      new RegExp(`${COUNT} files scanned: (\\d+) changed \\(\\1 written\\), \\d+ unchanged, 0 skipped, 1 failed`),
    );
    assert.is(repo.read(name(3)), `${MERGEABLE}LABEL exit-thread=1\n`);
    assert.is(repo.read(name(0)), 'FROM alpine\nRUN apk add curl && curl -V\n');
  } finally {
    repo.remove();
  }
});

test('files are sent to workers while the search goes on, but a bad configuration found last still stops the run before any write or report', () => {
  const files: Record<string, string> = { '.layerfixrc.json': JSON.stringify({ root: true }) };
  for (let i = 0; i < COUNT; i++) files[name(i)] = MERGEABLE;
  files[name(COUNT - 1).replace('Dockerfile', '.layerfixrc.json')] = JSON.stringify({
    transforms: { 'merge-runs': { maxCommandz: 3 } },
  });
  const repo = makeRepo(files);
  try {
    const before = repo.snapshot();
    const run = runCli(['--write', '--concurrency', '2'], repo.dir);
    assert.is(run.code, 2);
    assert.is(run.stdout, '');
    assert.match(
      run.stderr,
      /^layerfix: .*svc-095\/\.layerfixrc\.json: transforms\.merge-runs: Unknown option "maxCommandz"/m,
    );
    assert.equal(repo.snapshot(), before);
  } finally {
    repo.remove();
  }
});

/** A TypeScript plugin that uses the shell parser through `import ... from 'layerfix'` without loading it. */
const SHARED_PLUGIN = `import { defineTransform, shellView } from 'layerfix';

export default defineTransform({
  name: 'count-commands',
  description: 'Counts the commands of each RUN (test only).',
  url: '',
  defaultEnabled: true,
  meaning: 'declared',
  options: {},
  run(ctx) {
    for (const view of ctx.instructions()) {
      if (view.name === 'run') ctx.skipped(\`commands: \${shellView(view.args).commands.length}\`, view.node);
    }
  },
});
`;

test('a plugin importing layerfix shares the running copy (its shell parser is loaded), on the main thread and in workers', () => {
  const files: Record<string, string> = {
    '.layerfixrc.json': JSON.stringify({ root: true, plugins: ['./count.ts'] }),
    'count.ts': SHARED_PLUGIN,
  };
  for (let i = 0; i < 40; i++) files[name(i)] = 'FROM alpine\nRUN apk add curl && curl -V\n';
  const repo = makeRepo(files);
  try {
    for (const concurrency of ['1', '2']) {
      const run = runCli(['--check', '--explain', '--concurrency', concurrency], repo.dir);
      assert.is(run.code, 0, run.stderr);
      assert.is(
        run.stderr.match(/^svc-\d+\/Dockerfile:2:1: skip: commands: 2 \[count-commands\]$/gm)?.length,
        40,
        run.stderr.slice(0, 2000),
      );
    }
  } finally {
    repo.remove();
  }
});

test.run();
