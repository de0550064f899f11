/** Rules of the tools that fetch and verify: curl, wget, git, gpg (with the TLS files every client reads). */
import {
  commandUpTo,
  hasOption,
  optionValues,
  readCommandLine,
  type CommandLine,
  type OptionSyntax,
} from '../command-line.js';
import { configFiles, isUrl, readHome, tlsReads, type CommandRule, type Resolver } from './effects.js';

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

/** The rules of network tools, by command name. */
export const NETWORK_RULES: Record<string, CommandRule> = {
  curl: { syntax: { short: 'oXHdeEuUAbcKTmrwyYzxtD', long: CURL_VALUED }, rule: curl },
  wget: { syntax: { short: 'OPoaiUtTeQwl', long: WGET_VALUED }, rule: wget },
  git: {
    syntax: { short: 'Cc', stopAtOperand: true, long: ['--git-dir', '--work-tree', '--namespace', '--exec-path'] },
    rule: git,
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
};

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
  'add',
  'commit',
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
