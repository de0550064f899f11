/**
 * The built prettier plugin, as prettier's `plugins` option loads it: by path.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from './corpus.js';

/** The path of the built plugin entry (`layerfix/prettier`). */
export const PRETTIER_PLUGIN = join(PROJECT_ROOT, 'dist/src/prettier/index.js');
