import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { helpText, optionsMarkdown } from '../src/cli/help.js';
import { commands, mainCommand, parseCommand } from '../src/cli/options.js';
import { Progress } from '../src/cli/progress.js';
import { colorEnabled } from '../src/reporters/color.js';
import { annotation } from '../src/reporters/github.js';
import { formatMessage } from '../src/reporters/message.js';
import { formatSummary } from '../src/reporters/summary.js';
import { makeRepo, memoryIO, ROOT } from './helpers/cli-repo.js';

const MERGEABLE = 'FROM alpine\nRUN apk add curl\nRUN curl -V\n';
const CLEAN = 'FROM alpine\nRUN apk add curl && curl -V\n';

test('--help is generated from the option table and lists every option and command', async () => {
  const { io, stdout } = memoryIO(ROOT);
  assert.is(await main(['--help'], io), 0);
  for (const option of mainCommand.options) assert.ok(stdout().includes(`--${option.name}`), option.name);
  assert.ok(stdout().includes('layerfix parse [options] <file>'));
  assert.ok(stdout().includes('Exit codes: 0 done'));
  assert.is(stdout(), helpText(mainCommand, commands.slice(1), 100));
  const parse = memoryIO(ROOT);
  assert.is(await main(['parse', '--help'], parse.io), 0);
  for (const option of parseCommand.options) assert.ok(parse.stdout().includes(`--${option.name}`));
});

test('the Markdown option table for the README comes from the same data', () => {
  const table = optionsMarkdown(mainCommand);
  assert.ok(table.includes('| `-w`, `--write` | Write changed files in place'));
  assert.is(table.split('\n').filter((line) => line.startsWith('| `')).length, mainCommand.options.length);
});

test('--version prints the package version', async () => {
  const { io, stdout } = memoryIO(ROOT);
  assert.is(await main(['--version'], io), 0);
  assert.is(stdout(), `${JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version}\n`);
});

test('bad arguments exit 2 with a message naming the problem', async () => {
  const cases: [string[], RegExp][] = [
    [['--frobnicate'], /Unknown option '--frobnicate'.*layerfix --help/],
    [['--format', 'xml'], /--format: got "xml"; expected one of text, json, sarif, github/],
    [['--format', 'jsno'], /--format: got "jsno"; did you mean "json"\?; expected one of text, json, sarif, github/],
    [['--chek'], /Unknown option '--chek'; did you mean '--check'\? Run `layerfix --help` for the options\./],
    [['--color', '--no-color'], /--color and --no-color cannot be used together/],
    [['--quiet', '--explain'], /--quiet and --explain cannot be used together/],
    [['--ignore-path', 'nope.ignore', 'Dockerfile'], /--ignore-path: cannot read nope\.ignore: no such file/],
    [['--write', '--check'], /--write and --check cannot be used together/],
    [['--config', 'x.json', '--no-config'], /--config and --no-config cannot be used together/],
    [['--stdout', '--write'], /--stdout and --write cannot be used together/],
    [['-l', '--format', 'json'], /--list-different prints paths only/],
    [['--concurrency', '0'], /--concurrency: got "0", expected a whole number of at least 1/],
    [['--concurrency', 'many'], /--concurrency: got "many"/],
    [['--only', 'merge-runs,nope', 'Dockerfile'], /--only: unknown transform "nope"; expected one of .*merge-runs/],
    [['--skip', 'nope', 'Dockerfile'], /--skip: unknown transform "nope"/],
    [['parse'], /layerfix parse takes one file/],
    [['parse', 'a', 'b'], /takes one file \(or - for stdin\), got 2/],
    [
      ['parse', '--format', 'ast', 'Dockerfile'],
      /--format: got "ast"; did you mean "cst"\?; expected one of cst, buildkit, print/,
    ],
  ];
  const repo = makeRepo({ Dockerfile: MERGEABLE });
  try {
    for (const [args, pattern] of cases) {
      const { io, stderr, stdout } = memoryIO(repo.dir);
      assert.is(await main(args, io), 2, args.join(' '));
      assert.match(stderr(), pattern);
      assert.match(stderr(), /^layerfix: /);
      assert.is(stdout(), '', args.join(' '));
    }
  } finally {
    repo.remove();
  }
});

