/**
 * The JavaScript package managers: npm, Yarn (classic and berry), pnpm and bun. Their installs need `package.json`,
 * the lockfile, the manager's configuration and every workspace's `package.json`; they decline when an install would
 * run lifecycle scripts, link local packages or make workspace `bin` files executable, all of which read sources.
 */
import { posix } from 'node:path';
import { isTable, readIni, readYaml, stringsOf, valueAt, type DataValue } from '../data-files.js';
import {
  decline,
  enclosingRoot,
  environmentReads,
  envFlag,
  firstIn,
  gitInCopy,
  hasOption,
  install,
  isLocalPath,
  missing,
  needsSources,
  writesManifests,
  optionValue,
  optionValues,
  outputsInContext,
  parseArgs,
  present,
  readJson,
  readProject,
  where,
  type ParsedArgs,
} from './common.js';
import { NODE_PATH_VARIABLES, configPaths } from './node-config.js';
import { hookNeeds } from './node-hooks.js';
import { DEPENDENCY_FIELDS, lockfileRewrite } from './node-lockfile.js';
import type { Ecosystem, ExtraRead, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

/** How one manager installs: its files besides `package.json`, the root scripts it runs, what it writes. */
interface Manager {
  files: string[];
  lifecycle: string[];
  outputs: string[];
}

const MANAGERS: Record<string, Manager> = {
  npm: {
    files: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'],
    // npm 8 and later also run a `dependencies` script whenever node_modules changes.
    lifecycle: [
      'preinstall',
      'install',
      'postinstall',
      'prepublish',
      'preprepare',
      'prepare',
      'postprepare',
      'dependencies',
    ],
    outputs: ['node_modules'],
  },
  yarn: {
    // `.yarnclean` makes Yarn 1 clean what its patterns name out of node_modules after the install.
    files: ['yarn.lock', '.yarnrc', '.npmrc', '.yarnclean'],
    lifecycle: ['preinstall', 'install', 'postinstall', 'prepublish', 'prepare'],
    outputs: ['node_modules'],
  },
  'yarn berry': {
    files: ['yarn.lock', '.yarnrc.yml', '.yarn/releases', '.yarn/plugins', '.yarn/patches', '.yarn/cache'],
    lifecycle: ['preinstall', 'install', 'postinstall'],
    outputs: [
      'node_modules',
      '.pnp.cjs',
      '.pnp.loader.mjs',
      '.yarn/install-state.gz',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
    ],
  },
  pnpm: {
    // pnpm 11 loads .pnpmfile.mjs first, then .pnpmfile.cjs (red team 31).
    files: ['pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc', '.pnpmfile.mjs', '.pnpmfile.cjs'],
    // The root's `pnpm:devPreinstall`, `preprepare` and `postprepare` run during `pnpm install` too (red team 29).
    lifecycle: ['pnpm:devPreinstall', 'preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'],
    outputs: ['node_modules'],
  },
  bun: {
    files: ['bun.lock', 'bun.lockb', 'bunfig.toml', '.npmrc'],
    lifecycle: ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'],
    outputs: ['node_modules'],
  },
};

const NPM_VALUES = [
  '--prefix',
  '-C',
  '--workspace',
  '-w',
  '--omit',
  '--include',
  '--registry',
  '--loglevel',
  '--cache',
  '--userconfig',
  '--globalconfig',
  '--location',
  '-L',
  '--install-strategy',
  '--fetch-retries',
  '--fetch-timeout',
  '--tag',
  '--only',
  '--also',
  '--before',
  '--script-shell',
  '--cafile',
  '--certfile',
  '--keyfile',
];
const YARN_VALUES = [
  '--cwd',
  '--network-timeout',
  '--mutex',
  '--cache-folder',
  '--modules-folder',
  '--registry',
  '--mode',
  '--network-concurrency',
  '--child-concurrency',
  '--global-folder',
  '--link-folder',
  '--preferred-cache-folder',
  '--use-yarnrc',
];
const PNPM_VALUES = [
  '-C',
  '--dir',
  '--filter',
  '-F',
  '--reporter',
  '--store-dir',
  '--virtual-store-dir',
  '--modules-dir',
  '--registry',
  '--network-concurrency',
  '--child-concurrency',
  '--loglevel',
  '--workspace-dir',
  '--pnpmfile',
  '--userconfig',
  '--globalconfig',
  '--cafile',
];
const BUN_VALUES = ['--cwd', '--registry', '--cache-dir', '--backend', '--filter', '--config', '-c'];

const NPM_INSTALL = new Set([
  'ci',
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
  'clean-install',
  'ic',
  'install-clean',
  'isntall-clean',
]);
/** npm's installs from the lockfile, which never write it. */
const NPM_CLEAN = new Set(['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);
const NPM_MANIFEST_ONLY = new Set(['prune', 'rebuild', 'rb', 'audit', 'ls', 'list', 'outdated']);
const NPM_WRITES = new Set(['dedupe', 'ddp', 'update', 'up', 'upgrade']);
const NPM_HARMLESS = new Set([
  'cache',
  'config',
  'c',
  'get',
  'help',
  'doctor',
  'ping',
  'whoami',
  'login',
  'logout',
  'adduser',
  'token',
  'view',
  'info',
  'show',
  'search',
  'root',
  'bin',
  'prefix',
]);
const PNPM_MANIFEST_ONLY = new Set(['fetch', 'prune', 'rebuild', 'rb', 'audit', 'list', 'ls', 'outdated']);
const PNPM_WRITES = new Set(['update', 'up', 'upgrade', 'dedupe']);

const isGlobal = (parsed: ParsedArgs) =>
  hasOption(parsed, '-g', '--global') || optionValue(parsed, '--location', '-L') === 'global';
const isVersion = (parsed: ParsedArgs) => hasOption(parsed, '-v', '--version');

/** Flags that keep each manager from writing its lockfile. */
const FROZEN: Record<string, string[]> = {
  npm: ['--no-package-lock'],
  yarn: ['--frozen-lockfile', '--pure-lockfile', '--immutable'],
  pnpm: ['--frozen-lockfile'],
  bun: ['--frozen-lockfile', '--ci'],
};

/** What an install is told by its flags and the environment: options (`ignore-scripts`, `frozen`) and the paths it reads. */
function installSettings(
  invocation: Invocation,
  parsed: ParsedArgs,
  name: string,
): { options: string[]; reads: ExtraRead[] } {
  const env = invocation.env;
  const ignore =
    hasOption(parsed, '--ignore-scripts') ||
    envFlag(env, 'npm_config_ignore_scripts') ||
    envFlag(env, 'NPM_CONFIG_IGNORE_SCRIPTS') ||
    env.get('YARN_ENABLE_SCRIPTS') === 'false';
  const frozen =
    hasOption(parsed, ...FROZEN[name]) ||
    optionValue(parsed, '--package-lock') === 'false' ||
    envFlag(env, 'YARN_ENABLE_IMMUTABLE_INSTALLS') ||
    envFlag(env, 'YARN_FROZEN_LOCKFILE') ||
    envFlag(env, 'npm_config_frozen_lockfile');
  const named = optionValues(parsed, ...FILE_OPTIONS).map((path) => ({
    path,
    why: `an option of ${name} (configuration, certificates, cache) makes it use`,
  }));
  // pnpm takes any setting on its command line too: `--config.inject-workspace-packages=true` (red team 30).
  const inject =
    envFlag(env, 'npm_config_inject_workspace_packages') ||
    envFlag(env, 'NPM_CONFIG_INJECT_WORKSPACE_PACKAGES') ||
    invocation.args.some((arg) => arg === null || /^--config\.inject-workspace-packages(=true)?$/i.test(arg));
  return {
    options: [...(ignore ? ['ignore-scripts'] : []), ...(frozen ? ['frozen'] : []), ...(inject ? ['inject'] : [])],
    reads: [...environmentReads(env, NODE_PATH_VARIABLES, name), ...named],
  };
}

/** The options of the Node.js package managers whose value is a file or folder they read (or fill and read). */
const FILE_OPTIONS = [
  '--userconfig',
  '--globalconfig',
  '--cafile',
  '--certfile',
  '--keyfile',
  '--cache',
  '--script-shell',
  '--cache-folder',
  '--global-folder',
  '--preferred-cache-folder',
  '--use-yarnrc',
  '--store-dir',
  '--pnpmfile',
  '--cache-dir',
  '--config',
  '-c',
];

/** Package arguments: local paths (or unknown ones) need more than the manifests, and named ones change them. */
function packagesVerdict(
  invocation: Invocation,
  name: string,
  packages: Array<string | null>,
  global: boolean,
  project: string | null | undefined,
  settings: { options: string[]; reads: ExtraRead[] },
): Verdict {
  if (packages.includes(null)) return decline(`runs ${name} with a package only known at build time`, true);
  const local = (packages as string[]).find(
    (spec) => isLocalPath(spec) || /^(link|portal):|\.(tgz|tar\.gz)$/.test(spec),
  );
  if (local)
    return decline(`installs the local package \`${local}\` with ${name}, which needs more than the manifests`, true);
  if (global) return { kind: 'harmless' };
  return packages.length
    ? writesManifests(invocation.text)
    : install(name, project, settings.options, [], settings.reads);
}

function readNpm(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, NPM_VALUES);
  const [sub, ...rest] = parsed.positionals;
  const settings = installSettings(invocation, parsed, 'npm');
  const options = settings.options;
  const prefix = optionValue(parsed, '--prefix', '-C');
  if (sub === undefined) return isVersion(parsed) ? { kind: 'harmless' } : needsSources(invocation.text);
  if (sub === null) return decline('runs npm with a subcommand only known at build time');
  if (NPM_INSTALL.has(sub))
    return packagesVerdict(
      invocation,
      'npm',
      rest,
      isGlobal(parsed),
      prefix,
      NPM_CLEAN.has(sub) ? { ...settings, options: [...options, 'frozen'] } : settings,
    );
  if (NPM_WRITES.has(sub) || (sub === 'audit' && rest[0] === 'fix')) return writesManifests(invocation.text);
  if (NPM_MANIFEST_ONLY.has(sub)) return install('npm', prefix, [...options, 'auxiliary']);
  if (NPM_HARMLESS.has(sub)) {
    const location = optionValue(parsed, '--location', '-L');
    return location === 'project' ? decline("writes the project's .npmrc with npm config") : { kind: 'harmless' };
  }
  return needsSources(invocation.text);
}

function readYarn(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, YARN_VALUES);
  const [sub, ...rest] = parsed.positionals;
  const settings = installSettings(invocation, parsed, 'yarn');
  const options = settings.options;
  const cwd = optionValue(parsed, '--cwd');
  if (sub === undefined)
    return isVersion(parsed) ? { kind: 'harmless' } : install('yarn', cwd, options, [], settings.reads);
  if (sub === null) return decline('runs yarn with a subcommand only known at build time');
  if (sub === 'install') return install('yarn', cwd, options, [], settings.reads);
  if (sub === 'check') return install('yarn', cwd, [...options, 'auxiliary'], [], settings.reads);
  if (sub === 'add') return packagesVerdict(invocation, 'yarn', rest, false, cwd, settings);
  if (sub === 'workspaces' && rest[0] === 'focus') return install('yarn', cwd, options, [], settings.reads);
  if (sub === 'global' || sub === 'cache') return { kind: 'harmless' };
  if (sub === 'config') {
    if (
      hasOption(parsed, '-g', '--global', '-H', '--home') ||
      rest[0] === 'get' ||
      rest[0] === 'list' ||
      rest.length === 0
    )
      return { kind: 'harmless' };
    return decline("runs `yarn config set`, which writes the project's .yarnrc.yml under Yarn 2 and later");
  }
  return needsSources(invocation.text);
}

function readPnpm(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, PNPM_VALUES);
  const [sub, ...rest] = parsed.positionals;
  const settings = installSettings(invocation, parsed, 'pnpm');
  const options = settings.options;
  const dir = optionValue(parsed, '-C', '--dir');
  if (sub === undefined) return isVersion(parsed) ? { kind: 'harmless' } : needsSources(invocation.text);
  if (sub === null) return decline('runs pnpm with a subcommand only known at build time');
  if (sub === 'install' || sub === 'i' || sub === 'add')
    return packagesVerdict(invocation, 'pnpm', rest, isGlobal(parsed), dir, settings);
  if (PNPM_WRITES.has(sub) || (sub === 'audit' && hasOption(parsed, '--fix'))) return writesManifests(invocation.text);
  // `pnpm fetch` reads only the lockfile and writes no lockfile.
  if (PNPM_MANIFEST_ONLY.has(sub))
    return install(
      'pnpm',
      dir,
      sub === 'fetch' ? [...options, 'frozen'] : [...options, 'frozen', 'auxiliary'],
      [],
      settings.reads,
    );
  if (sub === 'store' || sub === 'setup' || sub === 'env' || sub === 'config') {
    return optionValue(parsed, '--location') === 'project'
      ? decline("writes the project's .npmrc with pnpm config")
      : { kind: 'harmless' };
  }
  return needsSources(invocation.text);
}

