/**
 * Where quotes are open in a logical line: whitespace inside quotes is part of a value and must not be reflowed.
 */

/**
 * For each offset of `text`, whether it lies inside single or double quotes or a `${...}`, at any depth: substitutions
 * are followed (`"${X:-"a b"}"`, `"$(cmd "a b")"`, backticks), as a quote inside one opens quotes of its own. Escapes
 * are honoured outside `'...'`.
 */
export function quotedOffsets(text: string, escape: string): Uint8Array {
  const inside = new Uint8Array(text.length + 1);
  // What is open, innermost last: a quote (`'` `"`), `{` of `${`, `(` of `$(` or a group inside one, or a backtick.
  const open: string[] = [];
  // How many of them hold a value whose whitespace counts: quotes and `${...}`.
  let quotes = 0;
  const literal = (what: string | undefined) => what === '"' || what === "'" || what === '{';
  const push = (what: string) => {
    open.push(what);
    if (literal(what)) quotes++;
  };
  const pop = () => {
    if (literal(open.pop())) quotes--;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = open.at(-1);
    const opensQuote = quotes === 0 && top !== '"' && (ch === '"' || ch === "'");
    inside[i] = quotes > 0 || opensQuote ? 1 : 0;
    if (top === "'") {
      if (ch === "'") pop();
      continue;
    }
    if (ch === escape) {
      inside[i + 1] = inside[i];
      i++;
      continue;
    }
    const substitution = ch === '$' && (text[i + 1] === '{' || text[i + 1] === '(');
    if (substitution) {
      push(text[i + 1]);
      inside[i + 1] = inside[i];
      i++;
    } else if (top === '"') {
      if (ch === '"') pop();
      else if (ch === '`') push('`');
    } else if (ch === '"' || ch === "'") push(ch);
    else if ((top === '{' && ch === '}') || (top === '(' && ch === ')') || (top === '`' && ch === '`')) pop();
    else if (top === '(' && ch === '(') push('(');
    else if (ch === '`') push('`');
  }
  inside[text.length] = quotes > 0 ? 1 : 0;
  return inside;
}