test('an invalid configuration stops the run before any file is touched, exit 2', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': '{"root":true,"transforms":{"merge-runs":{"maxCommands":-1}}}',
    'a/Dockerfile': MERGEABLE,
    'z/Dockerfile': MERGEABLE,
  });
  try {
    const before = repo.snapshot();
    const { io, stderr, stdout } = memoryIO(repo.dir);
    assert.is(await main(['--write'], io), 2);
    assert.match(
      stderr(),
      /\.layerfixrc\.json: transforms\.merge-runs: Invalid option "maxCommands" for transform "merge-runs": got -1, expected a whole number >= 0/,
    );
    assert.is(stdout(), '');
    assert.equal(repo.snapshot(), before);
  } finally {
    repo.remove();
  }
});

test('--only and --skip choose the transforms of a run', async () => {
  const text = 'FROM alpine\nCOPY . /app\nRUN apk add curl\nRUN curl -V\n';
  const repo = makeRepo({ Dockerfile: text });
  try {
    const only = memoryIO(repo.dir);
    assert.is(await main(['--check', '--only', 'reorder-stable', '--explain'], only.io), 1);
    assert.ok(only.stderr().includes('[reorder-stable]'));
    assert.not.ok(only.stderr().includes('[merge-runs]'));
    const skip = memoryIO(repo.dir);
    assert.is(await main(['--check', '--skip', 'merge-runs,reorder-stable,split-manifest-copy'], skip.io), 0);
  } finally {
    repo.remove();
  }
});

test('--list-transforms lists names, defaults and options, as text or JSON', async () => {
  const { builtinTransforms } = await import('../src/registry.js');
  const text = memoryIO(ROOT);
  assert.is(await main(['--list-transforms', '--no-config'], text.io), 0);
  for (const t of builtinTransforms) {
    assert.ok(text.stdout().includes(`${t.name} (${t.defaultEnabled ? 'on' : 'off'} by default`), t.name);
    for (const key of Object.keys(t.options)) assert.ok(text.stdout().includes(`  - ${key}: `), `${t.name}.${key}`);
  }
  const json = memoryIO(ROOT);
  assert.is(await main(['--list-transforms', '--format', 'json', '--no-config'], json.io), 0);
  const data = JSON.parse(json.stdout());
  assert.equal(
    data.map((t: { name: string }) => t.name),
    builtinTransforms.map((t) => t.name),
  );
});

test('--print-config shows the resolved configuration of a file, every default filled in', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': JSON.stringify({
      root: true,
      printWidth: 100,
      transforms: { format: true },
      overrides: [{ files: 'legacy/**', transforms: { 'merge-runs': 'off' } }],
    }),
    'legacy/Dockerfile': MERGEABLE,
  });
  try {
    const { io, stdout } = memoryIO(repo.dir);
    assert.is(await main(['--print-config', 'legacy/Dockerfile'], io), 0);
    const config = JSON.parse(stdout());
    assert.is(config.printWidth, 100);
    assert.is(config.operatorPosition, 'auto');
    assert.equal(config.sources, [repo.path('.layerfixrc.json')]);
    assert.is(config.transforms['merge-runs'], 'off');
    assert.equal(Object.keys(config.transforms.format).length > 0, true);
    assert.ok(typeof config.transforms['reorder-stable'] === 'object');
  } finally {
    repo.remove();
  }
});

