import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VFile } from 'vfile';
import { unified } from 'unified';
import { defineTransform } from '../src/engine/define.js';
import { OptionsError } from '../src/engine/options.js';
import { layerfixParse, layerfixStringify, layerfixTransforms } from '../src/engine/pipeline.js';
import { pipelineWith, transform } from '../src/registry.js';
import type { TransformOptions } from '../src/engine/types.js';
import { toLocal } from '../src/syntax/logical.js';
import { print } from '../src/syntax/print.js';
import { instructionView } from '../src/syntax/view.js';
import type { InstructionNode } from '../src/syntax/types.js';
import { buildkitChecks } from '../transforms/checks/index.js';

const input = 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n';

/** A transform with a bug: it drops the line continuation of every RUN but claims the edit changes nothing. */
const dropsContinuation = defineTransform({
  name: 'drops-continuation',
  description: 'Broken on purpose: removes the backslash of line continuations.',
  url: 'test',
  defaultEnabled: true,
  meaning: 'layout',
  options: {},
  run(ctx) {
    for (const node of ctx.root.children.slice()) {
      if (node.type !== 'instruction' || node.name !== 'run') continue;
      const text = print(node);
      const at = text.indexOf('\\\n');
      if (at >= 0) ctx.edit.editText(node, [{ start: at, end: at + 1, text: '' }], 'same');
    }
  },
});

test('an edit that drops a line continuation is rejected by the editor; nothing changes', async () => {
  const result = await transform(input, { plugins: [dropsContinuation], only: ['drops-continuation'] });
  assert.is(result.status, 'error');
  assert.is(result.text, input);
  assert.is(result.changed, false);
  const error = result.messages.find((m) => m.fatal);
  assert.ok(error, 'a fatal message');
  assert.is(error!.ruleId, 'drops-continuation');
  assert.match(
    error!.reason,
    /Transform drops-continuation made an invalid edit: generated text does not parse: Unknown instruction `apt-get`/,
  );
});

test("the meaning guard catches a transform that drops a line continuation behind the editor's back", async () => {
  const mutates = defineTransform({
    name: 'mutates-leaves',
    description: 'Broken on purpose: blanks the continuation leaf in place.',
    url: 'test',
    defaultEnabled: true,
    meaning: 'layout',
    options: {},
    run(ctx) {
      for (const node of ctx.root.children) {
        if (node.type !== 'instruction') continue;
        for (const leaf of node.children) if (leaf.type === 'continuation') (leaf as { value: string }).value = '';
      }
    },
  });
  const result = await transform(input, { plugins: [mutates], only: ['mutates-leaves'] });
  assert.is(result.status, 'error');
  assert.is(result.text, input);
  const error = result.messages.find((m) => m.fatal)!;
  assert.match(
    error.reason,
    /Internal error: The transforms produced output that fails the meaning guard: the output does not parse: Unknown instruction `apt-get`/,
  );
});

test('the guard catches a declared meaning that the printed text does not have', async () => {
  const lies = defineTransform({
    name: 'declares-wrongly',
    description: 'Declares a merge it does not print.',
    url: 'test',
    defaultEnabled: true,
    meaning: 'declared',
    options: {},
    run(ctx) {
      const node = ctx.root.children.find((n): n is InstructionNode => n.type === 'instruction' && n.name === 'run');
      if (node && !print(node).includes('echo')) ctx.edit.replace(node, 'RUN echo one\n', { line: 'RUN echo two' });
    },
  });
  const result = await transform(input, { plugins: [lies], only: ['declares-wrongly'] });
  assert.is(result.status, 'error');
  assert.is(result.text, input);
});

test('a transform that throws fails only its file, with its name in the message', async () => {
  const throws = defineTransform({
    name: 'throws',
    description: 'Throws.',
    url: 'test',
    defaultEnabled: true,
    meaning: 'layout',
    options: {},
    run() {
      throw new Error('boom');
    },
  });
  const result = await transform(input, { plugins: [throws], only: ['throws'] });
  assert.is(result.status, 'error');
  assert.is(result.text, input);
  assert.match(result.messages[0].reason, /Transform throws threw: Error: boom/);
});

test('transforms that undo each other are reported as a cycle', async () => {
  const make = (name: string, from: string, to: string) =>
    defineTransform({
      name,
      description: `${from} to ${to}`,
      url: 'test',
      defaultEnabled: true,
      meaning: 'layout',
      options: {},
      run(ctx) {
        for (const node of ctx.root.children.slice()) {
          if (node.type === 'instruction' && print(node).startsWith(from))
            ctx.edit.replace(node, to + print(node).slice(from.length), 'same');
        }
      },
    });
  const result = await transform(input, {
    plugins: [make('to-lower', 'FROM', 'from'), make('to-upper', 'from', 'FROM')],
    only: ['to-lower', 'to-upper'],
  });
  assert.is(result.status, 'error');
  assert.match(result.messages[0].reason, /undo each other/);
});

