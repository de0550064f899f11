/**
 * The registry of built-in transforms, in the order they run.
 */
import type { AnyTransform } from '../src/engine/types.js';
import mergeRuns from './merge-runs.js';

/** The built-in transforms in their stable run order: layer transforms first, then layout. */
export const builtinTransforms: AnyTransform[] = [mergeRuns];
