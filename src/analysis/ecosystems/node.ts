/**
 * The JavaScript package managers: npm, Yarn (classic and berry), pnpm and bun. Their installs need `package.json`,
 * the lockfile, the manager's configuration and every workspace's `package.json`; they decline when an install would
 * run lifecycle scripts, link local packages or make workspace `bin` files executable, all of which read sources.
 */
import { isTable, readYaml, stringsOf, valueAt, type DataValue } from '../data-files.js';
import { decline, enclosingRoot, firstIn, hasOption, install, isLocalPath, missing, needsSources, writesManifests, optionValue, outputsInContext, parseArgs, present, readJson, readProject, where, type ParsedArgs } from './common.js';
import type { Ecosystem, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

/** How one manager installs: its files besides `package.json`, the root scripts it runs, what it writes. */
interface Manager {
  files: string[];
  lifecycle: string[];
  outputs: string[];
}

const MANAGERS: Record<string, Manager> = {
  npm: { files: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'], lifecycle: ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'], outputs: ['node_modules'] },
  yarn: { files: ['yarn.lock', '.yarnrc', '.npmrc'], lifecycle: ['preinstall', 'install', 'postinstall', 'prepublish', 'prepare'], outputs: ['node_modules'] },
  'yarn berry': {
    files: ['yarn.lock', '.yarnrc.yml', '.yarn/releases', '.yarn/plugins', '.yarn/patches', '.yarn/cache'],
    lifecycle: ['preinstall', 'install', 'postinstall'],
    outputs: ['node_modules', '.pnp.cjs', '.pnp.loader.mjs', '.yarn/install-state.gz', '.yarn/unplugged', '.yarn/build-state.yml'],
  },
  pnpm: { files: ['pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc', '.pnpmfile.cjs'], lifecycle: ['preinstall', 'install', 'postinstall', 'prepare'], outputs: ['node_modules'] },
  bun: { files: ['bun.lock', 'bun.lockb', 'bunfig.toml', '.npmrc'], lifecycle: ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'], outputs: ['node_modules'] },
};

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];

const NPM_VALUES = ['--prefix', '-C', '--workspace', '-w', '--omit', '--include', '--registry', '--loglevel', '--cache', '--userconfig', '--globalconfig', '--location', '-L', '--install-strategy', '--fetch-retries', '--fetch-timeout', '--tag', '--only', '--also', '--before', '--script-shell'];
const YARN_VALUES = ['--cwd', '--network-timeout', '--mutex', '--cache-folder', '--modules-folder', '--registry', '--mode', '--network-concurrency', '--child-concurrency', '--global-folder', '--link-folder', '--preferred-cache-folder', '--use-yarnrc'];
const PNPM_VALUES = ['-C', '--dir', '--filter', '-F', '--reporter', '--store-dir', '--virtual-store-dir', '--modules-dir', '--registry', '--network-concurrency', '--child-concurrency', '--loglevel', '--workspace-dir'];
const BUN_VALUES = ['--cwd', '--registry', '--cache-dir', '--backend', '--filter', '--config', '-c'];