function readBun(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, BUN_VALUES);
  const [sub, ...rest] = parsed.positionals;
  const settings = installSettings(invocation, parsed, 'bun');
  const cwd = optionValue(parsed, '--cwd');
  if (sub === undefined) return isVersion(parsed) ? { kind: 'harmless' } : needsSources(invocation.text);
  if (sub === null) return decline('runs bun with a subcommand only known at build time');
  if (sub === 'install' || sub === 'i' || sub === 'add' || sub === 'a')
    return packagesVerdict(invocation, 'bun', rest, isGlobal(parsed), cwd, settings);
  if (sub === 'pm' && rest[0] === 'cache') return { kind: 'harmless' };
  return needsSources(invocation.text);
}

function readCorepack(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, []);
  const sub = parsed.positionals[0];
  if (
    sub === 'enable' ||
    sub === 'disable' ||
    sub === 'prepare' ||
    (sub === 'install' && isGlobal(parsed)) ||
    isVersion(parsed)
  )
    return { kind: 'harmless' };
  return needsSources(invocation.text);
}

const READERS: Record<string, (invocation: Invocation) => Verdict> = {
  npm: readNpm,
  yarn: readYarn,
  yarnpkg: readYarn,
  pnpm: readPnpm,
  bun: readBun,
  corepack: readCorepack,
  npx: (invocation) => needsSources(invocation.text),
  pnpx: (invocation) => needsSources(invocation.text),
  bunx: (invocation) => needsSources(invocation.text),
};

