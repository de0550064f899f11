/**
 * The file effects of RUN text (src/analysis/run-effects.ts, command-effects/): what each command reads, writes and
 * removes once its words are resolved, and which commands are unknown. Each row is `text => expectation`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runEffects, type RunEffects } from '../src/analysis/run-effects.js';
import { loadShellParser, shellView, type PosixShellView } from '../src/engine/index.js';

await loadShellParser();

const scope = {
  cwd: '/app',
  env: new Map<string, string | undefined>([
    ['APP_HOME', '/srv/app'],
    ['BUILD', undefined],
  ]),
  home: '/root',
};

function effects(text: string, cwd: string | undefined = scope.cwd): RunEffects {
  return runEffects(shellView(text) as PosixShellView, { ...scope, cwd });
}

/** Effects where the working directory is not known. */
function effectsAnywhere(text: string): RunEffects {
  return runEffects(shellView(text) as PosixShellView, { ...scope, cwd: undefined });
}

const show = (places: Array<{ path: string; tree: boolean }>) =>
  places.map((place) => `${place.path}${place.tree ? '/**' : ''}`);

const ACCOUNT_FILES = [
  '/etc/passwd',
  '/etc/group',
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/subuid',
  '/etc/subgid',
  '/etc/passwd-',
  '/etc/group-',
  '/etc/shadow-',
  '/etc/gshadow-',
];
/** The certificate store and OpenSSL configuration every TLS client reads. */
const TLS = ['/etc/ssl/**', '/usr/lib/ssl/**', '/etc/pki/**', '/usr/local/ssl/**'];
const WGETRC = ['/etc/wgetrc', '/usr/local/etc/wgetrc', '/root/.wgetrc', ...TLS];
const CURLRC = ['/root/.curlrc', '/root/.config/curlrc', ...TLS];

