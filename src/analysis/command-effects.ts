/**
 * What one command does to the image's files, read from its arguments: the places it reads, writes and removes,
 * whether it installs distribution packages or changes which program a command name runs, and the accounts it
 * creates or changes. A command layerfix has no rule for, or whose arguments it cannot resolve, is unknown, with the
 * reason: transforms decline on it.
 */
import { posix } from 'node:path';
import {
  commandUpTo,
  hasOption,
  optionValues,
  readCommandLine,
  type Arg,
  type CommandLine,
  type OptionSyntax,
} from './command-line.js';
import { isUnder, normalise, placeOf, type Place, type PlaceBase, UnknownPlace } from './places.js';
import { nodeOptionFiles } from './node-options.js';
import { PIP_SYNTAX } from './pip-options.js';

/** What a command does to files, as far as its rule and its arguments tell. */
export interface FileEffects {
  reads: Place[];
  writes: Place[];
  /** Places it removes or replaces (also among `writes`): `rm`, `mv`, `rmdir`, `ln -f` over them. */
  removes: Place[];
  /** Where the packages it installs may go (a package manager's folders), apart from the paths it is given. */
  installs: Place[];
  /** Words it reads that name no place layerfix can tell (a path only known at build time), with why. */
  unknownReads: string[];
  /**
   * Programs it runs by name on a PATH layerfix cannot tell: any folder may hold one, so a copy that brings an entry
   * of the name may change what runs.
   */
  programs: string[];
  /** Symbolic links it makes, absolute, with their absolute targets: later paths through them reach the targets. */
  links: Link[];
  /**
   * It installs or removes distribution packages (apt-get, apk, dnf ...) or runs their tools: it writes the system
   * folders, and, by the distributions' own policy, never replaces `/bin/sh` or puts a second program of the same
   * name on PATH.
   */
  systemPackages: boolean;
  /** It may install, replace or remove programs on PATH (pip, npm -g, a version manager ...), beyond its `writes`. */
  installsCommands: boolean;
  /** Users and groups it creates. */
  createsAccounts: string[];
  /** Users and groups it changes (ids, homes, memberships); `*` when it cannot tell which. */
  changesAccounts: string[];
  /**
   * Files whose contents decide what else it reads or runs (ldconfig's list of library folders, the envvars script
   * a2enmod sources): as the image has them they add nothing, but a stage that changed one makes its effects unknown.
   */
  configuration: Place[];
}

/** Builtins of both dash and bash (the usual /bin/sh and bash): never looked up on PATH. */
const SHARED_BUILTINS = new Set([
  'cd',
  'echo',
  'printf',
  'test',
  '[',
  'true',
  'false',
  ':',
  'set',
  'export',
  'unset',
  'read',
  'exit',
  'return',
  'shift',
  'eval',
  'exec',
  'trap',
  'umask',
  'ulimit',
  'wait',
  'command',
  'type',
  'hash',
  'alias',
  'unalias',
  'local',
  'pwd',
  'getopts',
  'times',
  'kill',
  'break',
  'continue',
  '.',
  'readonly',
  'jobs',
  'fg',
  'bg',
]);

/** Whether every shell layerfix reads runs a command name itself (bash's own, such as `declare` or `time`, dash looks up on PATH). */
export function alwaysBuiltin(name: string): boolean {
  return SHARED_BUILTINS.has(name);
}

/** A symbolic link: a path that leads to another. */
export interface Link {
  link: string;
  target: string;
}

/** The place a command runs in and what its words refer to. */
export interface CommandBase extends PlaceBase {
  /** Variables with a known value before the command runs. */
  variables: ReadonlyMap<string, string | undefined>;
  /** The folders of PATH, when known. */
  searchPath?: readonly string[] | undefined;
}

/** Effects, or why they are unknown. */
export type EffectsOrUnknown = FileEffects | { unknown: string };

/** The folders package installs write: a copy into one of them (or above) may collide with an install. */
export const SYSTEM_FOLDERS = [
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/etc',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib64',
  '/usr/share',
  '/usr/include',
  '/usr/local/bin',
  '/usr/local/lib',
  '/usr/local/share',
  '/usr/local/include',
  '/usr/local/bundle',
  '/var/lib',
  '/var/cache',
  '/var/log',
  '/root',
  '/home',
  '/opt',
  '/tmp',
];

/**
 * The folders distribution packages install into. By the distributions' policy none goes into /usr/local, /home,
 * /root or /srv; /var and /opt hold package data (nginx's /var/www, vendors' /opt/...).
 */
const DISTRIBUTION_FOLDERS = [
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib32',
  '/usr/lib64',
  '/usr/libx32',
  '/usr/libexec',
  '/usr/share',
  '/usr/include',
  '/usr/src',
  '/usr/games',
  '/etc',
  '/var',
  '/opt',
  '/boot',
];

/** Packages whose maintainer scripts make a folder in /srv all the same: FTP and TFTP servers (red team 22). */
const SRV_FOLDERS: Record<string, string> = {
  'tftpd-hpa': '/srv/tftp',
  atftpd: '/srv/tftp',
  tftpd: '/srv/tftp',
  vsftpd: '/srv/ftp',
  ftpd: '/srv/ftp',
  'proftpd-basic': '/srv/ftp',
  'proftpd-core': '/srv/ftp',
  proftpd: '/srv/ftp',
  'pure-ftpd': '/srv/ftp',
};

/** The dynamic linker's configuration: the library folders ldconfig (run by package installs too) reads. */
const LIBRARY_CONFIGURATION: Place[] = [
  { path: '/etc/ld.so.conf', tree: false },
  { path: '/etc/ld.so.conf.d', tree: true },
];

/** The account files every account command may rewrite. */
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

/** A rule found that a command's effects cannot be told; the message says why, as "runs ..." or "sends ...". */
class UnknownEffect extends Error {
  override name = 'UnknownEffect';

  constructor(reason: string) {
    // An answer, not a fault: no stack trace (see UnknownPlace).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason);
    Error.stackTraceLimit = limit;
  }
}

/** Reads a command's effects from its parsed words. `at` resolves words to places; a rule throws UnknownPlace. */
type Rule = (line: CommandLine, at: Resolver) => void;

interface CommandRule {
  syntax?: OptionSyntax;
  rule: Rule;
}

/** Collects a command's effects while its rule reads its words. */
class Resolver {
  readonly effects: FileEffects = emptyEffects();

  constructor(readonly base: CommandBase) {}

  place(arg: Arg | null, tree = false): Place {
    return placeOf(arg, this.base, tree);
  }

  cwd(): Place {
    if (this.base.cwd === undefined) throw new UnknownPlace('the working directory, which layerfix cannot tell');
    return { path: this.base.cwd, tree: true };
  }

  read(...places: Place[]): void {
    this.effects.reads.push(...places);
  }

  /** Read the place a word names; a word whose place is not known is noted, not fatal (reads change nothing). */
  readArg(arg: Arg | null, tree = false): void {
    try {
      this.effects.reads.push(this.place(arg, tree));
    } catch (error) {
      if (!(error instanceof UnknownPlace)) throw error;
      this.effects.unknownReads.push(error.message);
    }
  }

  readArgs(args: readonly Arg[], tree = false): void {
    for (const arg of args) this.readArg(arg, tree);
  }

  write(...places: Place[]): void {
    this.effects.writes.push(...places);
  }

  /** Read files of these names in the working directory and in every folder above it (a tool's project settings). */
  readUpwards(...names: string[]): void {
    if (this.base.cwd === undefined) {
      this.effects.unknownReads.push(`${names.join(' and ')} in the working directory, which layerfix cannot tell`);
      return;
    }
    for (let dir = this.base.cwd; ; dir = posix.dirname(dir)) {
      this.read(...names.map((name) => ({ path: posix.join(dir, name), tree: false })));
      if (dir === '/') return;
    }
  }

  remove(...places: Place[]): void {
    this.effects.writes.push(...places);
    this.effects.removes.push(...places);
  }

  /**
   * It installs distribution packages: into the distribution's folders, by its rules. Their tools and triggers also
   * read what the administrator put under /usr/local (ldconfig its libraries, update-ca-certificates its
   * certificates, fc-cache its fonts).
   */
  system(): void {
    this.effects.systemPackages = true;
    if (!this.effects.installs.length) {
      this.effects.installs.push(...DISTRIBUTION_FOLDERS.map((path) => ({ path, tree: true })));
      this.read({ path: '/usr/local', tree: true });
      this.effects.configuration.push(...LIBRARY_CONFIGURATION);
    }
  }

