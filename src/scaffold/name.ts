/**
 * Checks on the name of a new transform: kebab-case, and not taken by a built-in.
 */
import { builtinTransforms } from '../../transforms/index.js';
import { ScaffoldError } from './errors.js';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Throw ScaffoldError unless `name` can name a new plugin transform. */
export function checkTransformName(name: string): void {
  if (!KEBAB.test(name)) throw new ScaffoldError(`Invalid transform name "${name}": expected kebab-case, e.g. "no-latest-tag"`);
  if (builtinTransforms.some((t) => t.name === name)) throw new ScaffoldError(`"${name}" is the name of a built-in transform; choose another name`);
}
