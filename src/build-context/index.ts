/**
 * Build contexts found the way the repository builds: compose files, bake files, GitHub workflows, skaffold, dev
 * containers, Makefiles and scripts are read once per repository and run (cached), and each Dockerfile gets a plan:
 * the context (and target) they agree on, or, when none names it or they disagree, a fallback the worker settles on
 * the file's own COPY sources (see `fallback.ts`).
 */
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { GIT_CONTEXT } from '../analysis/index.js';
import { SKIPPED_FOLDERS } from '../runner/names.js';
import { loadShellParser } from '../shell/index.js';
import {
  readBakeHcl,
  readBakeJson,
  readCompose,
  readDevcontainer,
  readGitlabCi,
  readMakefile,
  readPackageScripts,
  readScript,
  readSkaffold,
  readWorkflow,
  type BuildFile,
} from './readers.js';
import type { BuildPlan, BuildSource, SourceScan, SourceSink, UnusableSource } from './types.js';

export type { BuildInfo, BuildPlan, BuildSource, SourceScan, UnusableSource } from './types.js';
export { resolveBuild, contextSources } from './fallback.js';

/** How deep below the repository root build files are looked for, and how many folders at most. */
const SCAN_DEPTH = 3;
const SCAN_FOLDERS = 1500;

/** Dot-folders that hold build files (`.github` only for its workflows). */
const DOT_FOLDERS = new Set(['.devcontainer', '.ci', '.docker', '.build', '.deploy']);

type Reader = (file: BuildFile, text: string, sink: SourceSink) => void | Promise<void>;

/** The reader for a file name, or undefined when it is not a build file. */
function readerFor(name: string, dir: string, root: string): Reader | undefined {
  if (/^(?:docker-)?compose(?:\.[^/]+)?\.ya?ml$/.test(name)) return readCompose;
  if (/^docker-bake(?:\.[^/]+)?\.json$/.test(name)) return readBakeJson;
  if (/^docker-bake(?:\.[^/]+)?\.hcl$/.test(name)) return readBakeHcl;
  if (/^skaffold(?:\.[^/]+)?\.ya?ml$/.test(name)) return readSkaffold;
  if (
    name === '.devcontainer.json' ||
    (name === 'devcontainer.json' && /(^|[\\/])\.devcontainer([\\/][^\\/]+)?$/.test(dir))
  )
    return readDevcontainer;
  if (/\.ya?ml$/.test(name) && dir === join(root, '.github', 'workflows')) return readWorkflow;
  if (name === '.gitlab-ci.yml' && dir === root) return readGitlabCi;
  if (/^(?:GNUmakefile|[Mm]akefile|.+\.mk)$/.test(name)) return readMakefile;
  if (/\.(?:sh|bash)$/.test(name)) return readScript;
  if (name === 'package.json') return readPackageScripts;
  return undefined;
}

function listing(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function display(root: string, path: string): string {
  return relative(root, path).split(sep).join('/') || '.';
}

/** Read every build file below `root` (breadth first, `SCAN_DEPTH` deep, `SCAN_FOLDERS` folders at most). */
export async function scanRepository(root: string): Promise<SourceScan> {
  const scan: SourceScan = { builds: [], unusable: [], files: [] };
  // Folders the root's .gitignore leaves out (build output, caches) hold no build file of the repository.
  let gitignore: Ignore | undefined;
  try {
    gitignore = ignore().add(readFileSync(join(root, '.gitignore'), 'utf8'));
  } catch {
    gitignore = undefined;
  }
  const files: [string, Reader][] = [];
  let queue: string[] = [root];
  let folders = 0;
  for (let depth = 0; queue.length && depth <= SCAN_DEPTH && folders < SCAN_FOLDERS; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (++folders > SCAN_FOLDERS) break;
      for (const entry of listing(dir)) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (SKIPPED_FOLDERS.has(entry.name)) continue;
          if (entry.name === '.github' && dir === root) {
            for (const workflow of listing(join(path, 'workflows'))) {
              if (workflow.isFile() && /\.ya?ml$/.test(workflow.name))
                files.push([join(path, 'workflows', workflow.name), readWorkflow]);
            }
            continue;
          }
          if (entry.name.startsWith('.') && !DOT_FOLDERS.has(entry.name)) continue;
          if (gitignore?.ignores(`${display(root, path)}/`)) continue;
          next.push(path);
        } else if (entry.isFile()) {
          const reader = readerFor(entry.name, dir, root);
          if (reader) files.push([path, reader]);
        }
      }
    }
    queue = next;
  }
  const sink: SourceSink = {
    build: (found: BuildSource) =>
      scan.builds.push({ ...found, dockerfile: resolve(found.dockerfile), context: resolve(found.context) }),
    unusable: (found: UnusableSource) =>
      scan.unusable.push(found.dockerfile ? { ...found, dockerfile: resolve(found.dockerfile) } : found),
  };
  // Workflows, GitLab CI jobs, Makefiles and scripts are read with the shell view.
  const shellReaders: unknown[] = [readWorkflow, readGitlabCi, readMakefile, readScript, readPackageScripts];
  if (files.some(([, reader]) => shellReaders.includes(reader))) await loadShellParser();
  for (const [path, reader] of files) {
    const file: BuildFile = { path, display: display(root, path), root };
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      scan.unusable.push({
        source: file.display,
        reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
      });
      continue;
    }
    if (reader === readScript || reader === readMakefile || reader === readPackageScripts) {
      if (!/\b(?:docker|podman|buildah)\b/.test(text)) continue;
    }
    scan.files.push(file.display);
    try {
      await reader(file, text, sink);
    } catch (error) {
      scan.unusable.push({ source: file.display, reason: `cannot be read: ${(error as Error)?.message ?? error}` });
    }
  }
  return scan;
}

