/**
 * Heredoc markers (`<<EOF`, `<<-"EOF"`, `3<<EOF`, `<< EOF`) in an instruction's logical line, found as BuildKit finds
 * them: shell words (quotes and escapes kept; blanks right after a `<<` stay in the word, as BuildKit's lexer keeps
 * them since Dockerfile 1.16) that match `^(\d*)<<(-?)\s*([^<]*)$`.
 */
import { isGoSpace } from './go-text.js';

/** A heredoc marker found in a logical line. */
export interface HeredocMarker {
  /** The terminator, unquoted. */
  name: string;
  chomp: boolean;
  /** False when any part of the word was quoted. */
  expand: boolean;
  fd: number;
}

const MARKER = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

/** The heredoc markers of a logical line, in order (none when the line does not lex as shell words). */
export function findHeredocMarkers(line: string): HeredocMarker[] {
  if (!line.includes('<<')) return [];
  const words = rawShellWords(line);
  if (!words) return [];
  const markers: HeredocMarker[] = [];
  for (const word of words) {
    const match = MARKER.exec(word);
    if (!match || match[3] === '') continue;
    // BuildKit lexes the name with Go's text/scanner, which skips a byte-order mark at the start.
    const name = unquote(match[3].charCodeAt(0) === 0xfeff ? match[3].slice(1) : match[3]);
    // BuildKit needs the word to lex to exactly one non-empty word: `<<""` and `<<\` are not heredocs.
    if (name === null || name.value === '') continue;
    markers.push({ name: name.value, chomp: match[2] === '-', expand: !name.quoted, fd: Number(match[1] || 0) });
  }
  return markers;
}

/** Split a line into shell words keeping quotes and escapes; null where BuildKit's lexer reports an error. */
export function rawShellWords(line: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'" || ch === '"') {
      const close = closingQuote(line, i);
      if (close < 0) return null;
      word += line.slice(i, close + 1);
      inWord = true;
      i = close;
    } else if (ch === '$' && line[i + 1] === '{') {
      const close = closingBrace(line, i + 2);
      if (close < 0) return null;
      word += line.slice(i, close + 1);
      inWord = true;
      i = close;
    } else if (ch === '\\') {
      word += line.slice(i, i + 2);
      inWord = true;
      i++;
    } else if (ch === '<' && line[i + 1] === '<') {
      // BuildKit keeps the blanks after `<<` in the word: `<< EOF` is one word, a heredoc marker.
      let end = i + 2;
      while (line[end] === ' ' || line[end] === '\t' || line[end] === '\r') end++;
      word += line.slice(i, end);
      inWord = true;
      i = end - 1;
    } else if (isGoSpace(ch.charCodeAt(0))) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Index of the quote closing the one at `open`, honouring `\` inside double quotes; -1 when unclosed. */
function closingQuote(line: string, open: number): number {
  const quote = line[open];
  for (let i = open + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) return i;
  }
  return -1;
}

/** Index of the `}` closing a `${` whose body starts at `from`; -1 when unclosed. */
function closingBrace(line: string, from: number): number {
  let depth = 1;
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '{') depth++;
    else if (line[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Remove shell quoting from a heredoc word; null when it is more than one word. */
function unquote(word: string): { value: string; quoted: boolean } | null {
  let value = '';
  let quoted = false;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    if (ch === "'" || ch === '"') {
      const close = closingQuote(word, i);
      if (close < 0) return null;
      const body = word.slice(i + 1, close);
      value += ch === '"' ? body.replace(/\\(["$\\])/g, '$1') : body;
      quoted = true;
      i = close;
    } else if (ch === '\\') {
      if (i + 1 < word.length) value += word[++i];
    } else if (isGoSpace(ch.charCodeAt(0))) {
      return null;
    } else value += ch;
  }
  return { value, quoted };
}