const NPM_INSTALL = new Set(['ci', 'install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);
const NPM_MANIFEST_ONLY = new Set(['prune', 'rebuild', 'rb', 'audit', 'ls', 'list', 'outdated']);
const NPM_WRITES = new Set(['dedupe', 'ddp', 'update', 'up', 'upgrade']);
const NPM_HARMLESS = new Set(['cache', 'config', 'c', 'get', 'help', 'doctor', 'ping', 'whoami', 'login', 'logout', 'adduser', 'token', 'view', 'info', 'show', 'search', 'root', 'bin', 'prefix']);
const PNPM_MANIFEST_ONLY = new Set(['fetch', 'prune', 'rebuild', 'rb', 'audit', 'list', 'ls', 'outdated']);
const PNPM_WRITES = new Set(['update', 'up', 'upgrade', 'dedupe']);

const isGlobal = (parsed: ParsedArgs) => hasOption(parsed, '-g', '--global') || optionValue(parsed, '--location', '-L') === 'global';
const isVersion = (parsed: ParsedArgs) => hasOption(parsed, '-v', '--version');

/** Package arguments: local paths (or unknown ones) need more than the manifests, and named ones change them. */
function packagesVerdict(invocation: Invocation, name: string, packages: Array<string | null>, global: boolean, project: string | null | undefined, options: string[]): Verdict {
  if (packages.includes(null)) return decline(`runs ${name} with a package only known at build time`, true);
  const local = (packages as string[]).find((spec) => isLocalPath(spec) || /^(link|portal):|\.(tgz|tar\.gz)$/.test(spec));
  if (local) return decline(`installs the local package \`${local}\` with ${name}, which needs more than the manifests`, true);
  if (global) return { kind: 'harmless' };
  return packages.length ? writesManifests(invocation.text) : install(name, project, options);
}

function readNpm(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, NPM_VALUES);
  const [sub, ...rest] = parsed.positionals;
  const options = hasOption(parsed, '--ignore-scripts') ? ['ignore-scripts'] : [];
  const prefix = optionValue(parsed, '--prefix', '-C');
  if (sub === undefined) return isVersion(parsed) ? { kind: 'harmless' } : needsSources(invocation.text);
  if (sub === null) return decline('runs npm with a subcommand only known at build time');
  if (NPM_INSTALL.has(sub)) return packagesVerdict(invocation, 'npm', rest, isGlobal(parsed), prefix, options);
  if (NPM_WRITES.has(sub) || (sub === 'audit' && rest[0] === 'fix')) return writesManifests(invocation.text);
  if (NPM_MANIFEST_ONLY.has(sub)) return install('npm', prefix, [...options, 'auxiliary']);
  if (NPM_HARMLESS.has(sub)) {
    const location = optionValue(parsed, '--location', '-L');
    return location === 'project' ? decline('writes the project\'s .npmrc with npm config') : { kind: 'harmless' };
  }
  return needsSources(invocation.text);
}

function readYarn(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, YARN_VALUES);
  const [sub, ...rest] = parsed.positionals;
  const options = hasOption(parsed, '--ignore-scripts') ? ['ignore-scripts'] : [];
  const cwd = optionValue(parsed, '--cwd');
  if (sub === undefined) return isVersion(parsed) ? { kind: 'harmless' } : install('yarn', cwd, options);
  if (sub === null) return decline('runs yarn with a subcommand only known at build time');
  if (sub === 'install') return install('yarn', cwd, options);
  if (sub === 'check') return install('yarn', cwd, [...options, 'auxiliary']);
  if (sub === 'add') return packagesVerdict(invocation, 'yarn', rest, false, cwd, options);
  if (sub === 'workspaces' && rest[0] === 'focus') return install('yarn', cwd, options);
  if (sub === 'global' || sub === 'cache') return { kind: 'harmless' };
  if (sub === 'config') {
    if (hasOption(parsed, '-g', '--global', '-H', '--home') || rest[0] === 'get' || rest[0] === 'list' || rest.length === 0) return { kind: 'harmless' };
    return decline('runs `yarn config set`, which writes the project\'s .yarnrc.yml under Yarn 2 and later');
  }
  return needsSources(invocation.text);
}