/** How the build contexts of a run are chosen. */
export interface BuildContextOptions {
  /** The folder layerfix was run on: the root when a file is in no git repository. */
  cwd: string;
}

/**
 * Whether an unusable build is of `dockerfile`: it names it, or names a path from a folder that is not known which
 * this file's path ends in (`../docker/api.Dockerfile` ends in `docker/api.Dockerfile` wherever it starts; a bare
 * `Dockerfile` or `Containerfile`, which every file of that name would match, does not count).
 */
function builds(u: UnusableSource, dockerfile: string): boolean {
  if (u.dockerfile) return u.dockerfile === dockerfile;
  const tail = specificTail(u);
  return !!tail && dockerfile.split(sep).join('/').endsWith(`/${tail}`);
}

/** The end of the Dockerfile path an unusable build names from a folder that is not known, when it tells files apart. */
function specificTail(u: UnusableSource): string | undefined {
  const tail = u.dockerfileTail?.replace(/^((\.\.?)\/)+/, '');
  return tail && !isAbsolute(tail) && !/^(docker|container)file$/i.test(tail) ? tail : undefined;
}

/** Notes listed at most, the rest counted. */
const MAX_NOTES = 4;

function listNotes(notes: string[]): string[] {
  return notes.length <= MAX_NOTES ? notes : [...notes.slice(0, MAX_NOTES), `and ${notes.length - MAX_NOTES} more`];
}

/** The build contexts of one run: each repository's build files read once, each plan made from them. */
export class BuildContexts {
  private readonly roots = new Map<string, string>();
  private readonly scans = new Map<string, Promise<SourceScan>>();
  private readonly interned = new Map<string, BuildPlan>();
  private readonly cwd: string;

  constructor(options: BuildContextOptions) {
    this.cwd = resolve(options.cwd);
  }

  /** The repository root of a folder: the nearest one holding `.git`, else the folder layerfix was run on when inside it. */
  rootOf(dir: string): string {
    const known = this.roots.get(dir);
    if (known) return known;
    let root: string;
    if (existsSync(join(dir, '.git'))) root = dir;
    else {
      const parent = dirname(dir);
      if (parent === dir) root = '';
      else root = this.rootOf(parent);
    }
    this.roots.set(dir, root);
    return root;
  }

  private root(dockerfile: string): string {
    const dir = dirname(dockerfile);
    const git = this.rootOf(dir);
    if (git) return git;
    const inside = !relative(this.cwd, dir).startsWith('..');
    return inside ? this.cwd : dir;
  }

  /** What the build files of the repository holding `root` say (read once). */
  scan(root: string): Promise<SourceScan> {
    let scan = this.scans.get(root);
    if (!scan) this.scans.set(root, (scan = scanRepository(root)));
    return scan;
  }

  private intern(plan: BuildPlan): BuildPlan {
    const key = JSON.stringify(plan);
    const known = this.interned.get(key);
    if (known) return known;
    this.interned.set(key, plan);
    return plan;
  }

  /** The plan of a context given by the command line or the configuration (`dir` absolute). */
  given(dir: string, source: string): BuildPlan {
    return this.intern({ context: dir, contextSource: source });
  }

