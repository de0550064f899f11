/**
 * The options people reach for from prettier and eslint (`--quiet`, `--color`/`--no-color`, `--output-file`,
 * `--ignore-path`, `--no-error-on-unmatched-pattern`), standard input as `-`, bounded standard input, every
 * configuration error of a run at once, and messages in the tense of what happened.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { layerfixFiles } from '../src/runner/files.js';
import { transform } from '../src/registry.js';
import { fixCommand, shellWord, type RunOptions } from '../src/cli/files-command.js';
import { BIN, makeRepo, memoryIO, runCli } from './helpers/cli-repo.js';

const MERGEABLE = 'FROM alpine\nRUN apk add curl\nRUN curl -V\n';
const MERGED = 'FROM alpine\nRUN apk add curl && curl -V\n';
const MOVABLE = 'FROM alpine\nWORKDIR /app\nCOPY . /app\nRUN apk add --no-cache curl\nCMD ["/app/run"]\n';

test('a dry run and --check say what would happen; --write says what happened', async () => {
  const repo = makeRepo({ Dockerfile: MERGEABLE, 'web/Dockerfile': MOVABLE });
  try {
    const dry = memoryIO(repo.dir);
    assert.is(await main(['--explain', '--concurrency', '1'], dry.io), 0);
    assert.match(dry.stderr(), /^Dockerfile:\d:1: change: Would merge RUN at 3:1 into RUN at 2:1 \[merge-runs\]$/m);
    assert.match(
      dry.stderr(),
      /^web\/Dockerfile:4:1: change: Would move RUN at 4:1 before the COPY at 3:1 \[reorder-stable\]$/m,
    );
    assert.not.match(dry.stderr(), /Merged|Moved/);

    const check = memoryIO(repo.dir);
    assert.is(await main(['--check', '--format', 'github', '--concurrency', '1'], check.io), 1);
    assert.match(
      check.stdout(),
      /^::warning file=Dockerfile,line=\d,col=1,.*::Would merge RUN at 3:1 into RUN at 2:1$/m,
    );

    const json = memoryIO(repo.dir);
    assert.is(await main(['--format', 'json', '--concurrency', '1'], json.io), 0);
    const messages = JSON.parse(json.stdout()).files.flatMap(
      (f: { messages: { message: string; planned?: string }[] }) => f.messages,
    );
    assert.ok(messages.some((m: { message: string }) => m.message === 'Would merge RUN at 3:1 into RUN at 2:1'));
    assert.ok(
      messages.every((m: { planned?: string }) => m.planned === undefined),
      'one message text per message',
    );

    const write = memoryIO(repo.dir);
    assert.is(await main(['--write', '--explain', '--concurrency', '1'], write.io), 0);
    assert.match(write.stderr(), /^Dockerfile:\d:1: change: Merged RUN at 3:1 into RUN at 2:1 \[merge-runs\]$/m);
    assert.match(
      write.stderr(),
      /^web\/Dockerfile:4:1: change: Moved RUN at 4:1 before the COPY at 3:1 \[reorder-stable\]$/m,
    );
    assert.is(repo.read('Dockerfile'), MERGED);
  } finally {
    repo.remove();
  }
});

test('a plugin that reports a change as free text is marked as not written in a dry run, and read as it is after --write', async () => {
  const plugin = `export default { name: 'note-from', description: 'd', url: 'https://example.com', defaultEnabled: true, meaning: 'layout', options: {},
    run(ctx) { for (const v of ctx.instructions()) if (v.keyword === 'FROM') ctx.changed('Lower-cased FROM', ctx.edit.replace(v.node, 'from alpine\\n', 'same')); } };\n`;
  const repo = makeRepo({
    Dockerfile: 'FROM alpine\n',
    'p.mjs': plugin,
    '.layerfixrc.json': '{"root":true,"plugins":["./p.mjs"]}',
  });
  try {
    const dry = memoryIO(repo.dir);
    assert.is(await main(['--explain', 'Dockerfile'], dry.io), 0);
    assert.match(dry.stderr(), /^Dockerfile:1:1: change: Lower-cased FROM \(not written\) \[note-from\]$/m);
    const write = memoryIO(repo.dir);
    assert.is(await main(['--write', '--explain', 'Dockerfile'], write.io), 0, write.stderr());
    assert.match(write.stderr(), /^Dockerfile:1:1: change: Lower-cased FROM \[note-from\]$/m);
  } finally {
    repo.remove();
  }
});

test('--check that finds changes says the command that applies them, with the options that matter', async () => {
  const repo = makeRepo({ Dockerfile: MERGEABLE, 'svc/api.Dockerfile': MERGEABLE, 'clean/Dockerfile': MERGED });
  try {
    const run = memoryIO(repo.dir);
    assert.is(await main(['--check', '--only', 'merge-runs', '--concurrency', '1', '.'], run.io), 1);
    assert.match(
      run.stderr(),
      /^layerfix: to apply the changes, run: layerfix --write --only merge-runs Dockerfile svc\/api\.Dockerfile$/m,
    );
    const clean = memoryIO(repo.dir);
    assert.is(await main(['--check', 'clean'], clean.io), 0);
    assert.not.match(clean.stderr(), /to apply/);
  } finally {
    repo.remove();
  }
  const options = {
    paths: ['services'],
    only: undefined,
    skip: ['format'],
    config: 'ci/layerfix.json',
    ignorePath: [],
  } as unknown as RunOptions;
  const many = Array.from({ length: 11 }, (_, i) => `services/s${i}/Dockerfile`);
  assert.is(
    fixCommand(options, many),
    'layerfix --write --skip format --config ci/layerfix.json services',
    'past 10 files, the paths given',
  );
  assert.is(
    fixCommand(options, ["it's here/Dockerfile"]),
    `layerfix --write --skip format --config ci/layerfix.json 'it'\\''s here/Dockerfile'`,
  );
  assert.is(shellWord('a b'), "'a b'");
  assert.is(shellWord('svc/Dockerfile.prod'), 'svc/Dockerfile.prod');
});

test('every configuration error of a run is listed at once, before any file is processed, exit 2', async () => {
  const repo = makeRepo({
    '.layerfixrc.json': JSON.stringify({
      root: true,
      transfroms: {},
      printWidth: 3,
      transforms: { 'merge-rnus': true, 'merge-runs': { exclude: ['('], maxComands: 2 } },
    }),
    Dockerfile: MERGEABLE,
    'svc/.layerfixrc.json': JSON.stringify({ transforms: { 'reorder-stable': { stableCommands: ['[x'] } } }),
    'svc/Dockerfile': MERGEABLE,
  });
  try {
    const before = repo.snapshot();
    const run = memoryIO(repo.dir);
    assert.is(await main(['--write', '--concurrency', '1'], run.io), 2);
    const lines = run.stderr().trim().split('\n');
    assert.is(lines.length, 2, run.stderr());
    assert.match(
      lines[0],
      /^layerfix: .*\/\.layerfixrc\.json: transfroms: unknown key; did you mean "transforms"\?; expected one of \$schema, root, transforms, /,
    );
    assert.match(
      lines[1],
      /^layerfix: .*\/\.layerfixrc\.json: printWidth: Invalid printWidth: got 3, expected a whole number of at least 20$/,
    );
    assert.is(run.stdout(), '');
    assert.equal(repo.snapshot(), before);

    repo.write(
      '.layerfixrc.json',
      JSON.stringify({
        root: true,
        transforms: { 'merge-rnus': true, 'merge-runs': { exclude: ['('], maxComands: 2 } },
      }),
    );
    const unchanged = repo.snapshot();
    const again = memoryIO(repo.dir);
    assert.is(await main(['--write', '--concurrency', '1'], again.io), 2);
    const problems = again.stderr().trim().split('\n');
    assert.is(problems.length, 4, again.stderr());
    assert.match(
      problems[0],
      /\.layerfixrc\.json: transforms\.merge-rnus: Unknown transform "merge-rnus"; did you mean "merge-runs"\?/,
    );
    assert.match(
      problems[1],
      /\.layerfixrc\.json: transforms\.merge-runs: Invalid option "exclude" for transform "merge-runs": "\(" is not a valid regular expression/,
    );
    assert.match(
      problems[2],
      /\.layerfixrc\.json: transforms\.merge-runs: Unknown option "maxComands" for transform "merge-runs"; did you mean "maxCommands"\?/,
    );
    assert.match(
      problems[3],
      /svc\/\.layerfixrc\.json: transforms\.reorder-stable: Invalid option "stableCommands" for transform "reorder-stable": "\[x" is not a valid regular expression/,
    );
    assert.equal(repo.snapshot(), unchanged);
  } finally {
    repo.remove();
  }
});

test('a path or pattern matching no file: a message and exit 2; --no-error-on-unmatched-pattern allows it', async () => {
  const repo = makeRepo({ Dockerfile: MERGED, 'docs/README.md': 'no Dockerfile here' });
  try {
    const run = memoryIO(repo.dir);
    assert.is(await main(['--check', 'Dockerfile', 'gone/Dockerfile', '**/*.containerfile', 'docs'], run.io), 2);
    assert.match(
      run.stderr(),
      /^layerfix: gone\/Dockerfile: No such file or folder \(--no-error-on-unmatched-pattern allows this\)$/m,
    );
    assert.match(
      run.stderr(),
      /^layerfix: \*\*\/\*\.containerfile: No files match this pattern \(--no-error-on-unmatched-pattern allows this\)$/m,
    );
    assert.match(run.stderr(), /^layerfix: docs: No Dockerfile found in this folder/m);
    assert.match(run.stderr(), /1 file scanned: 0 would change, 1 unchanged/);

    const allowed = memoryIO(repo.dir);
    assert.is(
      await main(
        ['--check', '--no-error-on-unmatched-pattern', 'Dockerfile', 'gone/Dockerfile', '**/*.containerfile'],
        allowed.io,
      ),
      0,
    );
    assert.not.match(allowed.stderr(), /gone|containerfile/);
    const nothing = memoryIO(repo.dir);
    assert.is(await main(['--check', '--no-error-on-unmatched-pattern', 'gone/Dockerfile'], nothing.io), 0);
    assert.match(nothing.stderr(), /0 files scanned/);
  } finally {
    repo.remove();
  }
});

