/**
 * The `ignore` package (`.gitignore` rules), loaded on first use so runs over named files never pay for it.
 */
import { createRequire } from 'node:module';
import type { Ignore, Options } from 'ignore';

type IgnoreFactory = (options?: Options) => Ignore;
let factory: IgnoreFactory | undefined;

/** A new, empty set of `.gitignore`-syntax rules. */
export function createIgnore(): Ignore {
  factory ??= createRequire(import.meta.url)('ignore') as IgnoreFactory;
  return factory();
}