/** Rows: the text, then the places written, removed and read (trees end in `/**`). */
const KNOWN: Array<[string, { writes?: string[]; removes?: string[]; reads?: string[] }]> = [
  ['mkdir -p /opt/x && touch /opt/x/y', { writes: ['/opt/x', '/opt/x/y'] }],
  // A glob is expanded by reading the folder it starts in.
  [
    'rm -rf /var/lib/apt/lists/*',
    { writes: ['/var/lib/apt/lists/**'], removes: ['/var/lib/apt/lists/**'], reads: ['/var/lib/apt/lists/**'] },
  ],
  // An owner by name is looked up in the account files; a numeric one is not.
  ['chown -R www-data:www-data /var/www/*', { writes: ['/var/www/**'], reads: ['/var/www/**', ...ACCOUNT_FILES] }],
  ['chown -R 33:33 /var/www/html', { writes: ['/var/www/html/**'] }],
  ['chmod -x /usr/bin/foo', { writes: ['/usr/bin/foo'] }],
  ['chmod 755 ./entrypoint.sh', { writes: ['/app/entrypoint.sh'] }],
  // As root, tar gives members the ids their owner names have in the account files.
  ['tar -xzf /tmp/a.tgz', { reads: ['/tmp/a.tgz', '/etc/passwd', '/etc/group'], writes: ['/app/**'] }],
  ['tar -xzf /tmp/a.tgz -C /opt', { reads: ['/tmp/a.tgz', '/etc/passwd', '/etc/group'], writes: ['/opt/**'] }],
  ['tar -xzf /tmp/a.tgz --no-same-owner -C /opt', { reads: ['/tmp/a.tgz'], writes: ['/opt/**'] }],
  // tar stores its members' owners by name (red team 35).
  [
    'tar -czf /tmp/out.tgz -C /etc nginx',
    { reads: ['/etc/group', '/etc/nginx/**', '/etc/nsswitch.conf', '/etc/passwd'], writes: ['/tmp/out.tgz'] },
  ],
  ['tar --numeric-owner -czf /tmp/out.tgz -C /etc nginx', { reads: ['/etc/nginx/**'], writes: ['/tmp/out.tgz'] }],
  ['id -u app', { reads: ['/etc/group', '/etc/nsswitch.conf', '/etc/passwd'] }],
  [
    'touch -d 2020-01-01 /stamp',
    { reads: ['/etc/localtime', '/etc/timezone', '/usr/share/zoneinfo/**'], writes: ['/stamp'] },
  ],
  // wget and curl read their configuration files (a copied .curlrc can change where the output goes).
  ['wget https://example.com/x.tgz', { writes: ['/app/**'], reads: WGETRC }],
  ['wget -O /tmp/x.tgz https://example.com/x.tgz', { writes: ['/tmp/x.tgz'], reads: WGETRC }],
  ['curl -fsSLo/usr/local/bin/kubectl https://example.com/k', { writes: ['/usr/local/bin/kubectl'], reads: CURLRC }],
  ['curl -fsSL https://example.com/install.sh -o install.sh', { writes: ['/app/install.sh'], reads: CURLRC }],
  ['curl -O https://example.com/x.tgz', { writes: ['/app/**'], reads: CURLRC }],
  ['curl -q -o /tmp/x https://example.com/x', { writes: ['/tmp/x'], reads: TLS }],
  ['test -f /app/dist/index.js', { reads: ['/app/dist/index.js'] }],
  ['[ -f package-lock.json ] && echo yes', { reads: ['/app/package-lock.json'] }],
  [
    'printf "%s\\n" /etc/app/conf.d/*.conf > /etc/app/order',
    { reads: ['/etc/app/conf.d/**'], writes: ['/etc/app/order'] },
  ],
  ['echo hi > $APP_HOME/greeting', { writes: ['/srv/app/greeting'] }],
  // A cd reads the folder it changes into: it must be there.
  ['cd /opt && touch ready', { writes: ['/opt/ready'], reads: ['/opt'] }],
  ['cd sub && touch ready', { writes: ['/app/sub/ready'], reads: ['/app/sub'] }],
  ['ln -s /opt/app /home/current', { writes: ['/home/current/**'] }],
  ['ln -sf bash /bin/sh', { writes: ['/bin/sh/**'], removes: ['/bin/sh/**'] }],
  [
    'mv /srv/site /srv/site.orig',
    { writes: ['/srv/site/**', '/srv/site.orig/**'], removes: ['/srv/site/**', '/srv/site.orig/**'] },
  ],
  // a2enmod touches Apache's configuration and state folders only (not all of /var, as a package install may).
  [
    'a2enmod rewrite',
    {
      reads: ['/etc/apache2/**', '/var/lib/apache2/**'],
      writes: ['/etc/apache2/**', '/var/lib/apache2/**'],
    },
  ],
  // useradd also reads its defaults and the skeleton it fills the new home from.
  [
    'useradd -m -d /app app',
    {
      writes: [...ACCOUNT_FILES, '/app/**'],
      reads: ['/etc/login.defs', '/etc/adduser.conf', '/etc/deluser.conf', '/etc/default/**', '/etc/skel/**'],
    },
  ],
  // gosu looks the user up; the command runs with that user's home folder.
  ['gosu app touch /home/app/x', { writes: ['/home/app/x'], reads: ['/etc/passwd', '/etc/group'] }],
  ['env DEBIAN_FRONTEND=noninteractive mkdir /x', { writes: ['/x'] }],
  // pip also reads its configuration files.
  [
    'pip install -r/app/requirements.txt',
    {
      reads: [
        '/etc/pip.conf',
        '/etc/xdg/pip/**',
        '/usr/pip.conf',
        '/usr/local/pip.conf',
        '/root/.config/pip/**',
        '/root/.pip/**',
        '/app/requirements.txt/**',
        // The certificate store, which pip (through requests) reads for every https connection.
        '/etc/ssl/**',
        '/usr/lib/ssl/**',
        '/etc/pki/**',
        '/usr/local/ssl/**',
      ],
    },
  ],
  // npm reads its configuration files, and the project's files.
  [
    'npm ci --ignore-scripts',
    { reads: ['/usr/local/etc/npmrc', '/etc/npmrc', '/root/.npmrc', '/app/**'], writes: ['/app/**'] },
  ],
  // git reads the system's and the user's configuration.
  [
    'git clone https://example.com/repo.git /opt/repo',
    {
      reads: [
        '/etc/gitconfig',
        '/root/.config/git/**',
        '/root/.gitconfig',
        ...TLS,
        '/root/.netrc',
        '/root/.git-credentials',
        '/root/.ssh/**',
      ],
      writes: ['/opt/repo/**'],
    },
  ],
  ['sed -i s/a/b/ /etc/conf', { writes: ['/etc/conf'] }],
  [
    'export D="$(mktemp -d)"; cd "$D" && tar -xf /x.tar',
    {
      reads: ['/tmp/.layerfix-mktemp', '/x.tar', '/etc/passwd', '/etc/group'],
      writes: ['/tmp/**', '/tmp/.layerfix-mktemp/**'],
    },
  ],
];

for (const [text, want] of KNOWN) {
  test(`effects: ${text}`, () => {
    const got = effects(text);
    assert.is(got.unknown, undefined, got.unknown?.reason);
    assert.equal(show(got.writes), want.writes ?? [], 'writes');
    assert.equal(show(got.removes), want.removes ?? [], 'removes');
    assert.equal(show(got.reads).sort(), [...(want.reads ?? [])].sort(), 'reads');
  });
}