test('options are validated before anything runs, naming transform, option, value and expectation', () => {
  const cases: Array<[TransformOptions, RegExp]> = [
    [
      { transforms: { 'merge-run': true } },
      /Unknown transform "merge-run"; did you mean "merge-runs"\?; expected one of .*merge-runs/,
    ],
    [
      { transforms: { 'merge-runs': { maxCommand: 2 } } },
      /Unknown option "maxCommand" for transform "merge-runs"; did you mean "maxCommands"\?; expected one of maxCommands, exclude, isolateState/,
    ],
    [
      { transforms: { 'merge-runs': { maxCommands: 'two' } } },
      /Invalid option "maxCommands" for transform "merge-runs": got "two", expected a whole number >= 0/,
    ],
    [
      { transforms: { format: { keywordCase: 'title' } } },
      /Invalid option "keywordCase" for transform "format": got "title", expected one of "upper", "lower", "preserve"/,
    ],
    [{ transforms: { format: 42 as unknown as boolean } }, /Invalid setting for transform "format": got 42/],
    [{ only: ['nope'] }, /Unknown transform "nope"/],
  ];
  for (const [options, message] of cases) {
    try {
      const { plugins, ...rest } = options;
      pipelineWith(plugins).enabled(rest);
      assert.unreachable(`expected an OptionsError for ${JSON.stringify(options)}`);
    } catch (error) {
      assert.instance(error, OptionsError);
      assert.match((error as Error).message, message);
    }
  }
});

test('printer options are validated', async () => {
  for (const options of [{ printWidth: 5 }, { operatorPosition: 'middle' as 'end' }, { indent: 'x' }]) {
    try {
      await transform(input, options);
      assert.unreachable('expected an OptionsError');
    } catch (error) {
      assert.instance(error, OptionsError);
    }
  }
});

test('a pipeline resolves the same options once, tells different ones apart, and rejects a bad one every time', () => {
  const pipeline = pipelineWith();
  const once = pipeline.enabled({ skip: ['merge-runs'] });
  assert.is(pipeline.enabled({ skip: ['merge-runs'] }), once);
  assert.not.ok(once.some((t) => t.transform.name === 'merge-runs'));
  const other = pipeline.enabled({ skip: ['reorder-stable'] });
  assert.is.not(other, once);
  assert.ok(other.some((t) => t.transform.name === 'merge-runs'));
  const excluding = pipeline.enabled({ transforms: { 'merge-runs': { exclude: ['^echo'] } } });
  const merge = (list: typeof once) => list.find((t) => t.transform.name === 'merge-runs')!.options;
  assert.equal(merge(excluding).exclude, ['^echo']);
  assert.equal(merge(pipeline.enabled({ transforms: { 'merge-runs': { exclude: ['^true'] } } })).exclude, ['^true']);
  for (let i = 0; i < 2; i++)
    assert.throws(
      () => pipeline.enabled({ skip: ['no-such-transform'] }),
      (error: unknown) => error instanceof OptionsError,
    );
});

test("defaults: BuildKit's checks and the layer transforms are on, format is off; only and skip choose", () => {
  const checks = buildkitChecks.map((t) => t.name);
  assert.equal(
    pipelineWith()
      .enabled()
      .map((t) => t.transform.name),
    [...checks, 'reorder-stable', 'split-manifest-copy', 'merge-runs'],
  );
  assert.equal(
    pipelineWith()
      .enabled({ transforms: { format: true } })
      .map((t) => t.transform.name),
    [...checks, 'reorder-stable', 'split-manifest-copy', 'merge-runs', 'format'],
  );
  assert.equal(
    pipelineWith()
      .enabled({ skip: ['merge-runs', 'split-manifest-copy', ...checks] })
      .map((t) => t.transform.name),
    ['reorder-stable'],
  );
  assert.equal(
    pipelineWith()
      .enabled({ only: ['format'] })
      .map((t) => t.transform.name),
    ['format'],
  );
  assert.equal(
    pipelineWith()
      .enabled({ transforms: { 'merge-runs': 'off' } })
      .map((t) => t.transform.name),
    [...checks, 'reorder-stable', 'split-manifest-copy'],
  );
});