  /**
   * It installs packages: into the folders package managers use, and into the environment a `bin` folder on PATH
   * belongs to (a virtual environment such as /app/.venv/bin). With PATH unknown, anywhere.
   */
  install(): void {
    if (this.effects.installs.length) return;
    const system = SYSTEM_FOLDERS.map((path) => ({ path, tree: true }));
    const path = this.base.searchPath;
    const environments =
      path === undefined
        ? ['/']
        : path
            .filter((dir) => dir.endsWith('/bin') && !system.some((folder) => isUnder(dir, folder.path)))
            .map((dir) => dir.slice(0, -'/bin'.length) || '/');
    const virtualEnv = this.base.variables.get('VIRTUAL_ENV');
    if (this.base.variables.has('VIRTUAL_ENV')) environments.push(virtualEnv ?? '/');
    this.effects.installs.push(...system, ...environments.map((dir) => ({ path: dir, tree: true })));
  }

  commands(): void {
    this.effects.installsCommands = true;
  }

  unknown(reason: string): never {
    throw new UnknownEffect(reason);
  }
}

const isUrl = (arg: Arg) => arg.value !== null && /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.value);
/** A word that names a path rather than a package or a name (`./x`, `/x`, `x/y`, `~`, a package file). */
const isPathLike = (arg: Arg) =>
  arg.value === null ||
  /^[./~]|^[^:]*\/|\.(deb|rpm|apk|whl|tgz|tar|tar\.(gz|bz2|xz|zst)|tbz2?|txz|zip|gem)$/.test(arg.value);

/** Commands that touch no file: they print, compute or change only the shell's own state. */
export const NO_FILES: readonly string[] = [
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'sleep',
  'nproc',
  'uname',
  'id',
  'whoami',
  'arch',
  'hostname',
  'getconf',
  'which',
  'type',
  'pwd',
  'exit',
  'return',
  'set',
  'export',
  'unset',
  'cd',
  'pushd',
  'popd',
  'umask',
  'ulimit',
  'shift',
  'local',
  'declare',
  'typeset',
  'readonly',
  'trap',
  'wait',
  'read',
  'break',
  'continue',
  'let',
  'alias',
  'unalias',
  'hash',
  'getent',
  'basename',
  'dirname',
  'dpkg-architecture',
  'dpkg-buildflags',
  'expr',
  'seq',
  'yes',
  'tr',
  'tput',
  'locale',
  'apt-config',
  'dpkg-query',
  'apt-cache',
  'gpgconf',
  'command',
  'shopt',
  'times',
  'kill',
  'usleep',
];

/** Commands that read the files named as operands and write nothing (or only what an option names). */
const READERS: Record<string, OptionSyntax> = {
  cat: {},
  head: { short: 'cn' },
  tail: { short: 'cn' },
  wc: {},
  cut: { short: 'bcdf' },
  ls: {
    short: 'ITw',
    long: [
      '--ignore',
      '--hide',
      '--tabsize',
      '--width',
      '--format',
      '--sort',
      '--time',
      '--time-style',
      '--block-size',
    ],
  },
  stat: { short: 'c' },
  file: {},
  sha256sum: {},
  sha512sum: {},
  sha1sum: {},
  md5sum: {},
  cmp: {},
  diff: {},
  readlink: {},
  realpath: {},
  jq: {},
  strings: {},
  od: {},
  xxd: {},
  nl: {},
  column: {},
  comm: {},
  paste: {},
  fold: {},
  rev: {},
  base64: {},
  lsof: {},
  du: {
    short: 'BdtX',
    long: [
      '--block-size',
      '--max-depth',
      '--threshold',
      '--exclude',
      '--exclude-from',
      '--time-style',
      '--files0-from',
    ],
  },
  df: {},
};

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
  short: 'ot',
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

/** The long options of curl that take a value. */
const CURL_VALUED = [
  '--output',
  '--request',
  '--header',
  '--data',
  '--data-binary',
  '--data-raw',
  '--data-urlencode',
  '--user',
  '--upload-file',
  '--config',
  '--cookie',
  '--cookie-jar',
  '--output-dir',
  '--max-time',
  '--retry',
  '--retry-delay',
  '--connect-timeout',
  '--proto',
  '--user-agent',
  '--cacert',
  '--capath',
  '--netrc-file',
  '--etag-save',
  '--etag-compare',
  '--cert',
  '--key',
  '--url',
  '--write-out',
  '--form',
  '-F',
  '--dump-header',
  '--trace',
  '--trace-ascii',
  '--stderr',
  '--resolve',
  '--limit-rate',
];

/** The long options of wget that take a value. */
const WGET_VALUED = [
  '--output-document',
  '--directory-prefix',
  '--output-file',
  '--append-output',
  '--input-file',
  '--user-agent',
  '--tries',
  '--timeout',
  '--header',
  '--user',
  '--password',
  '--ca-certificate',
  '--ca-directory',
  '--private-key',
  '--config',
  '--certificate',
  '--post-data',
  '--post-file',
  '--progress',
  '--load-cookies',
  '--save-cookies',
  '--wait',
];

