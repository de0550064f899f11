/**
 * The build context as BuildKit sends it: a folder on disk seen through its `.dockerignore` (or the Dockerfile's own
 * `<Dockerfile>.dockerignore`, which takes precedence). Paths are context-relative and `/`-separated; a path exists
 * here only when it is on disk and not ignored. While a transform watches (`watchDoubts`), each path it asks about is
 * also checked against the other builds of the context: through a symbolic link, not committed to git, or missing
 * but ignored by git.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { positionText, stages, type InstructionView, type Root, type TransformContext } from '../engine/index.js';
import { copyWords } from './copy-words.js';
import { DockerIgnore } from './dockerignore.js';
import { gitCheckout } from './git-checkout.js';

/** A build context folder, read through its ignore file. */
export class BuildContext {
  private readonly ignore: DockerIgnore;
  /** Whether the ignore file brings paths back with `!`, so an ignored folder may still send some of its files. */
  private readonly exceptions: boolean;
  /** Why layerfix cannot read the ignore file as BuildKit does, if it cannot. */
  readonly problem?: string;

  constructor(
    /** The context folder on disk. */
    readonly dir: string,
    /** The ignore file in effect (context-relative or absolute), if any. */
    readonly ignoreFile?: string,
  ) {
    let rules = '';
    try {
      rules = ignoreFile ? readFileSync(isAbsolute(ignoreFile) ? ignoreFile : join(dir, ignoreFile), 'utf8') : '';
    } catch {
      rules = '*';
    }
    this.ignore = new DockerIgnore(rules);
    this.exceptions = this.ignore.exceptions;
    this.problem = this.ignore.problem && `its ignore file ${ignoreFile}: ${this.ignore.problem}`;
  }

  /** While watching (`watchDoubts`): the first reason a path asked about may differ in another build, or null. */
  private doubt?: string | null;
  /** The context folder with its links resolved, once a doubt needs it. */
  private realDir?: string;

  /**
   * Whether a context-relative path is sent with the build: it exists and is not ignored, or it is a folder the rules
   * leave out that holds something a `!` rule brings back (BuildKit sends it as that entry's parent).
   */
  has(path: string): boolean {
    const clean = cleanPath(path);
    if (clean === undefined) return false;
    if (clean === '') return true;
    const ignored = this.ignore.ignores(clean) && !this.sendsBelow(clean);
    const sent = !ignored && existsSync(join(this.dir, clean));
    if (this.doubt === null)
      this.doubt = this.ruleDoubt(clean, ignored) ?? (ignored ? null : this.doubtOf(clean, sent));
    return sent;
  }

  /** Folders the rules leave out, by whether BuildKit still sends something below them. */
  private readonly sentBelow = new Map<string, boolean>();

  /** Whether `path` is a folder (not a link to one) the rules leave out below which BuildKit sends an entry. */
  private sendsBelow(path: string): boolean {
    if (!this.exceptions || !this.ignore.enters(path)) return false;
    let sends = this.sentBelow.get(path);
    if (sends === undefined) {
      sends = this.someBelow(
        path,
        (below) => !this.ignore.ignores(below),
        (folder) => this.ignore.enters(folder),
      );
      this.sentBelow.set(path, sends);
    }
    return sends;
  }

