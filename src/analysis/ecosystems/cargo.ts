/**
 * Cargo: `cargo fetch` needs `Cargo.toml`, `Cargo.lock`, the Cargo configuration and toolchain files, every workspace
 * member's and local path dependency's `Cargo.toml`, and, because Cargo refuses a manifest whose targets it cannot
 * find, each package's entry file (`src/lib.rs`, `src/main.rs`) unless the manifest gives the target paths itself.
 */
import { posix } from 'node:path';
import { isTable, stringsOf, valueAt, type DataTable, type DataValue } from '../data-files.js';
import { cargoLockRewrite } from './cargo-lock.js';
import {
  decline,
  enclosingRoot,
  environmentReads,
  firstIn,
  hasOption,
  install,
  readTomlFile,
  missing,
  needsSources,
  writesManifests,
  optionValue,
  parseArgs,
  present,
  readProject,
} from './common.js';
import type { Ecosystem, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

const CARGO_VALUES = ['--manifest-path', '--target', '--config', '-Z', '--color', '--lockfile-path'];
const DEPENDENCY_TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies'];

function readCargo(invocation: Invocation): Verdict {
  const parsed = parseArgs(
    invocation.args.filter((arg) => !arg?.startsWith('+')),
    CARGO_VALUES,
  );
  const [sub] = parsed.positionals;
  const manifest = optionValue(parsed, '--manifest-path');
  const project = manifest === undefined ? '.' : manifest === null ? null : posix.dirname(manifest);
  if (sub === 'generate-lockfile' || sub === 'update') return writesManifests(invocation.text);
  const config = optionValue(parsed, '--config');
  if (config !== undefined)
    return decline(
      `runs cargo with --config \`${config ?? '…'}\`, a configuration (or a file of one) layerfix does not follow`,
      true,
    );
  const reads = environmentReads(invocation.env, ['CARGO_HOME', 'CARGO_TARGET_DIR', 'CARGO_BUILD_TARGET_DIR'], 'cargo');
  if (sub === 'fetch')
    return install('cargo', project, hasOption(parsed, '--locked', '--frozen') ? ['locked'] : [], [], reads);
  if (sub === 'metadata' || sub === 'tree') return install('cargo', project, ['auxiliary'], [], reads);
  if (sub === 'install' && optionValue(parsed, '--path') === undefined && !parsed.options.has('--path'))
    return { kind: 'harmless' };
  if (sub === undefined && (parsed.options.has('--version') || parsed.options.has('-V'))) return { kind: 'harmless' };
  return needsSources(invocation.text);
}

/** Local path dependencies of a manifest, relative to its folder. */
function pathDependencies(manifest: DataTable): string[] {
  const tables: Array<DataValue | undefined> = DEPENDENCY_TABLES.map((name) => manifest[name]);
  tables.push(valueAt(manifest, 'workspace', 'dependencies'));
  const targets = manifest.target;
  if (isTable(targets))
    for (const target of Object.values(targets))
      if (isTable(target)) tables.push(...DEPENDENCY_TABLES.map((name) => target[name]));
  const patches = manifest.patch;
  if (isTable(patches)) tables.push(...Object.values(patches));
  // The old `[replace]` table: `"name:version" = { path = ... }`.
  tables.push(manifest.replace);
  const out: string[] = [];
  for (const table of tables) {
    if (!isTable(table)) continue;
    for (const spec of Object.values(table)) if (isTable(spec) && typeof spec.path === 'string') out.push(spec.path);
  }
  return out;
}

/** The entry files Cargo needs to accept a package's manifest, or why they cannot be had. */
function entryFiles(project: ProjectFolder, folder: string, manifest: DataTable): string[] | string {
  const has = (path: string) => {
    const full = project.path(posix.join(folder, path));
    return full !== undefined && project.context.isFile(full);
  };
  const name =
    typeof valueAt(manifest, 'package', 'name') === 'string' ? (valueAt(manifest, 'package', 'name') as string) : '';
  const out: string[] = [];
  for (const [kind, dir] of [
    ['example', 'examples'],
    ['test', 'tests'],
    ['bench', 'benches'],
  ]) {
    const list = Array.isArray(manifest[kind]) ? (manifest[kind] as DataValue[]).filter(isTable) : [];
    for (const target of list.filter((t) => typeof t.path !== 'string')) {
      const targetName = typeof target.name === 'string' ? target.name : '';
      const found = [`${dir}/${targetName}.rs`, `${dir}/${targetName}/main.rs`].find(has);
      if (!found)
        return `${posix.join(folder, 'Cargo.toml')} declares the [[${kind}]] ${targetName} without a path and the build context has no source file for it`;
      out.push(found);
    }
  }
  const lib = manifest.lib;
  const bins = Array.isArray(manifest.bin) ? manifest.bin.filter(isTable) : [];
  if (isTable(lib) && typeof lib.path !== 'string') {
    if (!has('src/lib.rs'))
      return `${posix.join(folder, 'Cargo.toml')} declares a [lib] without a path and the build context has no src/lib.rs for it`;
    out.push('src/lib.rs');
  }
  for (const bin of bins.filter((target) => typeof target.path !== 'string')) {
    const binName = typeof bin.name === 'string' ? bin.name : '';
    const candidates = [
      `src/bin/${binName}.rs`,
      `src/bin/${binName}/main.rs`,
      ...(binName === name ? ['src/main.rs'] : []),
    ];
    const found = candidates.find(has);
    if (!found)
      return `${posix.join(folder, 'Cargo.toml')} declares the [[bin]] ${binName} without a path and the build context has no source file for it`;
    out.push(found);
  }
  if (!isTable(lib) && !bins.length) {
    out.push(...['src/lib.rs', 'src/main.rs'].filter(has));
    if (!out.length)
      return `${posix.join(folder, 'Cargo.toml')} has no target paths and the build context has neither src/lib.rs nor src/main.rs, one of which cargo needs to read the manifest`;
  }
  return out.map((path) => posix.join(folder, path));
}

/** Cargo's configuration files in a folder (`.cargo/config` is the old name). */
const CONFIG_FILES = ['.cargo/config.toml', '.cargo/config'];

/**
 * What in a Cargo configuration makes cargo read local folders, said as a clause: a source replaced by a directory
 * or a local registry, `paths` overrides, or a `[patch]` with a path. TOML's every form counts (tables, inline tables,
 * dotted keys), as it is read as TOML.
 */
function localConfig(config: DataTable): string | undefined {
  if (config.paths !== undefined) return 'overrides packages with local folders (paths = [...])';
  const sources = config.source;
  if (isTable(sources))
    for (const [name, source] of Object.entries(sources))
      if (isTable(source) && (source.directory !== undefined || source['local-registry'] !== undefined))
        return `replaces the source ${name} with a local folder`;
  const patches = config.patch;
  if (isTable(patches))
    for (const table of Object.values(patches))
      if (isTable(table) && Object.values(table).some((spec) => isTable(spec) && spec.path !== undefined))
        return 'patches a package with a local folder';
  return undefined;
}

function cargoManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const read = (folder: string): DataTable | string | undefined => {
    const found = readTomlFile(project, posix.join(folder, 'Cargo.toml'));
    return 'decline' in found ? found.decline : found.value;
  };
  const root = read('.');
  if (root === undefined) return missing(project, ['Cargo.toml']);
  if (typeof root === 'string') return { decline: root };
  for (const name of CONFIG_FILES) {
    const found = readTomlFile(project, name);
    if ('decline' in found) return found;
    const local = found.value && localConfig(found.value);
    if (local) return { decline: `Cargo's configuration ${local}, which cargo fetch reads` };
  }
  // Cargo reads the configuration of every folder above the project too, and the root of its workspace.
  const enclosing = enclosingRoot(
    project,
    'cargo',
    (up) =>
      firstIn(project, up, CONFIG_FILES) ??
      firstIn(project, up, ['Cargo.toml'], (text) => /^\s*\[workspace\]/m.test(text)),
  );
  if (enclosing) return { decline: enclosing };
  const files = present(project, [
    'Cargo.toml',
    'Cargo.lock',
    '.cargo/config.toml',
    '.cargo/config',
    'rust-toolchain.toml',
    'rust-toolchain',
  ]);
  const members = stringsOf(valueAt(root, 'workspace', 'members'));
  const exclude = stringsOf(valueAt(root, 'workspace', 'exclude')).map((pattern) => `!${pattern}`);
  const prefix = project.dir ? `${project.dir}/` : '';
  const memberFolders = members.length
    ? project.context
        .folders(project.dir, [...members, ...exclude])
        .filter((folder) => project.context.isFile(`${folder}/Cargo.toml`))
        .map((folder) => folder.slice(prefix.length))
    : [];
  const queue: string[] = [...(root.package ? ['.'] : []), ...memberFolders];
  const seen = new Set<string>();
  const manifests: DataTable[] = [root];
  for (const dependency of pathDependencies(root)) queue.push(posix.normalize(dependency));
  while (queue.length) {
    const folder = posix.normalize(queue.shift()!);
    if (seen.has(folder)) continue;
    seen.add(folder);
    const manifest = folder === '.' ? root : read(folder);
    if (manifest === undefined)
      return {
        decline: `the local package in ${posix.join(project.dir, folder)} has no Cargo.toml in what the COPY brings`,
      };
    if (typeof manifest === 'string') return { decline: manifest };
    if (folder !== '.') {
      const path = project.path(posix.join(folder, 'Cargo.toml'));
      if (path === undefined) return { decline: `the local package in ${folder} is outside what the COPY brings` };
      files.push(path);
    }
    const entries = entryFiles(project, folder, manifest);
    if (typeof entries === 'string') return { decline: entries };
    for (const entry of entries) files.push(project.path(entry)!);
    for (const dependency of pathDependencies(manifest)) queue.push(posix.join(folder, dependency));
    if (folder !== '.') manifests.push(manifest);
  }
  const lock = readProject(project, 'Cargo.lock');
  const rewrite = lock !== undefined && !use.options.has('locked') ? cargoLockRewrite(lock, manifests) : undefined;
  if (rewrite) return { decline: `${rewrite}, and the COPY would then put the old one back (add --locked)` };
  return { files: [...new Set(files)] };
}

/** Cargo. */
export const cargo: Ecosystem = {
  name: 'cargo',
  read(invocation) {
    if (invocation.name === 'rustup') return { kind: 'harmless' };
    return invocation.name === 'cargo' ? readCargo(invocation) : undefined;
  },
  manifests: cargoManifests,
};
