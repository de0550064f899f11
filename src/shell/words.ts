/**
 * Shell words read off tree-sitter nodes: text, offsets and the static value after quote removal.
 */
import type { ShellNode } from './tree.js';
import type { ShellWord } from './types.js';

const DYNAMIC = new Set([
  'simple_expansion',
  'expansion',
  'command_substitution',
  'process_substitution',
  'arithmetic_expansion',
  'brace_expression',
  'array',
  'ERROR',
]);

/** The shell word of a node, offsets into `source`. */
export function toWord(node: ShellNode, source: string): ShellWord {
  const text = source.slice(node.startIndex, node.endIndex);
  return {
    type: 'word',
    node: node.type,
    text,
    start: node.startIndex,
    end: node.endIndex,
    value: staticValue(node, text),
  };
}

/** The value of a node after quote removal, or null when it depends on an expansion. */
function staticValue(node: ShellNode, text: string): string | null {
  if (node.isMissing || node.hasError) return null;
  switch (node.type) {
    case 'word':
      return unescapeUnquoted(text);
    case 'raw_string':
      return stripQuotes(text, "'", "'");
    case 'string':
      return doubleQuoted(node, stripQuotes(text, '"', '"'));
    case 'translated_string':
      return doubleQuoted(node, stripQuotes(text, '$"', '"'));
    case 'ansi_c_string':
      return ansiC(stripQuotes(text, "$'", "'"));
    case 'concatenation': {
      let value = '';
      for (const part of node.children) {
        if (!part) return null;
        const partValue = staticValue(
          part,
          text.slice(part.startIndex - node.startIndex, part.endIndex - node.startIndex),
        );
        if (partValue === null) return null;
        value += partValue;
      }
      return value;
    }
    default:
      if (DYNAMIC.has(node.type)) return null;
      // number, variable_name, test_operator, extglob_pattern, regex, anonymous tokens: as written.
      return node.namedChildCount === 0 ? text : null;
  }
}

function stripQuotes(text: string, open: string, close: string): string {
  const body = text.startsWith(open) ? text.slice(open.length) : text;
  return body.length > 0 && body.endsWith(close) ? body.slice(0, -close.length) : body;
}

function doubleQuoted(node: ShellNode, body: string): string | null {
  for (const child of node.namedChildren) {
    if (child && child.type !== 'string_content') return null;
  }
  return body.replace(/\\([$`"\\\n])/g, (_, escaped: string) => (escaped === '\n' ? '' : escaped));
}

/** Quote removal for an unquoted word: `\x` is `x`, a backslash-newline disappears. */
function unescapeUnquoted(text: string): string {
  return text.includes('\\')
    ? text.replace(/\\([\s\S]?)/g, (_, escaped: string) => (escaped === '\n' ? '' : escaped))
    : text;
}

const ANSI_C: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function ansiC(body: string): string | null {
  let value = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index] as string;
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = body[index + 1] ?? '';
    if (next in ANSI_C) {
      value += ANSI_C[next];
      index++;
      continue;
    }
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(body.slice(index + 1));
    if (hex) {
      value += String.fromCharCode(parseInt(hex[1] as string, 16));
      index += hex[0].length;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(index + 1));
    if (octal) {
      value += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
      index += octal[0].length;
      continue;
    }
    return null; // \u, \c and friends: not worth guessing.
  }
  return value;
}
