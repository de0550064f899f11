/**
 * .dockerignore read and applied as BuildKit does: moby/patternmatcher's reader and matcher, walked top down as
 * tonistiigi/fsutil sends a context (red team 32), and the build context seen through it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BuildContext, openBuildContext } from '../src/analysis/build-context.js';
import { DockerIgnore, parseDockerignore } from '../src/analysis/dockerignore.js';
import { makeRepo } from './helpers/cli-repo.js';

/** Run `check` on a build context made of `files` (with their .dockerignore), then remove it. */
function withContext(files: Record<string, string>, check: (context: BuildContext) => void): void {
  const repo = makeRepo(files);
  try {
    check(new BuildContext(repo.dir, '.dockerignore'));
  } finally {
    repo.remove();
  }
}

test('rules are anchored at the root, and the last matching rule wins even inside an excluded folder', () => {
  const rules = new DockerIgnore('# comment\n*.md\n/build\n**/node_modules\ndocs\n!docs/README.md\n./tmp/\n');
  assert.ok(rules.ignores('README.md'));
  assert.not.ok(rules.ignores('src/README.md'), '*.md only matches at the root, unlike .gitignore');
  assert.ok(rules.ignores('build/out.js'), 'a rule on a folder covers what is in it');
  assert.ok(rules.ignores('packages/a/node_modules/x/index.js'));
  assert.ok(rules.ignores('docs/guide.txt'));
  assert.not.ok(rules.ignores('docs/README.md'), 'an exception brings a file back from an excluded folder');
  assert.ok(rules.ignores('tmp/x'), 'patterns are cleaned');
  assert.not.ok(rules.ignores('package.json'));
});

test('patterns compile as moby/patternmatcher compiles them, not as .gitignore globs (red team 16)', () => {
  const suffix = new DockerIgnore('**.md\n');
  assert.ok(suffix.ignores('README.md'));
  assert.ok(suffix.ignores('docs/a.md'), 'a leading ** followed by a literal is a suffix: any path ending in .md');
  const anyDepth = new DockerIgnore('**/node_modules\n');
  assert.ok(anyDepth.ignores('node_modules'));
  assert.ok(anyDepth.ignores('a/b/node_modules/x.js'));
  const klass = new DockerIgnore('[!a]*.txt\n');
  assert.ok(klass.ignores('a.txt'), '[!a] is a class holding ! and a');
  assert.ok(klass.ignores('!x.txt'));
  assert.not.ok(klass.ignores('b.txt'));
  const inner = new DockerIgnore('a**b\n');
  assert.ok(inner.ignores('ab'));
  assert.ok(inner.ignores('ax/b'));
  assert.not.ok(inner.ignores('axb'), 'an inner ** is (.*/)?: it spans whole folders only');
  const prefix = new DockerIgnore('build**\n');
  assert.ok(prefix.ignores('builder.js'), 'a trailing ** is a prefix of the path');
  const star = new DockerIgnore('*.log\nlogs/*/keep\n');
  assert.ok(star.ignores('a.log'));
  assert.not.ok(star.ignores('x/a.log'), '* stays within one folder, anchored at the root');
  assert.ok(star.ignores('logs/2024/keep'));
  assert.not.ok(star.ignores('logs/2024/05/keep'));
  assert.ok(new DockerIgnore('a+(b).txt\n').ignores('a+(b).txt'), 'regular-expression characters are literal');
  assert.ok(new DockerIgnore('file\\*.txt\n').ignores('file*.txt'), 'a backslash escapes the next character');
  assert.not.ok(new DockerIgnore('file\\*.txt\n').ignores('fileX.txt'));
});

test('an ignore-everything file with exceptions', () => {
  const rules = new DockerIgnore('*\n!package.json\n!src\n');
  assert.ok(rules.ignores('package-lock.json'));
  assert.not.ok(rules.ignores('package.json'));
  assert.not.ok(rules.ignores('src/index.js'));
});

test('patterns match case-sensitively, as BuildKit matches them', () => {
  const rules = new DockerIgnore('*.md\n[Dd]ocs\n');
  assert.is(rules.ignores('README.md'), true);
  assert.is(rules.ignores('README.MD'), false);
  assert.is(rules.ignores('Docs/a.txt'), true);
  assert.is(rules.ignores('DOCS/a.txt'), false);
});

test('the walk carries to a path only the rules its folder was tried against (fsutil, red team 32)', () => {
  // `!packages` brings the folder back, but the files below were excluded by **/*.json, a rule the folder never
  // matched: BuildKit does not send them (Docker's legacy rule, any matching parent, did).
  const rules = new DockerIgnore('**/*.json\n!package.json\n!package-lock.json\n!packages\n');
  assert.not.ok(rules.ignores('packages'));
  assert.ok(rules.ignores('packages/a/package.json'));
  assert.not.ok(rules.ignoresByParents('packages/a/package.json'), 'the legacy reading sends it');
  // And the reverse: node_modules is never tried once `*` has excluded the path, so a glob exception below it wins.
  const reverse = new DockerIgnore('*\n!**/package.json\nnode_modules\n');
  assert.not.ok(reverse.ignores('node_modules/x/package.json'));
  assert.ok(reverse.ignoresByParents('node_modules/x/package.json'));
  assert.ok(reverse.ignores('node_modules/x/index.js'));
});

