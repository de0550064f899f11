/**
 * Colour functions (picocolors) that colour only when asked to.
 */
import picocolors from 'picocolors';

/** The colour functions used by the reporters. */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** Colour functions that colour when `enabled`, and return text unchanged otherwise. */
export function colors(enabled: boolean): Colors {
  return picocolors.createColors(enabled);
}
