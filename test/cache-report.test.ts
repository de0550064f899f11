/**
 * `layerfix cache-report`: the shell commands and RUN steps each change reruns before and after the rewrite, checked
 * exactly on scripted git histories (source, manifest, Dockerfile and ignored edits), on `--changed`, on multi-stage
 * files and targets; merges never count as savings; the configuration and the build contexts found from the
 * repository are honoured; `--max-count`, `--first-parent`, bad ranges; and the history is read in a fixed number
 * of git processes whatever its length.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rebuilt, shellCommands, sourceMatches } from '../src/cache-report/invalidate.js';
import { GIT_CONTEXT } from '../src/analysis/index.js';
import { reportContext } from '../src/cache-report/context.js';
import { reduction } from '../src/cache-report/report.js';
import { main } from '../src/cli/main.js';
import { loadShellParser } from '../src/shell/index.js';
import { makeRepo, memoryIO, runCli, type Repo } from './helpers/cli-repo.js';
import { writeHistory, type ScriptedCommit } from './helpers/git-history.js';

const DOCKERFILE =
  'FROM node:20\nWORKDIR /app\nCOPY . /app\nRUN apt-get update\nRUN apt-get install -y curl\nRUN npm ci\n';
const EDITED =
  'FROM node:20\nWORKDIR /app\nENV NODE_ENV=production\nCOPY . /app\nRUN apt-get update\nRUN apt-get install -y curl\nRUN npm ci\n';

function git(repo: Repo, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo.dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Write a scripted history (one fast-import) and return the short hashes of main's commits, oldest first. */
function history(repo: Repo, commits: ScriptedCommit[]): string[] {
  writeHistory(repo.dir, commits);
  return git(repo, 'rev-list', '--reverse', 'HEAD')
    .split('\n')
    .map((sha) => sha.slice(0, 7));
}

function initRepo(files: Record<string, string> = {}): Repo {
  const repo = makeRepo(files);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'Test');
  return repo;
}

/** The scripted history: an initial commit, then a source edit, a manifest edit, a Dockerfile edit, an ignored edit. */
function scriptedRepo(): { repo: Repo; shas: string[] } {
  const repo = initRepo();
  const shas = history(repo, [
    {
      message: 'initial',
      files: {
        Dockerfile: DOCKERFILE,
        '.dockerignore': 'Dockerfile\n.dockerignore\nnotes.md\n',
        'package.json': '{"name":"app","version":"1.0.0"}\n',
        'package-lock.json': '{"lockfileVersion":3}\n',
        'server.js': 'console.log(1);\n',
        'notes.md': 'notes\n',
      },
    },
    { message: 'source edit', files: { 'server.js': 'console.log(2);\n' } },
    { message: 'manifest edit', files: { 'package.json': '{"name":"app","version":"1.0.1"}\n' } },
    { message: 'dockerfile edit', files: { Dockerfile: EDITED } },
    { message: 'ignored edit', files: { 'notes.md': 'more notes\n' } },
  ]);
  return { repo, shas };
}

const work = (commands: number, runs: number) => ({ commands, runs });

