/**
 * The instruction view: keyword, flags, arguments, exec or shell form, per-keyword structure (ENV/LABEL/ARG pairs,
 * FROM, HEALTHCHECK, ONBUILD), the logical line and its map back to the printed text; the stages query; and the
 * variable-reference query.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instructions, parse, print, stages, variableReferences, type InstructionView } from '../src/index.js';
import { toLocal } from '../src/syntax/logical.js';
import { envVarCases } from './helpers/buildkit-cases.js';
import { corpusFiles } from './helpers/corpus.js';

/** The views of a file's instructions. */
function views(text: string): InstructionView[] {
  const root = parse(text);
  assert.is(print(root), text, 'round trip');
  return instructions(root);
}

/** The single instruction after a `FROM a` line. */
function second(text: string): InstructionView {
  return views(`FROM a\n${text}`)[1];
}

test('keyword and arguments, with offsets into the logical line', () => {
  const view = second('  run   echo hi  \n');
  assert.is(view.keyword, 'run');
  assert.is(view.name, 'run');
  assert.is(view.args, 'echo hi');
  assert.is(view.logical.text.slice(view.keywordStart, view.keywordEnd), 'run');
  assert.is(view.logical.text.slice(view.argsStart, view.argsEnd), 'echo hi');
});

test('flags: --mount with its name, value and key/value fields', () => {
  const view = second('RUN --mount=type=cache,target=/root/.cache,sharing=locked --network=none pip install x\n');
  assert.equal(
    view.flags.map(({ name, value, text }) => ({ name, value, text })),
    [
      {
        name: 'mount',
        value: 'type=cache,target=/root/.cache,sharing=locked',
        text: '--mount=type=cache,target=/root/.cache,sharing=locked',
      },
      { name: 'network', value: 'none', text: '--network=none' },
    ],
  );
  assert.equal(view.flags[0].fields, [
    { key: 'type', value: 'cache' },
    { key: 'target', value: '/root/.cache' },
    { key: 'sharing', value: 'locked' },
  ]);
  assert.is(view.flags[1].fields, undefined);
  assert.is(view.args, 'pip install x');
  for (const flag of view.flags) assert.is(view.logical.text.slice(flag.start, flag.end), flag.text);
});

test('flags: --mount fields as Go reads CSV: bare keys, keys lower-cased, quoted fields, unreadable values', () => {
  const fields = (flag: string) => second(`RUN ${flag} true\n`).flags[0].fields;
  assert.equal(fields('--mount=type=bind,Source=x,readonly'), [
    { key: 'type', value: 'bind' },
    { key: 'source', value: 'x' },
    { key: 'readonly' },
  ]);
  assert.equal(fields(`--mount='type=secret,"id=a,b"'`), [
    { key: 'type', value: 'secret' },
    { key: 'id', value: 'a,b' },
  ]);
  assert.equal(fields(`--mount='type=secret,"id=""q"""'`), [
    { key: 'type', value: 'secret' },
    { key: 'id', value: '"q"' },
  ]);
  assert.is(fields(`--mount='type=secret,id=a"b'`), undefined);
  assert.is(fields('--mount='), undefined);
});

test('flags: quoted values lose their quotes; a bare flag has no value; unknown flags are kept', () => {
  const view = second(`COPY --chown="app user" --chmod='0755' --link --frobnicate=yes src/ /app/\n`);
  assert.equal(
    view.flags.map(({ name, value, text }) => [name, value, text]),
    [
      ['chown', 'app user', '--chown=app user'],
      ['chmod', '0755', '--chmod=0755'],
      ['link', undefined, '--link'],
      ['frobnicate', 'yes', '--frobnicate=yes'],
    ],
  );
  assert.is(view.args, 'src/ /app/');
  assert.equal(view.buildkit.flags, ['--chown=app user', '--chmod=0755', '--link', '--frobnicate=yes']);
});

