/**
 * Whether a RUN does the same thing in an earlier working directory: the proof reorder-stable needs to move a RUN past
 * a WORKDIR. A RUN passes when (1) nothing in its text uses the working directory in a way its file effects do not
 * show (`pwd`, `$PWD`, `ls` with no operand, `python -m`, tools that read configuration from the folder they run in),
 * (2) its file effects are fully known and the same computed in both working directories, and in none at all (no
 * relative path, no command that reads or writes its working directory), and (3) it touches nothing at, below or above
 * the folder the WORKDIR creates, so running before the WORKDIR made it changes neither the RUN nor the WORKDIR.
 */
import { posix } from 'node:path';
import { effectiveCommand, type PosixShellView } from '../engine/index.js';
import { argOf, hasOption, readCommandLine, type Arg } from './command-line.js';
import {
  ACCOUNTS,
  NO_FILES,
  PACKAGE_TOOL_SYNTAX,
  programOnUnknownPath,
  WRAPPERS,
  type Link,
} from './command-effects/index.js';
import { aliases, isUnder, normalise, type Place } from './places.js';
import { runEffects, type RunEffects, type RunScope } from './run-effects.js';

/** A move past one WORKDIR. */
export interface WorkdirMove {
  /** Where the RUN starts now. */
  here: RunScope;
  /** Where it would start at its destination: the working directory before the WORKDIR, the same variables. */
  there: RunScope;
  /** The absolute folder the WORKDIR makes (with its parents) when it is missing. */
  created: string;
  /** Symbolic links earlier RUNs of the stage make: paths through them reach their targets. */
  links: readonly Link[];
}

/**
 * Why the RUN may do something else once moved before the WORKDIR, phrased to follow "it would have to move past the
 * WORKDIR at L:C: "; undefined when it is proven to do the same.
 */
export function workdirMoveProblem(view: PosixShellView, move: WorkdirMove): string | undefined {
  const { here, there } = move;
  if (here.cwd === undefined) return 'layerfix cannot tell the working directory it runs in';
  if (there.cwd === undefined) return 'layerfix cannot tell the working directory before it';
  const instead = `it would run in ${there.cwd} instead of ${here.cwd}`;
  const a = runEffects(view, here);
  const unknown = unknownOf(a);
  if (unknown) return `layerfix cannot tell what it does (${unknown})`;
  const use = implicitWorkdirUse(view);
  if (use) return `${instead}, and ${use}`;
  // Programs read folders and files from variables (TMPDIR, PIP_CACHE_DIR, npm_config_cache ...): a relative one is
  // relative to the working directory, and the effects do not follow every such variable.
  for (const [name, value] of here.env) {
    if (
      !value ||
      value.startsWith('/') ||
      /^[a-z][a-z0-9+.-]*:/i.test(value) ||
      /^(\d+|true|false|on|off|yes|no)$/i.test(value)
    )
      continue;
    if (/^\.\.?(\/|$)/.test(value) || /(TMPDIR|DIR|HOME|CACHE|PATH|FILE|PREFIX|ROOT|CONFIG|FOLDER)S?$/i.test(name))
      return `${instead}, and the variable ${name} holds \`${value}\`, which may be a path relative to it`;
  }
  const b = runEffects(view, there);
  const difference = firstDifference(a, b, here.cwd);
  if (difference) return `${instead}, and ${difference}`;
  // Computed with no working directory at all, a relative path or a command on the working directory is unknown.
  const nowhere = unknownOf(runEffects(view, { ...here, cwd: undefined }));
  if (nowhere) return `${instead}, and it depends on where it runs (${nowhere})`;
  const touched = touching(a, move);
  if (touched) return touched;
  return undefined;
}

function unknownOf(effects: RunEffects): string | undefined {
  if (effects.unknown) return effects.unknown.reason;
  if (effects.unknownReads.length) return `it reads ${effects.unknownReads[0]}`;
  // A PATH layerfix cannot tell may hold a relative folder, where a program is looked up from the working directory.
  if (effects.programs.length) return `it reads ${programOnUnknownPath(effects.programs[0])}`;
  return undefined;
}

const key = (value: unknown) => JSON.stringify(value);

