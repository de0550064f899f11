/**
 * Go modules: `go mod download` (and `go mod verify`/`graph`) need `go.mod` and `go.sum`, the `go.work` files and the
 * `go.mod` of every module the workspace uses or a `replace` points at in a local folder.
 */
import { posix } from 'node:path';
import {
  configures,
  decline,
  enclosingRoot,
  environmentReads,
  firstIn,
  install,
  missing,
  needsSources,
  optionValue,
  parseArgs,
  present,
  readProject,
} from './common.js';
import type { Ecosystem, ExtraRead, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

const GO_VALUES = ['-C', '-modfile', '-reuse', '-mod'];
const MANIFEST_ONLY = new Set(['download', 'verify', 'graph']);

function readGo(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, GO_VALUES);
  const [sub, second, ...rest] = parsed.positionals;
  if (optionValue(parsed, '-modfile') !== undefined)
    return decline('runs go with -modfile, which layerfix does not follow');
  const flags = invocation.env.get('GOFLAGS');
  if (invocation.env.has('GOFLAGS') && (flags === undefined || /(^|\s)-modfile\b/.test(flags)))
    return decline(`runs go with GOFLAGS \`${flags ?? '…'}\`, which layerfix does not follow`, true);
  const dir = optionValue(parsed, '-C');
  if (sub === 'mod' && second && MANIFEST_ONLY.has(second))
    return install(
      'go',
      dir,
      second === 'download' ? [] : ['auxiliary'],
      [],
      [
        ...environmentReads(invocation.env, ['GOWORK', 'GOENV', 'GOMODCACHE', 'GOPATH'], 'go'),
        ...proxyReads(invocation.env),
      ],
    );
  if (sub === 'install' && [second, ...rest].every((arg) => arg && /@/.test(arg))) return { kind: 'harmless' };
  if (sub === 'env' && (parsed.options.has('-w') || parsed.options.has('-u')))
    return configures(invocation.text, "go's environment file (GOFLAGS, GOPROXY ...)");
  if (sub === 'env' || sub === 'version') return { kind: 'harmless' };
  return needsSources(invocation.text);
}

/** The module proxies in local folders GOPROXY lists (`file:///app/goproxy,https://proxy.golang.org`): go reads them. */
function proxyReads(env: ReadonlyMap<string, string | undefined>): ExtraRead[] {
  if (!env.has('GOPROXY')) return [];
  const value = env.get('GOPROXY');
  const why = 'GOPROXY makes go read modules from';
  if (value === undefined) return [{ path: null, why }];
  return value
    .split(/[,|]/)
    .filter((entry) => /^file:/i.test(entry))
    .map((entry) => ({ path: entry.replace(/^file:(\/\/)?/i, ''), why }));
}

/** The `module version` pairs a go.mod requires. */
function requiredModules(text: string): Array<[string, string]> {
  const clean = text.replace(/\/\/.*$/gm, '');
  const lines = [...clean.matchAll(/^\s*require\s*\(([^)]*)\)/gm)].flatMap((block) => block[1].split('\n'));
  lines.push(...[...clean.matchAll(/^\s*require\s+([^(\s].*)$/gm)].map((line) => line[1]));
  return lines
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words.length >= 2)
    .map(([module, version]) => [module.replace(/^"|"$/g, ''), version.replace(/^"|"$/g, '')]);
}

/**
 * What go.sum lacks for the modules go.mod requires, said as a clause: a requirement that is not a version (`latest`,
 * a branch), which go resolves and writes into go.mod, or a module whose go.mod hash go.sum does not record (since Go
 * 1.17, `go mod download` saves only the sums it needs to load the build list; modules only the graph of another
 * module needs are not checked).
 */
function sumGap(goMod: string, goSum: string, work = ''): string | undefined {
  const recorded = new Set(goSum.split('\n').map((line) => line.trim().split(/\s+/).slice(0, 2).join(' ')));
  const replaced = replacements(`${work}\n${goMod}`);
  for (const [required, wanted] of requiredModules(goMod)) {
    const replacement = replaced.get(`${required} ${wanted}`) ?? replaced.get(required);
    // A module replaced by a local folder has no sums; one replaced by another module has that module's.
    if (replacement && 'path' in replacement) continue;
    const [module, version] = replacement ? [replacement.module, replacement.version] : [required, wanted];
    if (!/^v\d+\.\d+\.\d+/.test(version)) return `go.mod requires ${module} at \`${version}\`, which is not a version`;
    if (!recorded.has(`${module} ${version}/go.mod`))
      return `go.sum does not record the go.mod of ${module} ${version}`;
  }
  return undefined;
}

