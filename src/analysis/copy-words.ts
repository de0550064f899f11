/** The words of a COPY or ADD as BuildKit reads them. */
import type { InstructionView } from '../engine/index.js';

/**
 * The sources and then the destination of a COPY/ADD of any kind (the JSON form's elements, or the shell form's
 * words), as written; undefined for other instructions and for one with fewer than two words.
 */
export function copyWords(view: InstructionView): string[] | undefined {
  if (view.name !== 'copy' && view.name !== 'add') return undefined;
  const words =
    view.form === 'exec'
      ? (view.exec ?? [])
      : view.buildkit.next.filter((word): word is string => typeof word === 'string');
  return words.length < 2 ? undefined : words;
}
