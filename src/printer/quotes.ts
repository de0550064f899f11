/**
 * Where quotes are open in a logical line: whitespace inside quotes is part of a value and must not be reflowed.
 */

/** For each offset of `text`, whether it lies inside single or double quotes (escapes honoured outside `'...'`). */
export function quotedOffsets(text: string, escape: string): Uint8Array {
  const inside = new Uint8Array(text.length + 1);
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) inside[i] = 1;
    if (ch === escape && quote !== "'") {
      if (quote) inside[i + 1] = 1;
      i++;
    } else if (quote && ch === quote) quote = '';
    else if (!quote && (ch === '"' || ch === "'")) {
      quote = ch;
      inside[i] = 1;
    }
  }
  if (quote) inside[text.length] = 1;
  return inside;
}
