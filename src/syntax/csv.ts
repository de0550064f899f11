/**
 * One record of comma-separated values, read as Go's `encoding/csv` reads it (BuildKit parses `--mount` values so).
 */

/** The fields of `text`, or undefined where Go's reader reports an error (a stray or unclosed quote, no text). */
export function csvFields(text: string): string[] | undefined {
  if (text === '') return undefined;
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    let field = '';
    if (text[at] === '"') {
      at++;
      for (;;) {
        const close = text.indexOf('"', at);
        if (close < 0) return undefined;
        field += text.slice(at, close);
        at = close + 1;
        if (text[at] !== '"') break;
        field += '"';
        at++;
      }
      if (at < text.length && text[at] !== ',') return undefined;
    } else {
      const comma = text.indexOf(',', at);
      const end = comma < 0 ? text.length : comma;
      field = text.slice(at, end);
      if (field.includes('"')) return undefined;
      at = end;
    }
    fields.push(field);
    if (at >= text.length) return fields;
    at++;
  }
}