test('scripted history: exact commands and RUN steps per commit, before and after, through the built CLI', () => {
  const { repo, shas } = scriptedRepo();
  try {
    const run = runCli(['cache-report', '--since', shas[0], '--format', 'json'], repo.dir);
    assert.is(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.range, {
      first: { commit: shas[1], subject: 'source edit' },
      last: { commit: shas[4], subject: 'ignored edit' },
      commits: 4,
      since: shas[0],
      firstParent: false,
    });
    const file = report.files[0];
    assert.is(file.path, 'Dockerfile');
    assert.is(file.context, '.');
    assert.equal(file.rows, [
      // server.js: COPY . reruns the 3 RUNs (3 commands); rewritten, the broad COPY is last and no RUN follows it.
      {
        commit: shas[1],
        subject: 'source edit',
        kind: 'source',
        before: work(3, 3),
        after: work(0, 0),
        withoutMerges: work(0, 0),
      },
      // package.json: before 3; rewritten, only `npm ci` after the manifest COPY.
      {
        commit: shas[2],
        subject: 'manifest edit',
        kind: 'source',
        before: work(3, 3),
        after: work(1, 1),
        withoutMerges: work(1, 1),
      },
      // ENV inserted after WORKDIR: everything after it reruns; the merged apt RUN still holds 2 commands.
      {
        commit: shas[3],
        subject: 'dockerfile edit',
        kind: 'dockerfile',
        before: work(3, 3),
        after: work(3, 2),
        withoutMerges: work(3, 3),
      },
      // notes.md is in .dockerignore: nothing reruns.
      {
        commit: shas[4],
        subject: 'ignored edit',
        kind: 'source',
        before: work(0, 0),
        after: work(0, 0),
        withoutMerges: work(0, 0),
      },
    ]);
    assert.equal(file.source, { commits: 3, before: work(6, 6), after: work(1, 1), withoutMerges: work(1, 1) });
    assert.equal(file.dockerfile, { commits: 1, before: work(3, 3), after: work(3, 2), withoutMerges: work(3, 3) });
    assert.equal(
      [report.fromMoves, report.fromMerges, report.reduction, report.perCommit],
      [5, 0, 83.3, { before: 2, after: 0.33 }],
    );

    const text = runCli(['cache-report', '--since', shas[0]], repo.dir);
    assert.is(text.code, 0, text.stderr);
    assert.ok(
      text.stdout.startsWith(
        `cache-report: 4 commits (after ${shas[0]}), ${shas[1]} source edit .. ${shas[4]} ignored edit; 1 Dockerfile\n`,
      ),
      text.stdout,
    );
    assert.match(text.stdout, /^Dockerfile +6 +1 +83\.3% +-5 +0 +6 -> 1 +1: 3 -> 3 +\.$/m);
    assert.match(
      text.stdout,
      /^Source edits: 3 \(commit, Dockerfile\) pairs; shell commands rerun 6 before, 1 after \(83\.3% fewer\); RUN steps 6 before, 1 after$/m,
    );
    assert.match(text.stdout, /^ {2}from moves and manifest splits: -5 commands; from merges: 0 /m);
    assert.match(
      text.stdout,
      /^Dockerfile edits: 1 \(commit, Dockerfile\) pairs; shell commands rerun 3 before, 3 after/m,
    );
    assert.not.match(text.stdout, new RegExp(shas[2]), 'no per-commit rows without --verbose');
    const verbose = runCli(['cache-report', '--since', shas[0], '--verbose'], repo.dir);
    assert.match(verbose.stdout, new RegExp(`^${shas[2]} +source +3 +1 +1 +3 -> 1 +manifest edit$`, 'm'));
    assert.match(verbose.stdout, new RegExp(`^${shas[3]} +Dockerfile +3 +3 +3 +3 -> 2 +dockerfile edit$`, 'm'));
  } finally {
    repo.remove();
  }
});

test('--max-count takes the last commits; without --since the root commit is a Dockerfile edit (a full build)', async () => {
  const { repo, shas } = scriptedRepo();
  try {
    const last = memoryIO(repo.dir);
    assert.is(await main(['cache-report', '--max-count', '2', '--format', 'json'], last.io), 0, last.stderr());
    const two = JSON.parse(last.stdout());
    assert.equal(
      [two.range.first.commit, two.range.last.commit, two.range.commits, two.range.maxCount],
      [shas[3], shas[4], 2, 2],
    );
    const all = memoryIO(repo.dir);
    assert.is(await main(['cache-report', '--format', 'json'], all.io), 0, all.stderr());
    const report = JSON.parse(all.stdout());
    assert.equal(report.files[0].rows[0], {
      commit: shas[0],
      subject: 'initial',
      kind: 'dockerfile',
      before: work(3, 3),
      after: work(3, 2),
      withoutMerges: work(3, 3),
    });
    assert.equal(report.dockerfile, { commits: 2, before: work(6, 6), after: work(6, 4), withoutMerges: work(6, 6) });
  } finally {
    repo.remove();
  }
});

