/**
 * The shell view: loading the grammar, top-level lists, commands, hazards, errors, non-POSIX shells, offsets, and a
 * parse of every RUN of the real corpus.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  effectiveCommand,
  isShellParserLoaded,
  loadShellParser,
  parseShell,
  shellDialect,
  shellView,
  shellWasmCandidates,
  type ShellHazardKind,
  type ShellSpan,
  type ShellView,
} from '../src/shell/index.js';
import { corpusDir } from './helpers/corpus.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const loadModule = new URL('../src/shell/load.js', import.meta.url).href;

/** The view of a POSIX text, after checking that every span in it maps back to the text exactly. */
function view(text: string, shell?: string[]): ShellView {
  const result = shellView(text, shell ? { shell } : {});
  checkSpans(result);
  return result;
}

function kinds(result: ShellView): ShellHazardKind[] {
  return result.hazards.map((hazard) => hazard.kind);
}

function spansOf(result: ShellView): ShellSpan[] {
  const spans: ShellSpan[] = [...result.lists, ...result.hazards, ...result.errors];
  for (const item of result.lists) if (item.operator) spans.push(item.operator);
  for (const command of result.commands) {
    spans.push(command, ...command.args, ...command.assignments, ...command.redirects);
    if (command.name) spans.push(command.name);
    for (const assignment of command.assignments) if (assignment.value) spans.push(assignment.value);
    for (const redirect of command.redirects) if (redirect.target) spans.push(redirect.target);
  }
  if (result.trailingComment) spans.push(result.trailingComment);
  return spans;
}

function checkSpans(result: ShellView): void {
  const { text } = result;
  for (const span of spansOf(result)) {
    if (
      !(0 <= span.start && span.start <= span.end && span.end <= text.length) ||
      text.slice(span.start, span.end) !== span.text
    ) {
      throw new assert.Assertion({
        message: `span [${span.start},${span.end}) ${JSON.stringify(span.text)} does not map back into ${JSON.stringify(text)}`,
        operator: 'spans',
        expects: span.text,
        actual: text.slice(span.start, span.end),
      });
    }
  }
  for (let index = 1; index < result.lists.length; index++) {
    const before = result.lists[index - 1]!;
    const item = result.lists[index]!;
    assert.ok(before.end <= item.start, `items overlap in ${JSON.stringify(text)}`);
    if (before.operator)
      assert.ok(
        before.end <= before.operator.start && before.operator.end <= item.start,
        `operator out of place in ${JSON.stringify(text)}`,
      );
  }
}

function items(result: ShellView): [string, string | null][] {
  return result.lists.map((item) => [item.text, item.operator?.value ?? null]);
}

function command(result: ShellView, name: string) {
  const found = result.commands.find((candidate) => candidate.name?.value === name);
  assert.ok(found, `no command ${name} in ${JSON.stringify(result.text)}`);
  return found!;
}

// ---------------------------------------------------------------------------------------------------------------
const load = suite('shell: loading');

load('parseShell and shellView throw a clear error before the parser is loaded', () => {
  const script = `import(${JSON.stringify(loadModule)}).then((m) => { try { m.parseShell('a'); console.log('no error'); } catch (e) { console.log(e.message); } })`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.match(child.stdout, /not loaded: `await loadShellParser\(\)`/);
});

load('a missing grammar file is reported with where it was looked for', () => {
  const script = `import(${JSON.stringify(loadModule)}).then((m) => m.loadShellParser({ wasmPath: '/nowhere/tree-sitter-bash.wasm' })).then(() => console.log('loaded'), (e) => console.log(e.message))`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.match(
    child.stdout,
    /Cannot find the shell grammar tree-sitter-bash\.wasm; looked in: \/nowhere\/tree-sitter-bash\.wasm/,
  );
});

load('the grammar is looked for at the package root first, then in tree-sitter-bash', () => {
  const candidates = shellWasmCandidates();
  assert.is(candidates[0], join(root, 'tree-sitter-bash.wasm'));
  assert.ok(
    candidates.some((candidate) =>
      candidate.endsWith(join('node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm')),
    ),
  );
});

load('loads once; later calls resolve at once and parseShell works synchronously', async () => {
  await Promise.all([loadShellParser(), loadShellParser()]);
  assert.ok(isShellParserLoaded());
  await loadShellParser();
  const tree = parseShell('echo hi');
  try {
    assert.is(tree.rootNode.type, 'program');
    assert.is(tree.rootNode.text, 'echo hi');
  } finally {
    tree.delete();
  }
});