test('flags: -- ends them, and what follows is arguments', () => {
  const view = second('COPY --chown=1 -- --weird-name /dst/\n');
  assert.equal(
    view.flags.map((flag) => flag.text),
    ['--chown=1'],
  );
  assert.is(view.args, '--weird-name /dst/');
  assert.equal(view.buildkit.next, ['--weird-name', '/dst/']);
  assert.equal(second('COPY -- a b\n').flags, []);
});

test('flags: non-ASCII bytes come out one Latin-1 character per byte, as BuildKit reads them', () => {
  const view = second('COPY --chown=josé a b\n');
  assert.equal(view.buildkit.flags, ['--chown=josÃ©']);
  assert.is(view.args, 'a b');
  const split = second('COPY --chown=à b c\n');
  assert.equal(split.buildkit.flags, ['--chown=Ã']);
  assert.equal(split.buildkit.next, ['b', 'c']);
});

test('exec form and shell form', () => {
  const exec = second('CMD ["node", "server.js"]\n');
  assert.is(exec.form, 'exec');
  assert.equal(exec.exec, ['node', 'server.js']);
  const shell = second('CMD node server.js\n');
  assert.is(shell.form, 'shell');
  assert.is(shell.exec, undefined);
  assert.equal(shell.buildkit.next, ['node server.js']);
  const health = second('HEALTHCHECK --interval=5s CMD ["curl", "-f", "http://x/"]\n');
  assert.is(health.form, 'exec');
  assert.equal(health.exec, ['curl', '-f', 'http://x/']);
  assert.equal(second('COPY ["a b", "/c d/"]\n').exec, ['a b', '/c d/']);
  assert.equal(second('VOLUME ["/data", "/logs"]\n').buildkit.next, ['/data', '/logs']);
  assert.equal(second('VOLUME /data /logs\n').buildkit.next, ['/data', '/logs']);
});

test('malformed JSON falls back to shell form, as in BuildKit', () => {
  for (const args of [`["a", 'b']`, '["echo", "unterminated', '[ "a" "b" ]', '["a",]', '[oops]']) {
    const view = second(`CMD ${args}\n`);
    assert.is(view.form, 'shell', args);
    assert.equal(view.buildkit.next, [args]);
  }
  assert.equal(second(`COPY ["a", 'b'] /c\n`).buildkit.next, ['["a",', "'b']", '/c']);
});

test('JSON form reads the first JSON value and ignores what follows it (Go json.Decoder)', () => {
  const view = second('ENTRYPOINT ["x"] trailing words\n');
  assert.is(view.form, 'exec');
  assert.equal(view.exec, ['x']);
});

test('JSON strings are decoded: escapes, and a lone surrogate becomes U+FFFD as in Go', () => {
  assert.equal(second('CMD ["a\\tb", "\\u00e9", "\\/"]\n').exec, ['a\tb', 'é', '/']);
  assert.equal(second('CMD ["\\ud800x"]\n').exec, ['\ufffdx']);
});

test('ENV pairs in the key=value form, values as written (quotes and escapes kept)', () => {
  const view = second('ENV A=1 B="two words" C=three\\ words D=\n');
  assert.equal(
    view.pairs!.map(({ key, value, form }) => [key, value, form]),
    [
      ['A', '1', 'equals'],
      ['B', '"two words"', 'equals'],
      ['C', 'three\\ words', 'equals'],
      ['D', '', 'equals'],
    ],
  );
  for (const pair of view.pairs!) assert.ok(view.logical.text.slice(pair.start, pair.end).startsWith(pair.key + '='));
  assert.equal(view.buildkit.next, ['A', '1', '=', 'B', '"two words"', '=', 'C', 'three\\ words', '=', 'D', '', '=']);
});

