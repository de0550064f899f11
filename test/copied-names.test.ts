/**
 * copiedNames: the names a COPY of the build context brings (what a program looked up on an unknown PATH may resolve
 * to), and each case where layerfix cannot tell them.
 */
import { symlinkSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BuildContext } from '../src/analysis/build-context.js';
import { copiedNames } from '../src/analysis/copied-names.js';
import { parse } from '../src/syntax/parse.js';
import { instructions } from '../src/syntax/view.js';
import { makeRepo } from './helpers/cli-repo.js';

const repo = makeRepo({
  'bin/start': '#!/bin/sh\n',
  'bin/tools/migrate': '#!/bin/sh\n',
  'app/main.php': '<?php\n',
  'app/debug.log': 'x\n',
  'wrapper.sh': '#!/bin/sh\n',
  'linked/readme': 'x\n',
  'secret/key': 'x\n',
  '.dockerignore': 'secret\napp/*.log\n',
});
symlinkSync('readme', repo.path('linked', 'alias'));
const context = new BuildContext(repo.dir, '.dockerignore');

/** The names the first COPY/ADD of `line` brings, sorted, or undefined. */
function names(line: string): string[] | undefined {
  const [view] = instructions(parse(`FROM alpine\n${line}\n`)).filter((v) => v.name === 'copy' || v.name === 'add');
  const found = copiedNames(view, context);
  return found && [...found].sort();
}

test('a folder brings its own name, every name below it and the last name of the destination', () => {
  assert.equal(names('COPY ./bin /usr/local/bin'), ['bin', 'migrate', 'start', 'tools']);
  assert.equal(names('COPY /app/ /srv/code/'), ['app', 'code', 'debug.log', 'main.php']);
  assert.equal(names('COPY ["app", "bin", "/srv/"]'), [
    'app',
    'bin',
    'debug.log',
    'main.php',
    'migrate',
    'srv',
    'start',
    'tools',
  ]);
});

test('a file copied to another name brings that name', () => {
  assert.equal(names('COPY wrapper.sh /usr/local/bin/mkdir'), ['mkdir', 'wrapper.sh']);
});

test('globs bring what they match, part by part, with everything below each match', () => {
  assert.equal(names('COPY bin/* /usr/local/bin/'), ['bin', 'migrate', 'start', 'tools']);
  assert.equal(names('COPY */main.php /srv/'), ['main.php', 'srv']);
  assert.equal(names('COPY bin/s* wrap?er.sh /opt/'), ['opt', 'start', 'wrapper.sh']);
  assert.equal(names('COPY */nothing /opt/'), ['opt'], 'a glob that matches nothing brings nothing');
});

test('an ignored entry below a copied folder is listed too (a `!` rule may bring it back)', () => {
  assert.equal(names('COPY app /srv/app'), ['app', 'debug.log', 'main.php']);
});

test('not known: a symbolic link among the entries, a stage or an image, ADD, a heredoc, a variable, a missing source', () => {
  assert.is(names('COPY linked /srv/linked'), undefined);
  assert.is(names('COPY . /srv'), undefined, 'the link below linked/');
  assert.is(names('COPY secret /srv/secret'), undefined, 'a source the build does not get');
  assert.is(names('COPY --from=build /out /usr/local/bin'), undefined);
  assert.is(names('ADD bin /usr/local/bin'), undefined);
  assert.is(names('COPY <<EOF /usr/local/bin/start\n#!/bin/sh\nEOF'), undefined);
  assert.is(names('COPY ${DIR} /usr/local/bin'), undefined);
  assert.is(names('COPY */alias /usr/local/bin/'), undefined, 'a glob that matches a link');
  assert.is(names('COPY missing /usr/local/bin/'), undefined);
  assert.is(copiedNames(instructions(parse('FROM alpine\nCOPY bin /b\n'))[1], undefined), undefined);
});

test.after(() => repo.remove());
test.run();
