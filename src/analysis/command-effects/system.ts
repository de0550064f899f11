/** Rules of the distribution's tools: package managers, accounts, alternatives, Apache's a2enmod family. */
import { hasOption, optionValues, type CommandLine, type OptionSyntax } from '../command-line.js';
import { isPathLike, isUrl, readLocation, readProgram, type CommandRule, type Resolver } from './effects.js';
import { ACCOUNT_CONFIGURATION, ACCOUNT_FILES, SRV_FOLDERS } from './folders.js';

/** Account commands: how they name their account, its home and its groups. */
export const ACCOUNTS: Record<string, OptionSyntax> = {
  useradd: {
    short: 'bcdefgGkKpsuU',
    long: [
      '--base-dir',
      '--comment',
      '--home-dir',
      '--expiredate',
      '--inactive',
      '--gid',
      '--groups',
      '--skel',
      '--key',
      '--password',
      '--shell',
      '--uid',
      '--selinux-user',
    ],
  },
  adduser: {
    short: 'hgsGuk',
    long: [
      '--home',
      '--shell',
      '--ingroup',
      '--gid',
      '--uid',
      '--gecos',
      '--firstuid',
      '--lastuid',
      '--add-extra-groups',
      '--comment',
      '--conf',
    ],
  },
  groupadd: { short: 'gKp', long: ['--gid', '--key', '--password'] },
  addgroup: { short: 'g', long: ['--gid', '--conf'] },
  usermod: {
    short: 'cdegGlLpsuU',
    long: [
      '--comment',
      '--home',
      '--expiredate',
      '--inactive',
      '--gid',
      '--groups',
      '--login',
      '--password',
      '--shell',
      '--uid',
    ],
  },
  groupmod: { short: 'gnp', long: ['--gid', '--new-name', '--password'] },
  userdel: {},
  groupdel: {},
  deluser: {},
  delgroup: {},
  gpasswd: { short: 'adAM' },
  chpasswd: {},
  passwd: {},
};

/** The options of the distribution package tools (apt-get, apk, dnf, ...) that take a value. */
export const PACKAGE_TOOL_SYNTAX: OptionSyntax = {
  short: 'otX',
  long: ['--option', '--target-release', '--repository', '--root', '--virtual', '--arch', '--setopt', '--installroot'],
};

/** The tools of distribution packages: they write the system folders and read package files named by path. */
const SYSTEM_TOOLS = new Set([
  'apt-get',
  'apt',
  'apt-mark',
  'apt-key',
  'add-apt-repository',
  'dpkg',
  'apk',
  'dnf',
  'yum',
  'microdnf',
  'zypper',
  'rpm',
  'update-ca-certificates',
  'ldconfig',
  'locale-gen',
  'localedef',
  'c_rehash',
  'docker-php-ext-install',
  'docker-php-ext-enable',
  'docker-php-ext-configure',
  'docker-php-source',
  'pecl',
  'pear',
  'update-locale',
  'update-rc.d',
  'debconf-set-selections',
  'apk-tools',
]);

/** The rules of system tools, by command name. */
export const SYSTEM_RULES: Record<string, CommandRule> = {
  'dpkg-divert': {
    syntax: { long: ['--divert', '--package', '--admindir'] },
    rule: (line, at) => {
      at.system();
      for (const value of optionValues(line, '--divert')) at.remove(at.place(value));
      at.remove(...line.operands.map((arg) => at.place(arg)));
    },
  },
  'update-alternatives': { syntax: { long: ['--altdir', '--admindir', '--log', '--slave'] }, rule: updateAlternatives },
  'dpkg-reconfigure': {
    syntax: { short: 'fpu', long: ['--frontend', '--priority'] },
    rule: (line, at) => {
      at.system();
      // The dash package's configuration decides what /bin/sh is.
      if (line.operands.some((arg) => arg.value === null || arg.value === 'dash'))
        at.remove({ path: '/bin/sh', tree: false }, { path: '/usr/bin/sh', tree: false });
    },
  },
};
for (const [name, syntax] of Object.entries(ACCOUNTS)) SYSTEM_RULES[name] = { syntax, rule: accounts };
for (const name of SYSTEM_TOOLS) SYSTEM_RULES[name] = { syntax: PACKAGE_TOOL_SYNTAX, rule: systemTool };
for (const name of ['a2enmod', 'a2dismod', 'a2ensite', 'a2dissite', 'a2enconf', 'a2disconf'])
  SYSTEM_RULES[name] = { rule: apacheSwitch };