/** Which Yarn a project uses: berry when it has `.yarnrc.yml`, a berry lockfile or asks for Yarn 2+. */
function yarnFlavour(project: ProjectFolder, manifest: Record<string, unknown>): 'yarn' | 'yarn berry' {
  if (present(project, ['.yarnrc.yml']).length) return 'yarn berry';
  if (/^__metadata:/m.test(readProject(project, 'yarn.lock') ?? '')) return 'yarn berry';
  const wanted = typeof manifest.packageManager === 'string' ? manifest.packageManager : '';
  return /^yarn@([2-9]|\d\d)/.test(wanted) ? 'yarn berry' : 'yarn';
}

/** The workspace folders a project declares (context-relative). */
function workspaceFolders(
  project: ProjectFolder,
  manager: string,
  manifest: Record<string, unknown>,
  pnpmWorkspace: DataValue | undefined,
): string[] {
  let patterns: string[] = [];
  if (manager === 'pnpm') {
    patterns = stringsOf(valueAt(pnpmWorkspace, 'packages'));
  } else {
    const declared = manifest.workspaces;
    const list = Array.isArray(declared)
      ? declared
      : declared && typeof declared === 'object'
        ? (declared as { packages?: unknown }).packages
        : [];
    patterns = Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  }
  if (!patterns.length) return [];
  return project.context
    .folders(project.dir, patterns)
    .filter((folder) => folder !== project.dir && project.context.isFile(`${folder}/package.json`));
}