test('progress on a terminal: a line on stderr, erased before the report; none in CI or off a terminal', async () => {
  const { repo } = scriptedRepo();
  try {
    const tty = memoryIO(repo.dir, { tty: true, env: {} });
    assert.is(await main(['cache-report', '--max-count', '2'], tty.io), 0, tty.stderr());
    assert.match(
      tty.stderr(),
      /\r\x1b\[2Kcache-report: 2\/2 \(commit, Dockerfile\) pairs \(100%\)/,
      JSON.stringify(tty.stderr()),
    );
    assert.ok(tty.stderr().endsWith('\r\x1b[2K'), JSON.stringify(tty.stderr()));
    const ci = memoryIO(repo.dir, { tty: true, env: { CI: 'true' } });
    assert.is(await main(['cache-report', '--max-count', '2'], ci.io), 0);
    assert.is(ci.stderr(), '');
    const pipe = memoryIO(repo.dir);
    assert.is(await main(['cache-report', '--max-count', '2'], pipe.io), 0);
    assert.is(pipe.stderr(), '');
  } finally {
    repo.remove();
  }
});

test('--first-parent follows the main line; without it the merged branch commits count too', async () => {
  const repo = initRepo();
  try {
    history(repo, [
      {
        message: 'initial',
        files: { Dockerfile: DOCKERFILE, 'package.json': '{}\n', 'package-lock.json': '{}\n', 'server.js': '1\n' },
      },
      { message: 'topic: source', branch: 'topic', files: { 'server.js': '2\n' } },
      { message: 'topic: more source', branch: 'topic', files: { 'server.js': '3\n' } },
      { message: 'main: manifest', files: { 'package.json': '{"a":1}\n' } },
      { message: 'merge topic', merge: ['topic'], files: { 'server.js': '3\n' } },
    ]);
    const subjects = async (args: string[]) => {
      const run = memoryIO(repo.dir);
      assert.is(
        await main(['cache-report', '--since', 'HEAD~1', ...args, '--format', 'json'], run.io),
        0,
        run.stderr(),
      );
      return JSON.parse(run.stdout()).files[0].rows.map(
        (r: { subject: string; before: { commands: number } }) => `${r.subject}: ${r.before.commands}`,
      );
    };
    assert.equal(await subjects(['--first-parent']), ['merge topic: 3']);
    assert.equal((await subjects([])).sort(), ['merge topic: 3', 'topic: more source: 3', 'topic: source: 3']);
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
      assert.is(
        await main(['cache-report', ...changed.flatMap((c) => ['--changed', c]), '--format', 'json'], run.io),
        0,
        run.stderr(),
      );
      const report = JSON.parse(run.stdout());
      assert.equal(
        [report.files[0].rows[0].before.commands, report.files[0].rows[0].after.commands],
        [before, after],
        changed.join(' '),
      );
      assert.is(report.range, undefined);
    }
    const cli = runCli(['cache-report', '--changed', 'server.js'], repo.dir);
    assert.is(cli.code, 0, cli.stderr);
    assert.ok(cli.stdout.startsWith('cache-report: the changed files, 1 Dockerfile\n'), cli.stdout);
    assert.match(cli.stdout, /^Dockerfile +3 +0 +100% /m);
  } finally {
    repo.remove();
  }
});

