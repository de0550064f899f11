import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  packageCommands,
  hasOption,
  removesPath,
  subcommandOf,
  type PackageCommand,
} from '../src/analysis/packages.js';
import { transform } from '../src/registry.js';
import { loadShellParser, shellView } from '../src/shell/index.js';

test.before(async () => {
  await loadShellParser();
});

const read = (text: string): PackageCommand[] => packageCommands(shellView(text));
const values = (command: PackageCommand) => ({
  tool: command.tool,
  invocation: command.invocation,
  subcommand: subcommandOf(command),
  operands: command.operands.map((word) => word.value),
});

test('package commands are found through sudo, env, command and python -m pip', () => {
  const found = read(
    'sudo apt-get install -y curl && env DEBIAN_FRONTEND=noninteractive apt install vim && command apk add git && python3.12 -m pip install flask && /venv/bin/pip3 install .',
  );
  assert.equal(found.map(values), [
    { tool: 'apt-get', invocation: 'sudo apt-get', subcommand: 'install', operands: ['curl'] },
    { tool: 'apt', invocation: 'apt', subcommand: 'install', operands: ['vim'] },
    { tool: 'apk', invocation: 'apk', subcommand: 'add', operands: ['git'] },
    { tool: 'python3.12', invocation: 'python3.12 -m pip', subcommand: 'install', operands: ['flask'] },
    { tool: 'pip3', invocation: 'pip3', subcommand: 'install', operands: ['.'] },
  ]);
});

test('option arguments are not operands, and options before the subcommand are read', () => {
  const [apk] = read('apk --no-cache add --virtual .build-deps -X https://mirror/main gcc musl-dev');
  assert.equal(values(apk).operands, ['gcc', 'musl-dev']);
  assert.ok(hasOption(apk, ['--no-cache']));
  const [apt] = read('apt-get -qqy -o Dpkg::Options::=--force-confold install -t bookworm-backports zsh');
  assert.equal(values(apt).operands, ['zsh']);
  assert.ok(hasOption(apt, ['--yes'], 'y'), '-qqy holds -y');
  const [dnf] = read('dnf -y --setopt=tsflags=nodocs install --exclude kernel gcc');
  assert.equal(values(dnf), { tool: 'dnf', invocation: 'dnf', subcommand: 'install', operands: ['gcc'] });
});

test('a short cluster ends at a letter that takes an argument', () => {
  const [apt] = read('apt-get install -ty stable vim');
  assert.not.ok(hasOption(apt, ['--yes'], 'y'), '-ty is -t with the argument y');
});

test('an unknown option followed by a word is unsure; options between operands are interleaved', () => {
  const [unsure] = read('apt-get install --frobnicate bar foo');
  assert.is(unsure.unsure?.text, '--frobnicate');
  const [mixed] = read('apt-get install a -t stable b');
  assert.ok(mixed.interleaved);
  const [trailing] = read('apt-get install a b --no-install-recommends');
  assert.not.ok(trailing.interleaved);
});

test('a new option goes after the options without argument that follow the subcommand', () => {
  const [command] = read('apt-get install -y -q curl');
  assert.is(command.optionsEnd, 'apt-get install -y -q'.length);
  const [withArg] = read('apt-get install -t stable curl');
  assert.is(withArg.optionsEnd, 'apt-get install'.length);
});

test('a dynamic word before the subcommand leaves it unknown', () => {
  const [command] = read('apt-get $APT_OPTS install curl');
  assert.is(command.subcommand, null);
});

test('removesPath looks through sudo', () => {
  const view = shellView('sudo rm -rf /var/lib/apt/lists/* && rm -f /tmp/x');
  assert.equal(
    view.commands.map((c) => removesPath(c, ['rm'], ['/var/lib/apt/lists'])),
    [true, false],
  );
});

test('an insertion at the start of an unindented continuation line does not repeat the line break', async () => {
  const input =
    'FROM debian:12\nRUN set -eux && \\\napt-get install -y --no-install-recommends curl && \\\nrm -rf /var/lib/apt/lists/*\n';
  const result = await transform(input, { only: ['apt-get-hygiene'] });
  assert.is(
    result.text,
    'FROM debian:12\nRUN set -eux && \\\napt-get update && apt-get install -y --no-install-recommends curl && \\\nrm -rf /var/lib/apt/lists/*\n',
  );
});

test('all hygiene transforms with the default pipeline settle on a file that needs each of them', async () => {
  const input = [
    'FROM debian:12 AS build',
    'RUN apt-get update',
    'RUN apt-get install git curl',
    'RUN pip install flask',
    'ADD app.py /app/',
    'CMD python /app/app.py',
    '',
  ].join('\n');
  const names = [
    'apt-get-hygiene',
    'apk-no-cache',
    'dnf-clean',
    'pip-no-cache-dir',
    'sort-packages',
    'add-to-copy',
    'exec-form',
  ];
  // add-to-copy reads what it copies: the file is in the Dockerfile's folder.
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-hygiene-'));
  writeFileSync(join(dir, 'app.py'), 'print("app")\n');
  const options = { path: join(dir, 'Dockerfile'), transforms: Object.fromEntries(names.map((name) => [name, true])) };
  const result = await transform(input, options);
  assert.is(result.status, 'changed');
  assert.is(
    result.text,
    [
      'FROM debian:12 AS build',
      'RUN apt-get update && apt-get install -y --no-install-recommends \\',
      '    curl \\',
      '    git && \\',
      '    pip install --no-cache-dir flask && \\',
      '    rm -rf /var/lib/apt/lists/*',
      'COPY app.py /app/',
      'CMD ["python", "/app/app.py"]',
      '',
    ].join('\n'),
  );
  const again = await transform(result.text, options);
  assert.is(again.text, result.text);
  rmSync(dir, { recursive: true });
});

test.run();