/**
 * Lifecycle scripts that read none of the sources: `npx only-allow pnpm` (the preinstall pnpm's documentation
 * recommends) fails the install unless that package manager runs it; `husky` and `husky install` (the prepare script
 * husky 7 to 9 add) set up git hooks only in a git repository, and do nothing when the COPY brings no `.git`.
 */
function harmlessScript(text: string, gitCopied: boolean): boolean {
  if (/^\s*npx (?:(?:-y|--yes) )?only-allow (?:npm|pnpm|yarn|bun)\s*$/.test(text)) return true;
  return !gitCopied && /^\s*husky(?: install)?\s*$/.test(text);
}

/** Why a package's own manifest makes the install read sources, if it does. */
function packageProblem(
  manifest: Record<string, unknown>,
  file: string,
  manager: Manager,
  use: InstallUse,
  workspace: boolean,
  gyp: boolean,
  gitCopied: boolean,
): string | undefined {
  const scripts =
    manifest.scripts && typeof manifest.scripts === 'object' ? (manifest.scripts as Record<string, unknown>) : {};
  const script = manager.lifecycle.find(
    (name) => typeof scripts[name] === 'string' && !harmlessScript(scripts[name] as string, gitCopied),
  );
  if (script && !use.options.has('ignore-scripts')) {
    if (harmlessScript(scripts[script] as string, false))
      return `${file} has a \`${script}\` script, \`${scripts[script]}\`, which ${use.ecosystem} runs during the install and which sets up git hooks in the .git folder the COPY brings (add .git to .dockerignore)`;
    return `${file} has a \`${script}\` script, which ${use.ecosystem} runs during the install and which may read the sources (\`${scripts[script]}\`)`;
  }
  // Without an install or preinstall script of its own, a package with a binding.gyp gets `node-gyp rebuild` as one.
  if (gyp && !use.options.has('ignore-scripts')) {
    return `${posix.join(posix.dirname(file), 'binding.gyp')} makes ${use.ecosystem} run \`node-gyp rebuild\` during the install, which compiles the sources`;
  }
  const pnpm = manifest.pnpm && typeof manifest.pnpm === 'object' ? (manifest.pnpm as Record<string, unknown>) : {};
  for (const deps of [...DEPENDENCY_FIELDS, 'overrides', 'resolutions']
    .map((field) => manifest[field])
    .concat(pnpm.overrides)) {
    const local = localSpec(deps);
    if (local)
      return `${file} depends on the local package ${local[0]} (\`${local[1]}\`), which needs more than the manifests`;
  }
  if (workspace && manifest.bin)
    return `${file} declares \`bin\` files, which the install links and makes executable; they are sources`;
  // `directories.bin` names a folder whose every file npm and Yarn 1 link as a bin (red team 21).
  if (workspace && valueAt(manifest.directories as DataValue | undefined, 'bin') !== undefined)
    return `${file} declares \`directories.bin\`, a folder whose files the install links and makes executable; they are sources`;
  return undefined;
}

