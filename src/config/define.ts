/**
 * `defineConfig`: types for a `layerfix.config.ts` or `.js` file.
 */
import type { LayerfixConfig } from './types.js';

/** Return `config` unchanged; its only job is to type-check a configuration written in TypeScript or JavaScript. */
export function defineConfig(config: LayerfixConfig): LayerfixConfig {
  return config;
}
