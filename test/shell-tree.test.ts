/**
 * The plain copy of a tree-sitter-bash tree that the shell view reads: node for node the same as web-tree-sitter's own
 * nodes over every RUN of the corpus and a set of hard texts, except the subtrees it skips on purpose; and the
 * grammar facts it relies on, checked against the grammar's node-types.json; and a text nested deeper than the stack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Node } from 'web-tree-sitter';
import { transform } from '../src/registry.js';
import { loadShellParser, parseShell, shellView } from '../src/shell/index.js';
import { FIELD_PARENT_TYPES, LEAF_TYPES, readShellTree, type ShellNode } from '../src/shell/tree.js';
import { parse } from '../src/syntax/parse.js';
import { instructions } from '../src/syntax/view.js';
import { corpusFiles, PROJECT_ROOT } from './helpers/corpus.js';

const test = suite('shell tree copy');

/** Texts with errors, missing tokens, heredocs, nesting and every field-bearing construct. */
const HARD = [
  'a && b || c; d & e | f |& g',
  'echo "x $(cd /tmp && pwd) ${y:-$(z)}" `w` $((1 + 2))',
  'for i in 1 2; do echo $i; done; for ((i = 0; i < 3; i++)); do :; done',
  'f() { cd /; }; if [ -f x ]; then y; elif z; then w; else v; fi',
  'case $x in a|b) echo 1 ;; *) echo 2 ;; esac; while read l; do :; done < f',
  'cat <<EOF > out && echo done\nbody $x\nEOF',
  'cat <<-"EOF" | grep x\n\tbody\n\tEOF',
  'echo ${a[1]} ${#b} ${c/d/e} ${f:?g} $((h ? i : j)) $((k++))',
  'export A=1 B="2 $C"; readonly D; unset E; local F=3',
  '[[ -n $x && $y =~ ^a.*$ ]] && test -z "$z"',
  'echo "unterminated',
  'if then fi',
  'a && ',
  '( cd x; make ) > log 2>&1; { b; c; } <<< "s"',
  'echo $\'a\\tb\' $"t" \'raw\' "plain" plain\\ word',
];

function compare(copy: ShellNode, original: Node, field: string | null, path: string): void {
  const at = `${path}/${original.type}@${original.startIndex}`;
  assert.is(copy.type, original.type, `${at}: type`);
  assert.is(copy.isNamed, original.isNamed, `${at}: isNamed`);
  assert.is(copy.isMissing, original.isMissing, `${at}: isMissing`);
  assert.is(copy.hasError, original.hasError, `${at}: hasError`);
  assert.is(copy.startIndex, original.startIndex, `${at}: startIndex`);
  assert.is(copy.endIndex, original.endIndex, `${at}: endIndex`);
  assert.is(copy.field, field, `${at}: field`);
  if (copy.childCount === 0 && original.childCount > 0) {
    const skipped =
      LEAF_TYPES.has(original.type) || (original.type === 'string' && !/[$`]/.test(original.text)) || !original.isNamed;
    assert.ok(skipped, `${at}: children dropped although the type is not skipped`);
    if (original.type !== 'simple_expansion' && original.type !== 'string')
      assert.unreachable(`${at}: a token type has children`);
    return;
  }
  assert.is(copy.childCount, original.childCount, `${at}: childCount`);
  for (let i = 0; i < original.childCount; i++) {
    const child = copy.child(i)!;
    assert.is(child.parent, copy, `${at}: parent link`);
    compare(child, original.child(i)!, original.fieldNameForChild(i), at);
  }
}

function check(text: string): void {
  const tree = parseShell(text);
  try {
    compare(readShellTree(text), tree.rootNode, null, '');
  } finally {
    tree.delete();
  }
}

test.before(() => loadShellParser());

test('hard texts: the copy matches the tree node for node', () => {
  for (const text of HARD) check(text);
});

test('every RUN of the corpus: the copy matches the tree node for node', () => {
  let runs = 0;
  for (const [, text] of corpusFiles()) {
    for (const view of instructions(parse(text))) {
      if (view.name !== 'run' || view.form !== 'shell') continue;
      check(view.args);
      runs++;
    }
  }
  assert.ok(runs > 1000, `expected over 1,000 RUNs, checked ${runs}`);
});

test('navigation helpers: fields, named children, descendantForIndex', () => {
  const root = readShellTree('FOO=1 make -j4 > log # note');
  const command = root.descendantForIndex(6, 10);
  assert.is(command.type, 'word');
  assert.is(command.parent?.type, 'command_name');
  const statement = root.firstNamedChild!;
  assert.is(statement.type, 'redirected_statement');
  const body = statement.childForFieldName('body')!;
  assert.is(body.type, 'command');
  assert.equal(
    body.childrenForFieldName('argument').map((n) => n.type),
    ['word'],
  );
  assert.is(body.namedChildCount, body.namedChildren.length);
  assert.is(root.descendantForIndex(22, 23).type, 'comment');
});

test('a chain nested deeper than the stack: a parse-error hazard, and merge-runs declines instead of failing', async () => {
  const chain = Array.from({ length: 30_000 }, (_, i) => `echo ${i}`).join(' && \\\n    ');
  const view = shellView(chain);
  assert.is(view.posix, true);
  assert.equal(
    view.hazards.map((h) => h.kind),
    ['parse-error'],
  );
  assert.match(view.errors[0].message, /nested too deeply/);
  const result = await transform(`FROM alpine\nRUN ${chain}\nRUN echo done\n`, { only: ['merge-runs'] });
  assert.is(result.status, 'unchanged');
  assert.ok(
    result.messages.some((m) => m.kind === 'skip' && /nested too deeply/.test(m.reason)),
    'the decline says why',
  );
});

/** The grammar's node types, from the tree-sitter-bash package the shipped wasm is built from. */
function nodeTypes(): Array<{ type: string; named: boolean; fields?: object; children?: object; subtypes?: object }> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules/tree-sitter-bash/src/node-types.json'), 'utf8'));
}

const isEmpty = (value: object | undefined) => !value || Object.keys(value).length === 0;

test('LEAF_TYPES: the grammar tokens (no children, no fields) and simple_expansion', () => {
  const tokens = nodeTypes()
    .filter((t) => t.named && isEmpty(t.fields) && isEmpty(t.children) && isEmpty(t.subtypes))
    .map((t) => t.type)
    .sort();
  assert.equal([...LEAF_TYPES].filter((t) => t !== 'simple_expansion').sort(), tokens);
});

test('FIELD_PARENT_TYPES: exactly the node types with fields', () => {
  const withFields = nodeTypes()
    .filter((t) => !isEmpty(t.fields))
    .map((t) => t.type)
    .sort();
  assert.equal([...FIELD_PARENT_TYPES].sort(), withFields);
});

test.run();