/**
 * The first package a dependency table maps to a local folder or archive (`file:`, `link:`, `portal:`, a path), at
 * any depth (npm's nested `overrides`), as [name, spec]; undefined when none does.
 */
function localSpec(table: unknown): [string, string] | undefined {
  if (!table || typeof table !== 'object') return undefined;
  for (const [name, spec] of Object.entries(table as Record<string, unknown>)) {
    if (typeof spec === 'string' && (isLocalPath(spec) || /^(link|portal):/.test(spec))) return [name, spec];
    const nested = localSpec(spec);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Patch files and other files a project's manifests point at (pnpm's and bun's patchedDependencies, Yarn `patch:`
 * references, pnpm's onlyBuiltDependenciesFile).
 */
function patchFiles(
  manifest: Record<string, unknown>,
  manager: string,
  pnpmWorkspace: DataValue | undefined,
): string[] {
  const paths: string[] = [];
  if (manager === 'bun' && isTable(manifest.patchedDependencies as DataValue)) {
    for (const path of Object.values(manifest.patchedDependencies as object))
      if (typeof path === 'string') paths.push(path);
  }
  if (manager === 'pnpm') {
    const pnpm = manifest.pnpm && typeof manifest.pnpm === 'object' ? (manifest.pnpm as Record<string, unknown>) : {};
    const fromJson =
      pnpm.patchedDependencies && typeof pnpm.patchedDependencies === 'object'
        ? Object.values(pnpm.patchedDependencies)
        : [];
    const fromYaml = valueAt(pnpmWorkspace, 'patchedDependencies');
    const yamlPaths = isTable(fromYaml) ? Object.values(fromYaml) : [];
    for (const path of [...fromJson, ...yamlPaths, pnpm.onlyBuiltDependenciesFile])
      if (typeof path === 'string') paths.push(path);
  }
  const specs = [...DEPENDENCY_FIELDS, 'resolutions'].flatMap((field) =>
    manifest[field] && typeof manifest[field] === 'object' ? Object.values(manifest[field] as object) : [],
  );
  for (const spec of specs) {
    const match = typeof spec === 'string' ? /^patch:.*#(?:~\/)?(\.?\/?[^:&]+\.patch)/.exec(decoded(spec)) : null;
    if (match) paths.push(match[1]);
  }
  return paths;
}

/** A URI-encoded text decoded, or as it is when it does not decode. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Yarn's own folders: a path the configuration names inside one of them (`yarnPath: .yarn/releases/...`) is copied. */
const YARN_FOLDERS = ['.yarn/releases', '.yarn/plugins', '.yarn/patches', '.yarn/sdks'];

/**
 * The files the manager's configuration names that the install reads (project-relative, to copy with the manifests),
 * or why one of them is not a file layerfix copies: only paths inside Yarn's own folders are.
 */
function configuredFiles(project: ProjectFolder, manager: Manager): { files: string[] } | { decline: string } {
  const read = configPaths(
    project,
    manager.files.filter((file) => /^\.(npmrc|yarnrc(\.yml)?)$|^bunfig\.toml$|^pnpm-workspace\.yaml$/.test(file)),
  );
  if ('decline' in read) return read;
  const files: string[] = [];
  for (const { file, key, path } of read.paths) {
    const at = project.path(path);
    if (at === undefined || !project.context.has(at)) continue;
    if (YARN_FOLDERS.some((folder) => path === folder || path.startsWith(`${folder}/`))) files.push(path);
    else if (key.endsWith('(default)'))
      return {
        decline: `Yarn loads ${at} into its environment (injectEnvironmentFiles), and it is not among the manifests`,
      };
    else
      return {
        decline: `${where(project, file)} sets ${key} to ${at}, a file the install reads that is not among the manifests`,
      };
  }
  return { files };
}

/**
 * Why the install reads or writes files that are not its manager's manifests, which the manifest COPY leaves out:
 * npm takes its versions from a yarn.lock (and writes it back) when there is no package-lock; bun migrates another
 * manager's lockfile when it has none of its own, and loads the project's `.env` files into its environment.
 */
function otherManagersFiles(project: ProjectFolder, flavour: string): string | undefined {
  if (flavour === 'npm' && present(project, ['yarn.lock']).length)
    return `npm reads ${where(project, 'yarn.lock')} (its versions, when there is no package-lock.json) and writes it back, and it is not among npm's manifests`;
  if (flavour !== 'bun') return undefined;
  const other = present(project, ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml']);
  if (other.length && !present(project, ['bun.lock', 'bun.lockb']).length)
    return `bun install migrates ${other[0]} into a bun lockfile when the project has none, and it is not among bun's manifests`;
  const env = present(project, ['.env', '.env.local', '.env.production', '.env.development', '.env.test']);
  if (env.length)
    return `bun loads ${env[0]} into its environment during the install, and it is not among the manifests`;
  return undefined;
}

function nodeManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const root = readJson(project, 'package.json');
  if ('decline' in root) return root;
  if (!root.value) return missing(project, ['package.json']);
  const enclosing = enclosingRoot(
    project,
    use.ecosystem,
    (up) =>
      firstIn(project, up, ['pnpm-workspace.yaml', '.yarnrc.yml']) ??
      firstIn(project, up, ['package.json'], (text) => /"workspaces"\s*:/.test(text)) ??
      // Yarn 1 reads the .yarnrc and .npmrc of every folder above the project.
      (use.ecosystem === 'yarn' ? firstIn(project, up, ['.yarnrc', '.npmrc']) : undefined),
  );
  if (enclosing) return { decline: enclosing };
  const flavour = use.ecosystem === 'yarn' ? yarnFlavour(project, root.value) : use.ecosystem;
  const manager = MANAGERS[flavour];
  const gyp = (folder: string) => project.context.isFile(posix.join(folder, 'binding.gyp'));
  const gitCopied = gitInCopy(project) !== undefined;
  const rootProblem = packageProblem(
    root.value,
    where(project, 'package.json'),
    manager,
    use,
    false,
    gyp(project.dir),
    gitCopied,
  );
  if (rootProblem) return { decline: rootProblem };
  let pnpmWorkspace: DataValue | undefined;
  try {
    const text = flavour === 'pnpm' ? readProject(project, 'pnpm-workspace.yaml') : undefined;
    pnpmWorkspace = text === undefined ? undefined : readYaml(text);
  } catch (error) {
    return {
      decline: `${where(project, 'pnpm-workspace.yaml')} is not valid YAML (${(error as Error).message.split('\n')[0]})`,
    };
  }
  const workspaceLocal = localSpec(valueAt(pnpmWorkspace, 'overrides'));
  if (workspaceLocal)
    return {
      decline: `${where(project, 'pnpm-workspace.yaml')} overrides ${workspaceLocal[0]} with the local package \`${workspaceLocal[1]}\`, which needs more than the manifests`,
    };
  const configured = configuredFiles(project, manager);
  if ('decline' in configured) return configured;
  const unlisted = otherManagersFiles(project, flavour);
  if (unlisted) return { decline: unlisted };
  for (const name of flavour === 'pnpm' ? ['.pnpmfile.mjs', '.pnpmfile.cjs'] : []) {
    const pnpmfile = readProject(project, name);
    // Any require or import of something but a package by its name (`require('./x')`, `import x from '../y.js'`,
    // `require(path.join(__dirname, ...))`), and the file system module (`fs.existsSync('src/x')`: red team 33).
    const reader =
      pnpmfile === undefined
        ? undefined
        : /\brequire\s*\((?!\s*['"][^./'"][^'"]*['"]\s*\))[^)]*\)?|\bfrom\s*['"][./]|\bimport\s*['"][./]|['"](node:)?fs(\/promises)?['"]|\bfs\.|\b(readFile|exists|readdir|l?stat|opendir|access|open|read|readlink|realpath)(Sync)?\s*\(|\bimport\s*\(|import\.meta|__dirname|process\.cwd/.exec(
            pnpmfile,
          );
    if (reader)
      return {
        decline: `${where(project, name)}, which pnpm runs during the install, reads other files (\`${reader[0]}\`)`,
      };
  }
  const folders = workspaceFolders(project, flavour, root.value, pnpmWorkspace);
  const files = present(project, [
    'package.json',
    ...manager.files,
    ...patchFiles(root.value, flavour, pnpmWorkspace),
    ...configured.files,
  ]);
  const manifests = [root.value];
  const packageFiles = [where(project, 'package.json')];
  for (const folder of folders) {
    const file = `${folder}/package.json`;
    const read = readJson(project, posix.relative(project.dir, file));
    if ('decline' in read) return read;
    const manifest = read.value ?? {};
    const problem = packageProblem(manifest, file, manager, use, true, gyp(folder), gitCopied);
    if (problem) return { decline: problem };
    manifests.push(manifest);
    packageFiles.push(file);
    files.push(file);
  }
  const injected =
    flavour === 'pnpm' ? injectedPackages(project, use, pnpmWorkspace, manifests, packageFiles) : undefined;
  if (injected) return { decline: injected };
  if (!use.options.has('frozen')) {
    const rewrite = lockfileRewrite(project, flavour, manifests);
    if (rewrite) return { decline: `${rewrite}, and the COPY would then put the old one back` };
  }
  if (!use.options.has('ignore-scripts')) {
    const lockfiles = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock']
      .map((name) => readProject(project, name) ?? '')
      .join('\n');
    const hooks = hookNeeds(project, manifests, lockfiles);
    if ('decline' in hooks) return hooks;
    files.push(...present(project, hooks.files));
  }
  const relative = folders.map((folder) => folder.slice(project.dir ? project.dir.length + 1 : 0));
  const output = outputsInContext(project, relative, manager.outputs);
  return output ? { decline: output } : { files };
}

/**
 * Why pnpm may copy workspace packages into node_modules, if it may: an injected dependency (`dependenciesMeta`'s
 * `injected`, or `inject-workspace-packages`) is hard-linked from the package's files at install time, not linked to
 * its folder, so an install before the sources would copy only its package.json (red team 29).
 */
function injectedPackages(
  project: ProjectFolder,
  use: InstallUse,
  pnpmWorkspace: DataValue | undefined,
  manifests: readonly Record<string, unknown>[],
  packageFiles: readonly string[],
): string | undefined {
  const copies = 'which pnpm copies into node_modules during the install, and whose files are sources';
  if (use.options.has('inject')) return `the command line or the environment sets inject-workspace-packages, ${copies}`;
  if (valueAt(pnpmWorkspace, 'injectWorkspacePackages') === true)
    return `${where(project, 'pnpm-workspace.yaml')} sets injectWorkspacePackages, ${copies}`;
  const npmrc = readProject(project, '.npmrc');
  const setting = npmrc === undefined ? undefined : readIni(npmrc)['inject-workspace-packages'];
  if (setting === true || setting === 'true')
    return `${where(project, '.npmrc')} sets inject-workspace-packages, ${copies}`;
  for (const [index, manifest] of manifests.entries()) {
    const meta = manifest.dependenciesMeta;
    if (!meta || typeof meta !== 'object') continue;
    const name = Object.entries(meta as Record<string, unknown>).find(
      ([, value]) => valueAt(value as DataValue, 'injected') === true,
    )?.[0];
    if (name) return `${packageFiles[index]} injects the dependency ${name} (dependenciesMeta), ${copies}`;
  }
  return undefined;
}

/** npm, Yarn, pnpm and bun. */
export const node: Ecosystem = {
  name: 'node',
  read(invocation) {
    return READERS[invocation.name]?.(invocation);
  },
  manifests: nodeManifests,
};