const RULES: Record<string, CommandRule> = {
  mkdir: {
    syntax: { short: 'm', long: ['--mode', '--context'] },
    rule: (line, at) => at.write(...line.operands.map((arg) => at.place(arg))),
  },
  rmdir: { rule: (line, at) => at.remove(...line.operands.map((arg) => at.place(arg))) },
  rm: { rule: (line, at) => at.remove(...line.operands.map((arg) => at.place(arg, true))) },
  touch: {
    syntax: { short: 'drt', long: ['--date', '--reference', '--time'] },
    rule: (line, at) => {
      for (const reference of optionValues(line, '-r', '--reference')) at.readArg(reference);
      at.write(...line.operands.map((arg) => at.place(arg)));
    },
  },
  chmod: { syntax: { long: ['--reference'] }, rule: (line, at) => modeLike(line, at) },
  chown: { syntax: { long: ['--reference', '--from'] }, rule: (line, at) => modeLike(line, at) },
  chgrp: { syntax: { long: ['--reference'] }, rule: (line, at) => modeLike(line, at) },
  ln: {
    syntax: { short: 'St', long: ['--suffix', '--target-directory'] },
    rule: (line, at) => {
      const replaces = hasOption(line, '-f', '--force', '-n', '--no-dereference', '-T', '--no-target-directory');
      const [folder] = optionValues(line, '-t', '--target-directory');
      const targets = folder !== undefined || line.operands.length === 1 ? line.operands : line.operands.slice(0, -1);
      // A hard link shares the target's file: it reads it. A symbolic link only names it.
      if (!hasOption(line, '-s', '--symbolic')) at.readArgs(targets);
      // The link is the last operand, a folder it goes into (`-t`, or an existing folder), or a new name in the cwd.
      const link =
        folder !== undefined
          ? at.place(folder, true)
          : line.operands.length === 1
            ? at.cwd()
            : at.place(line.operands[line.operands.length - 1], true);
      if (replaces) at.remove(link);
      else at.write(link);
      // `ln -s /target /path/name` with a known target: later paths below /path/name reach /target. The link may be
      // the last operand, or, when that is a folder (`/usr/local/bin/`, or an existing one: layerfix cannot tell),
      // a link of the target's name in it; both are recorded.
      if (hasOption(line, '-s', '--symbolic')) {
        const noFolder = hasOption(line, '-T', '--no-target-directory');
        const last = folder ?? (line.operands.length === 1 ? undefined : line.operands[line.operands.length - 1]);
        for (const target of targets) {
          if (target.value === null || /[*?[{]/.test(target.value)) continue;
          const name = target.value.replace(/\/+$/, '').replace(/^.*\//, '');
          const links: string[] = [];
          if (last === undefined) links.push(`${at.cwd().path}/${name}`);
          else if (last.value !== null) {
            const place = at.place(last).path;
            // `ln -s T NAME` makes NAME, unless NAME is written as a folder or given with -t;
            if (folder === undefined && targets.length === 1 && !last.value.endsWith('/')) links.push(place);
            // `ln -s T DIR` makes DIR/<T's name>, unless -T.
            if (!noFolder) links.push(`${place}/${name}`);
          }
          for (const link of links)
            at.effects.links.push({
              link: normalise(link),
              target: target.value.startsWith('/')
                ? normalise(target.value)
                : normalise(`${link.replace(/\/[^/]*$/, '')}/${target.value}`),
            });
        }
      }
    },
  },
  cp: {
    syntax: {
      short: 'St',
      // `--preserve`, `--reflink` and `--backup` take their value only attached (`--backup=numbered`).
      long: ['--suffix', '--target-directory', '--no-preserve', '--sparse'],
    },
    rule: (line, at) => copyLike(line, at, false),
  },
  install: {
    syntax: {
      short: 'gmoSt',
      long: ['--group', '--mode', '--owner', '--suffix', '--target-directory', '--strip-program'],
    },
    rule: (line, at) => {
      // An owner or group by name is looked up in the account files, for folders (-d) too.
      if (
        optionValues(line, '-o', '--owner', '-g', '--group').some(
          (arg) => arg?.value == null || /[A-Za-z_]/.test(arg.value),
        )
      )
        at.read(...ACCOUNT_FILES.map((path) => ({ path, tree: false })));
      if (hasOption(line, '-d', '--directory')) return void at.write(...line.operands.map((arg) => at.place(arg)));
      // `install -s` runs strip by name, or the program --strip-program names.
      if (hasOption(line, '-s', '--strip')) readProgram('strip', at);
      for (const program of optionValues(line, '--strip-program')) readProgramWord(program, at);
      copyLike(line, at, false);
    },
  },
  mv: {
    syntax: { short: 'St', long: ['--suffix', '--target-directory'] },
    rule: (line, at) => copyLike(line, at, true),
  },
  tee: { rule: (line, at) => at.write(...line.operands.map((arg) => at.place(arg))) },
  sponge: { rule: (line, at) => at.write(...line.operands.map((arg) => at.place(arg))) },
  tar: {
    syntax: {
      short: 'CfbgHIKLNTVX',
      long: [
        '--directory',
        '--file',
        '--exclude',
        '--transform',
        '--owner',
        '--group',
        '--mode',
        '--files-from',
        '--exclude-from',
        '--use-compress-program',
        '--strip-components',
        '--format',
      ],
    },
    rule: tar,
  },
  unzip: {
    syntax: { short: 'dPx' },
    rule: (line, at) => {
      const [archive] = line.operands;
      at.readArg(archive);
      if (hasOption(line, '-l', '-t', '-v', '-p', '-Z')) return;
      const [folder] = optionValues(line, '-d');
      at.write(folder === undefined ? at.cwd() : at.place(folder, true));
    },
  },
  gzip: { syntax: { short: 'S', long: ['--suffix'] }, rule: (line, at) => compressor(line, at) },
  gunzip: { syntax: { short: 'S', long: ['--suffix'] }, rule: (line, at) => compressor(line, at) },
  xz: {
    syntax: { short: 'TS', long: ['--suffix', '--threads', '--format'] },
    rule: (line, at) => compressor(line, at),
  },
  bzip2: { rule: (line, at) => compressor(line, at) },
  curl: { syntax: { short: 'oXHdeEuUAbcKTmrwyYzxtD', long: CURL_VALUED }, rule: curl },
  wget: { syntax: { short: 'OPoaiUtTeQwl', long: WGET_VALUED }, rule: wget },
  git: {
    syntax: { short: 'Cc', stopAtOperand: true, long: ['--git-dir', '--work-tree', '--namespace', '--exec-path'] },
    rule: git,
  },
  sed: { syntax: { short: 'efl', long: ['--expression', '--file', '--line-length'] }, rule: sed },
  awk: { syntax: { short: 'fvF', long: ['--file', '--assign', '--field-separator'], stopAtOperand: false }, rule: awk },
  grep: {
    syntax: {
      short: 'efABCmd',
      long: [
        '--regexp',
        '--file',
        '--after-context',
        '--before-context',
        '--context',
        '--max-count',
        '--include',
        '--exclude',
        '--exclude-dir',
        '--label',
      ],
    },
    rule: grep,
  },
  sort: {
    syntax: {
      short: 'okSTt',
      long: ['--output', '--key', '--buffer-size', '--temporary-directory', '--field-separator'],
    },
    rule: (line, at) => readThenOutput(line, at, ['-o', '--output']),
  },
  uniq: {
    syntax: { short: 'fsw' },
    rule: (line, at) => {
      const [input, output] = line.operands;
      if (input) at.readArg(input);
      if (output) at.write(at.place(output));
    },
  },
  find: { syntax: { singleDashLong: true }, rule: find },
  test: { rule: (line, at) => testLike(line, at) },
  '[': { rule: (line, at) => testLike(line, at) },
  '[[': { rule: (line, at) => testLike(line, at) },
  mktemp: {
    syntax: { short: 'p', long: ['--tmpdir', '--suffix'] },
    rule: (line, at) => {
      const [folder] = optionValues(line, '-p', '--tmpdir');
      const [template] = line.operands;
      // A template without -p, -t or --tmpdir is a path of its own: a relative one lands in the working directory.
      if (template && folder === undefined && !hasOption(line, '-t', '--tmpdir')) return at.write(at.place(template));
      at.write(folder ? at.place(folder, true) : { path: at.base.variables.get('TMPDIR') ?? '/tmp', tree: true });
    },
  },
  gpg: {
    syntax: {
      short: 'oru',
      long: [
        '--output',
        '--keyserver',
        '--recv-keys',
        '--homedir',
        '--keyring',
        '--recipient',
        '--local-user',
        '--trust-model',
        '--default-key',
      ],
    },
    rule: gpg,
  },
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
  pip: { syntax: PIP_SYNTAX, rule: pip },
  pip3: { syntax: PIP_SYNTAX, rule: pip },
  npm: {
    syntax: { short: 'C', long: ['--prefix', '--registry', '--cache', '--workspace', '-w'] },
    rule: (line, at) =>
      nodeManager(line, at, [
        'install',
        'i',
        'add',
        'ci',
        'update',
        'uninstall',
        'rm',
        'prune',
        'dedupe',
        'audit',
        'rebuild',
        'link',
      ]),
  },
  pnpm: {
    syntax: { short: 'C', long: ['--dir', '--store-dir', '--filter'] },
    rule: (line, at) =>
      nodeManager(line, at, ['install', 'i', 'add', 'update', 'remove', 'prune', 'fetch', 'rebuild', 'link']),
  },
  yarn: {
    syntax: { long: ['--cwd', '--cache-folder', '--modules-folder', '--network-timeout', '--registry'] },
    rule: yarn,
  },
  corepack: { syntax: { long: ['--install-directory'] }, rule: corepack },
  gem: {
    syntax: { short: 'ivgn', long: ['--install-dir', '--bindir', '--version', '--source', '--file'] },
    rule: (line, at) => {
      const [sub] = line.operands;
      if (sub?.value !== 'install' && sub?.value !== 'update' && sub?.value !== 'uninstall')
        at.unknown(`runs \`${commandUpTo(line, sub)}\`, which layerfix has no rule for`);
      for (const arg of line.operands.slice(1)) if (isPathLike(arg)) at.readArg(arg);
      // gem reads /etc/gemrc, ~/.gemrc or $GEMRC, and with -g the Gemfile it names (the working directory's).
      configFiles(at, ['.gemrc'], ['GEMRC'], ['/etc/gemrc']);
      for (const gemfile of optionValues(line, '-g', '--file'))
        at.readArg(gemfile ?? { value: 'Gemfile', text: 'Gemfile' });
      for (const folder of optionValues(line, '-i', '--install-dir', '-n', '--bindir'))
        at.write(at.place(folder, true));
      at.install();
      at.commands();
    },
  },
  go: {
    syntax: { short: 'o', long: ['-o', '-C', '-modfile', '-ldflags', '-tags', '-gcflags'], singleDashLong: true },
    rule: goTool,
  },
  cargo: {
    syntax: {
      long: [
        '--root',
        '--path',
        '--manifest-path',
        '--target-dir',
        '--version',
        '--git',
        '--branch',
        '--tag',
        '--rev',
        '--bin',
        '--features',
      ],
    },
    rule: cargo,
  },
};

// `which tini`, `type tini`, `hash tini` look a program up on PATH: a copy that brings one changes their answer.
for (const name of ['which', 'type', 'hash'])
  RULES[name] = { rule: (line, at) => line.operands.forEach((arg) => readProgramWord(arg, at)) };
// `trap 'rm -rf /app/tmp' EXIT` runs its command later: layerfix does not read it. `trap - EXIT` and `trap '' INT` do
// nothing of the kind.
RULES.trap = {
  rule: (line, at) => {
    const [action] = line.operands;
    if (line.operands.length > 1 && action.value !== '' && action.value !== '-')
      at.unknown(`runs \`${line.name}\` with a command the shell runs later, which layerfix does not read`);
  },
};
for (const name of NO_FILES) RULES[name] ??= { rule: () => undefined };
for (const [name, syntax] of Object.entries(READERS))
  RULES[name] = { syntax, rule: (line, at) => at.readArgs(line.operands, true) };
/** Listing tools read the working directory when they name nothing. */
for (const name of ['ls', 'du'])
  RULES[name] = {
    syntax: READERS[name],
    rule: (line, at) => (line.operands.length ? at.readArgs(line.operands, true) : at.read(at.cwd())),
  };
for (const [name, syntax] of Object.entries(ACCOUNTS)) RULES[name] = { syntax, rule: accounts };
for (const name of SYSTEM_TOOLS) RULES[name] = { syntax: PACKAGE_TOOL_SYNTAX, rule: systemTool };
for (const name of ['a2enmod', 'a2dismod', 'a2ensite', 'a2dissite', 'a2enconf', 'a2disconf'])
  RULES[name] = { rule: apacheSwitch };
RULES.python = { syntax: { short: 'mcWX', stopAtOperand: true }, rule: python };
RULES.python3 = RULES.python;

/** chmod, chown, chgrp: the first operand is the mode or owner (unless `--reference`), the rest are changed. */
function modeLike(line: CommandLine, at: Resolver): void {
  const reference = optionValues(line, '--reference');
  for (const value of reference) at.readArg(value);
  // A symbolic chmod mode that starts with `-` (`chmod -x file`) reads as options: then every operand is a target.
  const modeAsOptions = line.name === 'chmod' && line.options.some((option) => /^-[rwxXstugoa]$/.test(option.name));
  const targets = reference.length || modeAsOptions ? line.operands : line.operands.slice(1);
  const recursive = hasOption(line, '-R', '--recursive');
  at.write(...targets.map((arg) => at.place(arg, recursive)));
  // An owner or group given by name is looked up in the account files, which account commands rewrite.
  const owner = line.name === 'chmod' || reference.length ? undefined : line.operands[0];
  if (owner && (owner.value === null || /[A-Za-z_]/.test(owner.value)))
    at.read(...ACCOUNT_FILES.map((path) => ({ path, tree: false })));
}

/** cp, mv, install: sources and a destination (last operand, or `-t folder`). */
function copyLike(line: CommandLine, at: Resolver, move: boolean): void {
  const [folder] = optionValues(line, '-t', '--target-directory');
  const sources = folder === undefined ? line.operands.slice(0, -1) : line.operands;
  const destination = folder === undefined ? line.operands[line.operands.length - 1] : folder;
  const places = sources.map((arg) => at.place(arg, true));
  if (move) at.remove(...places);
  else at.read(...places);
  // The destination may be a folder the sources land in, or a file or folder it replaces.
  const target = at.place(destination ?? null, true);
  if (move || hasOption(line, '-f', '--force', '-T', '--no-target-directory', '--remove-destination'))
    at.remove(target);
  else at.write(target);
}

/** The programs GNU tar runs to read a compressed archive, whatever its flags say (it looks at the archive). */
const DECOMPRESSORS = ['gzip', 'bzip2', 'xz', 'lzip', 'lzma', 'lzop', 'zstd', 'compress', 'gunzip', 'uncompress'];
/** The programs tar's compression flags run. */
const COMPRESSOR_FLAGS: Array<[string[], string]> = [
  [['-z', '--gzip', '--gunzip', '--ungzip'], 'gzip'],
  [['-j', '--bzip2'], 'bzip2'],
  [['-J', '--xz'], 'xz'],
  [['--zstd'], 'zstd'],
  [['--lzip'], 'lzip'],
  [['--lzma'], 'lzma'],
  [['--lzop'], 'lzop'],
  [['-Z', '--compress', '--uncompress'], 'compress'],
];

function tar(line: CommandLine, at: Resolver): void {
  const mode = line.options.find((option) =>
    /^(-[xtcru]|--(extract|get|list|create|append|update|delete))$/.test(option.name),
  )?.name;
  const [file] = optionValues(line, '-f', '--file');
  const archive = file === undefined || file?.value === '-' ? undefined : at.place(file);
  const [folder] = optionValues(line, '-C', '--directory');
  const within = folder === undefined ? at.cwd() : at.place(folder, true);
  for (const list of optionValues(line, '-T', '--files-from', '-X', '--exclude-from'))
    if (list?.value !== '-') at.readArg(list);
  if (mode === undefined) at.unknown('runs tar without saying whether it extracts or creates');
  if (hasOption(line, '--to-command', '--info-script', '--new-volume-script', '-F'))
    at.unknown('runs tar with a command of its own, which layerfix does not follow');
  // tar runs a compression program by name: the one an option names, or, reading, the one the archive needs.
  for (const program of optionValues(line, '-I', '--use-compress-program')) readProgramWord(program, at);
  if (mode !== '-c' && mode !== '--create') for (const program of DECOMPRESSORS) readProgram(program, at);
  else for (const [flag, program] of COMPRESSOR_FLAGS) if (hasOption(line, ...flag)) readProgram(program, at);
  if (mode === '-x' || mode === '--extract' || mode === '--get') {
    if (hasOption(line, '-P', '--absolute-names'))
      at.unknown('extracts with tar -P, which writes anywhere the archive says');
    if (archive) at.read(archive);
    // As root, tar gives members the ids their owner and group names have in the image's account files.
    if (!hasOption(line, '--numeric-owner', '--no-same-owner', '-o'))
      at.read({ path: '/etc/passwd', tree: false }, { path: '/etc/group', tree: false });
    // Members land below the folder; names it has in the archive, and those given, only narrow that.
    at.write(within);
    if (hasOption(line, '--recursive-unlink', '--unlink-first', '-U')) at.remove(within);
    return;
  }
  if (mode === '-t' || mode === '--list') {
    if (archive) at.read(archive);
    return;
  }
  // Members to add are named relative to -C's folder.
  const members = line.operands.map((arg) => placeOf(arg, { ...at.base, cwd: within.path }, true));
  at.read(...members);
  if (archive) at.write(archive);
  if (hasOption(line, '--remove-files')) at.remove(...members);
}

function compressor(line: CommandLine, at: Resolver): void {
  if (hasOption(line, '-c', '--stdout', '-t', '--test', '-l', '--list')) return void at.readArgs(line.operands);
  // The file is replaced by its (de)compressed sibling, whose name the suffix decides: the folder it lies in changes.
  for (const arg of line.operands) {
    const place = at.place(arg);
    at.remove(place);
    at.write({ path: place.path.replace(/\/[^/]*$/, '') || '/', tree: true });
  }
}

/** Files or folders (`/` at the end) a tool reads in the home folder; an unknown read when the home is not known. */
function readHome(at: Resolver, ...names: string[]): void {
  if (at.base.home === undefined)
    at.effects.unknownReads.push(`${names[0].replace(/\/$/, '')} in a home folder layerfix does not know`);
  else
    at.read(...names.map((name) => ({ path: `${at.base.home}/${name.replace(/\/$/, '')}`, tree: name.endsWith('/') })));
}

/** A configuration file a tool reads from the home folder or a folder a variable names, when known. */
function configFiles(at: Resolver, names: string[], variables: string[], fixed: string[] = []): void {
  at.read(...fixed.map((path) => ({ path, tree: false })));
  readHome(at, ...names);
  for (const variable of variables)
    if (at.base.variables.has(variable)) {
      const value = at.base.variables.get(variable) ?? null;
      at.readArg({ value, text: `$${variable}` }, true);
    }
}

/** The system's certificate store and OpenSSL configuration, which a client reads for every https connection. */
const TLS_FOLDERS: Place[] = ['/etc/ssl', '/usr/lib/ssl', '/etc/pki', '/usr/local/ssl'].map((path) => ({
  path,
  tree: true,
}));

/** A TLS client reads the certificate store, and the files and folders these variables name instead. */
function tlsReads(at: Resolver, variables: readonly string[]): void {
  at.read(...TLS_FOLDERS);
  for (const variable of ['SSL_CERT_FILE', 'SSL_CERT_DIR', 'OPENSSL_CONF', ...variables])
    if (at.base.variables.has(variable))
      at.readArg({ value: at.base.variables.get(variable) ?? null, text: `$${variable}` }, true);
}

function curl(line: CommandLine, at: Resolver): void {
  // curl reads .curlrc from $CURL_HOME, $XDG_CONFIG_HOME or the home folder, unless -q comes first.
  if (line.options[0]?.name !== '-q' && line.options[0]?.name !== '--disable')
    configFiles(at, ['.curlrc', '.config/curlrc'], ['CURL_HOME', 'XDG_CONFIG_HOME']);
  tlsReads(at, ['CURL_CA_BUNDLE']);
  if (hasOption(line, '-n', '--netrc', '--netrc-optional')) readHome(at, '.netrc');
  const [folder] = optionValues(line, '--output-dir');
  const base = folder === undefined ? undefined : at.place(folder, true);
  for (const output of optionValues(line, '-o', '--output')) {
    if (output?.value === '-') continue;
    at.write(
      base && output?.value && !output.value.startsWith('/')
        ? { path: `${base.path}/${output.value}`, tree: false }
        : at.place(output),
    );
  }
  if (hasOption(line, '-O', '--remote-name', '--remote-name-all', '-J', '--remote-header-name'))
    at.write(base ?? at.cwd());
  for (const value of optionValues(
    line,
    '-T',
    '--upload-file',
    '-K',
    '--config',
    '--cacert',
    '--capath',
    '--cert',
    '--key',
    '--netrc-file',
    '-b',
    '--cookie',
    '--etag-compare',
  ))
    // A cookie word without `=` is a file to read cookies from.
    if (value?.value == null || !value.value.includes('=')) at.readArg(value, true);
  for (const value of optionValues(line, '--etag-save')) at.write(at.place(value));
  for (const value of optionValues(line, '-d', '--data', '--data-binary', '--data-urlencode', '-F', '--form')) {
    if (value?.value === null || /(^|=)[@<]/.test(value?.value ?? ''))
      at.unknown(`sends a file with curl (\`${value?.text}\`), which layerfix does not follow`);
  }
  for (const value of optionValues(
    line,
    '-c',
    '--cookie-jar',
    '-D',
    '--dump-header',
    '--trace',
    '--trace-ascii',
    '--stderr',
  ))
    if (value?.value !== '-') at.write(at.place(value));
}

function wget(line: CommandLine, at: Resolver): void {
  // wget reads /etc/wgetrc (or $SYSTEM_WGETRC) and ~/.wgetrc (or $WGETRC).
  configFiles(at, ['.wgetrc'], ['WGETRC', 'SYSTEM_WGETRC'], ['/etc/wgetrc', '/usr/local/etc/wgetrc']);
  tlsReads(at, []);
  const outputs = optionValues(line, '-O', '--output-document');
  const [folder] = optionValues(line, '-P', '--directory-prefix');
  for (const output of outputs) if (output?.value !== '-') at.write(at.place(output));
  if (!outputs.length && !hasOption(line, '--spider'))
    at.write(folder === undefined ? at.cwd() : at.place(folder, true));
  for (const log of optionValues(line, '-o', '--output-file', '-a', '--append-output', '--save-cookies'))
    at.write(at.place(log));
  for (const input of optionValues(
    line,
    '-i',
    '--input-file',
    '--post-file',
    '--load-cookies',
    '--ca-certificate',
    '--ca-directory',
    '--certificate',
    '--private-key',
    '--config',
  ))
    if (input?.value !== '-') at.readArg(input, true);
}

/** The options of `git apply` and `git am` that take a value. */
const GIT_PATCH_SYNTAX: OptionSyntax = {
  short: 'pC',
  long: ['--directory', '--exclude', '--include', '--whitespace', '--build-fake-ancestor', '--patch-format'],
};

/** git subcommands that read and write only the repository they run in (its work tree and `.git`). */
const GIT_IN_REPOSITORY = new Set([
  'init',
  'checkout',
  'switch',
  'pull',
  'fetch',
  'reset',
  'submodule',
  'apply',
  'am',
  'merge',
  'rebase',
  'clean',
  'restore',
  'status',
  'log',
  'rev-parse',
  'describe',
  'show',
  'diff',
  'tag',
  'branch',
  'remote',
  'archive',
  'gc',
  'lfs',
]);

function git(line: CommandLine, at: Resolver): void {
  const [sub, ...rest] = line.operands;
  const [folder] = optionValues(line, '-C');
  if (optionValues(line, '--git-dir', '--work-tree').length)
    at.unknown('runs git with --git-dir or --work-tree, which layerfix does not follow');
  if (sub?.value === 'config') {
    if (hasOption(readCommandLine('git config', rest), '--global'))
      at.write({
        path: `${at.base.home ?? at.unknown("writes the home folder's .gitconfig, and layerfix cannot tell the home folder")}/.gitconfig`,
        tree: false,
      });
    else if (hasOption(readCommandLine('git config', rest), '--system'))
      at.write({ path: '/etc/gitconfig', tree: false });
    else at.write(folder ? at.place(folder, true) : at.cwd());
    return;
  }
  // Every git command reads the system's and the user's configuration (core.abbrev, url rewrites, ...).
  configFiles(
    at,
    ['.gitconfig', '.config/git/'],
    ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'XDG_CONFIG_HOME'],
    ['/etc/gitconfig'],
  );
  tlsReads(at, ['GIT_SSL_CAINFO', 'GIT_SSL_CAPATH']);
  // Credentials for https and ssh remotes.
  readHome(at, '.netrc', '.git-credentials', '.ssh/');
  if (sub?.value && GIT_IN_REPOSITORY.has(sub.value)) {
    const repository = folder ? at.place(folder, true) : at.cwd();
    at.read(repository);
    at.write(repository);
    // `git apply x.patch` and `git am x.patch` read their patch files too.
    if (sub.value === 'apply' || sub.value === 'am')
      for (const arg of readCommandLine(`git ${sub.value}`, rest, GIT_PATCH_SYNTAX).operands) at.readArg(arg);
    return;
  }
  if (folder) at.unknown('runs git clone in another folder with -C, which layerfix does not follow');
  if (sub?.value !== 'clone') at.unknown(`runs \`${commandUpTo(line, sub)}\`, which layerfix has no rule for`);
  const clone = readCommandLine('git clone', rest, {
    short: 'bjocu',
    long: [
      '--branch',
      '--depth',
      '--origin',
      '--config',
      '--reference',
      '--separate-git-dir',
      '--filter',
      '--jobs',
      '--upload-pack',
      '--template',
      '--shallow-since',
      '--shallow-exclude',
    ],
  });
  const [repository, into] = clone.operands;
  if (repository && !isUrl(repository) && !/^[\w.-]+@[\w.-]+:/.test(repository.value ?? ''))
    at.readArg(repository, true);
  const name =
    into ??
    (repository?.value
      ? {
          value:
            repository.value
              .replace(/\/+$/, '')
              .replace(/\.git$/, '')
              .split(/[/:]/)
              .pop() ?? null,
          text: repository.text,
        }
      : null);
  at.write(at.place(name, true));
}

function sed(line: CommandLine, at: Resolver): void {
  const scripts = [...optionValues(line, '-e', '--expression')];
  for (const file of optionValues(line, '-f', '--file')) at.readArg(file);
  const operands = scripts.length || optionValues(line, '-f', '--file').length ? line.operands : line.operands.slice(1);
  if (!scripts.length && !optionValues(line, '-f', '--file').length) scripts.push(line.operands[0] ?? null);
  // `w file`, `r file`, `e command` in a script touch files layerfix does not read; only plain scripts are known.
  // (also as a flag of `s` after others: `s/a/b/gw log`, `s/a/b/ge`).
  if (scripts.some((script) => script?.value == null || /(^|[;}\s\d/$])[gpIiMm0-9]*[wWrRe](\s|$)/.test(script.value)))
    at.unknown('runs a sed script that reads or writes other files or runs commands');
  if (
    hasOption(line, '-i', '--in-place') ||
    line.options.some((option) => /^-i./.test(option.name) || option.name.startsWith('--in-place='))
  )
    at.write(...operands.map((arg) => at.place(arg)));
  else at.readArgs(operands);
}

function awk(line: CommandLine, at: Resolver): void {
  const files = optionValues(line, '-f', '--file');
  for (const file of files) at.readArg(file);
  const program = files.length ? undefined : line.operands[0];
  if (files.length || program?.value == null || /[>|]|system|getline|close/.test(program.value))
    at.unknown('runs an awk program that may write files or run commands');
  for (const arg of line.operands.slice(1)) if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg.value ?? '')) at.readArg(arg);
}