test('a plugin whose name clashes with a built-in is an options error', () => {
  const clash = defineTransform({ ...dropsContinuation, name: 'merge-runs' });
  assert.throws(() => pipelineWith([clash]), /already taken/);
});

test('defineTransform rejects a name that is not kebab-case', () => {
  assert.throws(() => defineTransform({ ...dropsContinuation, name: 'MergeRuns' }), /kebab-case/);
});

test('a file with parse errors is not transformed and its errors are reported with positions', async () => {
  const bad = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\nFROB x\n';
  const result = await transform(bad);
  assert.is(result.status, 'error');
  assert.is(result.text, bad);
  const error = result.messages.find((m) => m.fatal)!;
  assert.is(error.line, 4);
  assert.is(error.column, 1);
  assert.is(error.ruleId, 'unknown-instruction');
});

test('a change made again in a later pass replaces the earlier one when both name the same key', async () => {
  const grows = (name: string, key?: string) =>
    defineTransform({
      name,
      description: 'Appends ` x` to the RUN, one per pass, twice.',
      url: 'test',
      defaultEnabled: true,
      meaning: 'declared',
      options: {},
      run(ctx) {
        const node = ctx.root.children.find((child) => child.type === 'instruction' && child.name === 'run');
        if (node?.type !== 'instruction') return;
        const text = print(node);
        const count = text.split(' x').length - 1;
        if (count >= 2) return;
        const grown = `${text.trimEnd()} x`;
        ctx.edit.replace(node, `${grown}\n`, { line: grown });
        ctx.changed({ done: `Grew to ${count + 1}`, planned: `Would grow to ${count + 1}`, key }, node);
      },
    });
  const text = 'FROM debian:12\nRUN true\n';
  const keyed = await transform(text, { plugins: [grows('grows-keyed', 'grow')], only: ['grows-keyed'] });
  assert.is(keyed.text, 'FROM debian:12\nRUN true x x\n');
  assert.equal(
    keyed.messages.map((m) => m.reason),
    ['Grew to 2'],
  );
  const plain = await transform(text, { plugins: [grows('grows-plain')], only: ['grows-plain'] });
  assert.equal(
    plain.messages.map((m) => m.reason),
    ['Grew to 1', 'Grew to 2'],
  );
});

test('messages say what changed and what was skipped, in source order, with kinds', async () => {
  const result = await transform('FROM debian:12\nRUN cd /src\nRUN mkdir -p /out\nRUN touch /out/done\n');
  assert.equal(
    result.messages.map((m) => `${m.line}:${m.column} ${m.kind} ${m.ruleId}`),
    ['3:1 skip merge-runs', '4:1 change merge-runs'],
  );
  assert.is(result.text, 'FROM debian:12\nRUN cd /src\nRUN mkdir -p /out && touch /out/done\n');
});

test('disable comments: next-line, ranges, file, and unused ones reported', async () => {
  const file = [
    'FROM debian:12',
    '# layerfix-disable merge-runs',
    'RUN echo a',
    'RUN echo b',
    '# layerfix-enable merge-runs',
    'RUN echo c',
    'RUN echo d',
    '# layerfix-disable-next-line format -- nothing to format here',
    'RUN echo e',
    '',
  ].join('\n');
  const result = await transform(file, { only: ['merge-runs'] });
  assert.equal(
    result.text.split('\n').filter((l) => l.startsWith('RUN')),
    ['RUN echo a', 'RUN echo b', 'RUN echo c && echo d', 'RUN echo e'],
  );
  assert.equal(
    result.messages.filter((m) => m.kind === 'warning'),
    [],
    'a comment for a transform that did not run is not unused',
  );
  const unused = await transform('FROM debian:12\n# layerfix-disable-next-line merge-runs\nENV A=1\n', {
    only: ['merge-runs'],
  });
  assert.equal(
    unused.messages.map((m) => `${m.line} ${m.kind} ${m.reason}`),
    ['2 warning Unused layerfix-disable-next-line comment: it suppressed nothing for merge-runs'],
  );
  const whole = await transform('# layerfix-disable-file\nFROM debian:12\nRUN echo a\nRUN echo b\n');
  assert.is(whole.changed, false);
});

test('a merge carries disable comments of other transforms only by declining', async () => {
  const file = 'FROM debian:12\nRUN echo a\n# layerfix-disable-next-line format\nRUN echo b\n';
  const result = await transform(file, { only: ['merge-runs'] });
  assert.is(result.text, file);
  assert.match(result.messages.map((m) => m.reason).join('\n'), /disable comment stands before it/);
});