test('ENV and LABEL pairs in the legacy key value form: the value is the rest of the line', () => {
  const env = second('ENV PATH /usr/local/bin:$PATH\n');
  assert.equal(
    env.pairs!.map(({ key, value, form }) => [key, value, form]),
    [['PATH', '/usr/local/bin:$PATH', 'legacy']],
  );
  const spaced = second('ENV K  a b  "c"\n');
  assert.equal(
    spaced.pairs!.map(({ key, value }) => [key, value]),
    [['K', 'a b  "c"']],
  );
  assert.equal(spaced.buildkit.next, ['K', 'a b  "c"', '']);
  const label = second('LABEL maintainer Jane Doe <jane@example.com>\n');
  assert.equal(
    label.pairs!.map(({ key, value, form }) => [key, value, form]),
    [['maintainer', 'Jane Doe <jane@example.com>', 'legacy']],
  );
});

test('LABEL keys may be quoted; the escape character keeps a quote inside a quoted value', () => {
  const view = second('LABEL "org.example.name"="a \\"b\\"" version=1\n');
  assert.equal(
    view.pairs!.map(({ key, value }) => [key, value]),
    [
      ['"org.example.name"', '"a \\"b\\""'],
      ['version', '1'],
    ],
  );
});

test('a word without = after a key=value pair is kept as a bare name (BuildKit rejects it)', () => {
  const view = second('ENV A=1 B\n');
  assert.equal(
    view.pairs!.map(({ key, value, form }) => [key, value, form]),
    [
      ['A', '1', 'equals'],
      ['B', undefined, 'name'],
    ],
  );
});

test('ARG a b=c: names with and without defaults', () => {
  const view = views('ARG a b=c d="e f"\nFROM x\n')[0];
  assert.equal(
    view.pairs!.map(({ key, value, form }) => [key, value, form]),
    [
      ['a', undefined, 'name'],
      ['b', 'c', 'equals'],
      ['d', '"e f"', 'equals'],
    ],
  );
});

test('FROM --platform=$BUILDPLATFORM img AS name', () => {
  const [view] = views('FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n');
  assert.equal(view.from, { image: 'golang:1.22', platform: '$BUILDPLATFORM', alias: 'build' });
  assert.equal(views('from scratch\n')[0].from, { image: 'scratch' });
  assert.equal(views('FROM a as b\n')[0].from, { image: 'a', alias: 'b' });
});

test('HEALTHCHECK NONE and HEALTHCHECK CMD in shell form', () => {
  const none = second('HEALTHCHECK NONE\n');
  assert.equal(none.buildkit.next, ['NONE']);
  assert.is(none.exec, undefined);
  const cmd = second('HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1\n');
  assert.equal(
    cmd.flags.map((flag) => flag.name),
    ['interval', 'timeout'],
  );
  assert.equal(cmd.buildkit.next, ['CMD', 'curl -f http://localhost/ || exit 1']);
  assert.is(cmd.form, 'shell');
});

test('ONBUILD wraps an instruction: the trigger has its own keyword, arguments and BuildKit node', () => {
  const view = second('ONBUILD RUN --mount=type=cache,target=/x make\n');
  assert.is(view.trigger!.keyword, 'RUN');
  assert.is(view.trigger!.name, 'run');
  assert.is(view.trigger!.args, 'make');
  assert.equal(view.trigger!.buildkit.flags, ['--mount=type=cache,target=/x']);
  assert.equal(second('onbuild copy . /app\n').trigger!.buildkit.next, ['.', '/app']);
  assert.is(second('RUN x\n').trigger, undefined);
});

test('the logical line joins continuations and drops comment lines and empty lines inside them', () => {
  const view = second(
    'RUN apt-get update \\\n    # refresh the index first\n\n    && apt-get install -y \\\n\t  curl\n',
  );
  assert.is(view.logical.text, 'RUN apt-get update     && apt-get install -y \t  curl');
  assert.equal(view.buildkit.next, ['apt-get update     && apt-get install -y \t  curl']);
});

test('the logical line of a continuation with whitespace after the escape, and at the end of the file', () => {
  assert.is(second('RUN a \\  \t\n  b').logical.text, 'RUN a   b');
  assert.is(second('RUN a \\').logical.text, 'RUN a ');
});