/** Rows: the text and a pattern its reason for being unknown must match. */
const UNKNOWN: Array<[string, RegExp]> = [
  ['make install', /runs `make`, whose effects on files layerfix does not know/],
  ['./configure && make', /runs `\.\/configure`/],
  ['chown -R app $BUILD/out', /chown on `\$BUILD\/out`, a path only known at build time/],
  ['touch relative', /relative to a working directory layerfix cannot tell/],
  ['find / -name x -exec rm {} +', /find -exec/],
  ['sed -i "w /tmp/out" /etc/conf', /sed script that reads or writes other files/],
  ['$CMD --flag', /whose command is only known at build time/],
  ['echo x > "$(mktemp)"', /redirects to or from/],
  ['npm run build', /runs `npm run`/],
  ['npm ci', /install scripts may write anywhere/],
];

for (const [text, pattern] of UNKNOWN) {
  test(`unknown: ${text}`, () => {
    const got = text === 'touch relative' ? effectsAnywhere(text) : effects(text);
    assert.ok(got.unknown, 'is unknown');
    assert.match(got.unknown!.reason, pattern);
  });
}

test('package installs: distribution packages are system installs; language packages may change programs on PATH', () => {
  const apt = effects('apt-get update && apt-get install -y curl');
  assert.ok(apt.systemPackages);
  assert.not.ok(apt.installsCommands);
  assert.ok(apt.installs.some((place) => place.path === '/usr/bin'));
  const pip = effects('pip3 install --upgrade pip');
  assert.ok(pip.installsCommands);
  assert.not.ok(pip.systemPackages);
  assert.ok(effects('npm install -g n').installsCommands);
  assert.ok(effects('python3 -m venv /opt/venv').installsCommands);
});

test('programs looked up by name: top-level ones (the shell remembers them), and every call', () => {
  const got = effects('apt-get update && (cd /tmp && curl -fsSLO https://x/y) && echo done | tee /tmp/log');
  assert.equal(got.looksUp, ['apt-get']);
  assert.equal(got.calls, ['apt-get', 'curl', 'tee']);
});

test('running a program reads it: each PATH folder its name is looked up in, or the path it is called by', () => {
  const view = (text: string) => shellView(text) as PosixShellView;
  const withPath = { ...scope, searchPath: ['/usr/local/bin', '/usr/bin'] };
  assert.equal(show(runEffects(view('docker-php-ext-enable opcache'), withPath).reads), [
    '/usr/local/bin/docker-php-ext-enable',
    '/usr/bin/docker-php-ext-enable',
    // A distribution tool reads what the administrator put under /usr/local (its libraries, certificates, fonts).
    '/usr/local/**',
  ]);
  assert.equal(show(runEffects(view('gosu app touch /tmp/x'), withPath).reads), [
    '/usr/local/bin/gosu',
    '/usr/bin/gosu',
    '/etc/passwd',
    '/etc/group',
    '/usr/local/bin/touch',
    '/usr/bin/touch',
  ]);
  assert.equal(show(runEffects(view('/usr/sbin/useradd app'), withPath).reads)[0], '/usr/sbin/useradd');
  assert.equal(
    runEffects(view('echo hi && test -f /x'), withPath).reads.filter((place) => place.path.endsWith('/echo')),
    [],
    'builtins are not looked up',
  );
  // With PATH unknown, a file of its name anywhere: a copy that brings none leaves it the same program.
  assert.equal(effects('mkdir /x').programs, ['mkdir']);
  assert.equal(effects('mkdir /x').unknownReads, []);
  assert.equal(effects('gosu app touch /tmp/x').programs, ['gosu', 'touch']);
});

