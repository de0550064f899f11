/**
 * How messages show what a RUN runs: the command's words as written, options and their values included, up to the
 * subcommand layerfix read (`npm --loglevel warn`, never `npm warn`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { commandUpTo, readCommandLine } from '../src/analysis/command-line.js';
import { transform } from '../src/registry.js';

const words = (...values: string[]) => values.map((value) => ({ value, text: value }));

test('a command is shown as written up to the word asked for, with the options before it', () => {
  const line = readCommandLine('yarn', words('--network-timeout', '600000', 'install', '--frozen-lockfile'), {
    long: ['--network-timeout'],
  });
  assert.is(commandUpTo(line, line.operands[0]), 'yarn --network-timeout 600000 install');
  const unknown = readCommandLine('npm', words('--loglevel', 'warn', 'config', 'list'));
  assert.is(
    unknown.operands[0].text,
    'warn',
    'an option layerfix does not know takes its value for the subcommand ...',
  );
  assert.is(
    commandUpTo(unknown, unknown.operands[0]),
    'npm --loglevel warn',
    '... but the message shows the words as written',
  );
  assert.is(commandUpTo(unknown, undefined), 'npm');
});

test('reorder-stable and split-manifest-copy name commands with their options', async () => {
  const text =
    'FROM node:20\nWORKDIR /app\nCOPY . /app\nRUN npm --loglevel warn config list\nRUN yarn --mutex network global bin\nCMD ["node", "x"]\n';
  const { messages } = await transform(text, { only: ['reorder-stable'] });
  const reasons = messages.map((m) => m.reason).join('\n');
  assert.match(reasons, /runs `npm --loglevel warn`, which layerfix has no rule for/);
  assert.not.match(reasons, /`npm warn`|`yarn network/);
});

test.run();
