/**
 * Find the Dockerfiles named by the command line: files as given, folders searched (Dockerfile names plus the
 * config's `files`, minus ignore files, the config's `ignore`, `node_modules` and `.git`), globs expanded.
 * Symlinked folders are never followed; a symlinked file counts only when it resolves inside the tree searched.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../config/errors.js';
import type { ConfigLayer } from '../config/merge.js';
import { matchesPatterns, relativeInside } from '../config/patterns.js';
import type { ConfigResolver } from '../config/resolver.js';
import { IgnoreRules, ignoreTop } from './ignore-rules.js';
import { isDockerfileName, SKIPPED_FOLDERS, TEMP_FILE } from './names.js';

/** A file to process, or a reason it is not processed. */
export interface Candidate {
  /** The path as found (it may be a symlink). */
  absolutePath: string;
  /** The file a symlink resolves to, when that is where reads and writes go. */
  realPath?: string;
  /** Named on the command line (processed even when ignored or not named like a Dockerfile). */
  explicit: boolean;
  /** Found but not processed, and why. */
  skipped?: string;
  /** Cannot be processed at all, and why (e.g. no such file). */
  error?: { ruleId: string; message: string };
  /** The command-line argument, when it is what the user sees (a glob that matched nothing). */
  display?: string;
  /** A command-line argument that matched no file (its `error` says how): not a file, but a problem of the run. */
  unmatched?: boolean;
}

/** How discovery reads configuration and resolves paths. */
export interface DiscoverOptions {
  cwd: string;
  resolver: ConfigResolver;
  /** Receives the temporary files of interrupted `--write` runs found in the folders searched. */
  onTempFile?(path: string): void;
  /** Receives each candidate as it is found (before duplicates are removed), e.g. to start on it early. */
  onFound?(candidate: Candidate): void;
  /** Ignore files to use instead of each folder's `.gitignore` and `.layerfixignore` (absolute paths). */
  ignorePaths?: readonly string[];
  /**
   * Receives a configuration error met while searching a folder (the folder is then searched without its
   * configuration's `files` and `ignore`); without it, the error is thrown.
   */
  onConfigError?(error: ConfigError): void;
}

/** Folders read between two turns of the event loop (a folder is read synchronously: much faster). */
const FOLDERS_PER_TURN = 64;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function push(found: Candidate[], candidate: Candidate, options: DiscoverOptions): void {
  found.push(candidate);
  options.onFound?.(candidate);
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? '';
}

function configMatches(layers: readonly ConfigLayer[], key: 'files' | 'ignore', path: string, isDir = false): boolean {
  return layers.some(
    (layer) => layer.config[key] !== undefined && matchesPatterns(layer.config[key]!, layer.base, path, isDir),
  );
}

/** A symlink found in a tree: a candidate when it resolves to a file inside the tree (or fails to resolve at all). */
function symlinkCandidate(path: string, treeReal: string): Candidate | undefined {
  let target;
  try {
    target = statSync(path);
  } catch {
    return { absolutePath: path, explicit: false }; // a loop or a dangling link: reading it reports why
  }
  if (target.isDirectory()) return undefined;
  const real = realpathSync.native(path);
  if (relativeInside(treeReal, real) === undefined) {
    return { absolutePath: path, explicit: false, skipped: `symlink to ${real}, outside the folder being processed` };
  }
  return { absolutePath: path, realPath: real, explicit: false };
}