test('stdin with --stdin-filepath prints the rewritten text; --check and -l report instead; --write is refused', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': JSON.stringify({
      root: true,
      overrides: [{ files: 'legacy/**', transforms: { 'merge-runs': 'off' } }],
    }),
  });
  try {
    const plain = memoryIO(repo.dir, { stdin: MERGEABLE });
    assert.is(await main(['--stdin-filepath', 'svc/Dockerfile'], plain.io), 0);
    assert.is(plain.stdout(), CLEAN);
    const legacy = memoryIO(repo.dir, { stdin: MERGEABLE });
    assert.is(await main(['--stdin-filepath', 'legacy/Dockerfile'], legacy.io), 0);
    assert.is(legacy.stdout(), MERGEABLE, 'the override for legacy/** applies to the stdin path');
    const check = memoryIO(repo.dir, { stdin: MERGEABLE });
    assert.is(await main(['--stdin-filepath', 'svc/Dockerfile', '--check'], check.io), 1);
    assert.match(check.stdout(), /^svc\/Dockerfile: would change \(merge-runs 1\)\n$/);
    const list = memoryIO(repo.dir, { stdin: MERGEABLE });
    assert.is(await main(['--stdin-filepath', 'svc/Dockerfile', '-l'], list.io), 1);
    assert.is(list.stdout(), 'svc/Dockerfile\n');
    const broken = memoryIO(repo.dir, { stdin: 'FROM\n' });
    assert.is(await main(['--stdin-filepath', 'svc/Dockerfile'], broken.io), 2);
    assert.is(broken.stdout(), '');
    assert.match(broken.stderr(), /^svc\/Dockerfile:1:1: .* \[[a-z-]+\]\n/);
    const write = memoryIO(repo.dir, { stdin: MERGEABLE });
    assert.is(await main(['--stdin-filepath', 'svc/Dockerfile', '--write'], write.io), 2);
    assert.match(write.stderr(), /--write cannot be used with --stdin-filepath/);
  } finally {
    repo.remove();
  }
});

test('--stdout prints one rewritten file, and refuses several', async () => {
  const repo = makeRepo({ 'a/Dockerfile': MERGEABLE, 'b/Dockerfile': MERGEABLE });
  try {
    const one = memoryIO(repo.dir);
    assert.is(await main(['--stdout', 'a/Dockerfile'], one.io), 0);
    assert.is(one.stdout(), CLEAN);
    assert.is(repo.read('a/Dockerfile'), MERGEABLE);
    const many = memoryIO(repo.dir);
    assert.is(await main(['--stdout', '.'], many.io), 2);
    assert.match(many.stderr(), /--stdout prints one file, but \. gives 2; name a single file/);
  } finally {
    repo.remove();
  }
});

test('layerfix parse: cst, buildkit and print formats; diagnostics on stderr; exit 2 on errors', async () => {
  const repo = makeRepo({
    Dockerfile: 'FROM alpine AS base\r\nRUN echo hi \\\r\n  there\r\n',
    Broken: 'FROM\nRUN x\n',
    Bad: Buffer.from([0x46, 0xff]),
  });
  try {
    const print = memoryIO(repo.dir);
    assert.is(await main(['parse', '--format', 'print', 'Dockerfile'], print.io), 0);
    assert.is(print.stdout(), repo.read('Dockerfile'));
    const buildkit = memoryIO(repo.dir);
    assert.is(await main(['parse', '--format', 'buildkit', 'Dockerfile'], buildkit.io), 0);
    assert.is(buildkit.stdout(), '(from "alpine" "AS" "base")\n(run "echo hi   there")\n');
    const cst = memoryIO(repo.dir);
    assert.is(await main(['parse', 'Dockerfile'], cst.io), 0);
    const tree = JSON.parse(cst.stdout());
    assert.is(tree.type, 'root');
    assert.is(tree.data.eol, '\r\n');
    const broken = memoryIO(repo.dir);
    assert.is(await main(['parse', 'Broken'], broken.io), 2);
    assert.match(broken.stderr(), /^Broken:1:1: .+ \[[a-z-]+\]$/m);
    const stdin = memoryIO(repo.dir, { stdin: 'FROM a\n' });
    assert.is(await main(['parse', '--format', 'buildkit', '-'], stdin.io), 0);
    assert.is(stdin.stdout(), '(from "a")\n');
    const bad = memoryIO(repo.dir);
    assert.is(await main(['parse', 'Bad'], bad.io), 2);
    assert.match(bad.stderr(), /^Bad:1:2: Invalid UTF-8: byte 0xff/);
    const missing = memoryIO(repo.dir);
    assert.is(await main(['parse', 'Nope'], missing.io), 2);
    assert.match(missing.stderr(), /^Nope:1:1: Cannot read the file: no such file \[read-error\]/);
  } finally {
    repo.remove();
  }
});