function grep(line: CommandLine, at: Resolver): void {
  const patterns = optionValues(line, '-e', '--regexp', '-f', '--file');
  for (const file of optionValues(line, '-f', '--file')) at.readArg(file);
  const files = patterns.length ? line.operands : line.operands.slice(1);
  const recursive = hasOption(line, '-r', '-R', '--recursive', '--dereference-recursive');
  if (recursive && !files.length) at.read(at.cwd());
  at.readArgs(files, recursive);
}

function readThenOutput(line: CommandLine, at: Resolver, outputs: string[]): void {
  at.readArgs(line.operands);
  for (const output of optionValues(line, ...outputs)) at.write(at.place(output));
}

function find(line: CommandLine, at: Resolver): void {
  // find's options are its starting points first, then an expression of single-dash words.
  const starts: Arg[] = [];
  for (const arg of line.operands) {
    if (arg.value !== null && /^[-(!)]/.test(arg.value)) break;
    starts.push(arg);
  }
  const roots = starts.length ? starts.map((arg) => at.place(arg, true)) : [at.cwd()];
  at.read(...roots);
  const words = line.options.map((option) => option.name);
  // -L and -follow go through links, to anywhere.
  if (words.some((word) => /^-(L|follow)$/.test(word)))
    at.effects.unknownReads.push('what find reaches through symbolic links (-L, -follow)');
  if (words.some((word) => /^-(exec|execdir|ok|okdir)$/.test(word)))
    at.unknown('runs commands with find -exec, which layerfix does not follow');
  if (words.includes('-delete')) at.remove(...roots);
  if (words.some((word) => /^-(fprint|fprint0|fprintf|fls)$/.test(word)))
    at.unknown('writes a file named in a find expression');
}

