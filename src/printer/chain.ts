/**
 * Width-aware layout of `&&` chains in shell-form instructions, through prettier's doc builders.
 */
import { builders, printer } from 'prettier/doc';
import type { Style } from './style.js';

const { group, align, line, hardline, literalline, ifBreak, join } = builders;
type Doc = builders.Doc;

/** One element of a chain: a command (its text may span lines, kept as written) or a comment line. */
export type ChainPart = { kind: 'command'; text: string } | { kind: 'comment'; text: string };

/**
 * Print `head` (keyword and flags, as written) followed by the commands joined with `&&`: on one line when it fits
 * and holds no comment or line break, else one command per line with continuations in the file's escape character.
 */
export function printChain(head: string, parts: ChainPart[], style: Style): string {
  const escape = ` ${style.escape}`;
  const body: Doc[] = [];
  let pendingComments: Doc[] = [];
  let first = true;
  for (const part of parts) {
    if (part.kind === 'comment') {
      pendingComments.push(part.text, hardline);
      continue;
    }
    if (first) {
      // Comment lines before the first command need the head's line continued first.
      if (pendingComments.length && !continues(head, style.escape))
        body.push(/\s$/.test(head) ? style.escape : escape, hardline);
      body.push(...pendingComments, verbatim(part.text));
      first = false;
    } else if (style.operatorPosition === 'end') {
      body.push(' &&', ifBreak(escape, ''), line, ...pendingComments, verbatim(part.text));
    } else {
      body.push(ifBreak(escape, ''), line, ...pendingComments, '&& ', verbatim(part.text));
    }
    pendingComments = [];
  }
  const doc = [verbatim(head), group(align(style.indent, body))];
  const { formatted } = printer.printDocToString(doc, { printWidth: style.printWidth, tabWidth: 4, useTabs: false });
  return style.eol === '\n' ? formatted : formatted.replace(/\n/g, style.eol);
}

/** Whether a head already ends its line with the escape character (`RUN \\` and the next line's indentation). */
function continues(head: string, escape: string): boolean {
  const at = head.trimEnd();
  return at.length < head.length && at.endsWith(escape) && /\n/.test(head.slice(at.length));
}

/** Text kept exactly as written: its own line breaks, no added indentation. */
function verbatim(text: string): Doc {
  return join(literalline, text.split(/\r?\n/));
}