function readPnpm(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, PNPM_VALUES);
  const [sub, ...rest] = parsed.positionals;
  const options = hasOption(parsed, '--ignore-scripts') ? ['ignore-scripts'] : [];
  const dir = optionValue(parsed, '-C', '--dir');
  if (sub === undefined) return isVersion(parsed) ? { kind: 'harmless' } : needsSources(invocation.text);
  if (sub === null) return decline('runs pnpm with a subcommand only known at build time');
  if (sub === 'install' || sub === 'i' || sub === 'add') return packagesVerdict(invocation, 'pnpm', rest, isGlobal(parsed), dir, options);
  if (PNPM_WRITES.has(sub) || (sub === 'audit' && hasOption(parsed, '--fix'))) return writesManifests(invocation.text);
  if (PNPM_MANIFEST_ONLY.has(sub)) return install('pnpm', dir, sub === 'fetch' ? options : [...options, 'auxiliary']);
  if (sub === 'store' || sub === 'setup' || sub === 'env' || sub === 'config') {
    return optionValue(parsed, '--location') === 'project' ? decline('writes the project\'s .npmrc with pnpm config') : { kind: 'harmless' };
  }
  return needsSources(invocation.text);
}

function readBun(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, BUN_VALUES);
  const [sub, ...rest] = parsed.positionals;
  const options = hasOption(parsed, '--ignore-scripts') ? ['ignore-scripts'] : [];
  const cwd = optionValue(parsed, '--cwd');
  if (sub === undefined) return isVersion(parsed) ? { kind: 'harmless' } : needsSources(invocation.text);
  if (sub === null) return decline('runs bun with a subcommand only known at build time');
  if (sub === 'install' || sub === 'i' || sub === 'add' || sub === 'a') return packagesVerdict(invocation, 'bun', rest, isGlobal(parsed), cwd, options);
  if (sub === 'pm' && rest[0] === 'cache') return { kind: 'harmless' };
  return needsSources(invocation.text);
}

function readCorepack(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, []);
  const sub = parsed.positionals[0];
  if (sub === 'enable' || sub === 'disable' || sub === 'prepare' || (sub === 'install' && isGlobal(parsed)) || isVersion(parsed)) return { kind: 'harmless' };
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
function workspaceFolders(project: ProjectFolder, manager: string, manifest: Record<string, unknown>, pnpmWorkspace: DataValue | undefined): string[] {
  let patterns: string[] = [];
  if (manager === 'pnpm') {
    patterns = stringsOf(valueAt(pnpmWorkspace, 'packages'));
  } else {
    const declared = manifest.workspaces;
    const list = Array.isArray(declared) ? declared : declared && typeof declared === 'object' ? (declared as { packages?: unknown }).packages : [];
    patterns = Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  }
  if (!patterns.length) return [];
  return project.context.folders(project.dir, patterns).filter((folder) => folder !== project.dir && project.context.isFile(`${folder}/package.json`));
}

/** Why a package's own manifest makes the install read sources, if it does. */
function packageProblem(manifest: Record<string, unknown>, file: string, manager: Manager, use: InstallUse, workspace: boolean): string | undefined {
  const scripts = manifest.scripts && typeof manifest.scripts === 'object' ? (manifest.scripts as Record<string, unknown>) : {};
  const script = manager.lifecycle.find((name) => typeof scripts[name] === 'string');
  if (script && !use.options.has('ignore-scripts')) {
    return `${file} has a \`${script}\` script, which ${use.ecosystem} runs during the install and which may read the sources (\`${scripts[script]}\`)`;
  }
  for (const field of [...DEPENDENCY_FIELDS, 'overrides', 'resolutions']) {
    const deps = manifest[field] && typeof manifest[field] === 'object' ? (manifest[field] as Record<string, unknown>) : {};
    for (const [name, spec] of Object.entries(deps)) {
      if (typeof spec === 'string' && (isLocalPath(spec) || /^(link|portal):/.test(spec))) {
        return `${file} depends on the local package ${name} (\`${spec}\`), which needs more than the manifests`;
      }
    }
  }
  if (workspace && manifest.bin) return `${file} declares \`bin\` files, which the install links and makes executable; they are sources`;
  return undefined;
}

