/**
 * `layerfix cache-report`: the RUN steps each change rebuilds before and after the rewrite, checked exactly on a
 * scripted git history (source, manifest, Dockerfile and ignored edits), on `--changed`, and on multi-stage files.
 */
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rebuilt, sourceMatches } from '../src/cache-report/invalidate.js';
import { reduction } from '../src/cache-report/report.js';
import { main } from '../src/cli/main.js';
import { makeRepo, memoryIO, runCli, type Repo } from './helpers/cli-repo.js';

const DOCKERFILE = 'FROM node:20\nWORKDIR /app\nCOPY . /app\nRUN apt-get update\nRUN apt-get install -y curl\nRUN npm ci\n';
const EDITED = 'FROM node:20\nWORKDIR /app\nENV NODE_ENV=production\nCOPY . /app\nRUN apt-get update\nRUN apt-get install -y curl\nRUN npm ci\n';

function git(repo: Repo, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo.dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function commit(repo: Repo, message: string, files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', '--short=7', 'HEAD');
}

/** The scripted history: an initial commit, then a source edit, a manifest edit, a Dockerfile edit, an ignored edit. */
function scriptedRepo(): { repo: Repo; shas: string[] } {
  const repo = makeRepo();
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'Test');
  const shas = [
    commit(repo, 'initial', {
      Dockerfile: DOCKERFILE,
      '.dockerignore': 'Dockerfile\n.dockerignore\nnotes.md\n',
      'package.json': '{"name":"app","version":"1.0.0"}\n',
      'package-lock.json': '{"lockfileVersion":3}\n',
      'server.js': 'console.log(1);\n',
      'notes.md': 'notes\n',
    }),
    commit(repo, 'source edit', { 'server.js': 'console.log(2);\n' }),
    commit(repo, 'manifest edit', { 'package.json': '{"name":"app","version":"1.0.1"}\n' }),
    commit(repo, 'dockerfile edit', { Dockerfile: EDITED }),
    commit(repo, 'ignored edit', { 'notes.md': 'more notes\n' }),
  ];
  return { repo, shas };
}