/** test and `[`: every operand may be a path it looks at. */
function testLike(line: CommandLine, at: Resolver): void {
  for (const arg of [...line.operands, ...line.options.map((option) => option.value)]) {
    if (arg && !/^(\]|\]\]|=|==|!=|!|-a|-o|\(|\)|<|>)$/.test(arg.value ?? '')) at.readArg(arg);
  }
}

function gpg(line: CommandLine, at: Resolver): void {
  const [home] = optionValues(line, '--homedir');
  const folder =
    home ??
    (at.base.variables.has('GNUPGHOME')
      ? { value: at.base.variables.get('GNUPGHOME') ?? null, text: '$GNUPGHOME' }
      : { value: '~/.gnupg', text: '~/.gnupg' });
  at.write(at.place(folder, true));
  for (const output of optionValues(line, '-o', '--output')) if (output?.value !== '-') at.write(at.place(output));
  for (const keyring of optionValues(line, '--keyring')) at.write(at.place(keyring));
  // The operands are files (`--import KEYS`, `--dearmor key.asc`, `--verify x.sig x`), unless a command names keys.
  if (!line.options.some((option) => GPG_KEY_COMMANDS.test(option.name)))
    for (const arg of line.operands) if (arg.value !== '-') at.readArg(arg);
}

/** gpg commands whose operands are key ids or user ids, not files. */
const GPG_KEY_COMMANDS =
  /^--(?:recv-keys?|receive-keys|search-keys|refresh-keys|list-(?:secret-)?keys|list-sigs|check-sigs|fingerprint|export(?:-secret-keys|-ssh-key)?|delete(?:-secret)?-keys|(?:l|n|nr)?sign-key|edit-key|quick-\w+)$|^-k$|^-K$/;

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

