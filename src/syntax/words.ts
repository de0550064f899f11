/**
 * BuildKit's word splitters, ported so that words keep their offsets in the logical line.
 */
import { isGoSpace } from './go-text.js';

/** A word of a logical line: its value as BuildKit reads it, and its [start, end) offsets. */
export interface Word {
  value: string;
  start: number;
  end: number;
}

/**
 * BuildKit's `parseWords`: split on whitespace, keeping quotes and escape characters in the words
 * (used by `ENV`, `LABEL` and `ARG`).
 */
export function parseWords(rest: string, escape: string): Word[] {
  const words: Word[] = [];
  let inWord = false;
  let quote = '';
  let word = '';
  let start = 0;
  let blankOK = false;
  const push = (end: number) => {
    if (blankOK || word.length > 0) words.push({ value: word, start, end });
  };
  for (let pos = 0; pos < rest.length; pos++) {
    let ch = rest[pos];
    if (!inWord && !quote) {
      if (isGoSpace(ch.charCodeAt(0))) continue;
      inWord = true;
      start = pos;
    }
    if (quote) {
      if (ch === quote) {
        quote = '';
      } else if (ch === escape && quote !== "'") {
        if (pos + 1 === rest.length) {
          quote = '';
          continue;
        }
        word += ch;
        ch = rest[++pos];
      }
      word += ch;
      continue;
    }
    if (isGoSpace(ch.charCodeAt(0))) {
      push(pos);
      inWord = false;
      word = '';
      blankOK = false;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      blankOK = true;
    } else if (ch === escape) {
      if (pos + 1 === rest.length) continue;
      word += ch;
      ch = rest[++pos];
    }
    word += ch;
  }
  if (inWord || quote) push(rest.length);
  return words;
}

/** The flags BuildKit reads at the start of an instruction's arguments, and where the rest begins. */
export interface BuilderFlags {
  /** Flags as BuildKit reports them: `--name=value`, quotes removed. */
  flags: Word[];
  /** Offset of the first argument after the flags (the length of the text when there is none). */
  rest: number;
}

/**
 * BuildKit's `extractBuilderFlags`: leading `--flag[=value]` words, quotes and `\` escapes removed. BuildKit walks the
 * UTF-8 bytes one at a time here, so a non-ASCII character in a flag comes out as one Latin-1 character per byte
 * (`é` becomes `Ã©`) and the bytes 0x85 and 0xA0 inside a character end the word; this does the same.
 */
export function extractBuilderFlags(line: string): BuilderFlags {
  const ascii = extractFlagBytes(line);
  // Reading characters gives the same result as reading bytes unless the scan met a non-ASCII character.
  if (!NON_ASCII.test(line.slice(0, ascii.rest + 1))) return ascii;
  const bytes = Buffer.from(line, 'utf8');
  const toJs = byteOffsets(line, bytes.length);
  const { flags, rest } = extractFlagBytes(bytes.toString('latin1'));
  return {
    flags: flags.map((flag) => ({ value: flag.value, start: toJs[flag.start], end: toJs[flag.end] })),
    rest: toJs[rest],
  };
}

const NON_ASCII = /[^\x00-\x7f]/;

/** For each UTF-8 byte offset of `line`, the offset of the character holding it (`byteLength` maps to the end). */
function byteOffsets(line: string, byteLength: number): Int32Array {
  const map = new Int32Array(byteLength + 1);
  let at = 0;
  for (let i = 0; i < line.length;) {
    const code = line.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    map.fill(i, at, at + width);
    at += width;
    i += code > 0xffff ? 2 : 1;
  }
  map[byteLength] = line.length;
  return map;
}

/** The flag scanner over text whose characters stand for bytes. */
function extractFlagBytes(line: string): BuilderFlags {
  const flags: Word[] = [];
  let inWord = false;
  let quote = '';
  let word = '';
  let start = 0;
  let blankOK = false;
  for (let pos = 0; pos < line.length; pos++) {
    let ch = line[pos];
    if (!inWord) {
      if (isGoSpace(ch.charCodeAt(0))) continue;
      if (ch !== '-' || line[pos + 1] !== '-') return { flags, rest: pos };
      inWord = true;
      start = pos;
    }
    if (quote) {
      if (ch === quote) {
        quote = '';
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === line.length) {
          quote = '';
          continue;
        }
        ch = line[++pos];
      }
      word += ch;
      continue;
    }
    if (isGoSpace(ch.charCodeAt(0))) {
      if (word === '--') return { flags, rest: pos };
      if (blankOK || word.length > 0) flags.push({ value: word, start, end: pos });
      inWord = false;
      word = '';
      blankOK = false;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      blankOK = true;
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === line.length) continue;
      ch = line[++pos];
    }
    word += ch;
  }
  if (inWord && word !== '--' && (blankOK || word.length > 0)) flags.push({ value: word, start, end: line.length });
  return { flags, rest: line.length };
}