test('the unified plugins work on their own', async () => {
  const file = new VFile({ value: 'FROM debian:12\nRUN echo a\nRUN echo b\n' });
  const enabled = pipelineWith().enabled({ only: ['merge-runs'] });
  const processor = unified()
    .use(layerfixParse)
    .use(layerfixTransforms, enabled, { printWidth: 80, indent: 'auto', operatorPosition: 'end' })
    .use(layerfixStringify);
  const out = await processor.process(file);
  assert.is(String(out), 'FROM debian:12\nRUN echo a && echo b\n');
});

test('editText keeps every byte around the edit', async () => {
  const insertFlag = defineTransform({
    name: 'insert-flag',
    description: 'Adds --no-install-recommends after install.',
    url: 'test',
    defaultEnabled: true,
    meaning: 'declared',
    options: {},
    run(ctx) {
      for (const node of ctx.root.children.slice()) {
        if (node.type !== 'instruction') continue;
        const view = instructionView(node);
        const at = view.logical.text.indexOf('install -y');
        if (at < 0 || view.logical.text.includes('--no-install-recommends')) continue;
        const line = `${view.logical.text.slice(0, at + 7)} --no-install-recommends${view.logical.text.slice(at + 7)}`;
        ctx.edit.editText(
          node,
          [
            {
              start: toLocal(view.logical, at + 7),
              end: toLocal(view.logical, at + 7),
              text: ' --no-install-recommends',
            },
          ],
          { line },
        );
      }
    },
  });
  const result = await transform(input, { plugins: [insertFlag], only: ['insert-flag'] });
  assert.is(result.status, 'changed');
  assert.is(
    result.text,
    'FROM debian:12\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y curl\n',
  );
});

test('addFlag, removeFlag and editLogical change only the bytes they name, and declare the result', async () => {
  const file =
    'FROM debian:12\n# keep\nRUN --network=none \\\n    # inner comment\n    apt-get   install \\\n      -y curl\n';
  const flags = defineTransform({
    name: 'flags',
    description: 'Swaps the network flag for a mount and pins curl.',
    url: 'test',
    defaultEnabled: true,
    meaning: 'declared',
    options: {},
    run(ctx) {
      const node = ctx.root.children.find((n): n is InstructionNode => n.type === 'instruction' && n.name === 'run');
      if (!node || !print(node).includes('--network')) return;
      const added = ctx.edit.addFlag(ctx.edit.removeFlag(node, 'network'), '--mount=type=cache,target=/var/cache/apt');
      const view = instructionView(added);
      const at = view.logical.text.indexOf('curl');
      ctx.edit.editLogical(added, [{ start: at, end: at + 4, text: 'curl=8.*' }]);
    },
  });
  const result = await transform(file, { plugins: [flags], only: ['flags'] });
  assert.is(result.status, 'changed');
  assert.is(
    result.text,
    'FROM debian:12\n# keep\nRUN --mount=type=cache,target=/var/cache/apt \\\n    # inner comment\n    apt-get   install \\\n      -y curl=8.*\n',
  );
});

test('a file over 1 MiB is refused with a clear message, before it is parsed', async () => {
  const text = `FROM debian:12\n${'RUN echo hello\n'.repeat(80_000)}`;
  const result = await transform(text);
  assert.is(result.status, 'error');
  assert.is(result.text, text);
  assert.match(
    result.messages[0].reason,
    /File is too large to rewrite \(1\.\d MiB\); layerfix rewrites Dockerfiles up to 1 MiB/,
  );
  assert.is(result.messages[0].ruleId, 'file-too-large');
});

test('editLogical inserts at a joint between physical lines without repeating the line break or comments', async () => {
  const insert = defineTransform({
    name: 'insert-at-joint',
    description: 'Inserts a word where two physical lines join.',
    url: 'test',
    defaultEnabled: true,
    meaning: 'declared',
    options: {},
    run(ctx) {
      const node = ctx.root.children.find((n): n is InstructionNode => n.type === 'instruction' && n.name === 'run');
      if (!node || print(node).includes('sudo')) return;
      const view = instructionView(node);
      const at = view.logical.text.indexOf('apt-get');
      ctx.edit.editLogical(node, [{ start: at, end: at, text: 'sudo ' }]);
    },
  });
  const result = await transform('FROM debian:12\nRUN true; \\\n# note\napt-get update\n', {
    plugins: [insert],
    only: ['insert-at-joint'],
  });
  assert.is(result.text, 'FROM debian:12\nRUN true; \\\n# note\nsudo apt-get update\n');
});

test.run();
