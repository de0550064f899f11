/**
 * An instruction of words (`COPY a b c /dest/`): on one line when it fits the print width, else filled over
 * continuation lines in the file's escape character, line ending and indentation.
 */
import type { Style } from './style.js';

/** `head words...` as printed, and the logical line it reads as. */
export function printFilled(
  head: string,
  words: readonly string[],
  style: Style,
): { physical: string; logical: string } {
  const logical = [head, ...words].join(' ');
  if (logical.length <= style.printWidth || words.length < 3) return { physical: `${logical}${style.eol}`, logical };
  const lines: string[] = [];
  let line = head;
  for (const word of words) {
    if (line.trim() && line.length + 1 + word.length + 2 > style.printWidth && line !== head) {
      lines.push(`${line} ${style.escape}`);
      line = `${style.indent}${word}`;
    } else line = `${line} ${word}`;
  }
  lines.push(line);
  return { physical: `${lines.join(style.eol)}${style.eol}`, logical };
}
