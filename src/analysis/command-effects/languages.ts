/** Rules of the language tool chains: pip and python, npm, pnpm, yarn and corepack, gem, go, cargo. */
import { commandUpTo, hasOption, optionValues, readCommandLine, type Arg, type CommandLine } from '../command-line.js';
import { nodeOptionFiles } from '../node-options.js';
import { PIP_SYNTAX } from '../pip-options.js';
import type { Place } from '../places.js';
import { NODE_PATH_VARIABLES } from '../ecosystems/node-config.js';
import {
  configFiles,
  isPathLike,
  readHome,
  readLocation,
  readProgram,
  readVariableLocations,
  tlsReads,
  type CommandRule,
  type Resolver,
} from './effects.js';

/** The rules of language tools, by command name. */
export const LANGUAGE_RULES: Record<string, CommandRule> = {
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
      for (const source of optionValues(line, '--source')) readLocation(at, source);
      // gem reads /etc/gemrc, ~/.gemrc or $GEMRC, and with -g the Gemfile it names (the working directory's).
      configFiles(at, ['.gemrc'], ['GEMRC'], ['/etc/gemrc']);
      tlsReads(at, []);
      rubyReads(at);
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
LANGUAGE_RULES.python = { syntax: { short: 'mcWX', stopAtOperand: true }, rule: python };
LANGUAGE_RULES.python3 = LANGUAGE_RULES.python;

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
  // Dependency groups (pip 25.1, PEP 735): `--group [path:]name` reads that pyproject.toml, else the one of the
  // working directory; so does PIP_GROUP (red team 31).
  for (const group of optionValues(line, '--group')) {
    const value = group?.value ?? null;
    const colon = value?.lastIndexOf(':') ?? -1;
    const path = value === null ? null : colon > 0 ? value.slice(0, colon) : 'pyproject.toml';
    at.readArg({ value: path, text: group?.text ?? '--group' });
  }
  if (at.base.variables.has('PIP_GROUP')) at.readArg({ value: 'pyproject.toml', text: '$PIP_GROUP' });
  // Package locations and certificates: a folder or a `file:` URL is read (red team 28).
  for (const location of optionValues(line, '-f', '--find-links', '-i', '--index-url', '--extra-index-url'))
    readLocation(at, location);
  for (const file of optionValues(line, '--cert', '--client-cert')) at.readArg(file);
  // The files it writes its report and log to (`--report -` is standard output), also named by the environment.
  for (const file of optionValues(line, '--report', '--log', '--log-file'))
    if (file?.value !== '-') at.write(at.place(file));
  for (const variable of ['PIP_REPORT', 'PIP_LOG', 'PIP_LOG_FILE'])
    if (at.base.variables.has(variable) && at.base.variables.get(variable) !== '-')
      at.write(at.place({ value: at.base.variables.get(variable) ?? null, text: `$${variable}` }));
  tlsReads(at, ['PIP_CERT', 'PIP_CLIENT_CERT', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE']);
  pythonReads(at);
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
  readVariableLocations(at, ['PIP_CONFIG_FILE', 'PIP_CONSTRAINT', 'PIP_REQUIREMENT'], false);
  readVariableLocations(at, ['PIP_FIND_LINKS', 'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL']);
  // A project folder, a wheel or an archive (`.`, `.[extra]`, `libs/x`, `x.whl`, `file:///w/x.whl`): read with
  // everything below it.
  for (const arg of rest)
    if (isPathLike(arg) || /^file:/i.test(arg.value ?? ''))
      readLocation(at, { value: arg.value?.replace(/\[.*\]$/, '') ?? null, text: arg.text });
}

/**
 * What the Python a tool runs reads at start besides itself: the folders PYTHONPATH puts first on the module path (a
 * sitecustomize.py there runs, a module there shadows the standard library's), PYTHONHOME, PYTHONUSERBASE's
 * site-packages and the PYTHONSTARTUP file (red team 28).
 */
function pythonReads(at: Resolver): void {
  for (const variable of ['PYTHONPATH', 'PYTHONHOME', 'PYTHONUSERBASE', 'PYTHONSTARTUP']) {
    if (!at.base.variables.has(variable)) continue;
    const value = at.base.variables.get(variable);
    if (value === undefined) at.readArg({ value: null, text: `$${variable}` });
    for (const path of value?.split(':').filter(Boolean) ?? []) at.readArg({ value: path, text: `$${variable}` }, true);
  }
}

/**
 * What the Ruby a tool runs reads at start: RUBYLIB's folders, and RUBYOPT's `-I` folders and `-r` libraries (a
 * library by name, `-rbundler/setup`, may read anything: bundler reads the Gemfile of the working directory).
 */
function rubyReads(at: Resolver): void {
  if (at.base.variables.has('RUBYLIB')) {
    const value = at.base.variables.get('RUBYLIB');
    if (value === undefined) at.readArg({ value: null, text: '$RUBYLIB' });
    for (const path of value?.split(':').filter(Boolean) ?? []) at.readArg({ value: path, text: '$RUBYLIB' }, true);
  }
  if (!at.base.variables.has('RUBYOPT')) return;
  const words = at.base.variables.get('RUBYOPT')?.split(/\s+/).filter(Boolean);
  if (words === undefined) return void at.readArg({ value: null, text: '$RUBYOPT' });
  for (const [index, word] of words.entries()) {
    const option = /^-([Ir])(.*)$/.exec(word);
    if (!option) continue;
    const value = option[2] || words[index + 1] || '';
    if (option[1] === 'I' || /^[./~]/.test(value)) at.readArg({ value, text: '$RUBYOPT' }, true);
    else at.effects.unknownReads.push(`the library \`${value}\` RUBYOPT makes ruby load`);
  }
}

function python(line: CommandLine, at: Resolver): void {
  const [module] = optionValues(line, '-m');
  // `-m` puts the working directory first on the module path: what it holds can shadow the module and its imports.
  if (module) at.read(at.cwd());
  if (module?.value === 'pip') {
    const words = line.operands;
    return pip(readCommandLine('pip', words, PIP_SYNTAX), at);
  }
  pythonReads(at);
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
  const pkg = line.name === 'npm' && sub?.value === 'pkg' && !global;
  if (!pkg && (sub?.value == null || !installs.includes(sub.value)))
    at.unknown(`runs \`${commandUpTo(line, sub)}\`, which layerfix has no rule for`);
  // npm reads the user and global configuration files, the certificates and the other paths the environment names.
  readVariableLocations(at, NODE_PATH_VARIABLES);
  at.read({ path: '/usr/local/etc/npmrc', tree: false }, { path: '/etc/npmrc', tree: false });
  readHome(at, '.npmrc');
  nodeReads(at);
  if (line.name !== 'npm') packageManagerReads(at);
  // `npm pkg set|delete|fix` rewrites the package.json of the project it runs in; `npm pkg get` reads it.
  if (pkg) {
    const [prefix] = optionValues(line, '-C', '--prefix');
    const project = prefix ? at.place(prefix, true) : at.cwd();
    const manifest = { path: `${project.path}/package.json`, tree: false };
    at.read(manifest);
    if (line.operands[1]?.value !== 'get') at.write(manifest);
    return;
  }
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

/**
 * pnpm and Yarn, run by corepack's shims (and pnpm 10 on its own), look for the packageManager field of the nearest
 * package.json, from the working directory up, and run the version it names, or refuse to run (red team 28).
 */
function packageManagerReads(at: Resolver): void {
  at.readUpwards('package.json');
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
    packageManagerReads(at);
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
