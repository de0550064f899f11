/**
 * Loaded with `node --import`: the process behaves as if ts-morph (an optional peer dependency) were not installed,
 * by failing its resolution the way Node fails a missing package.
 */
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === 'ts-morph' || specifier.startsWith('ts-morph/')) {
    const error = new Error("Cannot find package 'ts-morph' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