async function walk(root: string, options: DiscoverOptions, found: Candidate[]): Promise<void> {
  const treeReal = realpathSync.native(root);
  const rules = new IgnoreRules(ignoreTop(root), options.ignorePaths);
  let folders = 0;
  const visit = async (dir: string): Promise<void> => {
    // Read synchronously (a direct system call instead of a thread-pool round trip per folder), and let the event
    // loop turn now and then, so a worker pool already at work is answered.
    if (++folders % FOLDERS_PER_TURN === 0) await nextTurn();
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      push(
        found,
        {
          absolutePath: dir,
          explicit: false,
          error: { ruleId: 'read-error', message: `Cannot read the folder (${code(error) || String(error)})` },
        },
        options,
      );
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = new Set(entries.map((e) => e.name));
    if (entries.length) rules.listed(dir, names);
    let layers: readonly ConfigLayer[];
    try {
      layers = await options.resolver.chainFor(dir, names);
    } catch (error) {
      if (!(error instanceof ConfigError) || !options.onConfigError) throw error;
      options.onConfigError(error);
      layers = [];
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name) || rules.ignores(path, true) || configMatches(layers, 'ignore', path, true))
          continue;
        await visit(path);
        continue;
      }
      if (TEMP_FILE.test(entry.name)) {
        options.onTempFile?.(path);
        continue;
      }
      if (!isDockerfileName(entry.name) && !configMatches(layers, 'files', path)) continue;
      if (rules.ignores(path) || configMatches(layers, 'ignore', path)) continue;
      const candidate = entry.isSymbolicLink()
        ? symlinkCandidate(path, treeReal)
        : { absolutePath: path, explicit: false };
      if (candidate) push(found, candidate, options);
    }
  };
  await visit(root);
}

async function expandGlob(pattern: string, options: DiscoverOptions, found: Candidate[]): Promise<void> {
  const { glob } = await import('tinyglobby');
  const paths = await glob(pattern, {
    cwd: options.cwd,
    absolute: true,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    expandDirectories: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  });
  const cwdReal = realpathSync.native(options.cwd);
  const rules = new IgnoreRules(ignoreTop(options.cwd), options.ignorePaths);
  const matched = paths.map((path) => resolve(path)).sort();
  let count = 0;
  for (const path of matched) {
    if (rules.ignores(path) || TEMP_FILE.test(path.slice(path.lastIndexOf('/') + 1))) continue;
    const info = lstatSync(path);
    const candidate = info.isSymbolicLink() ? symlinkCandidate(path, cwdReal) : { absolutePath: path, explicit: true };
    if (candidate) {
      push(found, { ...candidate, explicit: true }, options);
      count++;
    }
  }
  if (count === 0) {
    push(
      found,
      {
        absolutePath: resolve(options.cwd, pattern),
        display: pattern,
        explicit: true,
        unmatched: true,
        error: { ruleId: 'no-match', message: 'No files match this pattern' },
      },
      options,
    );
  }
}

/** Whether `path` is a symbolic link (false when it cannot be read at all). */
function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether a command-line argument is a glob rather than a path. */
function isGlob(arg: string): boolean {
  return /[*?[\]{}!]/.test(arg);
}

/** The candidates for the given paths, files, folders or globs (default `.`), deduplicated, in argument order. */
export async function discover(args: readonly string[], options: DiscoverOptions): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const arg of args.length ? args : ['.']) {
    const path = resolve(options.cwd, arg);
    let info;
    try {
      info = statSync(path);
    } catch (error) {
      const missing = code(error) === 'ENOENT';
      const isLink = isSymlink(path);
      if (missing && !isLink && isGlob(arg)) await expandGlob(arg, options, found);
      else if (missing && !isLink)
        push(
          found,
          {
            absolutePath: path,
            display: arg,
            explicit: true,
            unmatched: true,
            error: { ruleId: 'read-error', message: 'No such file or folder' },
          },
          options,
        );
      else push(found, { absolutePath: path, explicit: true }, options); // a symlink loop or dangling link: reading it reports why
      continue;
    }
    if (info.isDirectory()) {
      const before = found.length;
      await walk(path, options, found);
      // A folder named on the command line that holds no Dockerfile matched nothing, as a glob can.
      if (args.length && found.length === before) {
        push(
          found,
          {
            absolutePath: path,
            display: arg,
            explicit: true,
            unmatched: true,
            error: { ruleId: 'no-match', message: 'No Dockerfile found in this folder' },
          },
          options,
        );
      }
    } else push(found, { absolutePath: path, explicit: true }, options);
  }
  return dedupe(found);
}

/** One candidate per real file: a plain path wins over a symlink to the same file. */
function dedupe(candidates: Candidate[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const key = candidate.realPath ?? candidate.absolutePath;
    const existing = byKey.get(key);
    if (!existing || (existing.realPath && !candidate.realPath)) byKey.set(key, candidate);
  }
  return [...byKey.values()];
}
