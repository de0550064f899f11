/**
 * Text helpers that behave like the Go standard library functions BuildKit's parser uses, so that our reading of a
 * Dockerfile matches BuildKit's character for character.
 */

/** Go's `unicode.IsSpace`: ASCII whitespace, NEL, NBSP and the Unicode White_Space separators. */
export function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** BuildKit's token separator `[\t\v\f\r ]`. */
export function isTokenSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || code === 0x0d;
}

/** Index of the first character of `text` from `from` that is not a Go space. */
export function skipGoSpace(text: string, from = 0, to = text.length): number {
  let i = from;
  while (i < to && isGoSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last character before `to` that is not a Go space (`strings.TrimRightFunc`). */
export function trimGoSpaceEnd(text: string, from = 0, to = text.length): number {
  let i = to;
  while (i > from && isGoSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(text: string): string {
  const start = skipGoSpace(text);
  return text.slice(start, trimGoSpaceEnd(text, start));
}

/** Go's `regexp.Split(text, -1)` with BuildKit's `[\t\v\f\r ]+`. */
export function splitTokenSpace(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (isTokenSpace(text.charCodeAt(i))) {
      out.push(text.slice(start, i));
      while (i < text.length && isTokenSpace(text.charCodeAt(i))) i++;
      start = i;
    } else i++;
  }
  out.push(text.slice(start));
  return out;
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Go's `strconv.Quote`: a double-quoted string literal with Go escapes. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (code === 0x20 || !NON_PRINTABLE.test(ch)) out += ch;
    else if (code < 0x80) out += '\\x' + code.toString(16).padStart(2, '0');
    else if (code < 0x10000) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += '\\U' + code.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** Number of bytes `text` takes in UTF-8. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