test('--quiet prints errors only; the results on stdout stay', async () => {
  const repo = makeRepo({
    Dockerfile: MERGEABLE,
    'bad/Dockerfile': 'FROM\n',
    'warn/Dockerfile': 'FROM alpine\n# layerfix-disable-next-line merge-runs\nRUN a\n',
  });
  try {
    const run = memoryIO(repo.dir);
    assert.is(await main(['--check', '--quiet'], run.io), 2);
    assert.match(run.stdout(), /^Dockerfile: would change \(merge-runs 1\)$/m);
    assert.match(run.stderr(), /^bad\/Dockerfile:1:1: /m);
    assert.not.match(run.stderr(), /warning|scanned|to apply/);
    const loud = memoryIO(repo.dir);
    assert.is(await main(['--check'], loud.io), 2);
    assert.match(loud.stderr(), /warn\/Dockerfile:2:1: warning: Unused layerfix-disable-next-line comment/);
  } finally {
    repo.remove();
  }
});

test('--color and --no-color decide over NO_COLOR, FORCE_COLOR and the terminal', async () => {
  const repo = makeRepo({ Dockerfile: MERGEABLE });
  try {
    const forced = memoryIO(repo.dir, { env: { NO_COLOR: '1' } });
    assert.is(await main(['--color'], forced.io), 0);
    assert.match(forced.stdout(), /\x1b\[31m-RUN apk add curl/);
    const off = memoryIO(repo.dir, { env: { FORCE_COLOR: '1' }, tty: true });
    assert.is(await main(['--no-color'], off.io), 0);
    assert.not.match(off.stdout() + off.stderr(), /\x1b\[/);
  } finally {
    repo.remove();
  }
});

test('--output-file takes what goes to stdout (the diff, the JSON report); messages stay on stderr', async () => {
  const repo = makeRepo({ Dockerfile: MERGEABLE });
  try {
    const diff = memoryIO(repo.dir);
    assert.is(await main(['-o', 'out/fix.patch', '--explain'], diff.io), 2, 'a missing folder is an error');
    assert.match(diff.stderr(), /--output-file: cannot write out\/fix\.patch: ENOENT/);
    const ok = memoryIO(repo.dir);
    assert.is(await main(['--output-file', 'fix.patch'], ok.io), 0);
    assert.is(ok.stdout(), '');
    assert.match(repo.read('fix.patch'), /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n/);
    assert.match(ok.stderr(), /1 file scanned/);
    const json = memoryIO(repo.dir);
    assert.is(await main(['--check', '--format', 'json', '--output-file', 'report.json'], json.io), 1);
    assert.is(JSON.parse(repo.read('report.json')).files[0].status, 'changed');
  } finally {
    repo.remove();
  }
});

test('--ignore-path replaces the .gitignore and .layerfixignore files of the folders searched', async () => {
  const repo = makeRepo({
    '.gitignore': 'legacy/\n',
    'layerfix.ignore': '/third_party/\n*.gen.Dockerfile\n',
    'ci/nested.ignore': 'legacy/\n',
    Dockerfile: MERGEABLE,
    'legacy/Dockerfile': MERGEABLE,
    'third_party/Dockerfile': MERGEABLE,
    'svc/x.gen.Dockerfile': MERGEABLE,
  });
  try {
    const run = memoryIO(repo.dir);
    assert.is(await main(['-l', '--ignore-path', 'layerfix.ignore'], run.io), 1);
    assert.equal(run.stdout().trim().split('\n'), ['Dockerfile', 'legacy/Dockerfile']);
    // Patterns are relative to the ignore file's folder, as in a .gitignore.
    const nested = memoryIO(repo.dir);
    assert.is(await main(['-l', '--ignore-path', 'ci/nested.ignore'], nested.io), 1);
    assert.equal(nested.stdout().trim().split('\n'), [
      'Dockerfile',
      'legacy/Dockerfile',
      'svc/x.gen.Dockerfile',
      'third_party/Dockerfile',
    ]);
    const usual = memoryIO(repo.dir);
    assert.is(await main(['-l'], usual.io), 1);
    assert.equal(usual.stdout().trim().split('\n'), ['Dockerfile', 'svc/x.gen.Dockerfile', 'third_party/Dockerfile']);
  } finally {
    repo.remove();
  }
});

test('`layerfix -` reads standard input like --stdin-filepath Dockerfile', async () => {
  const repo = makeRepo({});
  try {
    const run = memoryIO(repo.dir, { stdin: MERGEABLE });
    assert.is(await main(['-'], run.io), 0);
    assert.is(run.stdout(), MERGED);
    const check = memoryIO(repo.dir, { stdin: MERGEABLE });
    assert.is(await main(['--check', '-'], check.io), 1);
    assert.match(check.stdout(), /^Dockerfile: would change \(merge-runs 1\)$/m);
    assert.match(check.stderr(), /to apply the changes, run: layerfix --stdout --stdin-filepath Dockerfile$/m);
    const both = memoryIO(repo.dir, { stdin: MERGEABLE });
    assert.is(await main(['-', 'Dockerfile'], both.io), 2);
    assert.match(both.stderr(), /- \(standard input\) reads standard input, so no other paths may be given/);
  } finally {
    repo.remove();
  }
});

test('standard input past 1 MiB is refused as soon as the limit is reached, without reading the rest', async () => {
  const repo = makeRepo({});
  try {
    // An endless writer: the CLI must stop reading at the limit and exit, or this test never ends.
    const child = spawn(process.execPath, [BIN, '-'], { cwd: repo.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let written = 0;
    const chunk = Buffer.from(`RUN echo ${'x'.repeat(1014)}\n`.repeat(64));
    child.stdin.on('error', () => undefined);
    const pump = () => {
      while (child.exitCode === null && !child.stdin.destroyed) {
        written += chunk.length;
        if (!child.stdin.write(chunk)) return void child.stdin.once('drain', pump);
      }
    };
    child.stdin.write('FROM alpine\n');
    pump();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.destroy();
    assert.is(code, 2);
    assert.match(
      stderr,
      /^Dockerfile:1:1: File too large: standard input goes past the 1\.0 MiB limit for a Dockerfile; layerfix stopped reading it there \[file-too-large\]$/m,
    );
    assert.ok(written < 64 * 1024 * 1024, `the writer was stopped (wrote ${written} bytes)`);
  } finally {
    repo.remove();
  }
});

test('standard input that is binary or not UTF-8 is reported like a file', () => {
  const repo = makeRepo({});
  try {
    const binary = runCli(['--stdin-filepath', 'svc/Dockerfile'], repo.dir, { input: 'FROM alpine\0\n' });
    assert.is(binary.code, 2);
    assert.match(
      binary.stderr,
      /^svc\/Dockerfile:1:1: Binary file \(a NUL byte at byte 11\): a Dockerfile is text \[binary-file\]$/m,
    );
    assert.not.ok(existsSync(repo.path('svc')));
  } finally {
    repo.remove();
  }
});

test('a file processed on the main thread gets the time limit workers have, and fails with timeout when past it', async () => {
  // 3,000 mergeable RUNs in a row: merge-runs re-checks the chain at each merge, far past 5 ms on any machine (600 ran
  // in under 50 ms on a quiet one). The limit is checked as the transforms run, so the test stays short.
  const text = `FROM alpine\n${Array.from({ length: 3000 }, (_, i) => `RUN echo ${i}`).join('\n')}\n`;
  const repo = makeRepo({ Dockerfile: text });
  try {
    const report = await layerfixFiles(['Dockerfile'], {
      cwd: repo.dir,
      concurrency: 1,
      fileTimeoutMs: 5,
      write: true,
    });
    const [file] = report.files;
    assert.is(file.status, 'error');
    assert.equal(
      file.messages.map((m) => [m.ruleId, m.message, m.line, m.column]),
      [['timeout', 'Processing took longer than 0.005 s; the file was left untouched', 1, 1]],
    );
    assert.is(repo.read('Dockerfile'), text);
    const direct = await transform(text, { timeoutMs: 5 });
    assert.is(direct.status, 'error');
    assert.is(direct.text, text);
  } finally {
    repo.remove();
  }
});

test.run();
