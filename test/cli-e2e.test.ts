/**
 * The built CLI (`node bin/layerfix.js`) in temporary repositories: nested folders, ignored folders, CRLF and BOM
 * files, several configuration files with overrides.
 */
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, ROOT, runCli, type Repo } from './helpers/cli-repo.js';

const MERGEABLE = 'FROM alpine\nRUN apk add curl\nRUN curl -V\n';
const MERGED = 'FROM alpine\nRUN apk add curl && curl -V\n';
const CRLF = MERGEABLE.replace(/\n/g, '\r\n');
const CRLF_MERGED = MERGED.replace(/\n/g, '\r\n');
const BOM = `\uFEFF${MERGEABLE}`;
const MOVABLE = 'FROM alpine\nWORKDIR /app\nCOPY . /app\nRUN apk add --no-cache curl\nCMD ["/app/run"]\n';

function standardRepo(): Repo {
  return makeRepo({
    '.gitignore': 'dist/\n',
    '.layerfixrc.json': JSON.stringify({
      root: true,
      overrides: [{ files: 'legacy/**', transforms: { 'merge-runs': 'off' } }],
    }),
    Dockerfile: MERGEABLE,
    'services/api/Dockerfile': CRLF,
    'services/api/bom.Dockerfile': BOM,
    'services/web/layerfix.config.mjs':
      "export default { overrides: [{ files: '*.prod.Dockerfile', transforms: { 'reorder-stable': 'off' } }] };\n",
    'services/web/package.json': '{"name":"web","type":"module"}',
    'services/web/Dockerfile': MOVABLE,
    'services/web/app.prod.Dockerfile': MOVABLE,
    'legacy/Dockerfile': MERGEABLE,
    'clean/Containerfile': MERGED,
    'dist/Dockerfile': MERGEABLE,
    'node_modules/pkg/Dockerfile': MERGEABLE,
  });
}

const CHANGED = ['Dockerfile', 'services/api/Dockerfile', 'services/api/bom.Dockerfile', 'services/web/Dockerfile'];

test('dry run: diffs for the changed files only, nothing written, exit 0', () => {
  const repo = standardRepo();
  try {
    const before = repo.snapshot();
    const run = runCli([], repo.dir);
    assert.is(run.code, 0, run.stderr);
    const diffed = [...run.stdout.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]);
    assert.equal(diffed, CHANGED);
    assert.ok(
      run.stdout.includes('-RUN apk add curl\r\n-RUN curl -V\r\n+RUN apk add curl && curl -V\r\n'),
      'CRLF lines in the diff',
    );
    assert.match(
      run.stderr,
      /layerfix: 7 files scanned: 4 changed, 3 unchanged, 0 skipped, 0 failed; changes: merge-runs 3, reorder-stable 1 \(dry run/,
    );
    assert.equal(repo.snapshot(), before);
  } finally {
    repo.remove();
  }
});

test('--check exits 1 and lists files; --write fixes them keeping CRLF, BOM and mode; then --check exits 0', () => {
  const repo = standardRepo();
  try {
    chmodSync(repo.path('services/api/Dockerfile'), 0o751);
    const check = runCli(['--check'], repo.dir);
    assert.is(check.code, 1, check.stderr);
    assert.equal(
      check.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0]),
      CHANGED,
    );
    const list = runCli(['-l'], repo.dir);
    assert.is(list.code, 1);
    assert.is(list.stdout, `${CHANGED.join('\n')}\n`);
    assert.is(list.stderr, '');

    const write = runCli(['--write'], repo.dir);
    assert.is(write.code, 0, write.stderr);
    assert.match(write.stdout, /^services\/api\/Dockerfile: written \(merge-runs 1\)$/m);
    assert.match(write.stderr, /4 changed \(4 written\)/);
    assert.is(repo.read('Dockerfile'), MERGED);
    assert.is(repo.read('services/api/Dockerfile'), CRLF_MERGED);
    assert.is(repo.read('services/api/bom.Dockerfile'), `\uFEFF${MERGED}`);
    assert.is(statSync(repo.path('services/api/Dockerfile')).mode & 0o777, 0o751);
    assert.is(
      repo.read('services/web/Dockerfile'),
      'FROM alpine\nWORKDIR /app\nRUN apk add --no-cache curl\nCOPY . /app\nCMD ["/app/run"]\n',
    );
    assert.is(
      repo.read('services/web/app.prod.Dockerfile'),
      MOVABLE,
      'the override in services/web turns reorder-stable off',
    );
    assert.is(repo.read('legacy/Dockerfile'), MERGEABLE, 'the override turns merge-runs off');
    assert.is(repo.read('dist/Dockerfile'), MERGEABLE, 'ignored by .gitignore');
    assert.is(repo.read('node_modules/pkg/Dockerfile'), MERGEABLE);
    assert.not.ok(
      repo.list().some((p) => p.endsWith('.tmp')),
      'no temporary files left',
    );

    assert.is(runCli(['--check'], repo.dir).code, 0);
  } finally {
    repo.remove();
  }
});

