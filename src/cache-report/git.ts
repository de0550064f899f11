/**
 * The few git queries cache-report needs, run with `git` as a child process.
 */
import { spawnSync } from 'node:child_process';
import { ConfigError } from '../config/errors.js';

/** A commit of the range reported on. */
export interface Commit {
  /** The full hash. */
  sha: string;
  /** The first line of its message. */
  subject: string;
}

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new ConfigError(`cannot run git: ${result.error.message}`);
  return { ok: result.status === 0, out: result.stdout, err: result.stderr };
}

/** The top folder of the git work tree holding `cwd`; throws ConfigError when there is none. */
export function repoRoot(cwd: string): string {
  const r = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!r.ok) throw new ConfigError(`cache-report: ${cwd} is not inside a git repository (${r.err.trim()}); use --changed`);
  return r.out.trim();
}

/** The commits of `<since>..HEAD`, oldest first (all of HEAD's history when `since` is undefined). */
export function commitsSince(root: string, since: string | undefined): Commit[] {
  const r = git(root, ['log', '--reverse', '--format=%H%x09%s', since ? `${since}..HEAD` : 'HEAD']);
  if (!r.ok) throw new ConfigError(`cache-report: git log ${since ?? ''}..HEAD failed: ${r.err.trim()}`);
  return r.out.split('\n').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    return { sha: line.slice(0, tab), subject: line.slice(tab + 1) };
  });
}

/** The repository-relative paths a commit changes against its first parent (all its files for a root commit). */
export function changedFiles(root: string, sha: string): string[] {
  const parent = git(root, ['rev-parse', '--verify', '--quiet', `${sha}^`]);
  const r = parent.ok ? git(root, ['diff', '--name-only', `${sha}^`, sha]) : git(root, ['show', '--name-only', '--format=', sha]);
  if (!r.ok) throw new ConfigError(`cache-report: git diff of ${sha} failed: ${r.err.trim()}`);
  return r.out.split('\n').filter(Boolean);
}

/** The text of a repository-relative file at a revision, or undefined when it does not exist there. */
export function fileAt(root: string, rev: string, path: string): string | undefined {
  const r = git(root, ['show', `${rev}:${path}`]);
  return r.ok ? r.out : undefined;
}
