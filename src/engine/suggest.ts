/**
 * "Did you mean" for a name that is not known: the closest known name by edit distance (fastest-levenshtein), when it
 * is close enough to be a slip of the keyboard rather than another word.
 */
import { distance } from 'fastest-levenshtein';

/** The known name closest to `input`, if it is within a third of the input's length, rounded up (1 to 3 edits). */
export function closestName(input: string, known: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.ceil(input.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = input.toLowerCase();
  for (const name of known) {
    const d = name.toLowerCase() === lower ? 0 : distance(lower, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `; did you mean "x"?` for the closest known name, or the empty string. `quote` wraps the name (default `"`). */
export function didYouMean(
  input: string,
  known: Iterable<string>,
  format: (name: string) => string = (name) => `"${name}"`,
): string {
  const name = closestName(input, known);
  return name === undefined ? '' : `; did you mean ${format(name)}?`;
}
