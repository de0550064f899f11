/**
 * The JSON (exec) form of instruction arguments, read as BuildKit reads it: the first JSON value of the text, which
 * must be an array of strings; text after it is ignored (Go's `json.Decoder`).
 */
import { isGoSpace } from './go-text.js';

/** The outcome of reading arguments as a JSON array. */
export type JsonForm =
  { kind: 'array'; values: string[]; end: number } | { kind: 'not-json' } | { kind: 'not-strings' };

/** Read `text` as a JSON array of strings the way BuildKit's `parseJSON` does. */
export function readJsonForm(text: string): JsonForm {
  let start = 0;
  while (start < text.length && isGoSpace(text.charCodeAt(start))) start++;
  if (text[start] !== '[') return { kind: 'not-json' };
  const end = jsonValueEnd(text, start);
  if (end < 0) return { kind: 'not-json' };
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end));
  } catch {
    return { kind: 'not-json' };
  }
  if (!Array.isArray(value)) return { kind: 'not-json' };
  if (!value.every((item) => typeof item === 'string')) return { kind: 'not-strings' };
  return { kind: 'array', values: (value as string[]).map(wellFormed), end };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Go's JSON decoder turns an escaped lone surrogate (`"\ud800"`) into U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** Index just past the bracketed JSON value starting at `start`, or -1 when it is not closed. */
function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        i++;
      }
      if (i >= text.length) return -1;
    } else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
