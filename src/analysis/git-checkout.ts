/**
 * A build context inside a git work tree is not always built from the work tree: CI builds a fresh checkout, and
 * `docker/build-push-action` without `context` builds the commit itself. Neither has the files git does not track,
 * and a build step may write there the files git ignores (`.npmrc` with a token). This says, for a path of the work
 * tree, whether it is committed and whether git ignores it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The committed files of one git work tree, and its ignore rules. */
export class GitCheckout {
  private files?: Set<string>;
  private folders?: Set<string>;
  private readonly rules = new Map<string, Ignore | undefined>();

  constructor(
    /** The work tree's top folder (absolute). */
    readonly root: string,
  ) {}

  /**
   * Whether git can list the committed files: a `.git` it cannot read (not a repository) is no work tree, and then
   * nothing here applies.
   */
  readable(): boolean {
    if (!this.files) {
      try {
        const listed = execFileSync('git', ['-C', this.root, 'ls-files', '-z'], {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
          stdio: ['ignore', 'pipe', 'ignore'],
        }).split('\0');
        this.files = new Set(listed.filter(Boolean));
        this.folders = new Set([...this.files].flatMap(ancestors));
      } catch {
        this.files = new Set();
        this.folders = undefined;
      }
    }
    return this.folders !== undefined;
  }

  /** Whether the path (absolute) is a committed file, or a folder holding one. */
  committed(path: string): boolean {
    if (!this.readable()) return true;
    const rel = this.relative(path);
    return rel === '' || this.files!.has(rel) || this.folders!.has(rel);
  }

  /** Whether git's ignore rules (each folder's .gitignore, .git/info/exclude) leave out the path (absolute). */
  ignored(path: string, isDir: boolean): boolean {
    const rel = this.relative(path);
    if (!rel || !this.readable()) return false;
    const parts = rel.split('/');
    let ignoredNow = false;
    for (let depth = 0; depth < parts.length; depth++) {
      const base = parts.slice(0, depth).join('/');
      const rules = this.rulesOf(base);
      if (!rules) continue;
      const below = parts.slice(depth).join('/');
      const result = rules.test(isDir ? `${below}/` : below);
      if (result.ignored) ignoredNow = true;
      else if (result.unignored) ignoredNow = false;
    }
    return ignoredNow;
  }

  /** The rules of a folder's .gitignore (with .git/info/exclude at the top), or undefined when it has none. */
  private rulesOf(folder: string): Ignore | undefined {
    if (this.rules.has(folder)) return this.rules.get(folder);
    const files = [join(this.root, folder, '.gitignore')];
    if (folder === '') files.unshift(join(this.root, '.git', 'info', 'exclude'));
    const text = readRuleFiles(files);
    const rules = text.trim() ? ignore().add(text) : undefined;
    this.rules.set(folder, rules);
    return rules;
  }

  private relative(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }
}

/** The texts of ignore files one after another, as one set of rules (a file that cannot be read adds none). */
export function readRuleFiles(files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    })
    .join('\n');
}

/** The folders above a work-tree-relative path, nearest last (`a/b/c` → `a`, `a/b`). */
function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

const checkouts = new Map<string, GitCheckout | undefined>();

/** The git work tree that holds the folder `dir` (absolute), or undefined outside one. */
export function gitCheckout(dir: string): GitCheckout | undefined {
  if (checkouts.has(dir)) return checkouts.get(dir);
  const parent = dirname(dir);
  const found = existsSync(join(dir, '.git')) ? new GitCheckout(dir) : parent === dir ? undefined : gitCheckout(parent);
  if (checkouts.size > 10_000) checkouts.clear();
  checkouts.set(dir, found);
  return found;
}