test('colour: on a terminal by default, never with NO_COLOR, always with FORCE_COLOR', async () => {
  assert.ok(colorEnabled({}, { isTTY: true }));
  assert.not.ok(colorEnabled({}, { isTTY: false }));
  assert.not.ok(colorEnabled({ NO_COLOR: '1' }, { isTTY: true }));
  assert.ok(colorEnabled({ FORCE_COLOR: '1' }, { isTTY: false }));
  assert.not.ok(colorEnabled({ FORCE_COLOR: '0' }, { isTTY: true }));
  assert.not.ok(colorEnabled({ TERM: 'dumb' }, { isTTY: true }));
  const repo = makeRepo({ Dockerfile: MERGEABLE });
  try {
    const forced = memoryIO(repo.dir, { env: { FORCE_COLOR: '1' } });
    assert.is(await main([], forced.io), 0);
    assert.ok(forced.stdout().includes('\x1b[31m-RUN apk add curl'), 'removed lines are red');
    assert.ok(forced.stdout().includes('\x1b[32m+RUN apk add curl && curl -V'), 'added lines are green');
    const plain = memoryIO(repo.dir, { env: { NO_COLOR: '1' }, tty: true });
    assert.is(await main([], plain.io), 0);
    assert.not.ok(plain.stdout().includes('\x1b['));
  } finally {
    repo.remove();
  }
});

test('the progress line shows only on a terminal, outside CI, for long runs, and is cleared', () => {
  assert.not.ok(Progress.wanted({ isTTY: false }, {}, 1000));
  assert.not.ok(Progress.wanted({ isTTY: true }, { CI: 'true' }, 1000));
  assert.not.ok(Progress.wanted({ isTTY: true }, {}, 3));
  assert.ok(Progress.wanted({ isTTY: true }, {}, 1000));
  const written: string[] = [];
  const progress = new Progress({ write: (t: string) => written.push(t) }, true);
  progress.update(1000, 1000);
  progress.clear();
  assert.equal(written, ['\r\x1b[2Klayerfix: 1000/1000 files (100%)', '\r\x1b[2K']);
  const idle: string[] = [];
  const off = new Progress({ write: (t: string) => idle.push(t) }, false);
  off.update(1, 2);
  off.clear();
  assert.equal(idle, []);
});

test('a run with many files on a terminal shows progress on stderr and keeps stdout clean', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) files[`svc${String(i).padStart(2, '0')}/Dockerfile`] = CLEAN;
  const repo = makeRepo(files);
  try {
    const tty = memoryIO(repo.dir, { tty: true, env: { NO_COLOR: '1' } });
    assert.is(await main(['--check', '--concurrency', '1'], tty.io), 0);
    assert.ok(tty.stderr().includes('layerfix: 60/60 files (100%)'));
    assert.is(tty.stdout(), '');
    const ci = memoryIO(repo.dir, { tty: true, env: { CI: 'true' } });
    assert.is(await main(['--check', '--concurrency', '1'], ci.io), 0);
    assert.not.ok(ci.stderr().includes('files (')); // no progress in CI
  } finally {
    repo.remove();
  }
});

