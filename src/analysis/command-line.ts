/**
 * Reading a command's words the way the command itself reads them: options (short clusters, attached and separate
 * values, `--name=value`), operands, and the `--` that ends options. Each word's value is what the shell passes the
 * command, with variables the stage knows expanded; a word whose value is only known at build time stays unknown.
 */
import type { ShellWord } from '../engine/index.js';

/** One word as the command receives it: its static value, or null when only the build knows it. */
export interface Arg {
  value: string | null;
  /** The word as written, for messages. */
  text: string;
}

/** An option as given: its name (`-o`, `--output`) and its value, if it takes one. */
export interface Option {
  name: string;
  value: Arg | null;
}

/** The options and operands of a command. */
export interface CommandLine {
  name: string;
  options: Option[];
  operands: Arg[];
  /** Every word after the name, in order as given (for messages: see `commandUpTo`). */
  words?: readonly Arg[];
}

/** Which options of a command take a value. */
export interface OptionSyntax {
  /** Short option letters that take a value (attached `-ofile` or the next word). */
  short?: string;
  /** Long options that take a value (`--output=file` or the next word). */
  long?: readonly string[];
  /** Options stop at the first operand (as `sh`, `env`, `xargs` and `git` read theirs); GNU tools read them anywhere. */
  stopAtOperand?: boolean;
  /** Single-dash long options (`-name`, `-exec` of find; `-m` of pip's `python -m`): read whole, not as letters. */
  singleDashLong?: boolean;
}

/** Variables known before the command runs, and whether a value may be substituted. */
export type KnownVariables = ReadonlyMap<string, string | undefined>;

/** The value of a word, with `$NAME`/`${NAME}` replaced from `variables` where the shell view left it unknown. */
export function argOf(word: ShellWord, variables: KnownVariables): Arg {
  if (word.value !== null) return { value: word.value, text: word.text };
  return { value: expandWord(word.text, variables), text: word.text };
}

/**
 * A word with only plain text and `$NAME`/`${NAME}` (unquoted or in double quotes) expanded from known variables;
 * null when it has anything else (command substitution, `${X:-y}`, single quotes mixed with expansions, escapes).
 */
function expandWord(text: string, variables: KnownVariables): string | null {
  const inner = /^"(.*)"$/s.exec(text)?.[1] ?? text;
  if (/[`'\\]|\$\(|\$\{[^}]*[^A-Za-z0-9_}]|\$[^A-Za-z_{]/.test(inner)) return null;
  let unknown = false;
  const value = inner.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, braced: string | undefined, bare: string | undefined) => {
      const known = variables.get(braced ?? bare ?? '');
      if (known === undefined) unknown = true;
      return known ?? '';
    },
  );
  if (unknown) return null;
  // Unquoted, the shell splits the expanded value into words and globs it: only a value without either is static.
  if (inner === text && /[\s*?[]/.test(value)) return null;
  return value;
}

/** Read a command's words into options and operands under `syntax`. */
export function readCommandLine(name: string, words: readonly Arg[], syntax: OptionSyntax = {}): CommandLine {
  const short = syntax.short ?? '';
  const long = new Set(syntax.long ?? []);
  const options: Option[] = [];
  const operands: Arg[] = [];
  let optionsDone = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const value = word.value;
    if (optionsDone || value === null || value === '-' || !value.startsWith('-')) {
      operands.push(word);
      if (syntax.stopAtOperand) optionsDone = true;
      continue;
    }
    if (value === '--') {
      optionsDone = true;
      continue;
    }
    if (value.startsWith('--') || syntax.singleDashLong) {
      const eq = value.indexOf('=');
      const option = eq < 0 ? value : value.slice(0, eq);
      if (eq >= 0) options.push({ name: option, value: { value: value.slice(eq + 1), text: word.text } });
      else if (long.has(option)) options.push({ name: option, value: words[++i] ?? null });
      else options.push({ name: option, value: null });
      continue;
    }
    for (let k = 1; k < value.length; k++) {
      const letter = value[k];
      if (!short.includes(letter)) {
        options.push({ name: `-${letter}`, value: null });
        continue;
      }
      const attached = value.slice(k + 1);
      options.push({
        name: `-${letter}`,
        value: attached ? { value: attached, text: word.text } : (words[++i] ?? null),
      });
      break;
    }
  }
  return { name, options, operands, words };
}

/**
 * The command as written from its name up to `word` (an operand), its options in between included, for messages:
 * `yarn --mutex network install`, not `yarn network install` nor `yarn network`.
 */
export function commandUpTo(line: CommandLine, word: Arg | undefined): string {
  const at = word && line.words ? line.words.indexOf(word) : -1;
  if (at < 0) return word ? `${line.name} ${word.text}` : line.name;
  return [line.name, ...line.words!.slice(0, at + 1).map((w) => w.text)].join(' ');
}

/** Whether a command line has any of the named options. */
export function hasOption(line: CommandLine, ...names: string[]): boolean {
  return line.options.some((option) => names.includes(option.name));
}

/** The values given to any of the named options, in order. */
export function optionValues(line: CommandLine, ...names: string[]): Array<Arg | null> {
  return line.options.filter((option) => names.includes(option.name)).map((option) => option.value);
}
