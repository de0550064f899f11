/**
 * The error `newTransform` throws: nothing was written when it is thrown.
 */

/** A scaffold that cannot be made (bad name, files that exist, a configuration it cannot edit); nothing was written. */
export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}