test('a change is said in the tense of what happened: planned when not written, done when written; free text is marked', () => {
  const merged = {
    kind: 'change' as const,
    ruleId: 'merge-runs',
    message: 'Merged RUN at 4:1 into RUN at 3:1',
    planned: 'Would merge RUN at 4:1 into RUN at 3:1',
    line: 4,
    column: 1,
  };
  assert.is(formatMessage('D', merged, false), 'D:4:1: change: Would merge RUN at 4:1 into RUN at 3:1 [merge-runs]');
  assert.is(formatMessage('D', merged, true), 'D:4:1: change: Merged RUN at 4:1 into RUN at 3:1 [merge-runs]');
  const plugin = {
    kind: 'change' as const,
    ruleId: 'pin-tags',
    message: 'Pinned FROM alpine to alpine:3.20',
    line: 1,
    column: 1,
  };
  assert.is(
    formatMessage('D', plugin, false),
    'D:1:1: change: Pinned FROM alpine to alpine:3.20 (not written) [pin-tags]',
  );
  assert.is(formatMessage('D', plugin, true), 'D:1:1: change: Pinned FROM alpine to alpine:3.20 [pin-tags]');
});

test('messages are path:line:col: message [ruleId]; the summary counts files and changes per transform', () => {
  assert.is(
    formatMessage(
      'svc/Dockerfile',
      { kind: 'error', ruleId: 'missing-arguments', message: 'FROM requires an image\n  at stack', line: 3, column: 1 },
      false,
    ),
    'svc/Dockerfile:3:1: FROM requires an image … [missing-arguments]',
  );
  assert.is(
    formatMessage('D', { kind: 'skip', ruleId: 'merge-runs', message: 'Kept', line: 1, column: 2 }, false),
    'D:1:2: skip: Kept [merge-runs]',
  );
  const summary = {
    scanned: 5,
    changed: 2,
    unchanged: 1,
    skipped: 1,
    failed: 1,
    written: 0,
    changes: { 'reorder-stable': 1, 'merge-runs': 3 },
  };
  assert.is(
    formatSummary(summary, 'check'),
    'layerfix: 5 files scanned: 2 would change, 1 unchanged, 1 skipped, 1 failed; changes: merge-runs 3, reorder-stable 1',
  );
  assert.match(
    formatSummary(summary, 'dry-run'),
    /2 changed, .*\(dry run: nothing written; --write applies the changes\)$/,
  );
  assert.match(formatSummary({ ...summary, written: 2 }, 'write'), /2 changed \(2 written\)/);
});

test('GitHub annotations escape their data and properties', () => {
  const file = {
    path: 'a,b:c/Dockerfile',
    absolutePath: '/x',
    status: 'error' as const,
    written: false,
    messages: [],
    changes: {},
  };
  const line = annotation(file, { kind: 'error', ruleId: 'x', message: '50% done\nnext', line: 2, column: 3 }, {
    mode: 'check',
    explain: false,
  } as never);
  assert.is(line, '::error file=a%2Cb%3Ac/Dockerfile,line=2,col=3,title=layerfix x::50%25 done%0Anext');
  assert.is(
    annotation(file, { kind: 'skip', ruleId: 'x', message: 'm', line: 1, column: 1 }, {
      mode: 'check',
      explain: false,
    } as never),
    undefined,
  );
});

test('layerfix new-transform scaffolds a plugin that the next run loads (its `layerfix` import is this layerfix); twice is an error', async () => {
  const repo = makeRepo({ Dockerfile: 'from alpine\n' });
  try {
    const first = memoryIO(repo.dir);
    assert.is(await main(['new-transform', 'upper-keywords'], first.io), 0, first.stderr());
    assert.match(first.stdout(), /^created layerfix\/upper-keywords\.ts$/m);
    assert.match(first.stdout(), /^created layerfix\.config\.ts$/m);
    const again = memoryIO(repo.dir);
    assert.is(await main(['new-transform', 'upper-keywords'], again.io), 2);
    assert.match(again.stderr(), /^layerfix: .*upper-keywords\.ts already exists/);
    const run = memoryIO(repo.dir);
    assert.is(await main(['--check', '--explain'], run.io), 1, run.stderr());
    assert.is(run.stdout(), 'Dockerfile: would change (upper-keywords 1)\n', 'the fixture folder is not searched');
    const bad = memoryIO(repo.dir);
    assert.is(await main(['new-transform', 'Bad_Name'], bad.io), 2);
  } finally {
    repo.remove();
  }
});

test.run();
