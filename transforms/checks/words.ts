/**
 * Words of non-RUN instructions as BuildKit's shell lexer expands them (`FROM`, `--platform`, `WORKDIR`, `EXPOSE`, ARG
 * defaults): quotes and escapes removed, `$NAME`, `${NAME}` and the `-`, `:-`, `+`, `:+`, `?`, `:?` modifiers
 * evaluated against the values known. The trimming and replacing modifiers (`#`, `%`, `/`) are not evaluated, so a
 * word that uses one has no known value. Also BuildKit's "did you mean" for a name.
 */
import { distance } from 'fastest-levenshtein';
import { variableReferences, type VariableReference } from '../../src/engine/index.js';

/** A word expanded: its value, and the variables it reads with a value (`matched`) or without one (`unmatched`). */
export interface Expansion {
  /** The expanded text; undefined when the word uses what layerfix does not evaluate, or BuildKit rejects it. */
  value: string | undefined;
  matched: Set<string>;
  unmatched: Set<string>;
}

/** Variables by name; a variable set to a value layerfix does not know maps to undefined. */
export type Variables = ReadonlyMap<string, string | undefined>;

/** Expand `word` as BuildKit does with the variables `env`, noting every variable it reads (nested ones included). */
export function expandWord(word: string, env: Variables, escape: '\\' | '`' = '\\'): Expansion {
  const matched = new Set<string>();
  const unmatched = new Set<string>();
  // A word with no variable, quote or escape is its own value.
  if (!/[$'"]/.test(word) && !word.includes(escape)) return { value: word, matched, unmatched };
  for (const ref of variableReferences(word, escape))
    if (ref.name) (env.has(ref.name) ? matched : unmatched).add(ref.name);
  return { value: evaluate(word, env, escape), matched, unmatched };
}

/** The references of `text` that are not inside another one's word. */
function outermost(refs: readonly VariableReference[]): VariableReference[] {
  const out: VariableReference[] = [];
  for (const ref of refs) if (!out.length || ref.start >= out[out.length - 1].end) out.push(ref);
  return out;
}

function evaluate(text: string, env: Variables, escape: string): string | undefined {
  const refs = outermost(variableReferences(text, escape as '\\' | '`'));
  let out = '';
  let quoted = false;
  let next = 0;
  for (let i = 0; i < text.length;) {
    const ref = refs[next];
    if (ref && ref.start === i) {
      const value = referenceValue(ref, env, escape);
      if (value === undefined) return undefined;
      out += value;
      i = ref.end;
      next++;
      continue;
    }
    const ch = text[i];
    if (quoted) {
      if (ch === '"') quoted = false;
      else if (ch === escape && (text[i + 1] === '"' || text[i + 1] === '$' || text[i + 1] === escape))
        out += text[++i];
      else if (!(ch === escape && i + 1 === text.length)) out += ch;
      i++;
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return undefined;
      out += text.slice(i + 1, close);
      i = close + 1;
    } else if (ch === '"') {
      quoted = true;
      i++;
    } else if (ch === escape) {
      out += text[i + 1] ?? '';
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return quoted ? undefined : out;
}

function referenceValue(ref: VariableReference, env: Variables, escape: string): string | undefined {
  if (ref.error) return undefined;
  const set = env.has(ref.name);
  const value = env.get(ref.name);
  // Set, to a value layerfix does not know.
  if (set && value === undefined) return undefined;
  const colon = ref.operator?.startsWith(':') ?? false;
  const empty = !set || (colon && value === '');
  switch (ref.operator) {
    case undefined:
      return value ?? '';
    case '-':
    case ':-':
      return empty ? evaluate(ref.word ?? '', env, escape) : value;
    case '+':
    case ':+':
      return empty ? '' : evaluate(ref.word ?? '', env, escape);
    case '?':
    case ':?':
      return empty ? undefined : value;
    default:
      return undefined;
  }
}

/** BuildKit's "did you mean" (case-sensitive, as on Linux): the first option closest to `name` within two edits, none when `name` is one. */
export function suggestion(name: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let least = 3;
  for (const option of options) {
    if (option === name) return undefined;
    const d = distance(name, option);
    if (d < least) {
      best = option;
      least = d;
    }
  }
  return best;
}