/** What stands in for a module a `replace` directive names: a local folder, or another module at a version. */
type Replacement = { path: string } | { module: string; version: string };

/** The `replace` directives of go.mod or go.work texts, by `module` or `module version`. */
function replacements(text: string): Map<string, Replacement> {
  const out = new Map<string, Replacement>();
  const clean = text.replace(/\/\/.*$/gm, '');
  const directives = [...clean.matchAll(/^\s*replace\s*\(([^)]*)\)/gm)].flatMap((block) => block[1].split('\n'));
  directives.push(...[...clean.matchAll(/^\s*replace\s+([^(\n].*)$/gm)].map((line) => line[1]));
  for (const directive of directives) {
    const [left, right] = directive.split('=>').map((side) => side.trim().split(/\s+/).filter(Boolean));
    if (!left?.length || !right?.length) continue;
    const target = right[0].replace(/^"|"$/g, '');
    out.set(
      left.join(' '),
      /^(\.{1,2}\/|\.{1,2}$|\/)/.test(target) ? { path: target } : { module: target, version: right[1] ?? '' },
    );
  }
  return out;
}

/** The folders of `use` lines in a go.work file. */
function useFolders(text: string): string[] {
  const out: string[] = [];
  const clean = text.replace(/\/\/.*$/gm, '');
  for (const block of clean.matchAll(/^\s*use\s*\(([^)]*)\)/gm)) out.push(...block[1].split(/\s+/).filter(Boolean));
  for (const line of clean.matchAll(/^\s*use\s+([^\s(]\S*)/gm)) out.push(line[1]);
  return out.map((path) => path.replace(/^"|"$/g, ''));
}

/** The local folders `replace` directives point at. */
function localReplacements(text: string): string[] {
  return [...replacements(text).values()].flatMap((replacement) => ('path' in replacement ? [replacement.path] : []));
}

function goManifests(project: ProjectFolder): Manifests {
  const work = readProject(project, 'go.work');
  if (work === undefined && readProject(project, 'go.mod') === undefined)
    return missing(project, ['go.mod', 'go.work']);
  const enclosing = enclosingRoot(project, 'go', (up) => firstIn(project, up, ['go.work']));
  if (enclosing) return { decline: enclosing };
  const files = present(project, ['go.mod', 'go.sum', 'go.work', 'go.work.sum']);
  const modules = ['.', ...(work ? useFolders(work) : [])];
  const replaced = [...(work ? localReplacements(work) : [])];
  for (const folder of modules) {
    const text = readProject(project, posix.join(folder, 'go.mod'));
    if (text === undefined) {
      if (folder === '.') continue;
      return { decline: `go.work uses the module in ${folder}, whose go.mod is not in what the COPY brings` };
    }
    files.push(...present(project, [posix.join(folder, 'go.mod'), posix.join(folder, 'go.sum')]));
    const gap = sumGap(text, readProject(project, posix.join(folder, 'go.sum')) ?? '', work);
    if (gap)
      return {
        decline: `go mod download writes ${posix.join(project.dir, folder, 'go.sum')} (or go.mod) when ${gap}, and the COPY would then put the old one back`,
      };
    replaced.push(
      ...localReplacements(text).map((target) => (target.startsWith('/') ? target : posix.join(folder, target))),
    );
  }
  for (const target of replaced) {
    const mod = target.startsWith('/')
      ? project.locate(posix.join(target, 'go.mod'))
      : project.path(posix.join(target, 'go.mod'));
    if (mod === undefined || !project.context.isFile(mod)) {
      return {
        decline: `a replace directive points at the local folder \`${target}\`, whose go.mod is not in what the COPY brings`,
      };
    }
    files.push(
      mod,
      ...(project.context.isFile(posix.join(posix.dirname(mod), 'go.sum'))
        ? [posix.join(posix.dirname(mod), 'go.sum')]
        : []),
    );
  }
  return { files: [...new Set(files)] };
}

/** Go modules. */
export const go: Ecosystem = {
  name: 'go',
  read(invocation) {
    return invocation.name === 'go' ? readGo(invocation) : undefined;
  },
  manifests: goManifests,
};