/** What the account commands read besides the account files: their defaults and the skeleton of a new home. */
const ACCOUNT_CONFIGURATION: Place[] = [
  { path: '/etc/login.defs', tree: false },
  { path: '/etc/adduser.conf', tree: false },
  { path: '/etc/deluser.conf', tree: false },
  { path: '/etc/default', tree: true },
  { path: '/etc/skel', tree: true },
];

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
  for (const arg of optionValues(line, '-o', '--option', '--setopt'))
    if (arg?.value === null) at.unknown(`sets an option only known at build time (\`${arg.text}\`)`);
}

function pip(line: CommandLine, at: Resolver): void {
  const [sub, ...rest] = line.operands;
  if (sub?.value === 'download' || sub?.value === 'wheel') {
    const [folder] = optionValues(line, '-d', '--dest', '-w', '--wheel-dir');
    at.write(folder ? at.place(folder, true) : at.cwd());
  } else if (sub?.value === 'uninstall' || sub?.value === 'install') {
    at.install();
    for (const folder of optionValues(line, '-t', '--target', '--prefix', '--root', '--src'))
      at.write(at.place(folder, true));
    // The same locations set by the environment, and `--user`'s: PYTHONUSERBASE, else ~/.local.
    for (const variable of ['PIP_TARGET', 'PIP_PREFIX', 'PIP_ROOT', 'PIP_SRC'])
      if (at.base.variables.has(variable))
        at.write(at.place({ value: at.base.variables.get(variable) ?? null, text: `$${variable}` }, true));
    if (hasOption(line, '--user') || /^(1|true|yes|on)$/i.test(at.base.variables.get('PIP_USER') ?? '')) {
      const base = at.base.variables.has('PYTHONUSERBASE')
        ? (at.base.variables.get('PYTHONUSERBASE') ?? null)
        : at.base.home === undefined
          ? null
          : `${at.base.home}/.local`;
      at.write(at.place({ value: base, text: '$PYTHONUSERBASE' }, true));
    }
    at.commands();
  } else if (!['list', 'show', 'freeze', 'check', 'config', 'cache', 'debug', '--version'].includes(sub?.value ?? '')) {
    at.unknown(`runs \`${commandUpTo(line, sub)}\`, which layerfix has no rule for`);
  }
  for (const file of optionValues(line, '-r', '--requirement', '-c', '--constraint', '-e', '--editable'))
    at.readArg(file, true);
  for (const links of optionValues(line, '-f', '--find-links')) if (links && !isUrl(links)) at.readArg(links, true);
  // pip reads its configuration from these files (the site's beside its prefix) and from PIP_CONFIG_FILE.
  at.read(
    { path: '/etc/pip.conf', tree: false },
    { path: '/etc/xdg/pip', tree: true },
    { path: '/usr/pip.conf', tree: false },
    { path: '/usr/local/pip.conf', tree: false },
  );
  if (at.base.variables.has('VIRTUAL_ENV')) {
    const venv = at.base.variables.get('VIRTUAL_ENV');
    at.readArg({ value: venv === undefined ? null : `${venv}/pip.conf`, text: '$VIRTUAL_ENV/pip.conf' });
  }
  readHome(at, '.config/pip/', '.pip/');
  for (const [variable, tree] of [
    ['PIP_CONFIG_FILE', false],
    ['PIP_CONSTRAINT', false],
    ['PIP_REQUIREMENT', false],
    ['PIP_FIND_LINKS', true],
  ] as const) {
    if (!at.base.variables.has(variable)) continue;
    const value = at.base.variables.get(variable) ?? null;
    if (value === null || !isUrl({ value, text: value })) at.readArg({ value, text: `$${variable}` }, tree);
  }
  // A project folder, a wheel or an archive (`.`, `.[extra]`, `libs/x`, `x.whl`): read with everything below it.
  for (const arg of rest)
    if (isPathLike(arg) && !isUrl(arg))
      at.readArg({ value: arg.value?.replace(/\[.*\]$/, '') ?? null, text: arg.text }, true);
}

function python(line: CommandLine, at: Resolver): void {
  const [module] = optionValues(line, '-m');
  // `-m` puts the working directory first on the module path: what it holds can shadow the module and its imports.
  if (module) at.read(at.cwd());
  if (module?.value === 'pip') {
    const words = line.operands;
    return pip(readCommandLine('pip', words, PIP_SYNTAX), at);
  }
  if (module?.value === 'venv') {
    const folder = line.operands.find((arg) => !arg.value?.startsWith('-'));
    at.write(at.place(folder ?? null, true));
    at.commands();
    return;
  }
  at.unknown(`runs a ${line.name} program, which layerfix does not follow`);
}

function nodeManager(line: CommandLine, at: Resolver, installs: string[]): void {
  const [sub] = line.operands;
  const global = hasOption(line, '-g', '--global', '--location=global');
  if (sub?.value == null || !installs.includes(sub.value))
    at.unknown(`runs \`${commandUpTo(line, sub)}\`, which layerfix has no rule for`);
  // npm reads the user and global configuration files, wherever the environment puts them.
  for (const variable of [
    'NPM_CONFIG_USERCONFIG',
    'NPM_CONFIG_GLOBALCONFIG',
    'npm_config_userconfig',
    'npm_config_globalconfig',
  ]) {
    if (at.base.variables.has(variable))
      at.readArg({ value: at.base.variables.get(variable) ?? null, text: `$${variable}` });
  }
  at.read({ path: '/usr/local/etc/npmrc', tree: false }, { path: '/etc/npmrc', tree: false });
  readHome(at, '.npmrc');
  nodeReads(at);
  if (global) {
    // `npm install -g` alone installs the working directory's project; `-g .`, `-g ./cli`, `-g file:/app` a folder.
    if (line.operands.length === 1) at.read(at.cwd());
    readLocalPackages(line.operands.slice(1), at);
    at.install();
    at.commands();
    return;
  }
  // The install scripts of the project and its dependencies (postinstall, prepare, node-gyp) may do anything.
  const scriptsOff =
    hasOption(line, '--ignore-scripts') ||
    ['NPM_CONFIG_IGNORE_SCRIPTS', 'npm_config_ignore_scripts'].some((name) => at.base.variables.get(name) === 'true');
  if (!scriptsOff)
    at.unknown(
      `runs \`${commandUpTo(line, sub)}\`, whose install scripts may write anywhere (--ignore-scripts leaves them out)`,
    );
  const [prefix] = optionValues(line, '-C', '--prefix', '--dir');
  const project = prefix ? at.place(prefix, true) : at.cwd();
  // A project install reads the manifests, lockfile and configuration, and writes node_modules there.
  at.read(project);
  at.write(project);
}