load.run();

// ---------------------------------------------------------------------------------------------------------------
const copy = suite('shell: scripts/copy-wasm.mjs');

copy('copies each grammar to the project root, idempotently, and fails clearly when one is missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-copy-wasm-'));
  const grammars = [
    ['tree-sitter-bash', 'tree-sitter-bash.wasm'],
    ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-hcl.wasm'],
  ];
  try {
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(root, 'scripts', 'copy-wasm.mjs'), join(dir, 'scripts', 'copy-wasm.mjs'));
    const run = () =>
      spawnSync(process.execPath, [join(dir, 'scripts', 'copy-wasm.mjs')], { cwd: dir, encoding: 'utf8' });
    for (const [pkg, name] of grammars) {
      const missing = run();
      assert.is(missing.status, 1);
      assert.ok(missing.stderr.includes(`node_modules/${pkg}/${name} is missing`), missing.stderr);
      mkdirSync(join(dir, 'node_modules', pkg), { recursive: true });
      writeFileSync(join(dir, 'node_modules', pkg, name), `fake ${name}`);
    }
    const first = run();
    assert.is(first.status, 0, first.stderr);
    // The bash grammar was copied by the run that then stopped at the missing HCL one.
    assert.match(first.stdout, /tree-sitter-bash\.wasm is up to date/);
    assert.match(first.stdout, /copied tree-sitter-hcl\.wasm/);
    for (const [, name] of grammars) assert.is(readFileSync(join(dir, name), 'utf8'), `fake ${name}`);
    const second = run();
    assert.is(second.status, 0, second.stderr);
    assert.is(second.stdout.match(/up to date/g)?.length, grammars.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

copy.run();

// ---------------------------------------------------------------------------------------------------------------
const lists = suite('shell: top-level lists', { before: () => loadShellParser() });

lists('a && b || c; d: items with the operator that follows each', () => {
  const result = view('a && b || c; d');
  assert.equal(items(result), [
    ['a', '&&'],
    ['b', '||'],
    ['c', ';'],
    ['d', null],
  ]);
  assert.equal(
    result.lists.map((item) => [item.start, item.end, item.operator?.start ?? null]),
    [
      [0, 1, 2],
      [5, 6, 7],
      [10, 11, 11],
      [13, 14, null],
    ],
  );
  assert.ok(result.hasTopLevelOr);
  assert.ok(result.hasTopLevelSequence);
  assert.not.ok(result.hasTopLevelBackground);
});

lists('a && b || c: an or-list, no sequence', () => {
  const result = view('a && b || c');
  assert.equal(items(result), [
    ['a', '&&'],
    ['b', '||'],
    ['c', null],
  ]);
  assert.ok(result.hasTopLevelOr);
  assert.not.ok(result.hasTopLevelSequence);
  assert.not.ok(kinds(result).includes('sequence'));
});

lists('pipelines are flattened with | and |&, and marked', () => {
  const result = view('a | b |& c && d');
  assert.equal(items(result), [
    ['a', '|'],
    ['b', '|&'],
    ['c', '&&'],
    ['d', null],
  ]);
  assert.equal(
    result.lists.map((item) => item.inPipeline),
    [true, true, true, false],
  );
});

lists('a | b | c && d: pipelines of three bind tighter than && (the grammar nests them the other way)', () => {
  const result = view('a | b | c && d | e | f || g');
  assert.equal(items(result), [
    ['a', '|'],
    ['b', '|'],
    ['c', '&&'],
    ['d', '|'],
    ['e', '|'],
    ['f', '||'],
    ['g', null],
  ]);
  assert.equal(
    result.lists.map((item) => item.inPipeline),
    [true, true, true, true, true, true, false],
  );
  assert.ok(command(result, 'g').topLevel);
  assert.not.ok(command(result, 'c').topLevel);
});

lists('newlines separate items; a newline after && does not', () => {
  const result = view('a &&\n  b\nc # note\nd');
  assert.equal(items(result), [
    ['a', '&&'],
    ['b', '\n'],
    ['c', '\n'],
    ['d', null],
  ]);
  assert.is(result.lists[2]!.operator!.start, 'a &&\n  b\nc # note'.length);
  assert.ok(result.hasTopLevelSequence);
});

lists('trailing ; and & are the operator of the last item; a trailing newline is not', () => {
  assert.equal(items(view('a;')), [['a', ';']]);
  assert.equal(items(view('a &')), [['a', '&']]);
  assert.equal(items(view('a\n')), [['a', null]]);
  assert.not.ok(view('a;').hasTopLevelSequence);
});

lists('compound items keep their whole text and report their node type', () => {
  const result = view('(cd /x && make) && { a; b; } && if x; then y; fi && for i in 1; do :; done');
  assert.equal(
    result.lists.map((item) => item.node),
    ['subshell', 'compound_statement', 'if_statement', 'for_statement'],
  );
  assert.is(result.lists[0]!.text, '(cd /x && make)');
  assert.not.ok(result.hasTopLevelSequence, 'the ; inside braces and if are not top-level');
});

lists('quoted && and ; do not split items', () => {
  const result = view(`echo "a && b; c" 'd || e' && printf '%s\\n' "x|y"`);
  assert.equal(items(result), [
    [`echo "a && b; c" 'd || e'`, '&&'],
    [`printf '%s\\n' "x|y"`, null],
  ]);
  assert.not.ok(result.hasTopLevelOr);
  assert.not.ok(result.hasTopLevelSequence);
});

lists('redirects belong to the item they follow', () => {
  assert.equal(items(view('a && b > f 2>&1')), [
    ['a', '&&'],
    ['b > f 2>&1', null],
  ]);
  assert.equal(items(view('a | b > f')), [
    ['a', '|'],
    ['b > f', null],
  ]);
  assert.equal(items(view('cmd > f')), [['cmd > f', null]]);
  assert.is(view('cmd > f').lists[0]!.node, 'command');
});

lists('a heredoc on a line with && keeps the items of that line; the body is in no item', () => {
  const text = 'cat <<EOF > f && b || c\nbody\nEOF\nd';
  const result = view(text);
  assert.equal(items(result), [
    ['cat <<EOF > f', '&&'],
    ['b', '||'],
    ['c', '\n'],
    ['d', null],
  ]);
  assert.is(result.lists[2]!.operator!.start, text.indexOf('\n'));
});

lists('a heredoc piped to a command', () => {
  const result = view('cat <<EOF | grep x\nbody\nEOF');
  assert.equal(items(result), [
    ['cat <<EOF', '|'],
    ['grep x', null],
  ]);
  assert.ok(result.lists.every((item) => item.inPipeline));
});

lists('a heredoc with nothing after it on its line: the item covers the body', () => {
  const result = view('cat <<EOF\nhi\nEOF\necho done');
  assert.equal(items(result), [
    ['cat <<EOF\nhi\nEOF', '\n'],
    ['echo done', null],
  ]);
});

lists.run();

// ---------------------------------------------------------------------------------------------------------------
const commands = suite('shell: commands', { before: () => loadShellParser() });

commands('name, argument words with offsets and static values', () => {
  const text = `apt-get install -y --no-install-recommends "ca-certificates" 'curl' git\\ lfs pre"mid"post $PKG`;
  const result = view(text);
  assert.is(result.commands.length, 1);
  const apt = result.commands[0]!;
  assert.is(apt.form, 'simple');
  assert.is(apt.name!.value, 'apt-get');
  assert.equal(
    apt.args.map((arg) => arg.value),
    ['install', '-y', '--no-install-recommends', 'ca-certificates', 'curl', 'git lfs', 'premidpost', null],
  );
  assert.equal(
    apt.args.map((arg) => arg.text),
    ['install', '-y', '--no-install-recommends', '"ca-certificates"', "'curl'", 'git\\ lfs', 'pre"mid"post', '$PKG'],
  );
  for (const word of [apt.name!, ...apt.args]) assert.is(text.slice(word.start, word.end), word.text);
  assert.ok(apt.topLevel);
  assert.equal(apt.context, []);
  assert.is(apt.item, 0);
});

commands('static values: escapes inside double quotes, ANSI-C strings, expansions', () => {
  const result = view(`echo "a\\"b\\$c\\d" $'x\\ty' "$HOME/x" "\${A}" $(date) ~/x`);
  assert.equal(
    command(result, 'echo').args.map((arg) => arg.value),
    ['a"b$c\\d', 'x\ty', null, null, null, '~/x'],
  );
});

commands('FOO=1 make: an assignment prefix, not a hazard', () => {
  const result = view('FOO=1 BAR="a b" make -j4');
  const make = command(result, 'make');
  assert.equal(
    make.assignments.map((assignment) => [assignment.name, assignment.operator, assignment.value?.value ?? null]),
    [
      ['FOO', '=', '1'],
      ['BAR', '=', 'a b'],
    ],
  );
  assert.equal(
    make.args.map((arg) => arg.text),
    ['-j4'],
  );
  assert.is(make.text, 'FOO=1 BAR="a b" make -j4');
  assert.equal(result.hazards, []);
});

commands('FOO=1 alone: a command of assignments only, and a hazard', () => {
  const result = view('FOO=1');
  assert.is(result.commands.length, 1);
  const assignment = result.commands[0]!;
  assert.is(assignment.form, 'assignment');
  assert.is(assignment.name, null);
  assert.equal(
    assignment.assignments.map((a) => a.name),
    ['FOO'],
  );
  assert.equal(kinds(result), ['assignment']);
  assert.match(result.hazards[0]!.reason, /sets FOO/);
});

commands('empty, appended and array assignments', () => {
  const result = view('A= B+=x C=(1 2) D[1]=y');
  const [a, b, c, d] = result.commands[0]!.assignments;
  assert.is(a!.value, null);
  assert.is(b!.operator, '+=');
  assert.is(b!.value!.value, 'x');
  assert.is(c!.value!.text, '(1 2)');
  assert.is(c!.value!.value, null);
  assert.is(d!.name, 'D[1]');
});

commands('commands anywhere: subshells, braces, pipelines, if/for/while/case bodies, substitutions', () => {
  const text =
    '(a1) && { a2; } | a3 && if a4; then a5; elif a6; then a7; else a8; fi && for i in x; do a9; done && ' +
    'while a10; do a11; done && until a12; do a13; done && case $x in y) a14;; esac && echo "$(a15)" `a16` <(a17)';
  const result = view(text);
  const names = result.commands.map((found) => found.name?.value);
  for (let index = 1; index <= 17; index++)
    assert.ok(names.includes(`a${index}`), `a${index} missing from ${names.join(' ')}`);
  assert.equal(command(result, 'a1').context, ['subshell']);
  assert.equal(command(result, 'a2').context, ['pipeline', 'brace-group']);
  assert.equal(command(result, 'a5').context, ['if']);
  assert.equal(command(result, 'a9').context, ['for']);
  assert.equal(command(result, 'a11').context, ['while']);
  assert.equal(command(result, 'a13').context, ['until']);
  assert.equal(command(result, 'a14').context, ['case']);
  assert.equal(command(result, 'a15').context, ['command-substitution']);
  assert.equal(command(result, 'a16').context, ['command-substitution']);
  assert.equal(command(result, 'a17').context, ['process-substitution']);
  const sorted = [...result.commands].sort((x, y) => x.start - y.start);
  assert.equal(result.commands, sorted, 'commands are in source order');
});

commands('topLevel: only what runs in the instruction shell itself', () => {
  const result = view('a && (b) && { c; } && d | e && echo $(f) && g & h && k() { l; }');
  const top = Object.fromEntries(result.commands.map((found) => [found.name?.value, found.topLevel]));
  assert.equal(top, {
    a: false,
    b: false,
    c: false,
    d: false,
    e: false,
    echo: false,
    f: false,
    g: false,
    h: true,
    l: false,
  });
});

commands('topLevel with a background list only affects that list', () => {
  const result = view('a && b & c; { d; }');
  const top = Object.fromEntries(result.commands.map((found) => [found.name?.value, found.topLevel]));
  assert.equal(top, { a: false, b: false, c: true, d: true });
  assert.equal(command(result, 'a').context, ['background']);
});

commands('under zsh the last command of a pipeline runs in the current shell', () => {
  const sh = view('echo x | read y');
  assert.not.ok(command(sh, 'read').topLevel);
  assert.not.ok(kinds(sh).includes('read'));
  const zsh = view('echo x | read y', ['/bin/zsh', '-c']);
  assert.ok(command(zsh, 'read').topLevel);
  assert.not.ok(command(zsh, 'echo').topLevel);
  assert.ok(kinds(zsh).includes('read'));
});

commands('item: the index of the top-level item that contains the command', () => {
  const result = view('a && (b; c) || d $(e)');
  assert.equal(
    result.commands.map((found) => [found.name?.value, found.item]),
    [
      ['a', 0],
      ['b', 1],
      ['c', 1],
      ['d', 2],
      ['e', 2],
    ],
  );
});

commands('redirects: operator, descriptor, target; words after a redirect target are arguments', () => {
  const result = view('cmd a >f b 2>&1 c');
  const cmd = command(result, 'cmd');
  assert.equal(
    cmd.args.map((arg) => arg.text),
    ['a', 'b', 'c'],
  );
  assert.equal(
    cmd.redirects.map((redirect) => [
      redirect.text,
      redirect.operator,
      redirect.descriptor,
      redirect.target?.value ?? null,
    ]),
    [
      ['>f', '>', null, 'f'],
      ['2>&1', '>&', '2', '1'],
    ],
  );
  assert.is(cmd.text, 'cmd a >f b 2>&1 c');
  const cat = command(view('cat <<<"in" -'), 'cat');
  assert.equal(
    cat.redirects.map((redirect) => [redirect.text, redirect.operator, redirect.target?.value ?? null]),
    [['<<<"in"', '<<<', 'in']],
  );
});

commands('heredoc redirects name their delimiter without quotes', () => {
  const result = view(`cat <<-'EOF' > /etc/x\n\tbody\n\tEOF`);
  const cat = command(result, 'cat');
  assert.equal(
    cat.redirects.map((redirect) => [redirect.text, redirect.operator, redirect.target?.value ?? null]),
    [
      ["<<-'EOF'", '<<-', 'EOF'],
      ['> /etc/x', '>', '/etc/x'],
    ],
  );
});

commands('declaration, unset and test commands', () => {
  const result = view('export A=1 B && unset -v C && [ -f "x y" ] && [[ $a == b* ]]');
  const exported = command(result, 'export');
  assert.is(exported.form, 'declaration');
  assert.equal(
    exported.args.map((arg) => arg.text),
    ['A=1', 'B'],
  );
  assert.equal(
    exported.assignments.map((assignment) => assignment.name),
    ['A'],
  );
  assert.is(command(result, 'unset').form, 'unset');
  assert.equal(
    command(result, 'unset').args.map((arg) => arg.text),
    ['-v', 'C'],
  );
  const test = command(result, '[');
  assert.is(test.form, 'test');
  assert.equal(
    test.args.map((arg) => arg.value),
    ['-f', 'x y'],
  );
  assert.equal(
    command(result, '[[').args.map((arg) => arg.text),
    ['$a', '==', 'b*'],
  );
});

commands('effectiveCommand looks through command, builtin and time', () => {
  const result = view('command cd /x; builtin cd /y; time -p cd /z; command -v cd');
  const names = result.commands.map((found) => effectiveCommand(found)?.name ?? null);
  assert.equal(names, ['cd', 'cd', 'cd', null]);
  assert.equal(
    kinds(result).filter((kind) => kind === 'cd'),
    ['cd', 'cd', 'cd'],
  );
});

commands('offsets are JS string indices, also after astral characters and CRLF', () => {
  const text = '😀 "é" && printf "%s" ü\r\nnext';
  const result = view(text);
  assert.equal(
    result.commands.map((found) => found.name?.text),
    ['😀', 'printf', 'next'],
  );
  assert.is(command(result, 'printf').args[1]!.start, text.indexOf('ü'));
});

commands.run();

// ---------------------------------------------------------------------------------------------------------------
const hazards = suite('shell: hazards', { before: () => loadShellParser() });

const hazardCases: [string, ShellHazardKind[]][] = [
  ['apt-get update && apt-get install -y curl', []],
  ['set -eux; apt-get update', ['set', 'sequence']],
  ['set -eux && apt-get update', ['set']],
  ['set', []],
  ['cd /x && make', ['cd']],
  ['(cd /x && make)', []],
  ['pushd /x && popd', ['cd', 'cd']],
  ['export PATH=/x:$PATH', ['export']],
  ['export -p', []],
  ['unset FOO', ['unset']],
  ['shopt -s globstar', ['shopt']],
  ['shopt globstar', []],
  ['umask 0022', ['umask']],
  ['umask', []],
  ['source /etc/profile', ['source']],
  ['. /etc/os-release && echo $ID', ['source']],
  ['alias ll="ls -l"', ['alias']],
  ['unalias ll', ['alias']],
  ['exec "$@"', ['exec']],
  ['exec 3>/tmp/x', ['exec']],
  ['trap "rm -f /tmp/x" EXIT', ['trap']],
  ['ulimit -n 4096', ['ulimit']],
  ['ulimit -n', []],
  ['declare -x A=1', ['declare']],
  ['typeset A', ['declare']],
  ['readonly A=1', ['declare']],
  ['let i=1', ['assignment']],
  ['read -r line < file', ['read']],
  ['eval "$(ssh-agent)"', ['eval']],
  ['printf -v x %s y', ['assignment']],
  ['FOO=1', ['assignment']],
  ['FOO=1 BAR=2', ['assignment']],
  ['FOO=1 make', []],
  ['FOO=1 :', ['assignment']],
  ['FOO=$(pwd)', ['assignment']],
  [': ${FOO:=default}', ['assignment']],
  ['echo ${FOO:-default}', []],
  ['((i++))', ['assignment']],
  ['echo $((i + 1))', []],
  ['for i in 1 2; do echo $i; done', ['loop-variable']],
  ['select x in a b; do break; done', ['loop-variable']],
  ['for ((i = 0; i < 3; i++)); do :; done', ['loop-variable']],
  ['(for i in 1 2; do echo $i; done)', []],
  ['f() { :; }', ['function']],
  ['function g { cd /x; }', ['function']],
  ['echo hi # trailing', ['comment']],
  ['echo "# not a comment" \\# nor this', []],
  ['sleep 1 &', ['background']],
  ['a & b', ['background']],
  ['cat <<EOF\nhello\nEOF', ['heredoc']],
  ['echo $(cd /tmp && pwd)', []],
  ['x=$(cd /tmp && pwd) && echo $x', ['assignment']],
  ['echo "cd /x && export A=1"', []],
  ['a || exit 1', []],
  ['a || exit 0', ['exit']],
  ['exit', ['exit']],
  ['if [ -d /x ]; then cd /x; fi', ['cd']],
  ['[ -d /x ] && cd /x || true', ['cd']],
  ['{ cd /x; make; }', ['cd']],
  ['while read -r f; do rm "$f"; done < list', ['read']],
  ['find . | while read -r f; do rm "$f"; done', []],
  ['cd /x &', ['background']],
  ['a\nb', ['sequence']],
  // tree-sitter-bash nests `b | c && cd /src` inside the first pipeline; the view regroups it as the shell does.
  ['curl -fsSL x | tar -xz | tee log && cd /src', ['cd']],
  ['a | b | c || export A=1', ['export']],
];

for (const [text, expected] of hazardCases) {
  hazards(`hazards of ${JSON.stringify(text)}: ${expected.join(', ') || 'none'}`, () => {
    const result = view(text);
    assert.equal(kinds(result), expected);
    for (const hazard of result.hazards) {
      assert.ok(hazard.reason.length > 10, 'every hazard has a reason');
      assert.is(hazard.type, 'hazard');
    }
  });
}

hazards('hazards name their command and point at it', () => {
  const text = 'apt-get update && cd /src && make';
  const [cd] = view(text).hazards;
  assert.is(cd!.kind, 'cd');
  assert.is(cd!.command, 'cd');
  assert.is(cd!.text, 'cd /src');
  assert.is(cd!.start, text.indexOf('cd'));
  assert.is(cd!.reason, 'changes the working directory with cd');
});

hazards('the loop variable hazard names the variable; functions name the function', () => {
  assert.match(view('for pkg in a b; do echo $pkg; done').hazards[0]!.reason, /loop variable pkg/);
  const fn = view('setup() { :; }').hazards[0]!;
  assert.is(fn.command, 'setup');
  assert.match(fn.reason, /defines the function setup/);
});

hazards('trailing comment is reported with offsets', () => {
  const text = 'echo hi # trailing';
  const result = view(text);
  assert.equal(result.trailingComment, { text: '# trailing', start: 8, end: 18 });
  assert.equal(view('echo hi # c\necho there').trailingComment, null);
  assert.equal(view('echo hi # c\n  ').trailingComment, { text: '# c', start: 8, end: 11 });
});

hazards('sequence hazards point at each separator', () => {
  const text = 'a; b\nc';
  const result = view(text);
  assert.equal(
    result.hazards.map((hazard) => [hazard.kind, hazard.text, hazard.start]),
    [
      ['sequence', ';', 1],
      ['sequence', '\n', 4],
    ],
  );
});

hazards('heredoc hazard spans from the operator to the delimiter line, anywhere in the text', () => {
  const text = '(cat <<EOF > /x\nhello\nEOF\n) && echo ok';
  const result = view(text);
  const heredoc = result.hazards.find((hazard) => hazard.kind === 'heredoc')!;
  assert.is(heredoc.start, text.indexOf('<<EOF'));
  assert.is(heredoc.end, text.indexOf('\n)'));
});

hazards('hazards are sorted by offset', () => {
  const result = view('cd /a; export B=1; FOO=2 # end');
  const starts = result.hazards.map((hazard) => hazard.start);
  assert.equal(
    starts,
    [...starts].sort((x, y) => x - y),
  );
  assert.equal(kinds(result), ['cd', 'sequence', 'export', 'sequence', 'assignment', 'comment']);
});

hazards.run();

// ---------------------------------------------------------------------------------------------------------------
const errors = suite('shell: parse errors', { before: () => loadShellParser() });

errors('a syntax error is an error and a parse-error hazard, and the view is still built', () => {
  const result = view('if true; then echo yes');
  assert.ok(result.errors.length > 0);
  assert.ok(kinds(result).includes('parse-error'));
  assert.match(result.errors[0]!.message, /^(Unexpected|Missing) /);
});

errors('unterminated quote, dangling operator, stray keyword', () => {
  for (const text of ['echo "unterminated', 'a &&', 'a ||', 'echo $(', 'fi; echo ok', ')', 'for do']) {
    const result = view(text);
    assert.ok(result.errors.length > 0, `no error for ${JSON.stringify(text)}`);
    assert.ok(kinds(result).includes('parse-error'));
  }
});

errors('a dangling operator keeps the item before it and does not count as an or-list', () => {
  const result = view('a ||');
  assert.equal(items(result), [['a', '||']]);
  assert.not.ok(result.hasTopLevelOr);
  assert.is(result.errors[0]!.kind, 'missing');
});

errors('any mix of shell tokens: never throws, every span maps back, items in order', () => {
  const token = fc.constantFrom(
    'a',
    'cd /x',
    'export A=1',
    'FOO=1',
    ' ',
    ' ',
    '&&',
    '||',
    ';',
    '|',
    '&',
    '(',
    ')',
    '{',
    '}',
    '"',
    "'",
    '$(',
    '`',
    '\n',
    '\r\n',
    '#',
    '<<EOF',
    'EOF',
    '<<-"E"',
    '>',
    '2>&1',
    'for i in 1',
    'do',
    'done',
    'if',
    'then',
    'fi',
    '\\',
    '$x',
    '${x:=1}',
    '((',
    '))',
    'é',
    '😀',
    'f()',
    'case',
    'esac',
    ')',
    ';;',
    '!',
    '[[',
    ']]',
    '[',
    ']',
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
      view(tokens.join(''));
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
  );
});

errors('valid text has no errors', () => {
  assert.equal(view('a && b').errors, []);
});

errors('empty and whitespace-only text', () => {
  for (const text of ['', '   ', '\n\n', '# only a comment']) {
    const result = view(text);
    assert.equal(result.lists, []);
    assert.equal(result.commands, []);
    assert.equal(result.errors, []);
  }
  assert.equal(kinds(view('# only a comment')), ['comment']);
});

errors('odd input never throws: NUL, lone CR, backslash at the end, long text', () => {
  for (const text of ['a\0b', 'a\rb', 'echo \\', 'x'.repeat(100_000), '$(((((', '<<', '"\'`']) view(text);
});

errors.run();

// ---------------------------------------------------------------------------------------------------------------
const dialects = suite('shell: SHELL dialects', { before: () => loadShellParser() });

dialects('PowerShell and cmd are not POSIX: nothing is parsed, one non-posix-shell hazard', () => {
  for (const shell of [
    ['powershell', '-Command'],
    ['pwsh', '-c'],
    ['cmd', '/S', '/C'],
    ['C:\\Windows\\System32\\cmd.exe', '/C'],
  ]) {
    const text = 'cd /x && make';
    const result = shellView(text, { shell });
    assert.is(result.posix, false);
    assert.equal(result.lists, []);
    assert.equal(result.commands, []);
    assert.equal(kinds(result), ['non-posix-shell']);
    assert.equal(result.shell, shell);
    if (!result.posix) assert.match(result.reason, /PowerShell|cmd\.exe/);
    assert.is(result.hazards[0]!.reason, result.posix ? '' : result.reason);
  }
});

dialects('POSIX shells by path, with flags, through env', () => {
  for (const shell of [
    ['/bin/sh', '-c'],
    ['/bin/bash', '-o', 'pipefail', '-c'],
    ['ash', '-c'],
    ['/usr/bin/dash', '-c'],
    ['zsh', '-c'],
    ['/usr/bin/env', 'bash', '-c'],
    ['busybox', 'sh', '-c'],
  ]) {
    assert.ok(shellView('a', { shell }).posix, JSON.stringify(shell));
  }
  assert.ok(shellView('a').posix);
  assert.ok(shellView('a', { shell: [] }).posix);
  assert.is(shellDialect(['/usr/bin/env', '-S', 'zsh', '-c']).name, 'zsh');
});

dialects('unknown programs are not POSIX shells', () => {
  const result = shellView('print(1)', { shell: ['python3', '-c'] });
  assert.is(result.posix, false);
  if (!result.posix) assert.match(result.reason, /python3.*not a known POSIX shell/);
});

dialects.run();

// ---------------------------------------------------------------------------------------------------------------
const corpus = suite('shell: real corpus', { before: () => loadShellParser() });

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}

