/**
 * Scaffolding for plugin authors: `newTransform`, what `layerfix new-transform <name>` runs.
 */
export { newTransform, type NewTransformOptions, type NewTransformResult, type ConfigChange } from './new-transform.js';
export { ScaffoldError } from './errors.js';
