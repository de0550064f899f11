/**
 * Cutting a RUN in two (src/analysis/run-cut.ts): where it may be cut, what the second part must repeat to start
 * where the first left off, and what makes a cut run differently even then.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { carriedState, cutHazard, cutPoints } from '../src/analysis/run-cut.js';
import { runEffects } from '../src/analysis/run-effects.js';
import { loadShellParser, shellView, type PosixShellView } from '../src/engine/index.js';

await loadShellParser();

const view = (text: string) => shellView(text) as PosixShellView;
const none = new Map<string, string | undefined>();
const lead = (text: string, cwd: string | null = '/app', env = none) => {
  const carried = carriedState(view(text), { cwd: cwd ?? undefined, env });
  return typeof carried === 'string' ? carried : `refused: ${carried.reason}`;
};

test('cutPoints: only a RUN that is one && chain can be cut', () => {
  assert.equal(cutPoints(view('a && b && c')), [0, 1]);
  assert.equal(cutPoints(view('a && b || c')), [], 'an || would catch a failure before the cut');
  assert.equal(cutPoints(view('a && b; c')), [], 'a ; would go on after a failure before the cut');
  assert.equal(cutPoints(view('a | b && c')), [], 'a pipeline');
  assert.equal(cutPoints(view('a && b &')), [], 'a background job');
  assert.equal(cutPoints(view('a')), []);
});

test('cutPoints: a ; list can be cut where errexit, turned on with set first, stops it on a failure', () => {
  assert.equal(cutPoints(view('set -eux; a; b; c')), [1, 2]);
  assert.equal(cutPoints(view('set -e; set -x; a; b')), [2]);
  assert.equal(cutPoints(view('set -o errexit; a; b')), [1]);
  assert.equal(cutPoints(view('a; b; c')), [], 'no errexit');
  assert.equal(cutPoints(view('set -x; a; b')), [], 'set without errexit');
  assert.equal(cutPoints(view('set -e; a; set +e; b; c')), [], 'errexit turned off later');
  assert.equal(cutPoints(view('set -e; a && b; c')), [], 'errexit ignores all of an && list but its last command');
  assert.equal(cutPoints(view('set -e; a; b || c; d')), [], 'an ||');
  assert.equal(cutPoints(view('set -e; a; ! b; c')), [1], 'a negation may fail without stopping the shell');
  assert.equal(cutPoints(view('set -e; a; for x in 1; do [ -d x ] && y; done; b')), [1], 'nor may a loop');
  assert.equal(cutPoints(view('set -e; a; { b; }; c')), [1], 'nor a group');
  assert.equal(cutPoints(view('echo x; set -e; a; b')), [], 'errexit set after the first command');
  assert.equal(cutPoints(view('case "$S" in 1) set -e ;; esac; a; b')), [], 'a set in a case branch may not run');
  assert.equal(cutPoints(view('{ set -e; echo x >> f; }; a; b')), [], 'a group would be repeated whole');
  assert.equal(
    cutPoints(view('set -e && a && if b; then c; fi && d')),
    [0, 1],
    'errexit is ignored inside a compound command of an && list but the last: cut after it, it would apply',
  );
});

test('carriedState: the set that turns errexit on first is repeated, before a cd', () => {
  assert.is(lead('set -eux; apt-get update'), 'set -eux');
  assert.is(lead('set -e; cd src; make'), 'set -e; cd /app/src');
  assert.is(lead('set -e && cd src && make'), 'set -e && cd /app/src');
  assert.match(lead('set -e; make; set -x'), /^refused: /, 'a set later on');
  const after = (text: string) => view(text).commands;
  const back = carriedState(view('cd /tmp && cd /usr/local'), { cwd: '/srv', env: none }, after('cd - && make'));
  assert.match(
    typeof back === 'string' ? back : back.reason,
    /goes back/,
    'cd - goes to the folder before the last cd',
  );
  assert.is(carriedState(view('cd /usr/local'), { cwd: '/srv', env: none }, after('make')), 'cd /usr/local');
});

test('carriedState: plain top-level cds become one cd to the folder they end in', () => {
  assert.is(lead('apt-get update'), '');
  assert.is(lead('cd src'), 'cd /app/src');
  assert.is(lead('mkdir /tmp/b && cd /tmp/b && make && cd / && rm -rf /tmp/b'), 'cd /');
  assert.is(lead('cd ../lib'), 'cd /lib');
});

test('carriedState: a relative cd CDPATH may send elsewhere is not repeated as the folder below the working directory', () => {
  const cdpath = new Map([['CDPATH', '/srv']]);
  assert.match(lead('cd web && npm ci', '/app', cdpath), /^refused: .*CDPATH may send/);
  assert.match(lead('cd web', '/app', new Map([['CDPATH', undefined]])), /CDPATH/, 'a CDPATH whose value is unknown');
  assert.is(lead('cd ./web', '/app', cdpath), 'cd /app/web', 'a folder starting with . is not searched for');
  assert.is(lead('cd /opt/web', '/app', cdpath), 'cd /opt/web');
  assert.is(lead('cd web', '/app', new Map([['CDPATH', '']])), 'cd /app/web', 'an empty CDPATH searches nothing');
});

test('carriedState: a cd the rest cannot repeat, or other state, refuses the cut', () => {
  for (const text of [
    'case "$(uname -m)" in x86_64) cd /opt/a ;; *) cd /opt/b ;; esac',
    '{ cd /opt/a 2>/dev/null || cd /opt; }',
    'cd "$(mktemp -d)"',
    'mkdir -p /opt/t && cd "$_"',
    'pushd /opt',
    'command cd /opt',
    'cd -',
    'cd ~',
    'export A=1',
    'umask 077',
  ])
    assert.match(lead(text), /^refused: /, text);
  assert.match(lead('cd src', null), /^refused: /, 'a relative cd from a working directory layerfix cannot tell');
  assert.match(lead('cd src', '/my app'), /^refused: /, 'a folder with a space');
});

test('cutHazard: startup files, the locale a shell loads, a reinstalled command, a cleanup of what the first part made', () => {
  const scope = { cwd: '/app', env: new Map<string, string | undefined>(), home: '/root' };
  const effects = (text: string) => runEffects(view(text), scope);
  const shell = (startup?: string, locale?: string) => ({ startup, locale });
  assert.match(
    cutHazard(effects('apt-get install -y make'), effects('make'), shell('BASH_ENV is set')) ?? '',
    /BASH_ENV/,
  );
  assert.match(
    cutHazard(effects('locale-gen'), effects('cat conf.d/*'), shell(undefined, 'LANG=en_US.UTF-8')) ?? '',
    /first part runs system tools .*LANG=en_US\.UTF-8/,
  );
  assert.match(
    cutHazard(effects('rm -rf /usr/lib/locale/de_DE.utf8'), effects('ls'), shell(undefined, 'LC_ALL=de_DE.UTF-8')) ??
      '',
    /writes \/usr\/lib\/locale\/de_DE\.utf8, where the locales are/,
  );
  assert.is(cutHazard(effects('rm -rf /tmp/x'), effects('ls'), shell(undefined, 'LANG=en_US.UTF-8')), undefined);
  assert.match(
    cutHazard(effects('jq --version'), effects('curl -o /usr/local/bin/jq https://x/jq && jq -n 1'), shell()) ?? '',
    /the rest may install a new `jq` before it runs it/,
  );
  assert.is(
    cutHazard(effects('jq --version'), effects('jq -n 1 && curl -o /usr/local/bin/jq https://x/jq'), shell()),
    undefined,
  );
  assert.match(
    cutHazard(effects('npm install -g npm@10'), effects('npm ci'), undefined) ?? '',
    /may install a new `npm`/,
  );
  assert.match(
    cutHazard(
      effects('apt-get update && apt-get install -y make'),
      effects('make && rm -rf /var/lib/apt/lists/*'),
      undefined,
    ) ?? '',
    /removes \/var\/lib\/apt\/lists/,
  );
  assert.is(cutHazard(effects('npm install -g http-server'), effects('node build.js'), undefined), undefined);
});

test.run();