/** The shell-form RUN commands of a Dockerfile, crudely: continuations joined, comment lines dropped, flags cut. */
function crudeRuns(source: string): string[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const escape = /^#\s*escape\s*=\s*`/im.test(lines.slice(0, 5).join('\n')) ? '`' : '\\';
  const runs: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const match = /^\s*RUN\s+(.*)$/i.exec(lines[index]!);
    if (!match) continue;
    let logical = match[1]!;
    while (logical.trimEnd().endsWith(escape) && index + 1 < lines.length) {
      logical = logical.trimEnd().slice(0, -1);
      index++;
      while (index < lines.length && /^\s*#/.test(lines[index]!)) index++;
      logical += lines[index] ?? '';
    }
    logical = logical.replace(/^(\s*--[a-z-]+(=("[^"]*"|\S)*)?\s+)+/i, '').trim();
    if (logical.startsWith('[')) continue;
    const heredoc = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)/.exec(logical);
    if (heredoc) {
      const body: string[] = [];
      while (index + 1 < lines.length) {
        const line = lines[++index]!;
        body.push(line);
        if (line.trim() === heredoc[1]) break;
      }
      logical = [logical, ...body].join('\n');
      // `RUN <<EOF` alone runs the body as the script; that is what the shell sees.
      if (/^<<-?\s*["']?[A-Za-z_]\w*["']?\s*$/.test(logical.split('\n')[0]!)) logical = body.slice(0, -1).join('\n');
    }
    if (logical) runs.push(logical);
  }
  return runs;
}

corpus('parses every RUN of the real corpus (1,300+) without throwing, every span mapping back', () => {
  const dir = join(corpusDir(), 'real'); // throws when the corpus is missing
  const runs = listFiles(dir).flatMap((file) => crudeRuns(readFileSync(file, 'utf8')));
  // test/corpus/real holds 464 Dockerfiles with 1,345 RUN instructions (1,326 in shell form).
  assert.ok(runs.length >= 1000, `only ${runs.length} RUN commands found in ${dir}: is the corpus complete?`);
  let withCommands = 0;
  let withErrors = 0;
  let withHazards = 0;
  for (const run of runs) {
    const result = view(run);
    if (result.commands.length > 0) withCommands++;
    if (result.errors.length > 0) withErrors++;
    if (result.hazards.length > 0) withHazards++;
  }
  assert.ok(withCommands / runs.length > 0.99, `${withCommands} of ${runs.length} RUNs have commands`);
  // PowerShell and cmd RUNs (Windows images) are parsed as sh here, so some errors are expected; not many.
  assert.ok(withErrors / runs.length < 0.1, `${withErrors} of ${runs.length} RUNs have parse errors`);
  assert.ok(withHazards > 0);
});

corpus.run();