/** The first effect that differs between the two working directories, said as what the command does here. */
function firstDifference(a: RunEffects, b: RunEffects, cwd: string): string | undefined {
  const verbs = [
    ['reads', a.reads, b.reads],
    ['writes', a.writes, b.writes],
    ['removes', a.removes, b.removes],
  ] as const;
  for (const [verb, mine, theirs] of verbs) {
    const other = new Set(theirs.map(key));
    const place = mine.find((p) => !other.has(key(p)));
    const moved = theirs.find((p) => !new Set(mine.map(key)).has(key(p)));
    if (!place && moved) return `${moved.by ? `\`${moved.by}\`` : 'it'} ${verb} ${moved.path} there`;
    if (!place) continue;
    const by = place.by ? `\`${place.by}\`` : 'it';
    if (place.path === cwd) return `${by} ${verb} the working directory`;
    return isUnder(place.path, cwd)
      ? `${by} ${verb} ./${posix.relative(cwd, place.path)}`
      : `${by} ${verb} ${place.path} here, and not there`;
  }
  const rest = (e: RunEffects) =>
    key([
      e.installs,
      e.links,
      e.systemPackages,
      e.installsCommands,
      e.createsAccounts,
      e.changesAccounts,
      e.looksUp,
      e.calls,
    ]);
  return rest(a) === rest(b) ? undefined : 'what it installs or links depends on where it runs';
}

/** The paths a path may reach through the links (and merged /usr): itself, and each link's target in its place. */
function reach(path: string, links: readonly Link[]): string[] {
  const out = new Set(aliases(normalise(path)));
  for (let round = 0; round < 4; round++) {
    for (const path of Array.from(out))
      for (const { link, target } of links)
        if (isUnder(path, link)) for (const alias of aliases(target + path.slice(link.length))) out.add(alias);
  }
  return [...out];
}

/** A place of the RUN at, below or above the folder the WORKDIR makes, said with the command that touches it. */
function touching(effects: RunEffects, move: WorkdirMove): string | undefined {
  const created = reach(move.created, move.links);
  const linked: Place[] = effects.links.flatMap(({ link, target }) => [
    { path: link, tree: false, by: `a link from ${link} to ${target}` },
    { path: target, tree: false, by: `a link from ${link} to ${target}` },
  ]);
  const groups = [
    ['reads', effects.reads],
    ['writes', effects.writes],
    ['removes', effects.removes],
    ['may install into', effects.installs],
    ['makes', linked],
  ] as const;
  for (const [verb, places] of groups) {
    for (const place of places) {
      for (const path of reach(place.path, move.links)) {
        const hit = created.find((folder) => isUnder(path, folder) || isUnder(folder, path));
        if (hit === undefined) continue;
        const where = isUnder(path, hit) ? (path === hit ? '' : ', below it') : ', above it';
        const by = place.by?.startsWith('a link') ? place.by : place.by ? `\`${place.by}\`` : 'it';
        const subject = verb === 'makes' ? `it makes ${by}` : `${by} ${verb} ${place.path}`;
        return `the WORKDIR creates ${move.created} when it is missing, and ${subject}${verb === 'makes' ? '' : where}`;
      }
    }
  }
  return undefined;
}

/** Subcommands of package managers that read no file of the working directory (package names only). */
const PACKAGE_SUBCOMMANDS: Record<string, readonly string[]> = {
  'apt-get': [
    'update',
    'install',
    'upgrade',
    'dist-upgrade',
    'full-upgrade',
    'remove',
    'purge',
    'autoremove',
    'autopurge',
    'clean',
    'autoclean',
  ],
  'apt-mark': ['auto', 'manual', 'hold', 'unhold', 'minimize-manual', 'showauto', 'showmanual', 'showhold'],
  apk: ['add', 'del', 'update', 'upgrade', 'info', 'search', 'fix'],
  dnf: [
    'install',
    'update',
    'upgrade',
    'remove',
    'erase',
    'clean',
    'makecache',
    'autoremove',
    'reinstall',
    'groupinstall',
    'module',
  ],
  zypper: ['install', 'in', 'refresh', 'ref', 'remove', 'rm', 'clean', 'cc', 'update', 'up', 'dist-upgrade', 'dup'],
};
PACKAGE_SUBCOMMANDS.apt = PACKAGE_SUBCOMMANDS['apt-get'];
PACKAGE_SUBCOMMANDS.yum = PACKAGE_SUBCOMMANDS.dnf;
PACKAGE_SUBCOMMANDS.microdnf = PACKAGE_SUBCOMMANDS.dnf;

