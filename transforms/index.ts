/**
 * The registry of built-in transforms, in the order they run.
 */
import type { AnyTransform } from '../src/engine/types.js';
import format from './format.js';
import mergeRuns from './merge-runs.js';
import reorderStable from './reorder-stable.js';

/** The built-in transforms in their stable run order: moves first (so merges do not glue a stable RUN to one that must stay), then merges, then layout. */
export const builtinTransforms: AnyTransform[] = [reorderStable, mergeRuns, format];