test('toLocal maps logical offsets back to the printed instruction; bias picks a side of each joint', () => {
  const view = second('RUN a \\\n# note\n  b\n');
  const printed = print(view.node);
  assert.is(view.logical.text, 'RUN a   b');
  const joint = 'RUN a '.length;
  assert.is(toLocal(view.logical, joint, 'end'), printed.indexOf('\\'));
  assert.is(toLocal(view.logical, joint, 'start'), printed.indexOf('  b'));
  assert.is(toLocal(view.logical, view.logical.text.length, 'end'), printed.indexOf('b') + 1);
});

test('toLocal maps every logical character of every corpus instruction to the same character in print(node)', () => {
  let checked = 0;
  const wrong: string[] = [];
  for (const [path, text] of corpusFiles()) {
    for (const view of instructions(parse(text))) {
      const printed = print(view.node);
      const logical = view.logical.text;
      for (let i = 0; i < logical.length; i++) {
        checked++;
        // A character starts at toLocal(i) ('start' bias) and ends at toLocal(i + 1, 'end').
        if (
          printed[toLocal(view.logical, i)] !== logical[i] ||
          printed[toLocal(view.logical, i + 1, 'end') - 1] !== logical[i]
        ) {
          wrong.push(`${path}:${view.node.position!.start.line} logical offset ${i}`);
          break;
        }
      }
    }
  }
  assert.equal(wrong.slice(0, 5), []);
  assert.ok(checked > 500_000, `checked ${checked} characters`);
});

test('stages: FROM to FROM, with names; global ARGs belong to none', () => {
  const root = parse(
    'ARG BASE=alpine\nFROM $BASE AS build\nRUN make\nCOPY . .\nFROM build AS test\nRUN make test\nFROM scratch\nCOPY --from=build /out /\n',
  );
  const found = stages(root);
  assert.equal(
    found.map((stage) => ({
      index: stage.index,
      name: stage.name,
      base: stage.base,
      instructions: stage.instructions.map((view) => view.name),
    })),
    [
      { index: 0, name: 'build', base: '$BASE', instructions: ['run', 'copy'] },
      { index: 1, name: 'test', base: 'build', instructions: ['run'] },
      { index: 2, name: undefined, base: 'scratch', instructions: ['copy'] },
    ],
  );
  assert.is(found[0].from.name, 'from');
  assert.equal(stages(parse('ARG A\n')), []);
});

test('variable references: $VAR, ${VAR} and the modifier forms, with offsets', () => {
  assert.equal(variableReferences('$A/${B}x'), [
    { name: 'A', start: 0, end: 2 },
    { name: 'B', start: 3, end: 7 },
  ]);
  const forms: Array<[string, string, string]> = [
    ['${V:-x}', ':-', 'x'],
    ['${V-x}', '-', 'x'],
    ['${V:+x y}', ':+', 'x y'],
    ['${V+x}', '+', 'x'],
    ['${V:?must be set}', ':?', 'must be set'],
    ['${V?}', '?', ''],
    ['${V#*/}', '#', '*/'],
    ['${V##*/}', '##', '*/'],
    ['${V%.*}', '%', '.*'],
    ['${V%%.*}', '%%', '.*'],
    ['${V/a/b}', '/', 'a/b'],
    ['${V//a/b}', '//', 'a/b'],
  ];
  for (const [text, operator, word] of forms) {
    assert.equal(variableReferences(text), [{ name: 'V', start: 0, end: text.length, operator, word }], text);
  }
});