  /** A plan with the stage built set by `--target` or the configuration, over what the build files say. */
  targeting(plan: BuildPlan, target: string): BuildPlan {
    return this.intern({ ...plan, target });
  }

  /**
   * The plan for the Dockerfile at `path` (absolute; its real path when it is a symlink): the context its builds agree
   * on; none (with the reason) when a build of it has a context layerfix cannot read or they disagree; else the fallback.
   */
  async plan(path: string): Promise<BuildPlan> {
    const dockerfile = resolve(path);
    const root = this.root(dockerfile);
    const scan = await this.scan(root);
    const named = scan.builds.filter((b) => b.dockerfile === dockerfile);
    const unusable = scan.unusable.filter((u) => builds(u, dockerfile));
    const notes = unusable.map((u) => `${u.source} was not used: ${u.reason}`);
    // A podman build layerfix could not use may build this file too, unless it names another one.
    const podman =
      named.find((b) => b.podman) ??
      scan.unusable.find((u) => u.podman && (!u.dockerfile || u.dockerfile === dockerfile));
    const builder = podman ? { podman: podman.source } : {};
    const blind = unusable.find((u) => !u.context);
    if (blind) {
      const unknown = `${blind.source} builds it, but ${blind.reason}, so its build context is not known`;
      return this.intern({ unknown, ...builder, ...(notes.length ? { notes: listNotes(notes) } : {}) });
    }
    const contexts = [...new Set([...named, ...unusable].map((b) => b.context!))];
    const ignoreFiles = [...new Set([...named, ...unusable].map((b) => b.ignoreFile ?? ''))];
    if (contexts.length > 1 || ignoreFiles.length > 1) {
      const said = [...named, ...unusable]
        .map(
          (b) =>
            `${b.source} says ${display(root, b.context!)}${b.ignoreFile ? ` read through ${b.ignoreFile === GIT_CONTEXT ? 'no ignore file (the Git context)' : display(root, b.ignoreFile)}` : ''}`,
        )
        .join('; ');
      const unknown = `the build files disagree on its context (${said}), so a rewrite cannot be proven for every build of it`;
      return this.intern({ unknown, ...builder, ...(notes.length ? { notes: listNotes(notes) } : {}) });
    }
    if (named.length) {
      const targets = [...new Set(named.map((b) => b.target ?? ''))];
      if (unusable.length || targets.length > 1)
        notes.push(
          `the build files name different targets (${[...targets.map((t) => t || 'the last stage'), ...(unusable.length ? ['one not known'] : [])].join(', ')}), ${unusable.length ? 'so none is assumed' : 'and the image of each ships'}`,
        );
      const target = !unusable.length && targets.length === 1 && targets[0] ? targets[0] : undefined;
      // Several known targets each ship (an empty one is the last stage); an unknown one may be any stage.
      const several = !unusable.length && targets.length > 1 ? { targets } : {};
      const source =
        named.length === 1 ? named[0].source : `${named[0].source} (and ${named.length - 1} more that agree)`;
      return this.intern({
        context: contexts[0],
        contextSource: source,
        ...(target ? { target } : {}),
        ...several,
        ...(ignoreFiles[0] ? { ignoreFile: ignoreFiles[0] } : {}),
        ...builder,
        ...(notes.length ? { notes: listNotes(notes) } : {}),
      });
    }
    if (contexts.length === 1) {
      const source = `${unusable[0].source} (its target is not known)`;
      const ignoreFile = ignoreFiles[0] ? { ignoreFile: ignoreFiles[0] } : {};
      return this.intern({
        context: contexts[0],
        contextSource: source,
        ...ignoreFile,
        ...builder,
        notes: listNotes(notes),
      });
    }
    const mightBuildFrom: Array<{ source: string; context: string; ignoreFile?: string }> = [];
    for (const u of scan.unusable) {
      if (u.dockerfile || specificTail(u)) continue;
      notes.push(`${u.source} was not used (it might build this file): ${u.reason}`);
      if (u.context)
        mightBuildFrom.push({
          source: u.source,
          context: u.context,
          ...(u.ignoreFile ? { ignoreFile: u.ignoreFile } : {}),
        });
    }
    return this.intern({
      fallbackRoot: root,
      ...(mightBuildFrom.length ? { mightBuildFrom } : {}),
      ...builder,
      ...(notes.length ? { notes: listNotes(notes) } : {}),
    });
  }
}
