/**
 * The caches behind the pipeline's speed: shell views shared across files (keyed by text and shell, bounded), and
 * data attached to tree nodes (invisible to JSON, spread and deep equality, gone with the node).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cachedShellView, clearShellViewCache, SHELL_CACHE_CHARS } from '../src/engine/shell-cache.js';
import { loadShellParser } from '../src/shell/index.js';
import { NodeData } from '../src/syntax/node-data.js';
import { memoizeByTree } from '../src/syntax/tree-memo.js';
import { parse } from '../src/syntax/parse.js';
import { instructionView } from '../src/syntax/view.js';
import type { InstructionNode } from '../src/syntax/types.js';

const test = suite('caches');

test.before(() => loadShellParser());
test.after.each(() => clearShellViewCache());

test('cachedShellView: the same text and shell give the same view, another shell its own', () => {
  const a = cachedShellView('cd /app && make');
  assert.is(cachedShellView('cd /app && make'), a);
  assert.is(cachedShellView('cd /app && make', { shell: [] }), a, 'an empty SHELL array is the default shell');
  const bash = cachedShellView('cd /app && make', { shell: ['/bin/bash', '-c'] });
  assert.is.not(bash, a);
  const pwsh = cachedShellView('cd /app && make', { shell: ['pwsh', '-Command'] });
  assert.is(pwsh.posix, false);
  assert.is(a.posix, true);
});

test('cachedShellView: views are frozen all the way down, so no file can change what the next one sees', () => {
  const view = cachedShellView('cd /app && make install');
  assert.ok(Object.isFrozen(view));
  assert.ok(Object.isFrozen(view.commands[1].args[0]));
  assert.throws(() => (view.hazards as unknown[]).push({}));
  assert.throws(() => {
    (view.commands[0] as { topLevel: boolean }).topLevel = false;
  });
});

test('cachedShellView: bounded; the oldest views go first', () => {
  const first = cachedShellView('echo first');
  const filler = 'x'.repeat(64 * 1024);
  for (let i = 0; i * filler.length <= SHELL_CACHE_CHARS; i++) cachedShellView(`echo ${i} ${filler}`);
  assert.is.not(cachedShellView('echo first'), first, 'the first view was dropped');
  const last = cachedShellView('echo last');
  assert.is(cachedShellView('echo last'), last);
});

test('clearShellViewCache forgets every view', () => {
  const view = cachedShellView('true');
  clearShellViewCache();
  assert.is.not(cachedShellView('true'), view);
});

test('NodeData: attached data is invisible to JSON, spread and key listing', () => {
  const data = new NodeData<number>('test');
  const node = { type: 'x', value: 'y' };
  assert.is(data.has(node), false);
  data.set(node, 42);
  assert.is(data.get(node), 42);
  assert.is(data.has(node), true);
  assert.is(JSON.stringify(node), '{"type":"x","value":"y"}');
  assert.equal(Object.keys(node), ['type', 'value']);
  assert.is(data.get({ ...node }), undefined, 'a spread copy does not carry it');
  data.set(node, 43);
  assert.is(data.get(node), 43);
});

test('memoizeByTree: computed once per state of the top-level nodes', () => {
  let calls = 0;
  const count = memoizeByTree('test.count', (root) => (calls++, root.children.length));
  const root = parse('FROM alpine\nRUN a\nRUN b\n');
  assert.is(count(root), 3);
  assert.is(count(root), 3);
  assert.is(calls, 1);
  root.children.splice(1, 1);
  assert.is(count(root), 2, 'a removed node is seen');
  root.children.splice(1, 1, parse('RUN c\n').children[0]);
  assert.is(count(root), 2);
  assert.is(calls, 3, 'a replaced node is seen even when the length stays');
  assert.is(count(parse('FROM alpine\n')), 1, 'another tree has its own memo');
});

test('instruction views are cached on the node and reuse what the parser read', () => {
  const root = parse('FROM alpine\nRUN apk add curl\n');
  const run = root.children.find(
    (node): node is InstructionNode => node.type === 'instruction' && node.name === 'run',
  )!;
  const view = instructionView(run);
  assert.is(instructionView(run), view);
  assert.is(view.buildkit.value, 'RUN');
  assert.equal(view.buildkit.next, ['apk add curl']);
  assert.is(JSON.stringify(run).includes('buildkit'), false, 'the cache does not leak into the tree');
  assert.is.not(instructionView(run, '`'), view, 'another escape character gives another view');
});

test.run();