/** Patch files a project's manifests point at (pnpm patchedDependencies, Yarn `patch:` references). */
function patchFiles(manifest: Record<string, unknown>, manager: string, pnpmWorkspace: DataValue | undefined): string[] {
  const paths: string[] = [];
  if (manager === 'pnpm') {
    const pnpm = manifest.pnpm && typeof manifest.pnpm === 'object' ? (manifest.pnpm as Record<string, unknown>) : {};
    const fromJson = pnpm.patchedDependencies && typeof pnpm.patchedDependencies === 'object' ? Object.values(pnpm.patchedDependencies) : [];
    const fromYaml = valueAt(pnpmWorkspace, 'patchedDependencies');
    const yamlPaths = isTable(fromYaml) ? Object.values(fromYaml) : [];
    for (const path of [...fromJson, ...yamlPaths]) if (typeof path === 'string') paths.push(path);
  }
  const specs = [...DEPENDENCY_FIELDS, 'resolutions'].flatMap((field) => (manifest[field] && typeof manifest[field] === 'object' ? Object.values(manifest[field] as object) : []));
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

/** Files and folders the manager's configuration names by a relative path (`yarnPath`, `yarn-path`, `cafile`). */
function configPaths(project: ProjectFolder, manager: Manager): string[] {
  const out: string[] = [];
  for (const config of manager.files.filter((file) => /^\.(npmrc|yarnrc(\.yml)?)$|^bunfig\.toml$/.test(file))) {
    const text = readProject(project, config) ?? '';
    for (const match of text.matchAll(/(?:^|[\s=:"'])((?:\.{1,2}\/|\.yarn\/)[^\s"'#]+)/gm)) out.push(match[1]);
  }
  return out;
}

function nodeManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const root = readJson(project, 'package.json');
  if ('decline' in root) return root;
  if (!root.value) return missing(project, ['package.json']);
  const enclosing = enclosingRoot(project, use.ecosystem, (up) => firstIn(project, up, ['pnpm-workspace.yaml', '.yarnrc.yml']) ?? firstIn(project, up, ['package.json'], (text) => /"workspaces"\s*:/.test(text)));
  if (enclosing) return { decline: enclosing };
  const flavour = use.ecosystem === 'yarn' ? yarnFlavour(project, root.value) : use.ecosystem;
  const manager = MANAGERS[flavour];
  const rootProblem = packageProblem(root.value, where(project, 'package.json'), manager, use, false);
  if (rootProblem) return { decline: rootProblem };
  let pnpmWorkspace: DataValue | undefined;
  try {
    const text = flavour === 'pnpm' ? readProject(project, 'pnpm-workspace.yaml') : undefined;
    pnpmWorkspace = text === undefined ? undefined : readYaml(text);
  } catch (error) {
    return { decline: `${where(project, 'pnpm-workspace.yaml')} is not valid YAML (${(error as Error).message.split('\n')[0]})` };
  }
  const folders = workspaceFolders(project, flavour, root.value, pnpmWorkspace);
  const files = present(project, ['package.json', ...manager.files, ...patchFiles(root.value, flavour, pnpmWorkspace), ...configPaths(project, manager)]);
  for (const folder of folders) {
    const file = `${folder}/package.json`;
    const text = project.context.read(file) ?? '{}';
    let manifest: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(text.replace(/^\ufeff/, ''));
      manifest = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch (error) {
      return { decline: `${file} is not valid JSON (${(error as Error).message})` };
    }
    const problem = packageProblem(manifest, file, manager, use, true);
    if (problem) return { decline: problem };
    files.push(file);
  }
  const relative = folders.map((folder) => folder.slice(project.dir ? project.dir.length + 1 : 0));
  const output = outputsInContext(project, relative, manager.outputs);
  return output ? { decline: output } : { files };
}

/** npm, Yarn, pnpm and bun. */
export const node: Ecosystem = {
  name: 'node',
  read(invocation) {
    return READERS[invocation.name]?.(invocation);
  },
  manifests: nodeManifests,
};
