/** Rules of the tools that make, copy, link, change and pack files (coreutils, tar, compressors). */
import { hasOption, optionValues, type CommandLine, type OptionSyntax } from '../command-line.js';
import { normalise, placeOf, type Place } from '../places.js';
import { readProgram, readProgramWord, type CommandRule, type Resolver } from './effects.js';
import { ACCOUNT_FILES, NAME_SERVICE, TIME_ZONE } from './folders.js';

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

/** The rules of file tools, by command name. */
export const FILE_RULES: Record<string, CommandRule> = {
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
      if (hasOption(line, '-d', '--date', '-t')) at.read(...TIME_ZONE);
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
        '--mtime',
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
};

// `which tini`, `type tini`, `hash tini` look a program up on PATH: a copy that brings one changes their answer.
for (const name of ['which', 'type', 'hash'])
  FILE_RULES[name] = { rule: (line, at) => line.operands.forEach((arg) => readProgramWord(arg, at)) };
// `trap 'rm -rf /app/tmp' EXIT` runs its command later: layerfix does not read it. `trap - EXIT` and `trap '' INT` do
// nothing of the kind.
FILE_RULES.trap = {
  rule: (line, at) => {
    const [action] = line.operands;
    if (line.operands.length > 1 && action.value !== '' && action.value !== '-')
      at.unknown(`runs \`${line.name}\` with a command the shell runs later, which layerfix does not read`);
  },
};
for (const name of NO_FILES) FILE_RULES[name] ??= { rule: () => undefined };
/**
 * Tools that look names up in the name service: users and groups in the account files, and getent every database
 * (red team 34: `id -u app` read nothing, so it moved above the useradd it needs).
 */
const NAME_DATABASES: Place[] = [
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/hosts',
  '/etc/services',
  '/etc/protocols',
  '/etc/networks',
  '/etc/ethers',
  '/etc/netgroup',
  '/etc/aliases',
  '/etc/rpc',
].map((path) => ({ path, tree: false }));
for (const name of ['id', 'whoami', 'groups', 'logname', 'users'])
  FILE_RULES[name] = { rule: (_line, at) => at.read(...NAME_SERVICE) };
FILE_RULES.getent = { rule: (_line, at) => at.read(...NAME_SERVICE, ...NAME_DATABASES) };
for (const [name, syntax] of Object.entries(READERS))
  FILE_RULES[name] = { syntax, rule: (line, at) => at.readArgs(line.operands, true) };
/** Listing tools read the working directory when they name nothing; a long listing and stat show owners' names. */
for (const name of ['ls', 'du'])
  FILE_RULES[name] = {
    syntax: READERS[name],
    rule: (line, at) => {
      if (line.operands.length) at.readArgs(line.operands, true);
      else at.read(at.cwd());
      if (name === 'ls' && line.options.some((option) => /^-[A-Za-z]*[lgo]|^--(format|full-time)/.test(option.name)))
        at.read(...NAME_SERVICE, ...TIME_ZONE);
      if (name === 'du' && line.options.some((option) => option.name.startsWith('--time'))) at.read(...TIME_ZONE);
    },
  };
/** diff's context and unified headers print the files' times in the local zone (red team 36). */
FILE_RULES.diff = {
  syntax: { short: 'CUxX', long: ['--context', '--unified', '--label', '--exclude', '--exclude-from'] },
  rule: (line, at) => {
    at.readArgs(line.operands, true);
    if (line.options.some((option) => /^-[A-Za-z]*[cuCU]|^--(context|unified)/.test(option.name)))
      at.read(...TIME_ZONE);
  },
};
FILE_RULES.stat = {
  syntax: READERS.stat,
  rule: (line, at) => {
    at.readArgs(line.operands, true);
    at.read(...NAME_SERVICE, ...TIME_ZONE);
  },
};

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
    // A verbose listing prints owners by name and times in the local zone (red team 36).
    if (hasOption(line, '-v', '--verbose')) at.read(...NAME_SERVICE, ...TIME_ZONE);
    if (archive) at.read(archive);
    return;
  }
  // Members to add are named relative to -C's folder; their owners are stored by name (red team 35).
  const members = line.operands.map((arg) => placeOf(arg, { ...at.base, cwd: within.path }, true));
  at.read(...members);
  if (!hasOption(line, '--numeric-owner')) at.read(...NAME_SERVICE);
  if (hasOption(line, '--mtime')) at.read(...TIME_ZONE);
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
