/**
 * A reader for the TOML that manifests use (`Cargo.toml`, `pyproject.toml`, `Pipfile`): tables, arrays of tables,
 * dotted keys, strings of all four kinds, numbers, booleans, dates (kept as text), arrays and inline tables. It reads
 * what manifests hold; it is not a validating TOML parser.
 */

/** A TOML value as read: tables become plain objects. */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;

/** A TOML table. */
export interface TomlTable {
  [key: string]: TomlValue;
}

/** The text could not be read as TOML; the message says where and what was expected. */
export class TomlError extends Error {
  override name = 'TomlError';
}

/** Read a TOML document into plain objects; throws TomlError on text it cannot read. */
export function parseToml(text: string): TomlTable {
  return new Reader(text.replace(/^\ufeff/, '')).document();
}

const BARE_KEY = /[A-Za-z0-9_-]/;

class Reader {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): TomlTable {
    const root: TomlTable = {};
    let table = root;
    for (;;) {
      this.skipBlankLines();
      if (this.pos >= this.text.length) return root;
      if (this.text[this.pos] === '[') {
        const array = this.text[this.pos + 1] === '[';
        this.pos += array ? 2 : 1;
        const path = this.keyPath();
        this.expect(array ? ']]' : ']');
        table = array ? this.appendTable(root, path) : this.openTable(root, path);
      } else {
        const path = this.keyPath();
        this.expect('=');
        const value = this.value();
        const parent = this.openTable(table, path.slice(0, -1));
        parent[path[path.length - 1]] = value;
      }
      this.endOfLine();
    }
  }

  private fail(expected: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new TomlError(`Unexpected ${JSON.stringify(this.text.slice(this.pos, this.pos + 10))} at line ${line}, expected ${expected}`);
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  /** Spaces, comments and line breaks (inside arrays, between lines). */
  private skipBlankLines(): void {
    for (;;) {
      this.skipSpaces();
      const ch = this.text[this.pos];
      if (ch === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      else if (ch === '\n' || ch === '\r') this.pos++;
      else return;
    }
  }

  private endOfLine(): void {
    this.skipSpaces();
    if (this.text[this.pos] === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
    if (this.text[this.pos] === '\r') this.pos++;
    if (this.pos < this.text.length && this.text[this.pos] !== '\n') this.fail('the end of the line');
  }

  private expect(token: string): void {
    this.skipSpaces();
    if (!this.text.startsWith(token, this.pos)) this.fail(`\`${token}\``);
    this.pos += token.length;
  }

  private keyPath(): string[] {
    const path: string[] = [];
    for (;;) {
      this.skipSpaces();
      const ch = this.text[this.pos];
      if (ch === '"' || ch === "'") path.push(this.string());
      else {
        const start = this.pos;
        while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos])) this.pos++;
        if (start === this.pos) this.fail('a key');
        path.push(this.text.slice(start, this.pos));
      }
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return path;
      this.pos++;
    }
  }

  private openTable(from: TomlTable, path: string[]): TomlTable {
    let table = from;
    for (const key of path) {
      let next = table[key];
      if (Array.isArray(next)) next = next[next.length - 1];
      if (next === undefined) next = table[key] = {};
      if (typeof next !== 'object' || Array.isArray(next)) this.fail(`a table at \`${path.join('.')}\``);
      table = next as TomlTable;
    }
    return table;
  }

  private appendTable(root: TomlTable, path: string[]): TomlTable {
    const parent = this.openTable(root, path.slice(0, -1));
    const key = path[path.length - 1];
    const list = (parent[key] ??= []);
    if (!Array.isArray(list)) this.fail(`an array of tables at \`${path.join('.')}\``);
    const table: TomlTable = {};
    list.push(table);
    return table;
  }

  private value(): TomlValue {
    this.skipSpaces();
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") return this.string();
    if (ch === '[') return this.array();
    if (ch === '{') return this.inlineTable();
    const match = /^[^\s,\]}#]+(?: \d\d:\d\d[^\s,\]}#]*)?/.exec(this.text.slice(this.pos));
    if (!match) this.fail('a value');
    this.pos += match[0].length;
    const word = match[0];
    if (word === 'true' || word === 'false') return word === 'true';
    const number = Number(word.replace(/_/g, ''));
    return /^[+-]?(\d|inf|nan|0x|0o|0b)/.test(word) && !Number.isNaN(number) && !/[-:T]\d/.test(word.slice(1)) ? number : word;
  }

  private string(): string {
    const quote = this.text[this.pos];
    const multi = this.text.startsWith(quote.repeat(3), this.pos);
    this.pos += multi ? 3 : 1;
    if (multi && this.text[this.pos] === '\r') this.pos++;
    if (multi && this.text[this.pos] === '\n') this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail(`the closing ${quote}`);
      if (multi ? this.text.startsWith(quote.repeat(3), this.pos) : this.text[this.pos] === quote) {
        this.pos += multi ? 3 : 1;
        while (multi && this.text[this.pos] === quote) out += this.text[this.pos++];
        return out;
      }
      const ch = this.text[this.pos++];
      if (!multi && ch === '\n') this.fail(`the closing ${quote} on the same line`);
      if (ch === '\\' && quote === '"') out += this.escape(multi);
      else out += ch;
    }
  }

  private escape(multi: boolean): string {
    const ch = this.text[this.pos++];
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
    if (ch in simple) return simple[ch];
    if (ch === 'u' || ch === 'U') {
      const length = ch === 'u' ? 4 : 8;
      const code = parseInt(this.text.slice(this.pos, this.pos + length), 16);
      this.pos += length;
      return String.fromCodePoint(code);
    }
    if (multi && /\s/.test(ch)) {
      while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
      return '';
    }
    return this.fail('a string escape');
  }

  private array(): TomlValue[] {
    this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlankLines();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return items;
      }
      items.push(this.value());
      this.skipBlankLines();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') this.fail('`,` or `]`');
    }
  }

  private inlineTable(): TomlTable {
    this.pos++;
    const table: TomlTable = {};
    for (;;) {
      this.skipBlankLines();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return table;
      }
      const path = this.keyPath();
      this.expect('=');
      this.openTable(table, path.slice(0, -1))[path[path.length - 1]] = this.value();
      this.skipBlankLines();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail('`,` or `}`');
    }
  }
}

/** The value at a dotted path of a TOML table, if any. */
export function tomlAt(table: TomlTable, ...path: string[]): TomlValue | undefined {
  let value: TomlValue | undefined = table;
  for (const key of path) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** The strings of a TOML array (other items dropped); empty when it is not an array. */
export function tomlStrings(value: TomlValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Whether a TOML value is a table. */
export function isTomlTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
