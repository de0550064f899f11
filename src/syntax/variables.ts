/**
 * Variable references in a word (`$VAR`, `${VAR}`, `${VAR:-word}`, ...), found as BuildKit's shell lexer finds them:
 * nothing inside single quotes, nothing after an escape character, references inside double quotes and nested in the
 * word of another reference included.
 */

/** One variable reference, with [start, end) offsets into the text it was found in. */
export interface VariableReference {
  /** The variable's name (`PATH`, a positional `1`, a special `@`); empty when the reference is malformed. */
  name: string;
  start: number;
  end: number;
  /** The modifier of `${NAME<operator>word}`: `:-` `-` `:+` `+` `:?` `?` `#` `##` `%` `%%` `/` `//`. */
  operator?: string;
  /** The word after the operator as written (for `/` and `//`: `pattern/replacement`). */
  word?: string;
  /** Why BuildKit rejects this reference (`${}`, `${VAR`, `${VAR:=x}`); nothing after it is read. */
  error?: string;
}

const SPECIAL = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);
const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;
const DIGIT = /^\p{Nd}$/u;
const SIMPLE_OPERATORS = new Set(['+', '-', '?', '#', '%']);

/** The variable references of `text`, in order of their `$`; `escape` is the file's escape character. */
export function variableReferences(text: string, escape: '\\' | '`' = '\\'): VariableReference[] {
  const scanner = new Scanner(text, escape);
  try {
    scanner.word(undefined);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return scanner.found;
}

/** Thrown to end the scan where BuildKit's lexer gives up. */
class Stop {}

class Scanner {
  readonly found: VariableReference[] = [];
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly escape: string,
  ) {}

  /** Read up to an unquoted, unescaped `stop` (consumed) or the end; throws Stop when `stop` never comes. */
  word(stop: string | undefined): void {
    const { text } = this;
    while (this.at < text.length) {
      const ch = this.peek();
      if (ch === stop) {
        this.at += ch.length;
        return;
      }
      if (ch === "'") this.singleQuoted();
      else if (ch === '"') this.doubleQuoted();
      else if (ch === '$') this.dollar();
      else if (ch === this.escape) this.at += 1 + (this.at + 1 < text.length ? this.peekAt(this.at + 1).length : 0);
      else this.at += ch.length;
    }
    if (stop !== undefined) throw new Stop();
  }

  private singleQuoted(): void {
    const close = this.text.indexOf("'", this.at + 1);
    if (close < 0) throw new Stop();
    this.at = close + 1;
  }

  private doubleQuoted(): void {
    const { text } = this;
    this.at++;
    while (this.at < text.length) {
      const ch = this.peek();
      if (ch === '"') {
        this.at++;
        return;
      }
      if (ch === '$') this.dollar();
      else if (ch === this.escape) {
        const next = text[this.at + 1];
        this.at += next === '"' || next === '$' || next === this.escape ? 2 : 1;
      } else this.at += ch.length;
    }
    throw new Stop();
  }

  private dollar(): void {
    const { text } = this;
    const start = this.at++;
    if (text[this.at] !== '{') {
      const name = this.name();
      if (name) this.found.push({ name, start, end: this.at });
      return;
    }
    this.at++;
    const ref: VariableReference = { name: '', start, end: start };
    this.found.push(ref);
    const first = text[this.at];
    if (first === undefined) return this.fail(ref, "missing '}'");
    if (first === '{' || first === '}' || first === ':') return this.fail(ref, 'bad substitution');
    ref.name = this.name();
    const ch = this.next();
    if (ch === '}') {
      ref.end = this.at;
      return;
    }
    if (ch === undefined) return this.fail(ref, "missing '}'");
    let operator = ch;
    if (ch === ':') {
      const modifier = this.next();
      if (modifier === undefined) return this.fail(ref, "missing '}'");
      operator += modifier;
      if (modifier === '#' || modifier === '%')
        return this.fail(ref, `unsupported modifier (${operator}) in substitution`);
    } else if (ch === '/') {
      if (text[this.at] === '/') operator += text[this.at++];
      const wordStart = this.at;
      this.part(ref, '/', "missing '/' in ${}");
      this.part(ref, '}', "missing '}'");
      return this.finish(ref, operator, text.slice(wordStart, this.at - 1));
    } else if (!SIMPLE_OPERATORS.has(ch)) return this.fail(ref, `unsupported modifier (${ch}) in substitution`);
    const wordStart = this.at;
    this.part(ref, '}', "missing '}'");
    let word = text.slice(wordStart, this.at - 1);
    if ((ch === '#' || ch === '%') && word.startsWith(ch)) {
      operator += ch;
      word = word.slice(1);
    }
    if (ch === ':' && !'+-?'.includes(operator[1]))
      return this.fail(ref, `unsupported modifier (${operator}) in substitution`);
    this.finish(ref, operator, word);
  }

  /** Read one part of a `${...}` word up to `stop`, failing `ref` with `reason` when it is missing. */
  private part(ref: VariableReference, stop: string, reason: string): void {
    try {
      this.word(stop);
    } catch (error) {
      if (error instanceof Stop) this.fail(ref, reason);
      throw error;
    }
  }

  private finish(ref: VariableReference, operator: string, word: string): void {
    ref.operator = operator;
    ref.word = word;
    ref.end = this.at;
  }

  private fail(ref: VariableReference, reason: string): never {
    ref.error = reason;
    ref.end = Math.min(this.at, this.text.length);
    throw new Stop();
  }

  /** BuildKit's `processName`: a run of digits, one special parameter, or letters, digits and `_`. */
  private name(): string {
    const start = this.at;
    const first = this.peek();
    if (first && DIGIT.test(first)) {
      while (this.at < this.text.length && DIGIT.test(this.peek())) this.at += this.peek().length;
      return this.text.slice(start, this.at);
    }
    if (first && SPECIAL.has(first)) {
      this.at++;
      return first;
    }
    while (this.at < this.text.length && NAME_CHAR.test(this.peek())) this.at += this.peek().length;
    return this.text.slice(start, this.at);
  }

  private next(): string | undefined {
    if (this.at >= this.text.length) return undefined;
    const ch = this.peek();
    this.at += ch.length;
    return ch;
  }

  private peek(): string {
    return this.peekAt(this.at);
  }

  /** The whole character (code point) at `i`. */
  private peekAt(i: number): string {
    const code = this.text.codePointAt(i);
    return code === undefined ? '' : String.fromCodePoint(code);
  }
}