test('bad input: not a repository, a range git cannot resolve, --max-count, conflicting options', async () => {
  const plain = makeRepo({ Dockerfile: DOCKERFILE });
  const { repo } = scriptedRepo();
  try {
    const outside = memoryIO(plain.dir);
    assert.is(await main(['cache-report'], outside.io), 2);
    assert.match(outside.stderr(), /not inside a git repository/);
    const cases: [string[], RegExp][] = [
      [
        ['--since', 'no-such-ref'],
        /cache-report: --since no-such-ref: git cannot resolve it to a commit of this repository/,
      ],
      [['--max-count', '0'], /--max-count: got "0", expected a whole number of at least 1/],
      [['--max-count', 'x'], /--max-count: got "x", expected a whole number of at least 1/],
      [['--since', 'HEAD', '--changed', 'a'], /--changed and --since cannot be used together/],
      [
        ['--changed', 'a', '--first-parent'],
        /--changed reads no history, so --max-count and --first-parent cannot be used with it/,
      ],
      [['--config', 'x.json', '--no-config'], /--config and --no-config cannot be used together/],
      [['--context', 'nope'], /--context: nope is not a folder/],
      [['no-such-dir'], /cache-report: no-such-dir: /],
    ];
    for (const [args, message] of cases) {
      const run = memoryIO(repo.dir);
      assert.is(await main(['cache-report', ...args], run.io), 2, args.join(' '));
      assert.match(run.stderr(), message);
    }
    const none = memoryIO(repo.dir);
    assert.is(await main(['cache-report', '--since', 'HEAD'], none.io), 0, none.stderr());
    assert.ok(none.stdout().startsWith('cache-report: no commits (after HEAD); 1 Dockerfile\n'), none.stdout());
    const empty = initRepo({ Dockerfile: DOCKERFILE });
    try {
      const run = memoryIO(empty.dir);
      assert.is(await main(['cache-report'], run.io), 2);
      assert.match(run.stderr(), /the repository has no commits yet/);
    } finally {
      empty.remove();
    }
  } finally {
    plain.remove();
    repo.remove();
  }
});

test('the configuration is honoured: merge-runs and split-manifest-copy off, and --no-config', async () => {
  const { repo, shas } = scriptedRepo();
  try {
    repo.write(
      '.layerfixrc.json',
      JSON.stringify({ root: true, transforms: { 'split-manifest-copy': 'off', 'merge-runs': 'off' } }),
    );
    const run = memoryIO(repo.dir);
    assert.is(
      await main(['cache-report', '--since', shas[0], '--format', 'json', 'Dockerfile'], run.io),
      0,
      run.stderr(),
    );
    const report = JSON.parse(run.stdout());
    // Only the stable apt RUNs move above the broad COPY: npm ci still reruns on every source and manifest edit.
    assert.equal(report.source, { commits: 3, before: work(6, 6), after: work(2, 2), withoutMerges: work(2, 2) });
    const none = memoryIO(repo.dir);
    assert.is(
      await main(['cache-report', '--since', shas[0], '--no-config', '--format', 'json', 'Dockerfile'], none.io),
      0,
      none.stderr(),
    );
    assert.equal(JSON.parse(none.stdout()).source.after, work(1, 1));
  } finally {
    repo.remove();
  }
});

test('build contexts found from the repository: a subfolder Dockerfile built from the root by compose, with a target', async () => {
  const repo = initRepo();
  try {
    const dockerfile =
      'FROM python:3.12 AS base\nWORKDIR /srv\nCOPY . .\nRUN pip install -r services/api/requirements.txt\n\nFROM base AS test\nRUN pytest\n\nFROM base AS prod\nRUN echo ready\n';
    history(repo, [
      {
        message: 'initial',
        files: {
          'compose.yaml':
            'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n      target: prod\n',
          'services/api/Dockerfile': dockerfile,
          'services/api/requirements.txt': 'flask\n',
          'lib/util.py': 'x = 1\n',
        },
      },
      { message: 'edit a shared library at the root', files: { 'lib/util.py': 'x = 2\n' } },
    ]);
    const run = memoryIO(repo.dir);
    assert.is(await main(['cache-report', '--since', 'HEAD~1', '--format', 'json'], run.io), 0, run.stderr());
    const file = JSON.parse(run.stdout()).files[0];
    assert.equal([file.context, file.contextSource, file.target], ['.', 'compose.yaml: services.api.build', 'prod']);
    // lib/ is outside services/api/, so only the root context sees the edit; the test stage is not built for prod.
    assert.equal(file.rows[0].before, work(2, 2));
  } finally {
    repo.remove();
  }
});

