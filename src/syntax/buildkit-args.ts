/**
 * BuildKit's per-keyword argument parsers (its dispatch table), producing the words of its parse tree.
 */
import { isGoSpace, skipGoSpace, splitTokenSpace } from './go-text.js';
import { readJsonForm } from './json-form.js';
import { parseWords } from './words.js';

/** One instruction as BuildKit's parser sees it (its `Node`). */
export interface BuildkitNode {
  /** The keyword as written. */
  value: string;
  /** Flags as `--name=value`, quotes removed. */
  flags: string[];
  /** The argument words; a nested node for `ONBUILD`. */
  next: Array<string | BuildkitNode>;
  /** The arguments were in JSON (exec) form. */
  json: boolean;
  /** What BuildKit's parser rejects in this instruction. */
  error?: string;
  /** Why builders read this instruction differently (another BuildKit version, buildah), if they do. */
  ambiguous?: string;
}

/** The arguments of one instruction, as a BuildKit argument parser returns them. */
export interface BuildkitArgs {
  next: Array<string | BuildkitNode>;
  json: boolean;
  error?: string;
  ambiguous?: string;
}

/**
 * Text after a JSON array: since Dockerfile 1.9 BuildKit reads such arguments as shell form (`json.Unmarshal`),
 * earlier versions and buildah as the array, ignoring the rest (`json.Decoder`), which is how layerfix reads them.
 */
const JSON_TRAILING_TEXT =
  'text after the JSON array makes BuildKit (Dockerfile 1.9 and later) read the arguments as shell form, and earlier builders and buildah as the array';

/** The arguments read as a JSON array, marked ambiguous when text follows the array. */
function jsonArgs(rest: string, values: string[], end: number): BuildkitArgs {
  return skipGoSpace(rest, end) < rest.length
    ? { next: values, json: true, ambiguous: JSON_TRAILING_TEXT }
    : { next: values, json: true };
}

type ArgParser = (rest: string, escape: string, parseSub: (line: string) => BuildkitNode) => BuildkitArgs;

const none = (): BuildkitArgs => ({ next: [], json: false });

const parseString: ArgParser = (rest) => (rest === '' ? none() : { next: [rest], json: false });

const parseWhitespaceList: ArgParser = (rest) => (rest === '' ? none() : { next: splitTokenSpace(rest), json: false });

const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

const parseMaybeJson: ArgParser = (rest) => {
  if (rest === '') return none();
  const form = readJsonForm(rest);
  if (form.kind === 'array') return jsonArgs(rest, form.values, form.end);
  if (form.kind === 'not-strings') return { next: [], json: false, error: NOT_STRINGS };
  return { next: [rest], json: false };
};

const parseMaybeJsonToList: ArgParser = (rest, escape, parseSub) => {
  const form = readJsonForm(rest);
  if (form.kind === 'array') return jsonArgs(rest, form.values, form.end);
  if (form.kind === 'not-strings') return { next: [], json: false, error: NOT_STRINGS };
  return parseWhitespaceList(rest, escape, parseSub);
};

function parseNameVal(rest: string, key: string, escape: string): BuildkitArgs {
  const words = parseWords(rest, escape);
  if (words.length === 0) return none();
  if (!words[0].value.includes('=')) {
    const parts = splitTokenSpace(rest);
    if (parts.length < 2) return { next: [], json: false, error: `${key} must have two arguments` };
    const sep = /[\t\v\f\r ]+/.exec(rest)!;
    return { next: [rest.slice(0, sep.index), rest.slice(sep.index + sep[0].length), ''], json: false };
  }
  const next: string[] = [];
  for (const { value } of words) {
    const eq = value.indexOf('=');
    if (eq < 0) {
      return {
        next: [],
        json: false,
        error: `Syntax error - can't find = in "${value}". Must be of the form: name=value`,
      };
    }
    next.push(value.slice(0, eq), value.slice(eq + 1), '=');
  }
  return { next, json: false };
}

const parseNameOrNameVal: ArgParser = (rest, escape) => ({
  next: parseWords(rest, escape).map((word) => word.value),
  json: false,
});

/**
 * BuildKit finds the end of the HEALTHCHECK type byte by byte, so a character whose UTF-8 encoding holds the byte 0x85
 * or 0xA0 ends the type (after that character here, where BuildKit cuts it in two), and no other non-ASCII character
 * counts as a space.
 */
const parseHealthConfig: ArgParser = (rest, escape, parseSub) => {
  let sep = 0;
  while (sep < rest.length) {
    const code = rest.codePointAt(sep)!;
    const width = code > 0xffff ? 2 : 1;
    if (code < 0x80 ? isGoSpace(code) : hasSpaceByte(code)) {
      if (code >= 0x80) sep += width;
      break;
    }
    sep += width;
  }
  let next = sep;
  while (next < rest.length && rest.charCodeAt(next) < 0x80 && isGoSpace(rest.charCodeAt(next))) next++;
  if (sep === 0) return none();
  const cmd = parseMaybeJson(rest.slice(next), escape, parseSub);
  return { ...cmd, next: [rest.slice(0, sep), ...cmd.next] };
};

/** Whether a non-ASCII character's UTF-8 continuation bytes include 0x85 or 0xA0 (spaces to Go's byte-wise checks). */
function hasSpaceByte(code: number): boolean {
  if (code >= 0xd800 && code <= 0xdfff) return false;
  const continuations = code < 0x800 ? 1 : code < 0x10000 ? 2 : 3;
  for (let k = 0; k < continuations; k++) {
    const low = (code >> (6 * k)) & 0x3f;
    if (low === 0x05 || low === 0x20) return true;
  }
  return false;
}

const parseSubCommand: ArgParser = (rest, _escape, parseSub) => {
  if (rest === '') return none();
  const child = parseSub(rest);
  return { next: [child], json: false, error: child.error };
};

const DISPATCH: Record<string, ArgParser> = {
  add: parseMaybeJsonToList,
  arg: parseNameOrNameVal,
  cmd: parseMaybeJson,
  copy: parseMaybeJsonToList,
  entrypoint: parseMaybeJson,
  env: (rest, escape) => parseNameVal(rest, 'ENV', escape),
  expose: parseWhitespaceList,
  from: parseWhitespaceList,
  healthcheck: parseHealthConfig,
  label: (rest, escape) => parseNameVal(rest, 'LABEL', escape),
  maintainer: parseString,
  onbuild: parseSubCommand,
  run: parseMaybeJson,
  shell: parseMaybeJson,
  stopsignal: parseString,
  user: parseString,
  volume: parseMaybeJsonToList,
  workdir: parseString,
};

/** The instruction keywords BuildKit knows, lower-cased. */
export const KEYWORDS: ReadonlySet<string> = new Set(Object.keys(DISPATCH));

/** BuildKit's `parseIgnore` for unknown keywords: the arguments are dropped, leaving one empty word. */
const ignore = (): BuildkitArgs => ({ next: [''], json: false });

/** Parse an instruction's arguments with BuildKit's parser for its keyword (unknown keywords get one empty word). */
export function parseBuildkitArgs(
  name: string,
  rest: string,
  escape: string,
  parseSub: (line: string) => BuildkitNode,
): BuildkitArgs {
  const parser = Object.hasOwn(DISPATCH, name) ? DISPATCH[name] : undefined;
  return parser ? parser(rest, escape, parseSub) : ignore();
}
