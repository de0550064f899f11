/**
 * Scripted git histories written in one `git fast-import` process (a `git commit` per commit takes a tenth of a second
 * or more here, so 500 commits would take over a minute): each commit sets or deletes files, on a branch, optionally
 * merging another. The work tree is checked out at the end.
 */
import { spawnSync } from 'node:child_process';

/** One scripted commit. */
export interface ScriptedCommit {
  message: string;
  /** Files to write (path to content), or `null` to delete. */
  files: Record<string, string | null>;
  /** The branch it goes on (default `main`). */
  branch?: string;
  /** Branches merged into it (a merge commit). */
  merge?: string[];
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/** Write `commits` into the (empty, initialised) repository at `dir` and check out `main`. */
export function writeHistory(dir: string, commits: readonly ScriptedCommit[]): void {
  const parts: string[] = [];
  const heads = new Map<string, number>();
  let mark = 0;
  let time = 1_700_000_000;
  for (const commit of commits) {
    const branch = commit.branch ?? 'main';
    mark++;
    time += 60;
    parts.push(
      `commit refs/heads/${branch}\nmark :${mark}\ncommitter Test <test@example.com> ${time} +0000\n${data(commit.message)}`,
    );
    const head = heads.get(branch);
    if (head !== undefined) parts.push(`from :${head}\n`);
    else if (branch !== 'main' && heads.has('main')) parts.push(`from :${heads.get('main')}\n`);
    for (const other of commit.merge ?? []) parts.push(`merge :${heads.get(other)}\n`);
    for (const [path, content] of Object.entries(commit.files)) {
      parts.push(content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`);
    }
    parts.push('\n');
    heads.set(branch, mark);
  }
  const run = (args: string[], input?: string) => {
    const r = spawnSync('git', args, { cwd: dir, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  run(['fast-import', '--quiet'], parts.join(''));
  run(['checkout', '-q', '-f', 'main']);
}
