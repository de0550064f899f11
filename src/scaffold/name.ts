/**
 * Checks on the name of a new transform: kebab-case, and not taken by a built-in.
 */
import { isTransformName } from '../engine/index.js';
import { builtinTransforms } from '../registry.js';
import { ScaffoldError } from './errors.js';

/** Throw ScaffoldError unless `name` can name a new plugin transform. */
export function checkTransformName(name: string): void {
  if (!isTransformName(name))
    throw new ScaffoldError(`Invalid transform name "${name}": expected kebab-case, e.g. "no-latest-tag"`);
  if (builtinTransforms.some((t) => t.name === name))
    throw new ScaffoldError(`"${name}" is the name of a built-in transform; choose another name`);
}
