/**
 * Whether `cargo fetch` (without `--locked` or `--frozen`) would rewrite Cargo.lock: it does when the lockfile lacks a
 * package of the workspace at its version, or a registry dependency at a version its requirement accepts. Both files
 * are read with smol-toml, and requirements are matched with Cargo's semver rules (a bare `1.2` means `^1.2`).
 */
import { isTable, readToml, stringsOf, valueAt, type DataTable, type DataValue } from '../data-files.js';

const DEPENDENCY_TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies'];

/** A version as numbers (missing parts are 0), pre-release tags dropped. */
function parts(version: string): number[] {
  return version
    .split(/[-+]/)[0]
    .split('.')
    .map((part) => Number(part) || 0);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** `base` with the part at `at` raised by one and the parts after it zero: the first version above a partial one. */
function bump(base: number[], at: number): number[] {
  return base.map((part, index) => (index < at ? part : index === at ? part + 1 : 0));
}

/** Whether `version` meets one comparator (`^1.2`, `~1.2.3`, `>=1`, `<2`, `=1.0.0`, `1.*`, `*`), as Cargo reads it. */
function meets(version: number[], comparator: string): boolean {
  const match = /^(\^|~|>=|<=|>|<|=)?\s*(\d+|\*)(?:\.(\d+|\*))?(?:\.(\d+|\*))?/.exec(comparator.trim());
  if (!match) return false;
  const op = match[1] ?? '^';
  const raw = match.slice(2).filter((part) => part !== undefined);
  const given = raw.slice(0, raw.includes('*') ? raw.indexOf('*') : raw.length).map(Number);
  if (given.length === 0) return true;
  const base = [given[0], given[1] ?? 0, given[2] ?? 0];
  const last = given.length - 1;
  if (raw.includes('*')) return compare(version, base) >= 0 && compare(version, bump(base, last)) < 0;
  if (op === '>=') return compare(version, base) >= 0;
  if (op === '<') return compare(version, base) < 0;
  if (op === '>') return compare(version, given.length === 3 ? base : bump(base, last)) >= (given.length === 3 ? 1 : 0);
  if (op === '<=') return given.length === 3 ? compare(version, base) <= 0 : compare(version, bump(base, last)) < 0;
  if (op === '=')
    return given.length === 3
      ? compare(version, base) === 0
      : compare(version, base) >= 0 && compare(version, bump(base, last)) < 0;
  if (op === '~') return compare(version, base) >= 0 && compare(version, bump(base, given.length === 1 ? 0 : 1)) < 0;
  // Caret: the first non-zero part given may not change (the last one given when all are zero).
  const first = given.findIndex((part) => part !== 0);
  return compare(version, base) >= 0 && compare(version, bump(base, first < 0 ? last : first)) < 0;
}

/** Whether a version meets a Cargo requirement (comparators separated by commas). */
export function satisfies(version: string, requirement: string): boolean {
  return requirement.split(',').every((comparator) => meets(parts(version), comparator));
}

/** A manifest's dependency tables: its own and each target's. */
function dependencyTables(manifest: DataTable): Array<DataValue | undefined> {
  const tables: Array<DataValue | undefined> = DEPENDENCY_TABLES.map((name) => manifest[name]);
  const targets = manifest.target;
  if (isTable(targets))
    for (const target of Object.values(targets))
      if (isTable(target)) tables.push(...DEPENDENCY_TABLES.map((name) => target[name]));
  return tables;
}

/** The package name of every dependency a manifest declares, of any kind (registry, path, git; renamed ones by `package`). */
function declaredNames(manifest: DataTable): Set<string> {
  const out = new Set<string>();
  for (const table of dependencyTables(manifest))
    if (isTable(table))
      for (const [key, spec] of Object.entries(table))
        out.add(isTable(spec) && typeof spec.package === 'string' ? spec.package : key);
  return out;
}

/** The registry dependencies of a manifest as name -> requirement (`workspace = true` ones through the workspace table). */
function requirements(manifest: DataTable, workspace: DataValue | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const table of dependencyTables(manifest)) {
    if (!isTable(table)) continue;
    for (const [key, raw] of Object.entries(table)) {
      const spec = isTable(raw) && raw.workspace === true ? valueAt(workspace, key) : raw;
      if (typeof spec === 'string') out.push([key, spec]);
      else if (
        isTable(spec) &&
        typeof spec.version === 'string' &&
        spec.path === undefined &&
        spec.git === undefined &&
        spec.registry === undefined
      ) {
        out.push([typeof spec.package === 'string' ? spec.package : key, spec.version]);
      }
    }
  }
  return out;
}

/**
 * Why `cargo fetch` would rewrite the lockfile, if it would. `lock` is Cargo.lock's text; `manifests` the workspace's
 * package manifests, the root first (its `[workspace.dependencies]` serve `workspace = true`).
 */
export function cargoLockRewrite(lock: string, manifests: readonly DataTable[]): string | undefined {
  let packages: Array<{ name: string; version: string; dependencies: string[] }>;
  try {
    const list = readToml(lock).package;
    packages = (Array.isArray(list) ? list.filter(isTable) : []).map((entry) => ({
      name: String(entry.name),
      version: String(entry.version),
      // `name`, `name version` or `name version (source)`
      dependencies: stringsOf(entry.dependencies).map((dependency) => dependency.split(' ')[0]),
    }));
  } catch (error) {
    return `layerfix cannot read Cargo.lock (${(error as Error).message.split('\n')[0]})`;
  }
  const workspace = valueAt(manifests[0], 'workspace', 'dependencies');
  for (const manifest of manifests) {
    const name = valueAt(manifest, 'package', 'name');
    const version = valueAt(manifest, 'package', 'version');
    const own =
      typeof name === 'string' && typeof version === 'string'
        ? packages.find((entry) => entry.name === name && entry.version === version)
        : undefined;
    if (typeof name === 'string' && typeof version === 'string' && !own) {
      return `cargo fetch without --locked rewrites Cargo.lock, which does not record ${name} ${version} of the workspace`;
    }
    // A dependency the lock still records and the manifest no longer declares is pruned from it.
    const declared = declaredNames(manifest);
    const stale = own?.dependencies.find((dependency) => !declared.has(dependency));
    if (stale)
      return `cargo fetch without --locked rewrites Cargo.lock, which records ${stale} as a dependency of ${name} that Cargo.toml no longer declares`;
    for (const [dependency, requirement] of requirements(manifest, workspace)) {
      if (!packages.some((entry) => entry.name === dependency && satisfies(entry.version, requirement))) {
        return `cargo fetch without --locked rewrites Cargo.lock, which has no ${dependency} matching \`${requirement}\``;
      }
    }
  }
  return undefined;
}
