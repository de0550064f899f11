/**
 * Go modules: `go mod download` (and `go mod verify`/`graph`) need `go.mod` and `go.sum`, the `go.work` files and the
 * `go.mod` of every module the workspace uses or a `replace` points at in a local folder.
 */
import { posix } from 'node:path';
import {
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
import type { Ecosystem, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

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
      environmentReads(invocation.env, ['GOWORK', 'GOENV', 'GOMODCACHE', 'GOPATH'], 'go'),
    );
  if (sub === 'install' && [second, ...rest].every((arg) => arg && /@/.test(arg))) return { kind: 'harmless' };
  if (sub === 'env' || sub === 'version') return { kind: 'harmless' };
  return needsSources(invocation.text);
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
  const out: string[] = [];
  const clean = text.replace(/\/\/.*$/gm, '');
  const directives = [...clean.matchAll(/^\s*replace\s*\(([^)]*)\)/gm)].flatMap((block) => block[1].split('\n'));
  directives.push(...[...clean.matchAll(/^\s*replace\s+([^(\n].*)$/gm)].map((line) => line[1]));
  for (const directive of directives) {
    const target = /=>\s*(\S+)/.exec(directive)?.[1]?.replace(/^"|"$/g, '');
    if (target && /^(\.{1,2}\/|\.{1,2}$|\/)/.test(target)) out.push(target);
  }
  return out;
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