/** Tools of distribution packages that take only names (or no operand) and read nothing relative to where they run. */
const NAME_ONLY_TOOLS = new Set([
  'update-ca-certificates',
  'locale-gen',
  'update-locale',
  'c_rehash',
  'a2enmod',
  'a2dismod',
  'a2ensite',
  'a2dissite',
  'a2enconf',
  'a2disconf',
  'update-rc.d',
  'add-apt-repository',
  // These change to /usr/src/php/ext (or the extension folder) before reading their operands.
  'docker-php-ext-install',
  'docker-php-ext-enable',
  'docker-php-ext-configure',
  'docker-php-source',
]);

/** Commands whose file effects are read from their operands, and that read nothing else of the working directory. */
const OPERAND_TOOLS = new Set([
  'mkdir',
  'rmdir',
  'rm',
  'touch',
  'chmod',
  'chown',
  'chgrp',
  'ln',
  'cp',
  'install',
  'mv',
  'tee',
  'sponge',
  'tar',
  'unzip',
  'gzip',
  'gunzip',
  'xz',
  'bzip2',
  'curl',
  'git',
  'sed',
  'awk',
  'grep',
  'uniq',
  'find',
  'test',
  '[',
  '[[',
  'dpkg-divert',
  'dpkg-reconfigure',
  'cat',
  'head',
  'tail',
  'wc',
  'cut',
  'stat',
  'file',
  'cmp',
  'diff',
  'readlink',
  'realpath',
  'jq',
  'strings',
  'od',
  'xxd',
  'nl',
  'column',
  'comm',
  'paste',
  'fold',
  'rev',
  'base64',
  'lsof',
  'df',
]);

/**
 * Commands that touch no file and print nothing of the working directory: those of the effects model, less `pwd`
 * (prints it), `pushd`/`popd` (move relative to it), `command`, `trap` and `alias` (run other commands) and the
 * builtins that set variables and options, which this proof does not follow.
 */
const WORKDIR_FREE = new Set(
  NO_FILES.filter(
    (name) =>
      !['pwd', 'pushd', 'popd', 'command', 'trap', 'alias', 'set', 'export', 'declare', 'typeset', 'readonly'].includes(
        name,
      ),
  ),
);

/** A word that names a package, not a file: no path, no package-file ending. */
const isPackageName = (arg: Arg) =>
  arg.value !== null &&
  (arg.value.startsWith('/') || !/^[.~]|\.(deb|dsc|changes|rpm|apk|tgz|tar(\.\w+)?|zip|whl|gem)$/.test(arg.value));

const relative = (arg: Arg | null | undefined) => !arg || arg.value === null || !arg.value.startsWith('/');

/** A value given to one of the options (`--log file`, `--log=file`, `-kfile`) that is not an absolute path. */
function relativeOptionValue(args: readonly Arg[], names: readonly string[]): Arg | undefined {
  for (const [index, arg] of args.entries()) {
    const value = arg.value ?? '';
    for (const name of names) {
      if (value === name) {
        const next = args[index + 1];
        if (relative(next)) return next ?? arg;
      } else if (value.startsWith(`${name}=`) || (!name.startsWith('--') && value.startsWith(name) && value !== name)) {
        const rest = value.slice(value.startsWith(`${name}=`) ? name.length + 1 : name.length);
        if (!rest.startsWith('/')) return arg;
      }
    }
  }
  return undefined;
}

/**
 * How the RUN's text uses its working directory where its file effects do not show it, phrased to follow "and ";
 * undefined when layerfix finds no such use among the commands it knows.
 */