  /**
   * Whether an entry below the folder `path` (not a link to one) is `found`, looking inside the folders `entered`;
   * true, to be safe, past 20,000 entries or when a folder cannot be read.
   */
  private someBelow(path: string, found: (below: string) => boolean, entered: (folder: string) => boolean): boolean {
    const pending = statOfLink(join(this.dir, path))?.isDirectory() ? [path] : [];
    let seen = 0;
    while (pending.length) {
      const dir = pending.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(join(this.dir, dir), { withFileTypes: true });
      } catch {
        return true;
      }
      for (const entry of entries) {
        const below = posix.join(dir, entry.name);
        if (++seen > 20_000 || found(below)) return true;
        if (entry.isDirectory() && entered(below)) pending.push(below);
      }
    }
    return false;
  }

  /**
   * Why builders that read the ignore rules otherwise (buildah, podman and Docker's legacy builder match each rule
   * against every folder above a path) may not send what BuildKit sends at `clean`, or null.
   */
  private ruleDoubt(clean: string, ignored: boolean): string | null {
    if (!this.exceptions || this.legacySends(clean) === !ignored) return null;
    return `its ignore file ${this.ignoreFile} ${ignored ? 'leaves out' : 'sends'} \`${clean}\` for BuildKit but not for builders that match each rule against the folders above a path (buildah, podman, Docker's legacy builder)`;
  }

  /**
   * Whether builders that match each rule against every folder above a path send `path`: it is not left out, or it is
   * a folder below which something is not (sent as its parent).
   */
  private legacySends(path: string): boolean {
    if (!this.ignore.ignoresByParents(path)) return true;
    return this.someBelow(
      path,
      (below) => !this.ignore.ignoresByParents(below),
      () => true,
    );
  }

  /**
   * Start noting the paths asked about (through `has` and what uses it) whose answer another build of the context may
   * not share; `doubtSeen` says the first.
   */
  watchDoubts(): void {
    this.doubt = null;
    const git = this.ignoreFile ? gitCheckout(resolve(this.dir)) : undefined;
    const file = this.ignoreFile && resolve(this.dir, this.ignoreFile);
    if (git && file && !git.committed(file))
      this.doubt = `its ignore file ${this.ignoreFile} is not committed to git, so a build from a fresh checkout sends what it leaves out`;
  }

  /** The first doubt since `watchDoubts`, if any; watching stops. */
  doubtSeen(): string | undefined {
    const doubt = this.doubt ?? undefined;
    this.doubt = undefined;
    return doubt;
  }

  /**
   * Why a path (not ignored by the ignore file) may be otherwise in another build: it is there through a symbolic
   * link, which a COPY naming it follows while a copy of its folder keeps the link; it is not committed to git, so a
   * build from a fresh checkout (CI, a Git context) lacks it; or it is missing but git ignores it, so a build step or
   * a local install may put one there.
   */
  private doubtOf(clean: string, sent: boolean): string | null {
    const full = join(resolve(this.dir), clean);
    const git = gitCheckout(resolve(this.dir));
    if (sent) {
      // The work tree's own .git is not committed, but a checkout has one too (only a Git context has none, and a
      // split that minds it already declines when it is there).
      if (git && full === join(git.root, '.git')) return null;
      let real: string | undefined;
      try {
        real = realpathSync(full);
      } catch {
        real = undefined;
      }
      this.realDir ??= realpathSync(this.dir);
      if (real !== join(this.realDir, clean))
        return `\`${clean}\` in the build context is a symbolic link or lies below one, which a COPY naming it follows while the copy of its folder keeps the link`;
      if (git && !git.committed(full))
        return `\`${clean}\` is not committed to git, so a build from a fresh checkout (CI, or a Git context) does not have it`;
      return null;
    }
    if (git && (git.ignored(full, false) || git.ignored(full, true)))
      return `\`${clean}\` is not in the build context here, but git ignores it, so a build may have one (a build step or a local install can write it)`;
    return null;
  }

  /**
   * Whether a COPY of the whole context may write at a path: it is there (a dangling link too) and not ignored, or a
   * `!` rule may bring back something below it.
   */
  mayBring(path: string): boolean {
    const clean = cleanPath(path);
    if (clean === undefined) return false;
    if (clean === '') return true;
    return statOfLink(join(this.dir, clean)) !== undefined && (this.exceptions || !this.ignore.ignores(clean));
  }

  /** Whether a path the build gets is a symbolic link, which a COPY brings as the link itself. */
  isLink(path: string): boolean {
    const clean = cleanPath(path);
    return !!clean && this.has(clean) && (statOfLink(join(this.dir, clean))?.isSymbolicLink() ?? false);
  }

  /** Whether a path is sent with the build and is a file. */
  isFile(path: string): boolean {
    return this.has(path) && (statOf(join(this.dir, cleanPath(path)!))?.isFile() ?? false);
  }

  /** Whether a path is sent with the build and is a folder. */
  isDirectory(path: string): boolean {
    return this.has(path) && (statOf(join(this.dir, cleanPath(path)!))?.isDirectory() ?? false);
  }

  /** The text of a file the build gets, or undefined (also when it cannot be read). */
  read(path: string): string | undefined {
    if (!this.isFile(path)) return undefined;
    try {
      return readFileSync(join(this.dir, cleanPath(path)!), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The names of the entries of a folder the build gets (those .dockerignore leaves out are not listed), sorted. */
  list(folder: string): string[] {
    const clean = cleanPath(folder);
    if (clean === undefined || !this.isDirectory(clean)) return [];
    try {
      return readdirSync(join(this.dir, clean))
        .filter((name) => this.has(posix.join(clean, name)))
        .sort();
    } catch {
      return [];
    }
  }

  /**
   * Add to `names` the name of a path of the context and of every entry below it, ignored or not; false when one is
   * a symbolic link, cannot be read, or there are more than `limit`.
   */
  namesBelow(path: string, names: Set<string>, limit: number): boolean {
    const root = cleanPath(path);
    if (root === undefined) return false;
    const pending = [root];
    for (let seen = 0; pending.length; seen++) {
      const entry = pending.pop()!;
      const st = statOfLink(join(this.dir, entry));
      if (!st || st.isSymbolicLink() || seen > limit) return false;
      if (entry) names.add(posix.basename(entry));
      if (!st.isDirectory()) continue;
      try {
        for (const name of readdirSync(join(this.dir, entry))) pending.push(posix.join(entry, name));
      } catch {
        return false;
      }
    }
    return true;
  }

  /**
   * The first entry at or below a folder the build gets that is a symbolic link, or has the setuid or setgid bit, or
   * is neither a file nor a folder (a COPY of the folder takes such entries as they are, while `chown -R` treats them
   * apart); `limit` when the folder holds more than `limit` entries; undefined when there is none.
   */
  specialEntry(folder: string, limit = 50_000): { path: string; what: string } | 'limit' | undefined {
    const root = cleanPath(folder);
    if (root === undefined) return { path: folder, what: 'outside the build context' };
    if (root !== '' && statOfLink(join(this.dir, root))?.isSymbolicLink())
      return { path: root, what: 'a symbolic link' };
    const pending = [root];
    let seen = 0;
    while (pending.length) {
      const dir = pending.pop()!;
      let names: string[];
      try {
        names = readdirSync(join(this.dir, dir));
      } catch {
        return { path: dir || '.', what: 'a folder that cannot be read' };
      }
      for (const name of names.sort()) {
        if (++seen > limit) return 'limit';
        const path = posix.join(dir, name);
        const sent = !this.ignore.ignores(path);
        // An ignored folder is skipped, unless a `!` rule may bring back something below it.
        if (!sent && !this.exceptions) continue;
        let st: ReturnType<typeof lstatSync>;
        try {
          st = lstatSync(join(this.dir, path));
        } catch {
          return { path, what: 'an entry that cannot be read' };
        }
        if (st.isDirectory()) pending.push(path);
        if (!sent) continue;
        if (st.isSymbolicLink()) return { path, what: 'a symbolic link' };
        if (st.mode & 0o4000) return { path, what: 'a file with the setuid bit' };
        if (st.mode & 0o2000) return { path, what: `a ${st.isDirectory() ? 'folder' : 'file'} with the setgid bit` };
        if (!st.isDirectory() && !st.isFile()) return { path, what: 'neither a file nor a folder' };
      }
    }
    return undefined;
  }

  /**
   * The paths below `base` the build gets that end in one of `tails` (`.pip/pip.conf`), context-relative and sorted;
   * node_modules and .git are not searched.
   */
  pathsEndingIn(base: string, tails: readonly string[]): string[] {
    const root = cleanPath(base);
    if (root === undefined || !tails.length || !this.isDirectory(root)) return [];
    let found: string[];
    try {
      found = globSync(
        tails.map((tail) => `**/${tail}`),
        { cwd: join(this.dir, root), dot: true, ignore: ['**/node_modules/**', '**/.git/**'] },
      );
    } catch {
      return [];
    }
    return [...new Set(found.map((path) => posix.join(root, path.replace(/\/+$/, ''))))]
      .filter((path) => this.has(path))
      .sort();
  }

  /**
   * The folders below `base` that match glob patterns (`!` patterns exclude), context-relative and sorted. Throws
   * for a folder whose name has a backslash, which context paths read as a separator (as in a COPY source).
   */
  folders(base: string, patterns: string[]): string[] {
    const root = cleanPath(base);
    if (root === undefined || !this.isDirectory(root)) return [];
    const positive = patterns
      .filter((p) => !p.startsWith('!'))
      .map(globPattern)
      .filter(Boolean);
    if (!positive.length) return [];
    const negative = patterns.filter((p) => p.startsWith('!')).map((p) => globPattern(p.slice(1)));
    let found: string[];
    try {
      found = globSync(positive, {
        cwd: join(this.dir, root),
        onlyDirectories: true,
        expandDirectories: false,
        ignore: ['**/node_modules/**', ...negative],
      });
    } catch {
      return [];
    }
    const named = found.find((folder) => folder.includes('\\'));
    if (named) throw new Error(`the folder ${posix.join(root, named.replace(/\/+$/, ''))} has a backslash in its name`);
    return [...new Set(found.map((folder) => posix.join(root, folder.replace(/\/+$/, ''))))]
      .filter((folder) => this.isDirectory(folder))
      .sort();
  }
}

/** The status of a path itself (a link is not followed), or undefined when it cannot be read. */
function statOfLink(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The file status of a path on disk, or undefined when it cannot be read. */
function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** A context-relative path normalised (`''` for the root), or undefined when it leaves the context. */
export function cleanPath(path: string): string | undefined {
  // BuildKit reads a source from the context root whether or not it starts with `/`.
  const clean = posix.normalize(path.replace(/\\/g, '/').replace(/^\/+/, '')).replace(/^(\.\/)+|\/+$/g, '');
  if (clean === '.' || clean === '') return '';
  if (clean === '..' || clean.startsWith('../') || clean.startsWith('/')) return undefined;
  return clean;
}

function globPattern(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

/**
 * The `ignoreFile` of a build that sends a Git context (docker/build-push-action without `context`): BuildKit fetches
 * the committed tree and applies no ignore file to it.
 */
export const GIT_CONTEXT = '(the Git context: no ignore file)';

/** Where the build context of a Dockerfile is, or why it cannot be read. */
export type ContextLookup = { context: BuildContext } | { reason: string };

/**
 * Open the build context of the Dockerfile at `dockerfile` (a path on disk, or undefined when the text has none):
 * `option` (relative to the Dockerfile's folder, or absolute) overrides the default, the Dockerfile's folder. The
 * ignore file is `ignoreFile` when the build names one, else the Dockerfile's own `<name>.dockerignore`, else the
 * context's .dockerignore; a context with a .containerignore and no named ignore file sends what the builder decides.
 */
export function openBuildContext(dockerfile: string | undefined, option: string, ignoreFile?: string): ContextLookup {
  if (!dockerfile && !isAbsolute(option)) {
    return {
      reason:
        'the Dockerfile has no path, so its build context is unknown (give its path, or an absolute `context` option)',
    };
  }
  const dir = dockerfile ? resolve(dirname(dockerfile), option || '.') : option;
  if (!statOf(dir)?.isDirectory()) {
    return {
      reason: option
        ? `its build context \`${option}\` (the context option) is not a folder on disk`
        : "its build context, the Dockerfile's folder, is not a folder on disk",
    };
  }
  if (ignoreFile === GIT_CONTEXT) return { context: new BuildContext(dir) };
  if (ignoreFile) return readable(new BuildContext(dir, ignoreFile));
  if (existsSync(join(dir, '.containerignore'))) {
    return {
      reason:
        'its build context has a .containerignore, which podman and buildah read in place of .dockerignore, so what the context sends depends on the builder (a podman or buildah command in the build files settles it)',
    };
  }
  if (dockerfile && existsSync(`${resolve(dockerfile)}.containerignore`)) {
    return {
      reason: `the Dockerfile has its own ${basename(dockerfile)}.containerignore, which podman and buildah read and BuildKit does not, so what the context sends depends on the builder (a podman or buildah command in the build files settles it)`,
    };
  }
  const own = dockerfile ? `${resolve(dockerfile)}.dockerignore` : undefined;
  const inEffect = own && existsSync(own) ? own : existsSync(join(dir, '.dockerignore')) ? '.dockerignore' : undefined;
  return readable(new BuildContext(dir, inEffect));
}

/** The context, or why its ignore file cannot be read as BuildKit reads it. */
function readable(context: BuildContext): ContextLookup {
  return context.problem ? { reason: context.problem } : { context };
}

/** The `context` option of the transforms that read the build context. */
export const CONTEXT_OPTION = {
  context: {
    type: 'string',
    default: '',
    description:
      "The build context folder, relative to the Dockerfile's folder (or absolute); empty means the Dockerfile's folder.",
  },
} as const;

/**
 * The build context a transform reads: its `context` option, else the one the runner found from the repository, else
 * the Dockerfile's folder, but only when every path the file copies from its context is there (otherwise the file is
 * built from another folder, and what layerfix would read there is not what the build reads).
 */
export function transformBuildContext(ctx: TransformContext<{ context: string }>): ContextLookup {
  const option = ctx.options.context;
  if (!option && ctx.build.contextUnknown) return { reason: ctx.build.contextUnknown };
  const lookup = openBuildContext(
    ctx.file.path,
    option || ctx.build.context || '',
    option ? undefined : ctx.build.ignoreFile,
  );
  if (option || ctx.build.context || !('context' in lookup)) return lookup;
  const missing = missingSource(lookup.context, contextSources(ctx.root));
  if (!missing) return lookup;
  const where = positionText(ctx.edit.originOf(missing.view.node));
  return {
    reason: `the ${missing.view.keyword.toUpperCase()} at ${where} reads \`${missing.source}\`, which is not in the Dockerfile's folder, so the file is built from another folder and its build context is not known (give it with the context option or --context)`,
  };
}

/**
 * The context-relative paths a Dockerfile reads from its build context, with the instruction that reads each: COPY/ADD
 * sources (not `--from`, URLs, heredocs or paths with variables) and the sources of RUN bind mounts.
 */
export function contextSources(root: Root): Array<{ source: string; view: InstructionView }> {
  const out: Array<{ source: string; view: InstructionView }> = [];
  for (const stage of stages(root)) {
    for (const view of stage.instructions) {
      if (view.name === 'copy' || view.name === 'add') {
        if (view.flags.some((f) => f.name === 'from')) continue;
        for (const word of (copyWords(view) ?? []).slice(0, -1))
          if (!word.startsWith('<<')) out.push({ source: word, view });
      } else if (view.name === 'run') out.push(...bindSources(view).map((source) => ({ source, view })));
    }
  }
  return out.filter(
    ({ source }) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !source.startsWith('git@') && !source.includes('$'),
  );
}

/** The context paths a `RUN --mount=type=bind` (without `from=`) reads: its `source` (default: the whole context). */
export function bindSources(view: InstructionView): string[] {
  const out: string[] = [];
  for (const flag of view.flags) {
    if (flag.name !== 'mount' || !flag.fields) continue;
    const get = (key: string) => flag.fields!.find((f) => f.key === key)?.value;
    if (get('type') === 'bind' && get('from') === undefined) out.push(get('source') ?? get('src') ?? '.');
  }
  return out;
}

/** The first of `sources` the context does not have (a glob must match something not ignored), or undefined. */
export function missingSource<T extends { source: string }>(
  context: BuildContext,
  sources: readonly T[],
): T | undefined {
  for (const entry of sources) {
    const source = entry.source;
    if (/[*?[]/.test(source)) {
      const pattern = source.replace(/\\/g, '/').replace(/^\/+|^(\.\/)+/g, '');
      let found: string[] = [];
      try {
        found = globSync(pattern, { cwd: context.dir, dot: true, onlyFiles: false, expandDirectories: false });
      } catch {
        found = [];
      }
      if (!found.some((path) => context.has(path))) return entry;
    } else if (!context.has(source)) return entry;
  }
  return undefined;
}