/**
 * corepack: `enable` and `disable` put or take its shims beside node; `install` and `prepare` fetch a package
 * manager: the one named (`prepare pnpm@9`, `install -g yarn@4`), else the one the packageManager field of the
 * package.json in the working directory or a folder above it names. Anything else (`use` and `up` rewrite that
 * package.json; a package manager's name runs it) is not known.
 */
function corepack(line: CommandLine, at: Resolver): void {
  const [sub, ...specs] = line.operands;
  if (!['enable', 'disable', 'install', 'prepare'].includes(sub?.value ?? ''))
    at.unknown(`runs \`${commandUpTo(line, sub)}\`, which layerfix has no rule for`);
  const named = specs.length > 0 || hasOption(line, '-g', '--global');
  nodeReads(at);
  // Beside each package.json it reads, corepack reads a .corepack.env (or the file COREPACK_ENV_FILE names).
  if ((sub?.value === 'install' || sub?.value === 'prepare') && !named) at.readUpwards('package.json', '.corepack.env');
  if (at.base.variables.has('COREPACK_ENV_FILE'))
    at.readArg({ value: at.base.variables.get('COREPACK_ENV_FILE') ?? null, text: '$COREPACK_ENV_FILE' });
  at.install();
  at.commands();
}

/** A package word that names a local folder or archive: `.`, `./cli`, `/app`, `~/x`, `file:..`, `x.tgz`. */
const LOCAL_PACKAGE = /^(?:[./~]|file:|link:)|\.(?:tgz|tar\.gz|tar)$/;

/** Read the local folders and archives among the packages a global install names (with everything below them). */
function readLocalPackages(packages: readonly Arg[], at: Resolver): void {
  for (const arg of packages)
    if (arg.value === null || LOCAL_PACKAGE.test(arg.value))
      at.readArg({ value: arg.value?.replace(/^(?:file|link):/, '') ?? null, text: arg.text }, true);
}

/**
 * What every Node.js process reads besides its own files: node itself, found on PATH by the tool's `#!/usr/bin/env
 * node`, the modules NODE_OPTIONS preloads (`--require`, `--import`, `--loader`) and the certificates
 * NODE_EXTRA_CA_CERTS adds.
 */
function nodeReads(at: Resolver): void {
  // The tool's script starts with `#!/usr/bin/env node`: node is looked up on PATH.
  readProgram('node', at);
  const variables = at.base.variables;
  if (variables.has('NODE_EXTRA_CA_CERTS'))
    at.readArg({ value: variables.get('NODE_EXTRA_CA_CERTS') ?? null, text: '$NODE_EXTRA_CA_CERTS' });
  if (!variables.has('NODE_OPTIONS')) return;
  const options = variables.get('NODE_OPTIONS');
  if (options === undefined) return void at.effects.unknownReads.push('the modules NODE_OPTIONS may preload');
  for (const module of nodeOptionFiles(options)) {
    // A bare name is a package, found from the working directory's node_modules up.
    if (!/^[./~]/.test(module)) at.readUpwards('node_modules');
    else at.readArg({ value: module, text: module });
  }
}

function yarn(line: CommandLine, at: Resolver): void {
  const [sub, second] = line.operands;
  if (sub?.value === 'global') {
    if (second?.value !== 'add' && second?.value !== 'remove')
      at.unknown(`runs \`${commandUpTo(line, second ?? sub)}\`, which layerfix has no rule for`);
    // Yarn 1 reads the .yarnrc and .npmrc of the working directory and every folder above it, in global mode too.
    at.readUpwards('.yarnrc', '.npmrc');
    readHome(at, '.yarnrc', '.npmrc');
    nodeReads(at);
    readLocalPackages(line.operands.slice(2), at);
    at.install();
    at.commands();
    return;
  }
  nodeManager(line, at, ['install', 'add', 'remove', 'upgrade']);
}

function goTool(line: CommandLine, at: Resolver): void {
  const [sub] = line.operands;
  const { gopaths, cache } = goFolders(at);
  // In a module (all but `go install pkg@version`), go reads the go.mod and go.work above the working directory too,
  // and the folders their `replace` and `use` lines name, anywhere (`replace example.com/lib => ../lib`).
  const versioned = sub?.value === 'install' && line.operands.slice(1).some((arg) => arg.value?.includes('@'));
  if (!versioned && sub?.value !== 'version' && sub?.value !== 'env') {
    at.readUpwards('go.mod', 'go.work', 'go.work.sum');
    at.effects.unknownReads.push('the local modules a go.mod or go.work may name with `replace` or `use`');
  }
  if (sub?.value === 'install') {
    at.read(at.cwd());
    at.write(...gopaths, ...cache);
    at.commands();
  } else if (sub?.value === 'mod' && line.operands[1]?.value === 'download') {
    at.read(at.cwd());
    at.write(...moduleCaches(at, gopaths), ...cache);
  } else if (sub?.value === 'build') {
    at.read(at.cwd());
    at.write(...moduleCaches(at, gopaths), ...cache);
    const [output] = optionValues(line, '-o');
    at.write(output ? at.place(output, true) : at.cwd());
  } else if (sub?.value === 'get') {
    at.read(at.cwd());
    at.write(...gopaths, ...cache, at.cwd());
    at.commands();
  } else if (sub?.value === 'version' || sub?.value === 'env') {
    return;
  } else at.unknown(`runs \`${commandUpTo(line, sub)}\`, which layerfix has no rule for`);
}

/**
 * The folders go writes by default: GOPATH (golang's images set /go; elsewhere it is ~/go) and its build cache
 * (GOCACHE, else ~/.cache), in every home the user may have when layerfix cannot tell it.
 */
function goFolders(at: Resolver): { gopaths: Place[]; cache: Place[] } {
  const homes = at.base.home ? [at.base.home] : ['/root', '/home'];
  const named = (name: string, otherwise: string[]): Place[] => {
    if (!at.base.variables.has(name)) return otherwise.map((path) => ({ path, tree: true }));
    const value = at.base.variables.get(name);
    return [value ? at.place({ value, text: value }, true) : { path: '/', tree: true }];
  };
  return {
    gopaths: named('GOPATH', ['/go', ...homes.map((home) => `${home}/go`)]),
    cache: named(
      'GOCACHE',
      homes.map((home) => `${home}/.cache`),
    ),
  };
}

/**
 * Where go keeps the modules it downloads: GOMODCACHE, else $GOPATH/pkg/mod (a build installs no program into
 * $GOPATH/bin); anywhere when GOMODCACHE is only known at build time.
 */
function moduleCaches(at: Resolver, gopaths: readonly Place[]): Place[] {
  if (!at.base.variables.has('GOMODCACHE')) return gopaths.map((place) => ({ path: `${place.path}/pkg`, tree: true }));
  const value = at.base.variables.get('GOMODCACHE');
  return [value ? at.place({ value, text: value }, true) : { path: '/', tree: true }];
}

function cargo(line: CommandLine, at: Resolver): void {
  const [sub] = line.operands;
  if (sub?.value !== 'install') at.unknown(`runs \`${commandUpTo(line, sub)}\`, which layerfix has no rule for`);
  // cargo reads .cargo/config.toml in the working directory and every folder above it.
  at.readUpwards('.cargo/config.toml', '.cargo/config');
  // With --path it builds there, into that folder's target/ unless told otherwise.
  for (const path of optionValues(line, '--path')) {
    at.readArg(path, true);
    at.write(at.place(path, true));
  }
  for (const folder of optionValues(line, '--root', '--target-dir')) at.write(at.place(folder, true));
  for (const variable of ['CARGO_TARGET_DIR', 'CARGO_INSTALL_ROOT'])
    if (at.base.variables.has(variable))
      at.write(at.place({ value: at.base.variables.get(variable) ?? null, text: `$${variable}` }, true));
  at.write(
    { path: at.base.variables.get('CARGO_HOME') ?? '/usr/local/cargo', tree: true },
    { path: '/root', tree: true },
  );
  at.commands();
}