export function implicitWorkdirUse(view: PosixShellView): string | undefined {
  if (/\$\{?#?(PWD|OLDPWD)\b/.test(view.text)) return 'it reads $PWD or $OLDPWD, which name the working directory';
  for (const match of view.text.matchAll(/\b(for|select)\s+\w+\s+in\s+([^;\n]*)/g)) {
    if (/[*?[]/.test(match[2].replace(/'[^']*'|"(?:[^"\\]|\\.)*"|\\./g, '')))
      return `it loops over a pattern (\`${match[0].trim()}\`), which the shell expands in the working directory`;
  }
  for (const command of view.commands) {
    if (command.form === 'assignment') continue;
    const resolved = effectiveCommand(command);
    if (!resolved) continue;
    if (command.form === 'declaration' && !resolved.args.length && !command.assignments.length)
      return `\`${command.text}\` prints the shell's variables, PWD among them`;
    const args = resolved.args.map((word) => argOf(word, new Map()));
    const use = commandUse(resolved.name, args, command.text);
    if (use) return use;
  }
  return undefined;
}

/** How one command uses its working directory beyond its file effects, or undefined. */
function commandUse(name: string, args: readonly Arg[], text: string): string | undefined {
  const program = name.replace(/^.*\//, '');
  const quoted = `\`${text}\``;
  const values = args.map((arg) => arg.value);
  const wrapper = WRAPPERS[program];
  if (wrapper) {
    const line = readCommandLine(program, args, wrapper);
    if (hasOption(line, '-C', '--chdir') && (program === 'env' || program === 'sudo'))
      return `${quoted} changes the working directory for its command, which layerfix does not follow`;
    if (program === 'sudo' && hasOption(line, '-D')) return `${quoted} changes the working directory for its command`;
    let words = line.operands.slice(wrapper.skip ?? 0);
    if (program === 'env')
      while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].value ?? '')) words = words.slice(1);
    const [inner, ...rest] = words;
    if (!inner) return program === 'env' ? `${quoted} prints the environment, PWD among it` : undefined;
    if (inner.value === null) return undefined;
    return commandUse(inner.value, rest, text);
  }
  if (program === 'pwd') return `${quoted} prints the working directory`;
  if (program === 'dirs' || program === 'pushd' || program === 'popd')
    return `${quoted} prints or changes the directory stack, which holds the working directory`;
  if (program === 'cd') return values.includes('-') ? `${quoted} prints the folder it returns to` : undefined;
  if (program === 'printenv') return `${quoted} prints the environment, PWD among it`;
  if (
    program === 'set' ||
    program === 'export' ||
    program === 'declare' ||
    program === 'typeset' ||
    program === 'readonly'
  )
    return !args.length || values.includes('-p') ? `${quoted} prints the shell's variables, PWD among them` : undefined;
  if (program === 'trap' && args.some((arg) => !['-l', '-p'].includes(arg.value ?? '')))
    return `${quoted} sets a trap, whose command layerfix does not read`;
  if (program === 'alias' && args.length) return `${quoted} defines an alias, which layerfix does not follow`;
  if (program === 'ls' || program === 'du') {
    const line = readCommandLine(program, args);
    return line.operands.length ? undefined : `${quoted} lists the working directory`;
  }
  if (/^(sha(1|224|256|384|512)|md5|b2)sum$/.test(program))
    return values.includes('--check') || values.some((v) => v !== null && /^-[a-z]*c/.test(v))
      ? `${quoted} checks files named in its input, which are relative to the working directory`
      : undefined;
  if (program === 'mktemp') {
    const line = readCommandLine(program, args, { short: 'p', long: ['--suffix'] });
    const inFolder =
      hasOption(line, '-p', '-t', '--tmpdir') || line.options.some((option) => option.name.startsWith('--tmpdir'));
    return !inFolder && line.operands.some((arg) => relative(arg))
      ? `${quoted} makes its file in the working directory`
      : undefined;
  }
  if (/^python(\d+(\.\d+)?)?$/.test(program))
    return `${quoted} runs python, which puts the working directory first on the module path when it runs a module`;
  if (program === 'yarn') return `${quoted} reads .yarnrc files in the working directory and the folders above it`;
  if (program === 'gem')
    return values.includes('--remote') || values.includes('-r')
      ? undefined
      : `${quoted} also installs .gem files it finds in the working directory`;
  if (program === 'cargo')
    return `${quoted} reads .cargo/config.toml in the working directory and the folders above it`;
  if (program === 'go') return `${quoted} reads go.mod or go.work in the working directory to choose its toolchain`;
  if (program === 'corepack')
    return values[0] === 'enable' || values[0] === 'disable'
      ? undefined
      : `${quoted} reads the packageManager of the working directory's package.json`;
  if (program === 'pecl' || program === 'pear')
    return `${quoted} installs a package file of the name given when the working directory holds one`;
  if (program === 'npm' || program === 'pnpm') {
    const global = values.some((v) => v === '-g' || v === '--global' || v === '--location=global');
    // npm ignores the project's .npmrc in global mode; for pnpm layerfix has not checked it.
    if (global && program === 'pnpm') return `${quoted} may read the .npmrc of the working directory's project`;
    const option = relativeOptionValue(args, ['--cache', '--userconfig']);
    return option ? `${quoted} names \`${option.text}\`, relative to the working directory` : undefined;
  }
  if (/^pip(\d+(\.\d+)?)?$/.test(program)) {
    const option = relativeOptionValue(args, ['--log', '--report', '--cache-dir', '--cert', '--client-cert']);
    return option ? `${quoted} names \`${option.text}\`, relative to the working directory` : undefined;
  }
  if (program === 'wget')
    return values.includes('-b') || values.includes('--background')
      ? `${quoted} writes wget-log into the working directory`
      : undefined;
  if (program === 'sort') {
    const option = relativeOptionValue(args, ['-T', '--temporary-directory']);
    return option ? `${quoted} names \`${option.text}\`, relative to the working directory` : undefined;
  }
  if (program === 'gpg') {
    const line = readCommandLine(program, args, {
      short: 'oru',
      long: ['--output', '--keyserver', '--recv-keys', '--homedir', '--keyring', '--recipient', '--local-user'],
    });
    const file = line.operands.find(
      (arg) =>
        relative(arg) &&
        !/^(0x)?[0-9A-Fa-f]{8,40}$|@|^[a-z][a-z0-9+.-]*:\/\//i.test(arg.value ?? '') &&
        arg.value !== '-',
    );
    return file ? `${quoted} reads \`${file.text}\`, relative to the working directory` : undefined;
  }
  if (Object.hasOwn(ACCOUNTS, program)) {
    const option = relativeOptionValue(args, ['-k', '--skel', '--conf']);
    return option ? `${quoted} names \`${option.text}\`, relative to the working directory` : undefined;
  }
  if (program === 'update-alternatives' || program === 'ldconfig') {
    const file = args.find((arg) => arg.value === null || (/\//.test(arg.value) && !arg.value.startsWith('/')));
    const bare =
      program === 'ldconfig' && args.find((arg) => arg.value !== null && !arg.value.startsWith('-') && relative(arg));
    return file || bare ? `${quoted} names a path relative to the working directory` : undefined;
  }
  const subcommands = PACKAGE_SUBCOMMANDS[program];
  if (subcommands) {
    const line = readCommandLine(program, args, PACKAGE_TOOL_SYNTAX);
    const [sub, ...operands] = line.operands;
    if (!sub?.value || !subcommands.includes(sub.value))
      return `${quoted} runs \`${program} ${sub?.text ?? ''}\`, which layerfix has not checked for the working directory`;
    const file = operands.find((arg) => !isPackageName(arg));
    if (file) return `${quoted} may read \`${file.text}\` from the working directory`;
    const option = relativeOptionValue(args, ['-c', '--config-file', '--keys-dir', '-X', '--repository']);
    if (option && !/^[a-z][a-z0-9+.-]*:\/\//i.test(option.value ?? ''))
      return `${quoted} names \`${option.text}\`, relative to the working directory`;
    return undefined;
  }
  if (program === 'rpm' || program === 'dpkg' || program === 'apt-key' || program === 'debconf-set-selections') {
    const line = readCommandLine(program, args, { short: program === 'rpm' ? '' : 'o' });
    const file = line.operands.find(
      (arg) => relative(arg) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(arg.value ?? '') && arg.value !== '-',
    );
    const readsFiles =
      program === 'dpkg'
        ? hasOption(line, '-i', '--install', '--unpack', '-x', '--extract', '-X', '--vextract', '-b', '--build', '-R')
        : program === 'rpm'
          ? hasOption(
              line,
              '-i',
              '-U',
              '-F',
              '-p',
              '-K',
              '--install',
              '--upgrade',
              '--freshen',
              '--import',
              '--checksig',
            )
          : program === 'apt-key'
            ? line.operands[0]?.value === 'add'
            : true;
    const named =
      program === 'apt-key' ? line.operands.slice(1).find((arg) => relative(arg) && arg.value !== '-') : file;
    return readsFiles && named ? `${quoted} may read \`${named.text}\` from the working directory` : undefined;
  }
  if (NAME_ONLY_TOOLS.has(program) || OPERAND_TOOLS.has(program) || WORKDIR_FREE.has(program)) return undefined;
  return `${quoted} runs \`${program}\`, which layerfix has not checked for uses of the working directory`;
}
