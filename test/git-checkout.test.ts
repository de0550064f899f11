/**
 * A build context in a git work tree: CI and Git contexts build a fresh checkout, which lacks what git does not track
 * and may hold what git ignores. split-manifest-copy must not rest on either (red team 16; fixtures cannot hold a
 * work tree of their own, so these cases build one).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GitCheckout } from '../src/analysis/git-checkout.js';
import { transform } from '../src/registry.js';

const DOCKERFILE = 'FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n';
const NPM = {
  Dockerfile: DOCKERFILE,
  '.dockerignore': 'node_modules\n',
  'package.json': '{"name":"app","version":"1.0.0"}\n',
  'package-lock.json':
    '{"name":"app","lockfileVersion":3,"requires":true,"packages":{"":{"name":"app","version":"1.0.0"}}}\n',
  'index.js': '\n',
};

const NPM_WITHOUT_DOCKERIGNORE = Object.fromEntries(Object.entries(NPM).filter(([path]) => path !== '.dockerignore'));

/** A git work tree in a temporary folder with `committed` committed and `loose` written but not added. */
function workTree(committed: Record<string, string>, loose: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-git-'));
  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
  git('init', '-q');
  write(committed);
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'files');
  write(loose);
  return dir;
}

/** Run `check` on a work tree made by `workTree`, removed afterwards. */
async function inWorkTree(
  committed: Record<string, string>,
  loose: Record<string, string>,
  check: (dir: string) => Promise<void> | void,
): Promise<void> {
  const dir = workTree(committed, loose);
  try {
    await check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function split(dir: string) {
  const result = await transform(DOCKERFILE, { path: join(dir, 'Dockerfile'), only: ['split-manifest-copy'] });
  return { changed: result.text !== DOCKERFILE, messages: result.messages.map((m) => m.message).join('\n') };
}

test('a work tree where every file the split reads is committed: the split goes ahead', async () => {
  await inWorkTree(NPM, {}, async (dir) => {
    const { changed, messages } = await split(dir);
    assert.ok(changed, messages);
  });
});

test('an .npmrc on disk that is not committed: a fresh checkout lacks it, so the split declines', async () => {
  await inWorkTree({ ...NPM, '.gitignore': 'node_modules\n.npmrc\n' }, { '.npmrc': 'fund=false\n' }, async (dir) => {
    const { changed, messages } = await split(dir);
    assert.not.ok(changed);
    assert.match(messages, '`.npmrc` is not committed to git, so a build from a fresh checkout');
  });
});

test('an .npmrc git ignores and that is not here: a build step may write it, so the split declines', async () => {
  await inWorkTree({ ...NPM, '.gitignore': 'node_modules\n.npmrc\n' }, {}, async (dir) => {
    const { changed, messages } = await split(dir);
    assert.not.ok(changed);
    assert.match(messages, '`.npmrc` is not in the build context here, but git ignores it');
  });
});

test('a node_modules git ignores and .dockerignore does not: a local install would be copied over the installed one', async () => {
  await inWorkTree({ ...NPM_WITHOUT_DOCKERIGNORE, '.gitignore': 'node_modules/\n' }, {}, async (dir) => {
    const { changed, messages } = await split(dir);
    assert.not.ok(changed);
    assert.match(messages, '`node_modules` is not in the build context here, but git ignores it');
  });
});

test('a .dockerignore that is not committed: a fresh checkout sends what it leaves out, so the split declines', async () => {
  await inWorkTree(NPM_WITHOUT_DOCKERIGNORE, { '.dockerignore': 'node_modules\n' }, async (dir) => {
    const { changed, messages } = await split(dir);
    assert.not.ok(changed);
    assert.match(messages, 'its ignore file .dockerignore is not committed to git');
  });
});

test('a .git that git cannot read is no work tree: nothing of this applies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-git-'));
  mkdirSync(join(dir, '.git'));
  for (const [path, text] of Object.entries({ ...NPM, '.gitignore': '.npmrc\n', '.git/config': '' }))
    writeFileSync(join(dir, path), text);
  try {
    const { changed, messages } = await split(dir);
    assert.ok(changed, messages);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GitCheckout: committed files and the folders above them; ignore rules per folder, later ones winning', async () => {
  await inWorkTree(
    { 'a/b/c.txt': 'x', '.gitignore': '*.log\nbuild/\n', 'sub/.gitignore': '!keep.log\n' },
    { 'loose.txt': 'x' },
    (dir) => {
      const git = new GitCheckout(dir);
      assert.ok(git.committed(join(dir, 'a/b/c.txt')));
      assert.ok(git.committed(join(dir, 'a/b')), 'a folder holding a committed file');
      assert.not.ok(git.committed(join(dir, 'loose.txt')));
      assert.not.ok(git.committed(join(dir, 'a/x')));
      assert.ok(git.ignored(join(dir, 'debug.log'), false));
      assert.ok(git.ignored(join(dir, 'sub/debug.log'), false));
      assert.not.ok(git.ignored(join(dir, 'sub/keep.log'), false), "a deeper .gitignore's `!` brings it back");
      assert.ok(git.ignored(join(dir, 'build'), true));
      assert.not.ok(git.ignored(join(dir, 'build'), false), '`build/` matches folders only');
      assert.not.ok(git.ignored(join(dir, 'src/index.js'), false));
    },
  );
});

test.run();
