/**
 * Whether a JavaScript install rewrites the project's lockfile. `npm ci`, `yarn --frozen-lockfile`/`--immutable`,
 * `pnpm --frozen-lockfile` and `bun --frozen-lockfile` never do; otherwise the manager rewrites a lockfile in an
 * older format, one that no longer matches package.json, one with entries it completes (npm adds resolved packages,
 * newer npm versions add fields such as `license`), or one another version of it formats differently; after the split
 * the COPY would put the old one back. Whether the lockfile comes out byte for byte as it went in cannot be proven
 * without the manager's version, so an install that may write it declines. Each check reads the lockfile with a real
 * parser to say why in the message when it can.
 */
import { readYaml, valueAt, isTable } from '../data-files.js';
import { readProject } from './common.js';
import type { ProjectFolder } from './types.js';

/** The package.json fields that list the dependencies an install installs. */
export const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** The dependencies a package.json (or a lockfile's record of one) asks for, by name, with their ranges. */
export function wanted(manifest: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (deps && typeof deps === 'object')
      for (const [name, range] of Object.entries(deps)) if (typeof range === 'string') out.set(name, range);
  }
  return out;
}

/** Why npm install would rewrite package-lock.json (or npm-shrinkwrap.json), if it would. */
function npmLock(project: ProjectFolder, manifest: Record<string, unknown>): string | undefined {
  for (const name of ['npm-shrinkwrap.json', 'package-lock.json']) {
    const text = readProject(project, name);
    if (text === undefined) continue;
    let lock: Record<string, unknown>;
    try {
      lock = JSON.parse(text.replace(/^\ufeff/, '')) as Record<string, unknown>;
    } catch {
      return `${name} is not valid JSON, and npm install would write a new one`;
    }
    const version = typeof lock.lockfileVersion === 'number' ? lock.lockfileVersion : 1;
    if (version < 2) return `npm install rewrites ${name} from lockfileVersion ${version} to the current format`;
    const packages =
      lock.packages && typeof lock.packages === 'object'
        ? (lock.packages as Record<string, Record<string, unknown>>)
        : {};
    const recorded = wanted(packages[''] ?? {});
    const differs =
      [...wanted(manifest)].find(([dep, range]) => recorded.get(dep) !== range) ??
      [...recorded].find(([dep]) => !wanted(manifest).has(dep));
    if (differs)
      return `npm install rewrites ${name}, which does not record package.json's ${differs[0]}@${wanted(manifest).get(differs[0]) ?? '(removed)'}`;
    return `npm install rewrites ${name} when it lacks resolved packages or another npm version writes it differently, which layerfix cannot rule out (npm ci never writes it)`;
  }
  return undefined;
}

/** The entries of a Yarn 1 lockfile: each `name@range` key with the `name@range` keys of its dependencies. */
function yarnEntries(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  let keys: string[] = [];
  let inDependencies = false;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (/^\S.*:$/.test(line)) {
      keys = line
        .slice(0, -1)
        .split(/,\s*/)
        .map((key) => key.replace(/^"|"$/g, ''));
      for (const key of keys) entries.set(key, []);
      inDependencies = false;
    } else if (/^ {2}\S/.test(line)) {
      inDependencies = /^ {2}(optionalDependencies|dependencies):$/.test(line);
    } else if (inDependencies && /^ {4}\S/.test(line)) {
      const [, name, range] = /^ {4}"?([^"\s]+)"?\s+"?([^"]*)"?$/.exec(line) ?? [];
      if (name) for (const key of keys) entries.get(key)!.push(`${name}@${range}`);
    }
  }
  return entries;
}

/**
 * Why Yarn 1 would rewrite yarn.lock, if it would: an entry missing for a `name@range` package.json asks for, or an
 * entry nothing needs any more (Yarn drops it).
 */