test('the legacy reading, as buildah walks: a left-out folder is entered only for a literal exception (red team 35)', () => {
  const rules = new DockerIgnore('*\n!**/package.json\n!package-lock.json\n');
  assert.not.ok(rules.ignores('packages/a/package.json'), 'BuildKit enters every folder for a glob exception');
  assert.ok(rules.ignoresByParents('packages/a/package.json'), 'buildah does not enter packages');
  assert.not.ok(rules.ignoresByParents('package.json'));
  const literal = new DockerIgnore('*\n!packages/a/package.json\n');
  assert.not.ok(literal.ignoresByParents('packages/a/package.json'));
});

test('an excluded folder is entered only for a glob exception or a literal one below it', () => {
  const literal = new DockerIgnore('*\n!packages/a/package.json\n');
  assert.ok(literal.enters('packages'));
  assert.ok(literal.enters('packages/a'));
  assert.not.ok(literal.enters('packages/b'), 'no exception lies below packages/b: fsutil skips it');
  assert.not.ok(literal.enters('docs'));
  assert.ok(literal.ignores('packages'), 'the folder itself is left out (it is sent only as a parent)');
  assert.not.ok(literal.ignores('packages/a/package.json'));
  const none = new DockerIgnore('docs\n');
  assert.not.ok(none.enters('docs'));
  assert.ok(none.enters('src'));
  assert.ok(new DockerIgnore('*\n!**/keep\n').enters('anything/below'), 'a glob exception: every folder is entered');
});

test('lines are read as the ignore file reader and the matcher read them', () => {
  assert.equal(parseDockerignore('/!x\n'), [{ pattern: 'x', exclusion: true }], 'a cleaned /!x is an exception');
  assert.equal(parseDockerignore(' a /\n'), [{ pattern: 'a', exclusion: false }], 'trimmed again after cleaning');
  assert.equal(parseDockerignore('\ufeffone\n\ufefftwo\r\n'), [
    { pattern: 'one', exclusion: false },
    { pattern: '\ufefftwo', exclusion: false },
  ]);
  assert.equal(parseDockerignore('# c\n!\n.\n/\n'), [{ pattern: '/', exclusion: false }]);
  assert.is(
    new DockerIgnore('[[:digit:]]*.log\n').problem,
    'the pattern `[[:digit:]]*.log` has a POSIX character class',
  );
  assert.match(new DockerIgnore('dat\\a.txt\n').problem ?? '', 'backslash before a letter');
  assert.is(new DockerIgnore('file\\*.txt\n').problem, undefined);
});

test('the build context: a folder left out is there when a file below it is brought back', () =>
  withContext(
    {
      'packages/a/package.json': '{}\n',
      'packages/a/index.js': '\n',
      'packages/b/package.json': '{}\n',
      'tools/git': '#!/bin/sh\n',
      'tools/other': '#!/bin/sh\n',
      'docs/x.md': '\n',
      '.dockerignore': '*\n!packages/a/package.json\n!tools/git\n',
    },
    (context) => {
      assert.ok(context.isDirectory('packages'));
      assert.ok(context.isDirectory('packages/a'));
      assert.not.ok(context.has('packages/b'));
      assert.not.ok(context.has('docs'));
      assert.equal(context.list('packages'), ['a']);
      assert.equal(context.list('packages/a'), ['package.json']);
      assert.equal(context.list('tools'), ['git']);
      assert.equal(context.list(''), ['packages', 'tools']);
    },
  ));

test('the build context: a file the rules leave out stays out when a glob exception makes the walk enter every folder', () =>
  withContext(
    {
      'a.log': 'x\n',
      'logs/keep.log': 'x\n',
      'logs/b.log': 'x\n',
      '.dockerignore': '**/*.log\n!**/keep.log\n',
    },
    (context) => {
      assert.not.ok(context.has('a.log'));
      assert.not.ok(context.has('logs/b.log'));
      assert.ok(context.has('logs/keep.log'));
      assert.ok(context.has('logs'));
      assert.equal(context.list('logs'), ['keep.log']);
    },
  ));

test('the build context: a folder BuildKit leaves out and buildah sends is a doubt (red team 33)', () =>
  // `!web` is never tried at web (it cannot change the verdict there), so BuildKit excludes web/node_modules, which
  // the legacy reading brings back through its folder.
  withContext(
    {
      'web/package.json': '{}\n',
      'web/node_modules/ms/index.js': '\n',
      '.dockerignore': '**/node_modules\n**/.cache\n!web\n',
    },
    (context) => {
      context.watchDoubts();
      assert.not.ok(context.has('web/node_modules'));
      assert.match(context.doubtSeen() ?? '', 'leaves out `web/node_modules` for BuildKit but not for builders');
      context.watchDoubts();
      assert.ok(context.has('web/package.json'));
      assert.is(context.doubtSeen(), undefined);
    },
  ));

test('the build context: an ignore file layerfix cannot read as BuildKit does is a reason, not a guess', () => {
  const repo = makeRepo({ Dockerfile: 'FROM alpine\n', '.dockerignore': '[[:digit:]]*.log\n' });
  try {
    const lookup = openBuildContext(repo.path('Dockerfile'), '');
    assert.equal(lookup, {
      reason: 'its ignore file .dockerignore: the pattern `[[:digit:]]*.log` has a POSIX character class',
    });
  } finally {
    repo.remove();
  }
});

test.run();
