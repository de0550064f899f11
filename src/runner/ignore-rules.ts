/**
 * `.gitignore` and `.layerfixignore` files, read per folder and applied the way git does: each file's patterns are
 * relative to its folder, deeper files can re-include with `!`, and an ignored folder hides everything below it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Ignore } from 'ignore';
import { readRuleFiles } from '../analysis/index.js';
import { createIgnore } from '../config/load-ignore.js';
import { relativeInside } from '../config/patterns.js';

const IGNORE_FILES = ['.gitignore', '.layerfixignore'];

interface Scope {
  base: string;
  rules: Ignore;
}

/** The ignore rules of a tree, from its top folder (the git root, or where the search starts) down. */
export class IgnoreRules {
  private readonly scopes = new Map<string, Scope[]>();
  private readonly listings = new Map<string, ReadonlySet<string>>();
  private readonly fixed: Scope[] | undefined;

  /**
   * @param top the highest folder whose ignore files count
   * @param files ignore files to use instead of those of each folder (`--ignore-path`): absolute paths, read now,
   *   each relative to its own folder. Throws an Error naming a file that cannot be read.
   */
  constructor(
    private readonly top: string,
    files?: readonly string[],
  ) {
    this.fixed = files?.map((file) => ({ base: dirname(file), rules: createIgnore().add(readFileSync(file, 'utf8')) }));
  }

  private scopesFor(dir: string): Scope[] {
    if (this.fixed) return this.fixed;
    const cached = this.scopes.get(dir);
    if (cached) return cached;
    const parent = dirname(dir);
    const inherited =
      dir === this.top || parent === dir || relativeInside(this.top, dir) === undefined ? [] : this.scopesFor(parent);
    const listing = this.listings.get(dir);
    this.listings.delete(dir);
    const patterns = readRuleFiles(
      IGNORE_FILES.filter((name) => (listing ? listing.has(name) : existsSync(join(dir, name)))).map((name) =>
        join(dir, name),
      ),
    );
    const own = patterns.trim() ? [...inherited, { base: dir, rules: createIgnore().add(patterns) }] : inherited;
    this.scopes.set(dir, own);
    return own;
  }

  /** The names in `dir`, when the caller has listed it: saves looking for each ignore file there. */
  listed(dir: string, names: ReadonlySet<string>): void {
    if (!this.fixed && !this.scopes.has(dir)) this.listings.set(dir, names);
  }

  /** Whether `path` (absolute; a folder when `isDir`) is ignored by the ignore files of its folders. */
  ignores(path: string, isDir = false): boolean {
    let ignored = false;
    for (const scope of this.scopesFor(dirname(path))) {
      const rel = relativeInside(scope.base, path);
      if (rel === undefined) continue;
      const result = scope.rules.test(isDir ? `${rel}/` : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/** The folder whose ignore files are the highest to count for a search from `start`: the git root, else `start`. */
export function ignoreTop(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