test('files commands read that their names do not show (red team 12)', () => {
  const reads = (text: string, env: Array<[string, string]> = []) =>
    show(runEffects(shellView(text) as PosixShellView, { ...scope, env: new Map([...scope.env, ...env]) }).reads);
  // A global install of the project, a folder or an archive reads it.
  assert.ok(reads('npm install -g .').includes('/app/**'));
  assert.ok(reads('npm install -g').includes('/app/**'));
  assert.ok(reads('yarn global add file:/opt/tool').includes('/opt/tool/**'));
  assert.not.ok(reads('npm install -g pm2@5').includes('/app/**'));
  // Yarn 1 reads .yarnrc and .npmrc from the working directory up, in global mode too.
  assert.ok(reads('yarn global add ncu').includes('/app/.yarnrc'));
  assert.ok(reads('yarn global add ncu').includes('/.npmrc'));
  // Operands that are files whatever their names; key ids are not files.
  assert.ok(reads('gpg --batch --import KEYS').includes('/app/KEYS'));
  assert.not.ok(reads('gpg --keyserver hkps://k --recv-keys ABCD EF01').includes('/app/EF01'));
  assert.ok(reads('debconf-set-selections selections.txt').includes('/app/selections.txt'));
  assert.ok(reads('apt-key add repo.key').includes('/app/repo.key'));
  assert.ok(reads('git apply -p1 fix.patch').includes('/app/fix.patch'));
  // What the environment points a tool at.
  assert.ok(reads('npm install -g pm2', [['NODE_OPTIONS', '--require /app/tracing.js']]).includes('/app/tracing.js'));
  assert.ok(reads('curl -fsSLO https://x/y', [['CURL_CA_BUNDLE', '/etc/corp.pem']]).includes('/etc/corp.pem/**'));
  assert.ok(reads('sudo mkdir /x').includes('/etc/sudoers.d/**'));
  assert.ok(reads('curl --capath /certs -fsSLO https://x/y').includes('/certs/**'));
});

test('programs commands run or look up by name (red team 13)', () => {
  const programs = (text: string) => effectsAnywhere(text).programs;
  // tar runs the decompressor an archive needs, or the one -I names; creating, the one a flag asks for.
  assert.ok(programs('tar -xf /tmp/x.tar.zst -C /opt').includes('zstd'));
  assert.ok(programs('tar -I pigz -xf /tmp/x.tgz -C /opt').includes('pigz'));
  assert.equal(programs('tar -czf /tmp/x.tgz -C /opt .'), ['tar', 'gzip']);
  assert.match(effects('tar --to-command=sh -xf /tmp/x.tar').unknown?.reason ?? '', /command of its own/);
  // Looking a program up reads it as running it does.
  assert.equal(programs('command -v tini >/dev/null && which node && type git && hash make'), [
    'tini',
    'which',
    'node',
    'git',
    'make',
  ]);
  assert.equal(show(effects('command -v tini > /app/has-tini').writes), ['/app/has-tini']);
  // A trap's command runs later; resetting or ignoring a signal runs nothing.
  assert.match(effects("trap 'rm -rf /srv/app/tmp' EXIT").unknown?.reason ?? '', /runs later/);
  assert.is(effects("trap - EXIT && trap '' INT").unknown, undefined);
  // Debian's adduser runs its site hook and the shadow tools.
  assert.ok(show(effects('adduser --disabled-password dev').reads).includes('/usr/local/sbin/adduser.local'));
  assert.ok(programs('adduser --disabled-password dev').includes('useradd'));
  // A wrapper execs its command, a builtin's name too; `install -s` runs strip; npm runs node.
  assert.ok(programs('xargs printf < /tmp/list').includes('printf'));
  assert.ok(programs('install -s -m 0755 /tmp/app /usr/local/bin/app').includes('strip'));
  assert.ok(programs('npm install -g pm2').includes('node'));
  // Names only bash runs itself are looked up by dash.
  assert.ok(programs('time mkdir -p /x').includes('mkdir'));
});

test('the home folder, working directory and PATH a command runs with', () => {
  // A HOME the RUN sets, or env's, is where git writes; another user's (gosu, sudo) is not known.
  assert.ok(show(effects('HOME=/home/dev git config --global a b').writes).includes('/home/dev/.gitconfig'));
  assert.ok(show(effects('env HOME=/home/dev git config --global a b').writes).includes('/home/dev/.gitconfig'));
  assert.match(effects('gosu dev git config --global a b').unknown?.reason ?? '', /cannot tell the home folder/);
  assert.match(effects('sudo -u dev git config --global a b').unknown?.reason ?? '', /cannot tell the home folder/);
  assert.equal(show(effects('env -C /opt touch x').writes), ['/opt/x']);
  // With CDPATH set, `cd src` may go to a folder of CDPATH; `cd ./src` does not.
  assert.ok(effects('export CDPATH=/srv && cd src && touch x').unknownReads.length > 0);
  assert.equal(show(effects('export CDPATH=/srv && cd ./src && touch x').writes), ['/app/src/x']);
  // A PATH the RUN sets is where programs are looked up.
  const withPath = { ...scope, searchPath: ['/usr/bin'] };
  const lookups = runEffects(shellView('PATH=/opt/bin:/usr/bin mkdir /x') as PosixShellView, withPath).reads;
  assert.ok(show(lookups).includes('/opt/bin/mkdir'));
  assert.equal(runEffects(shellView('PATH=.:$PATH mkdir /x') as PosixShellView, withPath).programs, ['mkdir']);
});

