/**
 * `defineTransform`: the typed way to declare a transform, for built-ins and plugins alike.
 */
import type { OptionSpec, TransformDefinition } from './types.js';

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Whether a string is a valid transform name: kebab-case, as in `merge-runs`. */
export function isTransformName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name);
}

/** Declare a transform; checks its metadata so a plugin with a bad name or option spec fails at load time. */
export function defineTransform<const S extends Record<string, OptionSpec>>(
  definition: TransformDefinition<S>,
): TransformDefinition<S> {
  if (!isTransformName(definition.name))
    throw new TypeError(`Transform name "${definition.name}" must be kebab-case, e.g. "merge-runs"`);
  if (!definition.description) throw new TypeError(`Transform "${definition.name}" needs a one-line description`);
  if (typeof definition.run !== 'function')
    throw new TypeError(`Transform "${definition.name}" needs a run(context) function`);
  for (const [key, spec] of Object.entries(definition.options)) {
    if (!spec || typeof spec !== 'object' || !('type' in spec) || !('default' in spec)) {
      throw new TypeError(`Option "${key}" of transform "${definition.name}" needs a type and a default`);
    }
  }
  return definition;
}