test('variable references: nested in a word, inside double quotes, not in single quotes or after an escape', () => {
  assert.equal(variableReferences('${A:-${B}}'), [
    { name: 'A', start: 0, end: 10, operator: ':-', word: '${B}' },
    { name: 'B', start: 5, end: 9 },
  ]);
  assert.equal(
    variableReferences(`"$A" '$B' \\$C \\\\$D`).map((ref) => ref.name),
    ['A', 'D'],
  );
  assert.equal(
    variableReferences('`$A $B', '`').map((ref) => ref.name),
    ['B'],
  );
  assert.equal(
    variableReferences('\\$A', '`').map((ref) => ref.name),
    ['A'],
  );
  assert.equal(
    variableReferences('$1 $@ $$ ${10} $# $ x $.').map((ref) => ref.name),
    ['1', '@', '$', '10', '#'],
  );
  assert.equal(variableReferences('a${ä_1}b'), [{ name: 'ä_1', start: 1, end: 7 }]);
});

test('variable references: malformed ones carry the error BuildKit gives, and end the scan', () => {
  const errors = (text: string) => variableReferences(text).map((ref) => ref.error);
  assert.equal(errors('${}'), ['bad substitution']);
  assert.equal(errors('${:-x}'), ['bad substitution']);
  assert.equal(errors('${A'), ["missing '}'"]);
  assert.equal(errors('${A:-x'), ["missing '}'"]);
  assert.equal(errors('${A:=x} $B'), ['unsupported modifier (:=) in substitution']);
  assert.equal(errors('${A:#x}'), ['unsupported modifier (:#) in substitution']);
  assert.equal(errors('${.}'), ['unsupported modifier (.) in substitution']);
  assert.equal(errors('${A:-${B}'), ["missing '}'", undefined]);
});

/** Expand `text` with `env` the way BuildKit does, using variableReferences for the structure (no quotes). */
function expand(text: string, env: Record<string, string>): string {
  const refs = variableReferences(text);
  if (refs.some((ref) => ref.error)) throw new Error(refs.find((ref) => ref.error)!.error);
  let out = '';
  let at = 0;
  for (const ref of refs) {
    if (ref.start < at) continue;
    for (; at < ref.start; at++) out += text[at] === '\\' ? (at + 1 < ref.start ? text[++at] : '') : text[at];
    const set = Object.hasOwn(env, ref.name);
    const value = set ? env[ref.name] : '';
    const word = () => expand(ref.word ?? '', env);
    switch (ref.operator) {
      case undefined:
        out += value;
        break;
      case ':-':
        out += set && value !== '' ? value : word();
        break;
      case ':+':
        out += set && value !== '' ? word() : '';
        break;
      case '?':
        if (!set) throw new Error(`${ref.name}: is not allowed to be unset`);
        out += value;
        break;
      case ':?':
        if (!set || value === '') throw new Error(`${ref.name}: is not allowed to be empty`);
        out += value;
        break;
      default:
        throw new Error(`operator ${ref.operator} not in envVarTest`);
    }
    at = ref.end;
  }
  for (; at < text.length; at++) out += text[at] === '\\' ? (at + 1 < text.length ? text[++at] : '') : text[at];
  return out;
}

test("variable references agree with BuildKit's envVarTest: expansion of unquoted cases, errors everywhere", () => {
  const env = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' };
  let expanded = 0;
  let errorsChecked = 0;
  const wrong: string[] = [];
  for (const { platform, input, expected, line } of envVarCases()) {
    if (platform === 'W') continue;
    const refs = variableReferences(input);
    const syntaxError = refs.some((ref) => ref.error);
    if (/['"]/.test(input)) {
      if (syntaxError && expected !== 'error') wrong.push(`line ${line}: ${input} reported an error`);
      continue;
    }
    let actual: string;
    try {
      actual = expand(input, env);
    } catch {
      actual = 'error';
    }
    if (actual === 'error') errorsChecked++;
    else expanded++;
    if (actual !== expected) wrong.push(`line ${line}: ${input} gave ${actual}, expected ${expected}`);
  }
  assert.equal(wrong, []);
  assert.ok(expanded > 150 && errorsChecked > 15, `expanded ${expanded}, errors ${errorsChecked}`);
});

test.run();