/** Commands that run the rest of their words as a command (their effects are that command's), with the options that take a value. */
export const WRAPPERS: Record<string, OptionSyntax & { skip?: number }> = {
  gosu: { stopAtOperand: true, skip: 1 },
  'su-exec': { stopAtOperand: true, skip: 1 },
  sudo: { short: 'ugCDhpUrt', stopAtOperand: true },
  nice: { short: 'n', stopAtOperand: true },
  nohup: { stopAtOperand: true },
  timeout: { short: 'sk', stopAtOperand: true, skip: 1 },
  stdbuf: { short: 'ioe', stopAtOperand: true },
  env: { short: 'uSC', stopAtOperand: true },
  xargs: { short: 'aEdIiLlnPs', stopAtOperand: true },
};

/** Wrappers that run the command as another user, with that user's home folder (which layerfix does not know). */
const SWITCH_USER = new Set(['gosu', 'su-exec', 'sudo']);

/** What wrappers read themselves: the accounts they switch to, and sudo its policy. */
const WRAPPER_READS: Record<string, Place[]> = {
  gosu: [
    { path: '/etc/passwd', tree: false },
    { path: '/etc/group', tree: false },
  ],
  'su-exec': [
    { path: '/etc/passwd', tree: false },
    { path: '/etc/group', tree: false },
  ],
  sudo: [
    { path: '/etc/sudoers', tree: false },
    { path: '/etc/sudoers.d', tree: true },
    { path: '/etc/sudo.conf', tree: false },
    { path: '/etc/pam.d', tree: true },
    { path: '/etc/passwd', tree: false },
    { path: '/etc/group', tree: false },
    { path: '/etc/shadow', tree: false },
  ],
};

/**
 * Where the wrapped command runs: another user's home for gosu, su-exec and sudo; `env`'s folder (`-C`) and its
 * assignments (`env HOME=/x cmd`); or why that is not known.
 */
function wrappedBase(program: string, line: CommandLine, base: CommandBase): CommandBase | { unknown: string } {
  if (SWITCH_USER.has(program)) return { ...base, home: undefined };
  if (program !== 'env') return base;
  if (hasOption(line, '-i', '--ignore-environment', '-u', '--unset', '-S', '--split-string'))
    return { unknown: `runs \`env\` with options that change the environment in ways layerfix does not follow` };
  const [folder] = optionValues(line, '-C', '--chdir');
  const variables = new Map(base.variables);
  for (const arg of line.operands) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg.value ?? '');
    if (!assignment) break;
    variables.set(assignment[1], assignment[2]);
  }
  const assigned = { ...base, ...environmentOf(variables, base) };
  if (folder === undefined) return assigned;
  const cwd = folder?.value == null ? undefined : posix.resolve(base.cwd ?? '/', folder.value);
  if (cwd === undefined || (base.cwd === undefined && !folder!.value!.startsWith('/')))
    return { unknown: `runs \`env -C\` into a folder layerfix cannot tell` };
  return { ...assigned, cwd };
}

/**
 * The home folder and PATH a command runs with, given its variables: HOME and PATH as assigned when they differ from
 * what `base` had (a value only known at build time makes them unknown).
 */
export function environmentOf(
  variables: ReadonlyMap<string, string | undefined>,
  base: CommandBase,
): Pick<CommandBase, 'variables' | 'home' | 'searchPath'> {
  const changed = (name: string) =>
    variables.get(name) !== base.variables.get(name) || variables.has(name) !== base.variables.has(name);
  const path = variables.get('PATH');
  return {
    variables,
    home: changed('HOME') ? variables.get('HOME') : base.home,
    // A relative folder on PATH is looked up from wherever the command runs: such a PATH is not followed.
    searchPath: !changed('PATH')
      ? base.searchPath
      : path?.split(':').every((dir) => dir.startsWith('/'))
        ? path.split(':')
        : undefined,
  };
}

/**
 * The effects of one command (its name and argument words, after `command`/`builtin` prefixes), or why they are
 * unknown. Wrappers (`gosu user cmd`, `env A=1 cmd`, `sudo cmd`) have the effects of the command they run.
 */
export function commandFileEffects(name: string, args: readonly Arg[], base: CommandBase): EffectsOrUnknown {
  // A program called by path (`/usr/bin/tar`, `./setup.sh`) has the rule of its name, if it is one layerfix knows.
  const program = name.replace(/^.*\//, '');
  const wrapper = WRAPPERS[program];
  if (wrapper) {
    const line = readCommandLine(program, args, wrapper);
    let words = line.operands.slice(wrapper.skip ?? 0);
    // `env A=1 B=2 cmd`: the assignments come before the command.
    if (program === 'env')
      while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].value ?? '')) words = words.slice(1);
    const [inner, ...rest] = words;
    if (!inner) return emptyEffects();
    if (inner.value === null) return { unknown: `runs a command only known at build time through ${program}` };
    // xargs adds the words it reads to the command's own: they are only known at build time.
    const more = program === 'xargs' ? [{ value: null, text: 'the words xargs reads' }] : [];
    const innerBase = wrappedBase(program, line, base);
    if ('unknown' in innerBase) return innerBase;
    const effects = commandFileEffects(inner.value, [...rest, ...more], innerBase);
    if ('unknown' in effects) return effects;
    const at = new Resolver(base);
    readProgram(name, at);
    at.read(...(WRAPPER_READS[program] ?? []));
    // `xargs -a list` reads its words from a file.
    if (program === 'xargs') for (const file of optionValues(line, '-a', '--arg-file')) at.readArg(file);
    // It execs its command: a builtin's name is looked up too, on the command's own PATH.
    const looked = new Resolver(innerBase);
    if (alwaysBuiltin(inner.value)) readProgram(inner.value, looked, true);
    return {
      ...effects,
      reads: [...at.effects.reads, ...looked.effects.reads, ...effects.reads],
      unknownReads: [...at.effects.unknownReads, ...looked.effects.unknownReads, ...effects.unknownReads],
      programs: [...at.effects.programs, ...looked.effects.programs, ...effects.programs],
    };
  }
  const spec = RULES[program];
  if (!spec) return { unknown: `runs \`${name}\`, whose effects on files layerfix does not know` };
  const at = new Resolver(base);
  try {
    readProgram(name, at);
    spec.rule(readCommandLine(program, args, spec.syntax), at);
  } catch (error) {
    if (error instanceof UnknownEffect) return { unknown: error.message };
    if (error instanceof UnknownPlace) return { unknown: `runs ${program} on ${error.message}` };
    throw error;
  }
  return at.effects;
}

/**
 * Running a program reads its file: the path it is called by, or each folder of PATH where the shell looks for its
 * name (a copy into one of them may bring the program itself), or, with PATH unknown, a file of its name anywhere
 * (`programs`). Builtins are not looked up.
 */
function readProgram(name: string, at: Resolver, exec = false): void {
  if (name.includes('/')) return at.readArg({ value: name, text: name });
  // A wrapper execs its command: even a shell builtin's name (`xargs printf`) is a program found on PATH.
  if (!exec && alwaysBuiltin(name)) return;
  const path = at.base.searchPath;
  if (path === undefined) at.effects.programs.push(name);
  else at.read(...path.map((dir) => ({ path: `${dir}/${name}`, tree: false })));
}

/** Read the program a word names (its first word: `tar -I 'zstd -T0'`); one only known at build time is an unknown read. */
function readProgramWord(word: Arg | null, at: Resolver): void {
  if (word?.value == null) at.effects.unknownReads.push(`\`${word?.text ?? '…'}\`, a program only known at build time`);
  else readProgram(word.value.split(/\s+/)[0], at);
}

/** What looking programs up by name reads (`command -v tini`), as running them does. */
export function lookupEffects(names: readonly string[], base: CommandBase): FileEffects {
  const at = new Resolver(base);
  for (const name of names) readProgram(name, at);
  return at.effects;
}

/** How a message names a program looked up on a PATH layerfix cannot tell. */
export function programOnUnknownPath(name: string): string {
  return `the program \`${name}\`, found on a PATH layerfix cannot tell`;
}

/** No effect at all. */
export function emptyEffects(): FileEffects {
  return {
    reads: [],
    writes: [],
    removes: [],
    installs: [],
    unknownReads: [],
    programs: [],
    links: [],
    systemPackages: false,
    installsCommands: false,
    createsAccounts: [],
    changesAccounts: [],
    configuration: [],
  };
}
