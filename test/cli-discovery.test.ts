import { mkdirSync, symlinkSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { discover, type Candidate } from '../src/runner/discover.js';
import { isDockerfileName, TEMP_FILE } from '../src/runner/names.js';
import { ConfigResolver } from '../src/config/resolver.js';
import { makeRepo, type Repo } from './helpers/cli-repo.js';

const FILE = 'FROM alpine\nRUN a\n';

async function found(repo: Repo, args: string[] = [], config?: string | false): Promise<Candidate[]> {
  return discover(args, { cwd: repo.dir, resolver: new ConfigResolver({ cwd: repo.dir, config }) });
}

function rel(repo: Repo, candidates: Candidate[]): string[] {
  return candidates.map((c) => c.absolutePath.slice(repo.dir.length + 1));
}

test('Dockerfile names', () => {
  // docs/cli.md ("Which files") says which tool reads each name.
  const names = [
    'Dockerfile',
    'Dockerfile.dev',
    'Dockerfile.prod.arm64',
    'Dockerfile-dev',
    'Dockerfile_prod',
    'dockerfile',
    'api.Dockerfile',
    'api.dockerfile',
  ];
  for (const name of [
    ...names,
    'Containerfile',
    'Containerfile.gpu',
    'Containerfile-gpu',
    'api.Containerfile',
    'api.containerfile',
  ]) {
    assert.ok(isDockerfileName(name), name);
  }
  const others = [
    'Dockerfile.dockerignore',
    'api.Dockerfile.dockerignore',
    'Containerfile.containerignore',
    'Dockerfiles',
    'MyDockerfile',
    'dockerfile.go',
    'dockerfile_test.go',
    'dockerfile-parser.js',
  ];
  for (const name of [
    ...others,
    'Dockerfile-',
    '.Dockerfile.layerfix-1-0-2.tmp',
    'README.md',
    'Containerfiles',
    'DockerFile',
  ]) {
    assert.not.ok(isDockerfileName(name), name);
  }
  assert.ok(TEMP_FILE.test('.Dockerfile.layerfix-123-0-7.tmp'));
});

test('folders are searched for Dockerfile names, skipping node_modules, vendor, .git and __fixtures__, in sorted order', async () => {
  const repo = makeRepo({
    Dockerfile: FILE,
    'svc/api/Dockerfile.dev': FILE,
    'svc/api/build.dockerfile': FILE,
    'svc/api/Dockerfile-dev': FILE,
    'svc/api/Dockerfile_prod': FILE,
    'svc/lower/dockerfile': FILE,
    'svc/web/Containerfile': FILE,
    'svc/web/README.md': 'not a Dockerfile',
    'svc/web/Dockerfile.dockerignore': 'node_modules',
    'node_modules/pkg/Dockerfile': FILE,
    'vendor/github.com/tdewolff/minify/Dockerfile': FILE,
    '.git/Dockerfile': FILE,
    'layerfix/__fixtures__/no-latest/case/input.Dockerfile': FILE,
    '.devcontainer/Dockerfile': FILE,
    'svc/.Dockerfile.layerfix-99-0-0.tmp': FILE,
  });
  try {
    assert.equal(rel(repo, await found(repo)), [
      '.devcontainer/Dockerfile',
      'Dockerfile',
      'svc/api/Dockerfile-dev',
      'svc/api/Dockerfile.dev',
      'svc/api/Dockerfile_prod',
      'svc/api/build.dockerfile',
      'svc/lower/dockerfile',
      'svc/web/Containerfile',
    ]);
  } finally {
    repo.remove();
  }
});

test('.gitignore and .layerfixignore are honoured, nested ones relative to their folder, with re-includes', async () => {
  const repo = makeRepo({
    '.gitignore': 'build/\n*.generated.Dockerfile\n',
    '.layerfixignore': 'legacy/\n',
    Dockerfile: FILE,
    'build/Dockerfile': FILE,
    'legacy/Dockerfile': FILE,
    'x.generated.Dockerfile': FILE,
    'svc/.gitignore': 'tmp/\n!keep.generated.Dockerfile\n',
    'svc/tmp/Dockerfile': FILE,
    'svc/keep.generated.Dockerfile': FILE,
    'svc/Dockerfile': FILE,
    'other/tmp/Dockerfile': FILE,
  });
  try {
    assert.equal(rel(repo, await found(repo)), [
      'Dockerfile',
      'other/tmp/Dockerfile',
      'svc/Dockerfile',
      'svc/keep.generated.Dockerfile',
    ]);
  } finally {
    repo.remove();
  }
});

test('the ignore files of parent folders count up to the git root', async () => {
  const repo = makeRepo({ '.gitignore': 'svc/gen/\n', 'svc/gen/Dockerfile': FILE, 'svc/Dockerfile': FILE });
  try {
    mkdirSync(repo.path('.git'));
    const candidates = await discover(['.'], {
      cwd: repo.path('svc'),
      resolver: new ConfigResolver({ cwd: repo.path('svc') }),
    });
    assert.equal(rel(repo, candidates), ['svc/Dockerfile']);
  } finally {
    repo.remove();
  }
});

test('a file named explicitly is always processed, even when ignored or not named like a Dockerfile', async () => {
  const repo = makeRepo({
    '.gitignore': 'build/\n',
    'build/Dockerfile': FILE,
    'docker/app.df': FILE,
    'node_modules/x/Dockerfile': FILE,
  });
  try {
    const candidates = await found(repo, ['build/Dockerfile', 'docker/app.df', 'node_modules/x/Dockerfile']);
    assert.equal(rel(repo, candidates), ['build/Dockerfile', 'docker/app.df', 'node_modules/x/Dockerfile']);
    assert.ok(candidates.every((c) => c.explicit));
  } finally {
    repo.remove();
  }
});

test('globs are expanded (ignore files still apply); a glob matching nothing and a missing path are errors', async () => {
  const repo = makeRepo({
    '.gitignore': 'gen/\n',
    'a/Dockerfile': FILE,
    'b/Dockerfile': FILE,
    'b/x.df': FILE,
    'gen/Dockerfile': FILE,
    'node_modules/y/Dockerfile': FILE,
  });
  try {
    assert.equal(rel(repo, await found(repo, ['**/Dockerfile'])), ['a/Dockerfile', 'b/Dockerfile']);
    assert.equal(rel(repo, await found(repo, ['b/*.df'])), ['b/x.df']);
    const none = await found(repo, ['**/*.containerfile']);
    assert.is(none.length, 1);
    assert.equal(none[0].error, { ruleId: 'no-match', message: 'No files match this pattern' });
    assert.is(none[0].display, '**/*.containerfile');
    const missing = await found(repo, ['nope/Dockerfile']);
    assert.equal(missing[0].error, { ruleId: 'read-error', message: 'No such file or folder' });
  } finally {
    repo.remove();
  }
});

test('files found twice (argument order kept) are processed once', async () => {
  const repo = makeRepo({ 'a/Dockerfile': FILE, 'b/Dockerfile': FILE });
  try {
    assert.equal(rel(repo, await found(repo, ['b', 'a/Dockerfile', '.', 'a'])), ['b/Dockerfile', 'a/Dockerfile']);
  } finally {
    repo.remove();
  }
});

test('symlinks: folders never followed; files inside the tree count once; outside the tree skipped; loops kept for reporting', async () => {
  const outside = makeRepo({ Dockerfile: FILE, 'deep/Dockerfile': FILE });
  const repo = makeRepo({ 'real/Dockerfile': FILE, 'svc/Dockerfile.base': FILE });
  try {
    symlinkSync(repo.path('real'), repo.path('linked-dir')); // inside: already searched as real/
    symlinkSync(outside.dir, repo.path('outside-dir')); // outside: never followed
    symlinkSync(repo.dir, repo.path('real/loop')); // a folder loop: not followed, so no endless walk
    symlinkSync(repo.path('svc/Dockerfile.base'), repo.path('svc/Dockerfile')); // inside: same file as Dockerfile.base
    symlinkSync(repo.path('real/Dockerfile'), repo.path('Dockerfile.shared')); // inside, another name
    symlinkSync(outside.path('Dockerfile'), repo.path('Dockerfile.ext')); // outside: skipped with a reason
    symlinkSync('Dockerfile.self', repo.path('Dockerfile.self')); // a loop: reported when read
    symlinkSync('missing', repo.path('Dockerfile.dangling')); // dangling: reported when read
    const candidates = await found(repo);
    const byPath = new Map(candidates.map((c) => [c.absolutePath.slice(repo.dir.length + 1), c]));
    assert.equal([...byPath.keys()].sort(), [
      'Dockerfile.dangling',
      'Dockerfile.ext',
      'Dockerfile.self',
      'real/Dockerfile',
      'svc/Dockerfile.base',
    ]);
    assert.match(byPath.get('Dockerfile.ext')!.skipped ?? '', /outside the folder being processed/);
    assert.is(byPath.get('Dockerfile.self')!.skipped, undefined);
  } finally {
    repo.remove();
    outside.remove();
  }
});

test('a folder named Dockerfile is searched like any folder, not read as a file', async () => {
  const repo = makeRepo({ 'Dockerfile/Dockerfile': FILE, 'Dockerfile/notes.txt': 'x' });
  try {
    assert.equal(rel(repo, await found(repo)), ['Dockerfile/Dockerfile']);
    assert.equal(rel(repo, await found(repo, ['Dockerfile'])), ['Dockerfile/Dockerfile']);
  } finally {
    repo.remove();
  }
});

test('config `files` adds names and config `ignore` removes files, relative to the config file', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': JSON.stringify({
      root: true,
      files: ['*.df', 'docker/build'],
      ignore: ['third_party/', 'svc/skip.Dockerfile'],
    }),
    'a.df': FILE,
    'docker/build': FILE,
    'third_party/Dockerfile': FILE,
    'svc/skip.Dockerfile': FILE,
    'svc/Dockerfile': FILE,
    'svc/notes.txt': 'x',
  });
  try {
    assert.equal(rel(repo, await found(repo)), ['a.df', 'docker/build', 'svc/Dockerfile']);
    assert.equal(rel(repo, await found(repo, [], false)), [
      'svc/Dockerfile',
      'svc/skip.Dockerfile',
      'third_party/Dockerfile',
    ]);
  } finally {
    repo.remove();
  }
});

test.run();
