/**
 * Which configuration file `new-transform` registers the plugin in: the nearest one from the working folder up to
 * the repository root, found by the same search places the CLI uses.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { configFileIn } from '../config/search-places.js';

/** A configuration file and the folder it configures (its plugins go to `<dir>/layerfix/`). */
export interface FoundConfig {
  path: string;
  dir: string;
}

/** The nearest configuration file from `cwd` upward, stopping at the folder that holds `.git`; undefined when none. */
export function findConfig(cwd: string): FoundConfig | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const path = configFileIn(dir);
    if (path) return { path, dir };
    const parent = dirname(dir);
    if (existsSync(join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}
