/**
 * What cache-report reads from git, in a fixed number of processes whatever the history's length: the work tree's
 * root and the range (`git rev-parse`), the commits with every path each changes and the blob ids of both sides
 * (one `git log --raw -z`), and the text of each Dockerfile version needed (one `git cat-file --batch`).
 */
import { spawnSync } from 'node:child_process';
import { ConfigError } from '../config/errors.js';

/** A commit of the range reported on. */
export interface Commit {
  /** The full hash. */
  sha: string;
  /** The first parent's hash, when it has one. */
  parent?: string;
  /** The first line of its message. */
  subject: string;
  /** Repository-relative paths it changes against its first parent (all its files for a root commit). */
  paths: string[];
  /** For each changed path, its blob id after the commit (undefined when the commit deletes it). */
  blobs: Map<string, string | undefined>;
}

/** Which commits to read. */
export interface HistoryOptions {
  /** The commits after this revision up to HEAD (default: all of HEAD's history). */
  since?: string;
  /** Only the last N commits of the range. */
  maxCount?: number;
  /** Follow only the first parent of merges (the main line). */
  firstParent?: boolean;
}

const NO_BLOB = /^0+$/;

function git(cwd: string, args: string[], input?: string): { ok: boolean; out: Buffer; err: string } {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) throw new ConfigError(`cannot run git: ${result.error.message}`);
  return { ok: result.status === 0, out: result.stdout, err: result.stderr.toString('utf8') };
}

/** The top folder of the git work tree holding `cwd`; throws ConfigError when there is none. */
export function repoRoot(cwd: string): string {
  const r = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!r.ok)
    throw new ConfigError(`cache-report: ${cwd} is not inside a git repository (${r.err.trim()}); use --changed`);
  return r.out.toString('utf8').trim();
}

/** The commits of the range, oldest first (parents before children), each with its changes. */
export function readHistory(root: string, options: HistoryOptions = {}): Commit[] {
  const since = options.since;
  if (since !== undefined) {
    const check = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${since}^{commit}`]);
    if (!check.ok)
      throw new ConfigError(`cache-report: --since ${since}: git cannot resolve it to a commit of this repository`);
  }
  const head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) throw new ConfigError('cache-report: the repository has no commits yet (HEAD does not resolve)');
  const args = [
    'log',
    '-z',
    '--topo-order',
    '--format=%x01%H %P%x02%s',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--diff-merges=first-parent',
  ];
  if (options.firstParent) args.push('--first-parent');
  if (options.maxCount !== undefined) args.push(`--max-count=${options.maxCount}`);
  args.push(since ? `${since}..HEAD` : 'HEAD', '--');
  const r = git(root, args);
  if (!r.ok)
    throw new ConfigError(`cache-report: git log ${since ? `${since}..HEAD` : 'HEAD'} failed: ${r.err.trim()}`);
  const commits: Commit[] = [];
  const tokens = r.out.toString('utf8').split('\0');
  let current: Commit | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      const split = token.indexOf('\x02');
      const [sha, parent] = token.slice(1, split).split(' ');
      current = { sha, ...(parent ? { parent } : {}), subject: token.slice(split + 1), paths: [], blobs: new Map() };
      commits.push(current);
    } else if (token.startsWith(':') && current) {
      const fields = token.split(' ');
      const blob = fields[3];
      const path = tokens[++i];
      current.paths.push(path);
      current.blobs.set(path, NO_BLOB.test(blob) ? undefined : blob);
    }
  }
  // git log lists children first; reversed, every parent in the range comes before its children.
  return commits.reverse();
}

/**
 * Read objects (`<blob id>` or `<commit>:<path>`) with one `git cat-file --batch`; an object that does not exist reads
 * as undefined.
 */
export function readObjects(root: string, names: readonly string[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  if (!names.length) return out;
  const r = git(root, ['cat-file', '--batch'], `${names.join('\n')}\n`);
  if (!r.ok) throw new ConfigError(`cache-report: git cat-file failed: ${r.err.trim()}`);
  const data = r.out;
  let at = 0;
  for (const name of names) {
    const eol = data.indexOf(10, at);
    const header = data.toString('utf8', at, eol);
    at = eol + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      out.set(name, undefined);
      continue;
    }
    const size = Number(header.slice(header.lastIndexOf(' ') + 1));
    const type = header.split(' ')[1];
    out.set(name, type === 'blob' ? data.toString('utf8', at, at + size) : undefined);
    at += size + 1;
  }
  return out;
}