test('a second --write changes nothing and touches no file', () => {
  const repo = standardRepo();
  try {
    assert.is(runCli(['-w'], repo.dir).code, 0);
    const stamps = new Map(
      repo.list().map((p) => [p, `${lstatSync(repo.path(p)).mtimeMs}:${lstatSync(repo.path(p)).ino}`]),
    );
    const before = repo.snapshot();
    const again = runCli(['-w'], repo.dir);
    assert.is(again.code, 0);
    assert.is(again.stdout, '');
    assert.match(again.stderr, /7 files scanned: 0 changed \(0 written\), 7 unchanged/);
    assert.equal(repo.snapshot(), before);
    assert.equal(
      new Map(repo.list().map((p) => [p, `${lstatSync(repo.path(p)).mtimeMs}:${lstatSync(repo.path(p)).ino}`])),
      stamps,
    );
  } finally {
    repo.remove();
  }
});

test('--format json: one document with each file, its status, diff and messages, and the summary', () => {
  const repo = standardRepo();
  try {
    const run = runCli(['--format', 'json'], repo.dir);
    assert.is(run.code, 0);
    const doc = JSON.parse(run.stdout);
    assert.is(doc.tool, 'layerfix');
    assert.is(doc.mode, 'dry-run');
    assert.equal(
      doc.files.map((f: { path: string }) => f.path).sort(),
      [...CHANGED, 'clean/Containerfile', 'legacy/Dockerfile', 'services/web/app.prod.Dockerfile'].sort(),
    );
    const root = doc.files.find((f: { path: string }) => f.path === 'Dockerfile');
    assert.is(root.status, 'changed');
    assert.match(root.diff, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /);
    // A dry run wrote nothing, so the change is said as what would happen.
    const { line: _line, endLine: _endLine, ...first } = root.messages[0];
    assert.equal(first, {
      kind: 'change',
      ruleId: 'merge-runs',
      message: 'Would merge RUN at 3:1 into RUN at 2:1',
      column: 1,
      endColumn: 1,
      url: root.messages[0].url,
    });
    assert.equal(doc.summary.changes, { 'merge-runs': 3, 'reorder-stable': 1 });
    assert.is(doc.summary.scanned, 7);
  } finally {
    repo.remove();
  }
});