test('shell commands: split at &&, ||, ; and newlines; a pipeline is one; substitutions are not counted', async () => {
  await loadShellParser();
  assert.is(shellCommands('apt-get update && apt-get install -y curl'), 2);
  assert.is(shellCommands('a || b; c\nd'), 4);
  assert.is(shellCommands('curl -fsSL https://x | sh'), 1);
  assert.is(shellCommands('echo "$(date)" > /built && { b || c; }'), 3);
  assert.is(shellCommands('if [ -f x ]; then make; fi'), 2);
  assert.is(shellCommands('true'), 1);
});

test('merging RUNs is not a saving: two RUNs and their merge rerun the same commands', () => {
  const separate = 'FROM alpine\nCOPY . /src\nRUN a && b\nRUN c || d\n';
  const merged = 'FROM alpine\nCOPY . /src\nRUN a && b && { c || d; }\n';
  const edit = { paths: ['x'], previous: undefined as string | undefined };
  edit.previous = separate;
  const one = rebuilt(separate, edit);
  edit.previous = merged;
  const two = rebuilt(merged, edit);
  assert.equal([one.commands, one.runs], [4, 2]);
  assert.equal([two.commands, two.runs], [4, 1]);
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

test('multi-stage: COPY --from depends on its stage; within a stage all after the first invalidated step reruns; targets', () => {
  const runs = (paths: string[], previous: string | undefined = MULTI, target?: string) =>
    rebuilt(MULTI, { paths, previous, target }).runs;
  assert.is(runs(['src/app.js']), 2); // npm run build, nginx -t
  assert.is(runs(['package.json']), 3); // npm ci, npm run build, nginx -t
  assert.is(runs(['README.md']), 0);
  assert.is(runs([], MULTI.replace('echo hi', 'echo hello')), 2); // only the second stage, from its edit
  assert.is(runs([], MULTI.replace('npm ci', 'npm install')), 3); // npm ci onwards, and the COPY --from
  assert.is(rebuilt(MULTI, { paths: [], previous: undefined }).runs, 4); // a new file: all four RUNs
  assert.is(runs(['Dockerfile']), 0); // not copied by any source here
  assert.is(runs(['package.json'], MULTI, 'build'), 2); // the build stage alone: npm ci, npm run build
  const bind = 'FROM alpine\nRUN echo a\nRUN --mount=type=bind,source=go.sum,target=/x go mod download\nRUN echo b\n';
  assert.is(rebuilt(bind, { paths: ['go.sum'], previous: bind }).runs, 2); // a bind mount of the context reads go.sum
  assert.is(rebuilt(bind, { paths: ['main.go'], previous: bind }).runs, 0);
  assert.is(rebuilt(DOCKERFILE, { paths: ['Dockerfile'], previous: DOCKERFILE }).runs, 3); // COPY . takes the Dockerfile when not ignored
});

const VARIABLES = `ARG BASE_DIR=docker
FROM debian:bookworm AS base
ENV CONF=conf
ARG BASE_DIR
ARG DOCKER_DIR=./$BASE_DIR/web
COPY \${DOCKER_DIR}/entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh
COPY $CONF/app.conf /etc/app.conf
RUN echo conf

FROM base
COPY $CONF/extra.conf /etc/extra.conf
RUN echo extra
COPY $DOCKER_DIR/late.sh /late.sh
RUN echo late
`;

test('COPY sources with variables: ARG defaults (a global one through ARG NAME), build arguments, ENVs of the base stage', () => {
  const runs = (paths: string[], args?: Record<string, string>) =>
    rebuilt(VARIABLES, { paths, previous: VARIABLES, ...(args ? { args } : {}) }).runs;
  assert.is(runs(['src/app.py']), 1); // only the late copy, whose variable has no value here, may take it
  assert.is(runs(['docker/web/entrypoint.sh']), 4);
  assert.is(runs(['conf/app.conf']), 3);
  assert.is(runs(['conf/extra.conf']), 2); // the ENV carries into the stage built on base
  assert.is(runs(['other/web/entrypoint.sh'], { BASE_DIR: 'other' }), 4); // the build argument wins over the default
  assert.is(runs(['docker/web/entrypoint.sh'], { BASE_DIR: 'other' }), 1); // only the late copy, whose ARG is unset
  assert.is(runs(['docker/web/late.sh']), 1); // an ARG does not carry into a stage built on its stage: unknown, covers all
  assert.is(runs(['src/entrypoint.sh'], { DOCKER_DIR: 'src' }), 4);
  assert.is(runs(['src/app.py'], { DOCKER_DIR: 'src' }), 1);
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

test('one git read per history: the same few git processes for 3 commits as for 40, with 3 Dockerfiles', () => {
  const counts: number[] = [];
  for (const commits of [3, 40]) {
    const repo = initRepo();
    try {
      const scripted: ScriptedCommit[] = [
        {
          message: 'initial',
          files: {
            'a/Dockerfile': DOCKERFILE,
            'b/Dockerfile': DOCKERFILE,
            'c/Dockerfile': EDITED,
            'a/package.json': '{}\n',
            'b/package.json': '{}\n',
            'c/package.json': '{}\n',
          },
        },
      ];
      for (let i = 1; i < commits; i++)
        scripted.push({
          message: `edit ${i}`,
          files: {
            [`${'abc'[i % 3]}/${i % 2 ? 'server.js' : 'Dockerfile'}`]:
              i % 2 ? `${i}\n` : `${DOCKERFILE}RUN echo ${i}\n`,
          },
        });
      history(repo, scripted);
      // A git on PATH that logs each call, then runs the real one.
      const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
      repo.write('bin/git', `#!/bin/sh\necho "$1" >> "${repo.path('git-calls.log')}"\nexec "${real}" "$@"\n`);
      chmodSync(repo.path('bin/git'), 0o755);
      const run = runCli(['cache-report', '--format', 'json', 'a', 'b', 'c'], repo.dir, {
        env: { PATH: `${repo.path('bin')}:${process.env.PATH}` },
      });
      assert.is(run.code, 0, run.stderr);
      assert.is(JSON.parse(run.stdout).range.commits, commits);
      const calls = readFileSync(repo.path('git-calls.log'), 'utf8').trim().split('\n');
      // `-C <root> ls-files`: the committed files, read once for the rewrite's checks of the build context.
      assert.equal([...new Set(calls)].sort(), ['-C', 'cat-file', 'log', 'rev-parse']);
      counts.push(calls.length);
    } finally {
      repo.remove();
    }
  }
  assert.is(counts[0], counts[1]);
});

test('the context a report reads goes through the ignore file the build reads: none for a Git context', () => {
  const repo = makeRepo({
    Dockerfile: 'FROM alpine\nCOPY . /app\n',
    '.dockerignore': 'notes.md\n',
    'podman.ignore': 'src\n',
  });
  try {
    const dockerfile = repo.path('Dockerfile');
    assert.ok(reportContext(dockerfile).ignore.ignores('notes.md'));
    assert.not.ok(reportContext(dockerfile, repo.dir, GIT_CONTEXT).ignore.ignores('notes.md'));
    const named = reportContext(dockerfile, repo.dir, repo.path('podman.ignore')).ignore;
    assert.ok(named.ignores('src/a.js'));
    assert.not.ok(named.ignores('notes.md'));
  } finally {
    repo.remove();
  }
});

test.run();