test('scripted history: exact rebuilt RUN steps per commit, before and after, through the built CLI', () => {
  const { repo, shas } = scriptedRepo();
  try {
    const run = runCli(['cache-report', '--since', shas[0], '--format', 'json'], repo.dir);
    assert.is(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report, {
      files: [
        {
          path: 'Dockerfile',
          rows: [
            // server.js: COPY . reruns all 3 RUNs; rewritten, the broad COPY is last and no RUN follows it.
            { commit: shas[1], subject: 'source edit', before: 3, after: 0 },
            // package.json: before 3; rewritten, only `RUN npm ci` after the manifest COPY.
            { commit: shas[2], subject: 'manifest edit', before: 3, after: 1 },
            // ENV inserted after WORKDIR: before all 3; rewritten, the merged apt RUN and npm ci.
            { commit: shas[3], subject: 'dockerfile edit', before: 3, after: 2 },
            // notes.md is in .dockerignore: nothing reruns.
            { commit: shas[4], subject: 'ignored edit', before: 0, after: 0 },
          ],
          before: 9,
          after: 3,
        },
      ],
      before: 9,
      after: 3,
      reduction: 66.7,
    });
    const text = runCli(['cache-report', '--since', shas[0]], repo.dir);
    assert.is(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^${shas[1]} +3 +0 +source edit$`, 'm'));
    assert.match(text.stdout, new RegExp(`^${shas[2]} +3 +1 +manifest edit$`, 'm'));
    assert.match(text.stdout, new RegExp(`^${shas[3]} +3 +2 +dockerfile edit$`, 'm'));
    assert.match(text.stdout, new RegExp(`^${shas[4]} +0 +0 +ignored edit$`, 'm'));
    assert.match(text.stdout, /^total +9 +3$/m);
    assert.ok(text.stdout.endsWith('Total: 9 rebuilt RUN steps before, 3 after (66.7% fewer)\n'), text.stdout);
  } finally {
    repo.remove();
  }
});

test('without --since the root commit counts as a full build: 3 RUNs before, 2 after (apt RUNs merged)', async () => {
  const { repo, shas } = scriptedRepo();
  try {
    const run = memoryIO(repo.dir);
    assert.is(await main(['cache-report', '--format', 'json'], run.io), 0, run.stderr());
    const report = JSON.parse(run.stdout());
    assert.equal(report.files[0].rows[0], { commit: shas[0], subject: 'initial', before: 3, after: 2 });
    assert.equal([report.before, report.after, report.reduction], [12, 5, 58.3]);
  } finally {
    repo.remove();
  }
});

test('--changed: the given files instead of the history', async () => {
  const { repo } = scriptedRepo();
  try {
    const cases: [string[], number, number][] = [
      [['server.js'], 3, 0],
      [['package-lock.json'], 3, 1],
      [['notes.md'], 0, 0],
      [['server.js,notes.md', 'package.json'], 3, 1],
    ];
    for (const [changed, before, after] of cases) {
      const run = memoryIO(repo.dir);
      assert.is(await main(['cache-report', ...changed.flatMap((c) => ['--changed', c]), '--format', 'json'], run.io), 0, run.stderr());
      const report = JSON.parse(run.stdout());
      assert.equal([report.files[0].rows[0].before, report.files[0].rows[0].after], [before, after], changed.join(' '));
      assert.equal([report.before, report.after], [before, after]);
    }
    const cli = runCli(['cache-report', '--changed', 'server.js'], repo.dir);
    assert.is(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /^changed +3 +0 +server\.js$/m);
    assert.ok(cli.stdout.endsWith('(100% fewer)\n'));
  } finally {
    repo.remove();
  }
});

test('bad input: not a repository, --since with --changed', async () => {
  const repo = makeRepo({ Dockerfile: DOCKERFILE });
  try {
    const outside = memoryIO(repo.dir);
    assert.is(await main(['cache-report'], outside.io), 2);
    assert.match(outside.stderr(), /not inside a git repository/);
    const both = memoryIO(repo.dir);
    assert.is(await main(['cache-report', '--since', 'HEAD', '--changed', 'a'], both.io), 2);
    assert.match(both.stderr(), /--changed and --since cannot be used together/);
    const changed = memoryIO(repo.dir);
    assert.is(await main(['cache-report', '--changed', 'server.js', '--format', 'json'], changed.io), 0, changed.stderr());
    assert.is(JSON.parse(changed.stdout()).before, 3);
  } finally {
    repo.remove();
  }
});

const MULTI = `FROM node:20 AS build
WORKDIR /src
COPY package.json ./
RUN npm ci
COPY src ./src
RUN npm run build

FROM nginx
RUN echo hi
COPY --from=build /src/dist /usr/share/nginx/html
RUN nginx -t
`;

test('multi-stage: COPY --from depends on its stage; within a stage all after the first invalidated step reruns', () => {
  const runs = (paths: string[], previous: string | undefined = MULTI) => rebuilt(MULTI, { paths, previous }).runs;
  assert.is(runs(['src/app.js']), 2); // npm run build, nginx -t
  assert.is(runs(['package.json']), 3); // npm ci, npm run build, nginx -t
  assert.is(runs(['README.md']), 0);
  assert.is(runs([], MULTI.replace('echo hi', 'echo hello')), 2); // only the second stage, from its edit
  assert.is(runs([], MULTI.replace('npm ci', 'npm install')), 3); // npm ci onwards, and the COPY --from
  assert.is(rebuilt(MULTI, { paths: [], previous: undefined }).runs, 4); // a new file: all four RUNs
  assert.is(runs(['Dockerfile']), 0); // not copied by any source here
  const bind = 'FROM alpine\nRUN echo a\nRUN --mount=type=bind,source=go.sum,target=/x go mod download\nRUN echo b\n';
  assert.is(rebuilt(bind, { paths: ['go.sum'], previous: bind }).runs, 2); // a bind mount of the context reads go.sum
  assert.is(rebuilt(bind, { paths: ['main.go'], previous: bind }).runs, 0);
  assert.is(rebuilt(DOCKERFILE, { paths: ['Dockerfile'], previous: DOCKERFILE }).runs, 3); // COPY . takes the Dockerfile when not ignored
});

test('COPY sources match changed paths as BuildKit would copy them', () => {
  assert.ok(sourceMatches('.', 'a/b.js'));
  assert.ok(sourceMatches('*', 'a/b.js'));
  assert.ok(sourceMatches('./src/', 'src/x/y.ts'));
  assert.ok(sourceMatches('/src', 'src/x.ts'));
  assert.ok(sourceMatches('*.json', 'package.json'));
  assert.not.ok(sourceMatches('*.json', 'src/a.js'));
  assert.not.ok(sourceMatches('src', 'srcx/a.js'));
  assert.not.ok(sourceMatches('https://example.com/a.tgz', 'a.tgz'));
  assert.is(reduction(9, 3), 66.7);
  assert.is(reduction(0, 0), 0);
});

test.run();