test('--format sarif: SARIF 2.1.0 with the required fields, and each changed file as a fix that reproduces --write', () => {
  const repo = standardRepo();
  try {
    const run = runCli(['--format', 'sarif'], repo.dir);
    assert.is(run.code, 0, run.stderr);
    const log = JSON.parse(run.stdout);
    assert.is(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.is(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.is(sarifRun.tool.driver.name, 'layerfix');
    const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(ruleIds.includes('merge-runs'));
    for (const rule of sarifRun.tool.driver.rules) assert.ok(rule.shortDescription.text);
    assert.ok(sarifRun.results.length >= 4);
    for (const result of sarifRun.results) {
      assert.type(result.ruleId, 'string');
      assert.is(ruleIds[result.ruleIndex], result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.type(result.message.text, 'string');
      const location = result.locations[0].physicalLocation;
      assert.type(location.artifactLocation.uri, 'string');
      assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
    }
    const fixes = sarifRun.results.filter((r: { fixes?: unknown[] }) => r.fixes);
    assert.is(fixes.length, CHANGED.length, 'one fix per changed file');
    // Applying each fix's replacements to the original gives what --write writes.
    const originals = new Map(CHANGED.map((p) => [p, repo.read(p)]));
    assert.is(runCli(['--write'], repo.dir).code, 0);
    for (const result of fixes) {
      const change = result.fixes[0].artifactChanges[0];
      const path = decodeURI(change.artifactLocation.uri);
      let text = originals.get(path)!;
      for (const r of [...change.replacements].reverse()) {
        text =
          text.slice(0, r.deletedRegion.charOffset) +
          r.insertedContent.text +
          text.slice(r.deletedRegion.charOffset + r.deletedRegion.charLength);
      }
      assert.is(text, repo.read(path), path);
    }
  } finally {
    repo.remove();
  }
});

test('--format github: annotations on stdout', () => {
  const repo = makeRepo({ Dockerfile: MERGEABLE, 'bad/Dockerfile': 'FROM\n' });
  try {
    const run = runCli(['--format', 'github'], repo.dir);
    assert.is(run.code, 2);
    assert.match(
      run.stdout,
      /^::warning file=Dockerfile,line=\d,col=1,endLine=\d,title=layerfix merge-runs::Would merge RUN at 3:1 into RUN at 2:1$/m,
    );
    assert.match(run.stdout, /^::error file=bad\/Dockerfile,line=1,col=1,.*title=layerfix [a-z-]+::/m);
  } finally {
    repo.remove();
  }
});

test('bad input among good files: each bad file reported as path:line:col, exit 2, the others written, the bad ones untouched', () => {
  const repo = makeRepo({
    'good/Dockerfile': MERGEABLE,
    'zz/Dockerfile': MERGEABLE,
    'binary/Dockerfile': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'latin1/Dockerfile': Buffer.concat([
      Buffer.from('FROM alpine\nLABEL author="Ren'),
      Buffer.from([0xe9]),
      Buffer.from('"\n'),
    ]),
    'empty/Dockerfile': '',
    'folder/Dockerfile/Dockerfile': MERGEABLE,
    'huge/Dockerfile': `FROM alpine\n${'RUN echo layerfix\n'.repeat(600_000)}`,
    'parse-error/Dockerfile': 'FROM alpine\nRUN a\nRUN b\nONBUILD ONBUILD RUN x\n',
  });
  try {
    symlinkSync('missing-target', repo.path('good/Dockerfile.dangling'));
    mkdirSync(repo.path('loop'));
    symlinkSync('Dockerfile', repo.path('loop/Dockerfile'));
    const before = repo.snapshot();
    const run = runCli(['--write'], repo.dir);
    assert.is(run.code, 2);
    const expected: [string, RegExp][] = [
      [
        'binary/Dockerfile',
        /^binary\/Dockerfile:1:1: Binary file \(a NUL byte at byte 8\): a Dockerfile is text \[binary-file\]$/m,
      ],
      ['latin1/Dockerfile', /^latin1\/Dockerfile:2:18: Invalid UTF-8: byte 0xe9 .* \[invalid-utf8\]$/m],
      ['empty/Dockerfile', /^empty\/Dockerfile:1:1: The file has no instructions .* \[no-instructions\]$/m],
      [
        'good/Dockerfile.dangling',
        /^good\/Dockerfile\.dangling:1:1: Cannot read the file: No such file \(a dangling symlink\?\) \(ENOENT\) \[read-error\]$/m,
      ],
      ['loop/Dockerfile', /^loop\/Dockerfile:1:1: Cannot read the file: Symlink loop.* \[symlink-loop\]$/m],
      [
        'huge/Dockerfile',
        /^huge\/Dockerfile:1:1: File too large: 10\.3 MiB, over the 1\.0 MiB limit for a Dockerfile \[file-too-large\]$/m,
      ],
      ['parse-error/Dockerfile', /^parse-error\/Dockerfile:4:\d+: .+ \[[a-z-]+\]$/m],
    ];
    for (const [path, pattern] of expected) {
      assert.match(run.stderr, pattern, path);
      if (before.has(path)) assert.is(repo.snapshot().get(path), before.get(path), `${path} untouched`);
    }
    assert.is(repo.read('good/Dockerfile'), MERGED);
    assert.is(repo.read('zz/Dockerfile'), MERGED);
    assert.is(
      repo.read('folder/Dockerfile/Dockerfile'),
      MERGED,
      'a folder named Dockerfile is searched like any folder',
    );
    assert.match(run.stderr, /10 files scanned: 3 changed \(3 written\), 0 unchanged, 0 skipped, 7 failed/);
  } finally {
    repo.remove();
  }
});

test('symlinks: a link inside the tree is written through (it stays a link); a link out of the tree is skipped', () => {
  const outside = makeRepo({ Dockerfile: MERGEABLE });
  const repo = makeRepo({ 'base/Dockerfile.base': MERGEABLE });
  try {
    symlinkSync('base/Dockerfile.base', repo.path('Dockerfile'));
    symlinkSync(outside.path('Dockerfile'), repo.path('Dockerfile.outside'));
    symlinkSync(outside.dir, repo.path('outside-folder'));
    const run = runCli(['--write', '--explain'], repo.dir);
    assert.is(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /^Dockerfile\.outside:1:1: skip: Skipped: symlink to .*, outside the folder being processed \[discovery\]$/m,
    );
    assert.match(run.stderr, /2 files scanned: 1 changed \(1 written\), 0 unchanged, 1 skipped, 0 failed/);
    assert.ok(lstatSync(repo.path('Dockerfile')).isSymbolicLink());
    assert.is(repo.read('base/Dockerfile.base'), MERGED);
    assert.is(outside.read('Dockerfile'), MERGEABLE);
  } finally {
    repo.remove();
    outside.remove();
  }
});

const PIN_PLUGIN = `
interface View { name: string; args: string; node: unknown }
interface Context { instructions(): View[]; edit: { replace(node: unknown, text: string, meaning: { line: string }): unknown }; changed(reason: string, node?: unknown): void; options: { tag: string } }
const pinAlpine = {
  name: 'pin-alpine',
  description: 'Pin the alpine base image to a tag.',
  url: 'https://example.com/pin-alpine',
  defaultEnabled: true,
  meaning: 'declared' as const,
  options: { tag: { type: 'string', default: '3.20', description: 'The tag to pin.' } },
  run(context: Context): void {
    for (const view of context.instructions()) {
      if (view.name !== 'from' || view.args.trim() !== 'alpine') continue;
      const line = \`FROM alpine:\${context.options.tag}\`;
      context.edit.replace(view.node, line, { line });
      context.changed(\`Pinned alpine to \${context.options.tag}\`, view.node);
    }
  },
};
export default pinAlpine;
`;

const GREET_PLUGIN = `
export const transforms = [{
  name: 'greet',
  description: 'Say hello rather than hi.',
  url: 'https://example.com/greet',
  defaultEnabled: true,
  meaning: 'declared',
  options: {},
  run(context) {
    for (const view of context.instructions()) {
      if (view.name === 'run' && view.args === 'echo hi') {
        context.edit.replace(view.node, 'RUN echo hello', { line: 'RUN echo hello' });
        context.changed('Said hello', view.node);
      }
    }
  },
}];
`;

const THROWING_PLUGIN = `
export default { name: 'thrower', description: 'Throws.', url: 'https://example.com/t', defaultEnabled: true, meaning: 'declared', options: {},
  run() { throw new Error('boom from the plugin'); } };
`;

test('plugins: a TypeScript and a JavaScript plugin run with their options; broken, throwing and clashing ones are reported with their path', () => {
  const repo = makeRepo({
    '.layerfixrc.json': JSON.stringify({
      root: true,
      plugins: ['./layerfix/pin-alpine.ts', './layerfix/greet.mjs'],
      transforms: { 'pin-alpine': { tag: '3.21' } },
    }),
    'layerfix/pin-alpine.ts': PIN_PLUGIN,
    'layerfix/greet.mjs': GREET_PLUGIN,
    Dockerfile: 'FROM alpine\nRUN echo hi\n',
    'thrower/.layerfixrc.json': JSON.stringify({ root: true, plugins: ['./throw.mjs'] }),
    'thrower/throw.mjs': THROWING_PLUGIN,
    'thrower/Dockerfile': MERGEABLE,
    'broken/.layerfixrc.json': JSON.stringify({ root: true, plugins: ['./broken.ts'] }),
    'broken/broken.ts': 'export default { name: "x", run( {\n',
    'broken/Dockerfile': MERGEABLE,
    'clash/.layerfixrc.json': JSON.stringify({ root: true, plugins: ['./clash.mjs'] }),
    'clash/clash.mjs':
      "export default { name: 'merge-runs', description: 'x', url: '', defaultEnabled: true, meaning: 'declared', options: {}, run() {} };\n",
    'clash/Dockerfile': MERGEABLE,
    'missing/.layerfixrc.json': JSON.stringify({ root: true, plugins: ['layerfix-plugin-that-does-not-exist'] }),
    'missing/Dockerfile': MERGEABLE,
  });
  try {
    const run = runCli(['--write'], repo.dir);
    assert.is(run.code, 2);
    assert.is(repo.read('Dockerfile'), 'FROM alpine:3.21\nRUN echo hello\n');
    assert.match(run.stdout, /^Dockerfile: written \(greet 1, pin-alpine 1\)$/m);
    assert.match(
      run.stderr,
      new RegExp(
        `^thrower/Dockerfile:1:1: Plugin ${repo.path('thrower/throw.mjs')}: Transform thrower threw: Error: boom from the plugin …`,
        'm',
      ),
    );
    assert.match(
      run.stderr,
      /^broken\/Dockerfile:1:1: Plugin "\.\/broken\.ts" \(listed in .*broken\/\.layerfixrc\.json\) failed to load from .*broken\/broken\.ts: .+ \[plugin-error\]$/m,
    );
    assert.match(
      run.stderr,
      /^clash\/Dockerfile:1:1: Plugin "\.\/clash\.mjs" .* defines transform "merge-runs", a name already taken by a built-in transform; rename it \[plugin-error\]$/m,
    );
    assert.match(
      run.stderr,
      /^missing\/Dockerfile:1:1: Plugin "layerfix-plugin-that-does-not-exist" \(listed in .*\) cannot be found: .+ \[plugin-error\]$/m,
    );
    for (const dir of ['thrower', 'broken', 'clash', 'missing'])
      assert.is(repo.read(`${dir}/Dockerfile`), MERGEABLE, dir);

    const list = runCli(['--list-transforms'], repo.dir);
    assert.match(list.stdout, /^pin-alpine \(on by default\)$/m);
    assert.match(list.stdout, /^  - tag: string, default "3\.20": The tag to pin\.$/m);

    repo.write(
      '.layerfixrc.json',
      JSON.stringify({
        root: true,
        plugins: ['./layerfix/pin-alpine.ts'],
        transforms: { 'pin-alpine': { tga: '3.21' } },
      }),
    );
    const bad = runCli(['Dockerfile'], repo.dir);
    assert.is(bad.code, 2);
    assert.match(
      bad.stderr,
      /\.layerfixrc\.json: transforms\.pin-alpine: Unknown option "tga" for transform "pin-alpine"; expected one of tag/,
    );
  } finally {
    repo.remove();
  }
});

test('worker threads give the same results as the main thread, plugins included', () => {
  const files: Record<string, string> = {
    '.layerfixrc.json': JSON.stringify({ root: true, plugins: ['./pin.ts'] }),
    'pin.ts': PIN_PLUGIN,
  };
  for (let i = 0; i < 48; i++)
    files[`svc-${String(i).padStart(2, '0')}/Dockerfile`] = i % 3 === 0 ? MERGED : i % 3 === 1 ? MERGEABLE : MOVABLE;
  files['svc-07/Dockerfile'] = 'FROM\n';
  const one = makeRepo(files);
  const two = makeRepo(files);
  try {
    const a = runCli(['--format', 'json', '--concurrency', '1'], one.dir);
    const b = runCli(['--format', 'json', '--concurrency', '2'], two.dir);
    assert.is(a.code, 2);
    assert.is(b.code, 2);
    assert.equal(JSON.parse(b.stdout).files, JSON.parse(a.stdout).files);
    assert.is(runCli(['--write', '--concurrency', '2'], two.dir).code, 2);
    assert.is(runCli(['--write', '--concurrency', '1'], one.dir).code, 2);
    assert.equal(two.snapshot(), one.snapshot());
    assert.is(two.read('svc-01/Dockerfile'), 'FROM alpine:3.20\nRUN apk add curl && curl -V\n');
  } finally {
    one.remove();
    two.remove();
  }
});

test('the bundled example repository has changes to show, and a dry run leaves it as it is', () => {
  const example = join(ROOT, 'examples/node-app');
  const before = readFileSync(join(example, 'Dockerfile'), 'utf8');
  const run = runCli(['--check'], example);
  assert.is(run.code, 1, run.stderr);
  assert.equal(
    run.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(':')[0]),
    ['Dockerfile', 'services/worker/Dockerfile'],
  );
  assert.match(run.stderr, /changes: .*merge-runs \d.*reorder-stable \d/);
  assert.ok(
    readFileSync(join(example, 'services/worker/Dockerfile'), 'utf8').includes('\r\n'),
    'the worker keeps its CRLF line endings',
  );
  assert.is(readFileSync(join(example, 'Dockerfile'), 'utf8'), before);
});

test.run();