test("red team 14's unbuilt list", () => {
  assert.match(effects('sed -i "s/a/b/gw /srv/changes.log" /etc/x').unknown?.reason ?? '', /sed script/);
  assert.match(effects("sed -i 's/a/b/ge' /etc/x").unknown?.reason ?? '', /sed script/);
  assert.is(effects("sed -i 's/a/b/g' /etc/x").unknown, undefined);
  assert.ok(effects('find -L /usr/share/doc -name x').unknownReads.length > 0);
  assert.match(effects('tar -xPf /tmp/x.tar').unknown?.reason ?? '', /tar -P/);
  assert.ok(show(effects('install -o app -m 0755 /tmp/x /usr/local/bin/x').reads).includes('/etc/passwd'));
  assert.ok(show(effects('xargs -a /tmp/list echo').reads).includes('/tmp/list'));
  // What a wrapper itself cannot tell stays unknown.
  assert.ok(effects('xargs -a "$BUILD" echo').unknownReads.length > 0);
  assert.ok(effects('which "$BUILD"').unknownReads.length > 0);
  assert.ok(show(effects('pip install flask').reads).includes('/usr/local/pip.conf'));
  assert.ok(show(effects('git clone https://x/y.git /opt/y').reads).includes('/root/.netrc'));
  const alternatives = effects(
    'update-alternatives --install /usr/bin/java java /opt/jdk/bin/java 100 --slave /usr/bin/javac javac /opt/jdk/bin/javac',
  );
  assert.ok(show(alternatives.removes).includes('/usr/bin/javac'));
  assert.ok(show(alternatives.reads).includes('/opt/jdk/bin/javac'));
});

test('a cd or an assignment that may not run leaves the folder or the variable unknown (red team 14)', () => {
  assert.equal(show(effects('cd /opt && touch x').writes), ['/opt/x']);
  assert.equal(show(effects('set -e; cd /opt; touch x').writes), ['/opt/x']);
  assert.equal(show(effects('test -d /opt/x && cd /opt/x && touch y').writes), ['/opt/x/y']);
  assert.match(effects('test -d /opt/x && cd /opt/x; touch y').unknown?.reason ?? '', /working directory/);
  assert.match(effects('cd /opt 2>/dev/null; touch y').unknown?.reason ?? '', /working directory/);
  assert.match(effects('if [ -d /opt ]; then cd /opt; fi; touch y').unknown?.reason ?? '', /working directory/);
  assert.equal(show(effects('export D=/opt; touch "$D/x"').writes), ['/opt/x']);
  assert.ok(effects('case "$X" in a) D=/opt ;; *) D=/srv ;; esac; touch "$D/x"').unknown);
  assert.ok(effects('(D=/srv); D=/opt; touch "$D/x"').unknown === undefined);
  assert.ok(effects('D=/opt; (D=/srv); touch "$D/x"').unknown);
});

test('symbolic links are recorded with absolute targets, in the folder the last operand may be too', () => {
  // /home/current may be an existing folder: the link is then /home/current/app.
  assert.equal(effects('ln -s /opt/app /home/current').links, [
    { link: '/home/current', target: '/opt/app' },
    { link: '/home/current/app', target: '/opt/app' },
  ]);
  assert.equal(effects('ln -sT ../lib/x /usr/local/bin/x').links, [
    { link: '/usr/local/bin/x', target: '/usr/local/lib/x' },
  ]);
  // A folder written as one, or given with -t, gets a link of the target's name.
  assert.equal(effects('ln -s /opt/tools/bin/deploy /usr/local/bin/').links, [
    { link: '/usr/local/bin/deploy', target: '/opt/tools/bin/deploy' },
  ]);
  assert.equal(effects('ln -s -t /usr/local/bin /opt/a/x ../y').links, [
    { link: '/usr/local/bin/x', target: '/opt/a/x' },
    { link: '/usr/local/bin/y', target: '/usr/local/y' },
  ]);
});

test('a word only known at build time is an unknown read, not an unknown RUN', () => {
  const got = effects('apt-get install -y $PACKAGES');
  assert.is(got.unknown, undefined);
  assert.ok(got.unknownReads.length > 0);
});

test('accounts made and changed are named', () => {
  assert.equal(effects('groupadd --system app && useradd --system --gid app app').createsAccounts, ['app', 'app']);
  assert.equal(effects('usermod -u 2000 app').changesAccounts, ['app']);
  assert.equal(effects('adduser app docker').changesAccounts, ['docker']);
});

test.run();