function updateAlternatives(line: CommandLine, at: Resolver): void {
  at.write({ path: '/etc/alternatives', tree: true }, { path: '/var/lib/dpkg/alternatives', tree: true });
  const install = line.options.findIndex((option) => option.name === '--install');
  if (install >= 0) {
    // --install <link> <name> <path> <priority>: the link is replaced; operands follow the option in order.
    const [link, , ...rest] = line.operands;
    at.remove(at.place(link));
    // Each `--slave <link> <name> <path>` replaces its link too.
    for (const slave of optionValues(line, '--slave')) at.remove(at.place(slave));
    // The alternative's path (and a slave's) must exist: update-alternatives refuses a missing one.
    for (const arg of rest) if (arg.value === null || arg.value.startsWith('/')) at.readArg(arg);
  } else if (hasOption(line, '--set')) {
    for (const arg of line.operands.slice(1)) at.readArg(arg);
  }
  if (install < 0 && hasOption(line, '--set', '--config', '--auto', '--remove', '--remove-all', '--all')) {
    // The link of the group is not named here: any program of that name on PATH may change.
    const name = line.operands[0]?.value;
    if (name == null) at.unknown('changes an alternative layerfix cannot name');
    for (const folder of ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'])
      at.remove({ path: `${folder}/${name}`, tree: false });
  }
}

function accounts(line: CommandLine, at: Resolver): void {
  const command = line.name;
  at.write(...ACCOUNT_FILES.map((path) => ({ path, tree: false })));
  at.read(...ACCOUNT_CONFIGURATION);
  // Debian's adduser family runs the site's hook (/usr/local/sbin/adduser.local) and the shadow tools, by name.
  if (/^(adduser|addgroup|deluser|delgroup)$/.test(command)) {
    at.read(
      { path: '/usr/local/sbin/adduser.local', tree: false },
      { path: '/usr/local/sbin/deluser.local', tree: false },
    );
    for (const tool of ['useradd', 'groupadd', 'usermod', 'userdel', 'groupdel', 'passwd', 'chfn', 'gpasswd', 'chage'])
      readProgram(tool, at);
  }
  // Another root for the account files, or another configuration: layerfix does not follow them.
  if (hasOption(line, '-R', '--root', '-P', '--prefix', '--conf'))
    at.unknown(`runs ${command} with another root, prefix or configuration file`);
  // `useradd -D` writes the defaults later useradd calls read (the base folder of homes ...).
  if (command === 'useradd' && hasOption(line, '-D', '--defaults'))
    return void at.write({ path: '/etc/default/useradd', tree: false });
  for (const skel of optionValues(line, '-k', '--skel')) at.readArg(skel, true);
  const name = line.operands[line.operands.length - 1]?.value ?? null;
  if (name === null) at.unknown(`runs ${command} for an account only known at build time`);
  if (/^(useradd|adduser|groupadd|addgroup)$/.test(command)) {
    if (command === 'adduser' && line.operands.length === 2) {
      // `adduser user group` adds a user to a group.
      at.effects.changesAccounts.push(line.operands[1].value ?? '*');
      return;
    }
    at.effects.createsAccounts.push(name);
    const [home] = optionValues(line, '-d', '--home-dir', '-h', '--home');
    // useradd makes the home folder with -m, or where login.defs says CREATE_HOME (Fedora, RHEL) for a user that is
    // not a system account: unless -M.
    const system = hasOption(line, '-r', '--system');
    const creates =
      command === 'useradd'
        ? hasOption(line, '-m', '--create-home') || (!system && !hasOption(line, '-M', '--no-create-home'))
        : command === 'adduser' && !hasOption(line, '-H', '--no-create-home');
    const [base] = optionValues(line, '-b', '--base-dir');
    if (home !== undefined) at.write(at.place(home, true));
    else if (base !== undefined) at.write(at.place(base, true));
    else if (creates) {
      // The home is /home/<name> unless the defaults say otherwise: a stage that changed them makes it unknown.
      at.write({ path: `/home/${name}`, tree: true });
      at.effects.configuration.push(
        { path: '/etc/default/useradd', tree: false },
        { path: '/etc/adduser.conf', tree: false },
      );
    }
    return;
  }
  at.effects.changesAccounts.push(name);
  // usermod -u and -g give the home folder's files the new ids; -d -m moves it.
  if (
    command === 'usermod' &&
    line.options.some((option) => /^(-[ugdm]|--(uid|gid|home|move-home))$/.test(option.name))
  ) {
    const [home] = optionValues(line, '-d', '--home');
    at.write(home ? at.place(home, true) : { path: '/home', tree: true }, { path: '/root', tree: true });
  }
}

/**
 * Debian's a2enmod family: it links a module, site or configuration from the *-available to the *-enabled folder of
 * Apache's configuration ($APACHE_CONFDIR, /etc/apache2) and records it under $APACHE_STATE_DIRECTORY
 * (/var/lib/apache2), after sourcing $APACHE_ENVVARS (the envvars file there); a folder variable layerfix cannot
 * tell makes it unknown.
 */
function apacheSwitch(line: CommandLine, at: Resolver): void {
  const folder = (variable: string, fallback?: string): string | undefined => {
    if (!at.base.variables.has(variable)) return fallback;
    const value = at.base.variables.get(variable);
    if (value === undefined || !value.startsWith('/'))
      at.unknown(`runs ${line.name} with $${variable} set to a folder layerfix cannot tell`);
    return value;
  };
  const conf = folder('APACHE_CONFDIR', '/etc/apache2')!;
  const folders = [conf, folder('APACHE_STATE_DIRECTORY', '/var/lib/apache2')!];
  for (const variable of APACHE_FOLDER_VARIABLES) {
    const moved = folder(variable);
    if (moved !== undefined) folders.push(moved);
  }
  // Enabling the CGI module asks `apache2ctl -V`, which reads the whole configuration and what it includes.
  if (line.name === 'a2enmod' && line.operands.some((arg) => arg.value === null || /^cgid?$/.test(arg.value)))
    at.unknown(`enables the CGI module with ${line.name}, which reads Apache's whole configuration with apache2ctl`);
  for (const path of folders) {
    at.read({ path, tree: true });
    at.write({ path, tree: true });
  }
  // It sources the envvars script, which may read anything the stage made it read.
  at.effects.configuration.push({ path: folder('APACHE_ENVVARS', `${conf}/envvars`)!, tree: false });
}

/** The variables that move the folders of a2enmod and its family (besides APACHE_CONFDIR and the state folder). */
const APACHE_FOLDER_VARIABLES = [
  'APACHE_MODS_AVAILABLE',
  'APACHE_MODS_ENABLED',
  'APACHE_SITES_AVAILABLE',
  'APACHE_SITES_ENABLED',
  'APACHE_CONF_AVAILABLE',
  'APACHE_CONF_ENABLED',
];

function systemTool(line: CommandLine, at: Resolver): void {
  at.system();
  for (const arg of line.operands) {
    const folder = SRV_FOLDERS[arg.value?.replace(/[=:].*$/, '') ?? ''];
    if (folder) at.effects.installs.push({ path: folder, tree: true });
  }
  // `apt-get download` and `apt-get source` save what they fetch in the working directory.
  if (/^apt(-get)?$/.test(line.name) && /^(download|source)$/.test(line.operands[0]?.value ?? '')) at.write(at.cwd());
  // debconf-set-selections reads the files it is given, `apt-key add` its key file, whatever their names.
  const files =
    line.name === 'debconf-set-selections'
      ? line.operands
      : line.name === 'apt-key' && line.operands[0]?.value === 'add'
        ? line.operands.slice(1)
        : line.operands.filter((arg) => isPathLike(arg) && !isUrl(arg));
  for (const arg of files) if (arg.value !== '-') at.readArg(arg);
  for (const arg of optionValues(line, '-o', '--option', '--setopt')) {
    if (arg?.value == null) at.unknown(`sets an option only known at build time (\`${arg?.text ?? '…'}\`)`);
    // `-o Dir::Etc::SourceParts=/app/apt`, `--setopt=reposdir=/app/repos`: a path the tool then reads (red team 28).
    const value = /=(.*)$/s.exec(arg.value)?.[1];
    if (value !== undefined && /^[./~]/.test(value)) at.readArg({ value, text: arg.text }, true);
  }
  // A package repository in a folder (`apk add --repository /apk/custom`) is read (red team 28).
  for (const repository of optionValues(line, '-X', '--repository')) readLocation(at, repository);
  // Another root for the whole install: it writes there (and reads that root's package database).
  for (const root of optionValues(line, '--root', '--installroot')) {
    at.readArg(root, true);
    at.write(at.place(root, true));
  }
}