function yarnLock(project: ProjectFolder, manifests: ReadonlyArray<Record<string, unknown>>): string | undefined {
  const text = readProject(project, 'yarn.lock');
  if (text === undefined) return undefined;
  const entries = yarnEntries(text);
  const reached = new Set<string>();
  const queue: string[] = [];
  for (const manifest of manifests) {
    for (const [name, range] of wanted(manifest)) {
      if (/^(file|link|workspace):/.test(range)) continue;
      if (!entries.has(`${name}@${range}`))
        return `yarn install without --frozen-lockfile adds ${name}@${range} to yarn.lock, which does not have it`;
      queue.push(`${name}@${range}`);
    }
  }
  while (queue.length) {
    const key = queue.pop()!;
    if (reached.has(key)) continue;
    reached.add(key);
    queue.push(...(entries.get(key) ?? []).filter((dependency) => entries.has(dependency)));
  }
  const stale = [...entries.keys()].find((key) => !reached.has(key));
  if (stale)
    return `yarn install without --frozen-lockfile drops ${stale} from yarn.lock, which nothing needs any more`;
  return 'yarn install without --frozen-lockfile rewrites yarn.lock when it was written by hand, by another tool or another Yarn version, which layerfix cannot rule out';
}

/** Why pnpm would rewrite pnpm-lock.yaml, if it would: a specifier of the root importer that package.json no longer asks for. */
function pnpmLock(project: ProjectFolder, manifest: Record<string, unknown>): string | undefined {
  const text = readProject(project, 'pnpm-lock.yaml');
  if (text === undefined) return undefined;
  const lock = readYaml(text);
  const importer = valueAt(lock, 'importers', '.') ?? lock;
  const recorded = new Map<string, string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = valueAt(importer, field);
    if (isTable(deps))
      for (const [name, entry] of Object.entries(deps))
        if (isTable(entry) && typeof entry.specifier === 'string') recorded.set(name, entry.specifier);
  }
  const specifiers = valueAt(importer, 'specifiers');
  if (isTable(specifiers))
    for (const [name, range] of Object.entries(specifiers)) if (typeof range === 'string') recorded.set(name, range);
  const asked = wanted(manifest);
  const differs =
    [...asked].find(([dep, range]) => recorded.get(dep) !== range) ?? [...recorded].find(([dep]) => !asked.has(dep));
  if (differs)
    return `pnpm install without --frozen-lockfile rewrites pnpm-lock.yaml, which does not record package.json's ${differs[0]}@${asked.get(differs[0]) ?? '(removed)'}`;
  return "pnpm install without --frozen-lockfile rewrites pnpm-lock.yaml when it is out of date or in another pnpm version's format, which layerfix cannot rule out";
}

/**
 * Why the install rewrites the project's lockfile, if it does. `manager` is `npm`, `yarn`, `yarn berry`, `pnpm` or `bun`;
 * `manifests` the package.json values of the project and its workspaces (the project's first).
 */
export function lockfileRewrite(
  project: ProjectFolder,
  manager: string,
  manifests: ReadonlyArray<Record<string, unknown>>,
): string | undefined {
  try {
    if (manager === 'npm') return npmLock(project, manifests[0]);
    if (manager === 'yarn') return yarnLock(project, manifests);
    if (manager === 'yarn berry' && readProject(project, 'yarn.lock') !== undefined)
      return "yarn install without --immutable rewrites yarn.lock when it is out of date or in another Yarn version's format, which layerfix cannot rule out";
    if (manager === 'pnpm')
      return manifests.length > 1
        ? 'pnpm install without --frozen-lockfile may rewrite pnpm-lock.yaml for a workspace, which layerfix does not compare'
        : pnpmLock(project, manifests[0]);
    if (
      manager === 'bun' &&
      (readProject(project, 'bun.lock') !== undefined || readProject(project, 'bun.lockb') !== undefined)
    )
      return 'bun install without --frozen-lockfile rewrites the lockfile when it is out of date, which layerfix does not compare';
  } catch (error) {
    return `layerfix cannot read the lockfile (${(error as Error).message.split('\n')[0]})`;
  }
  return undefined;
}
