/**
 * Modern spellings of old instruction forms, shared by `format` (its opt-in modernisations) and BuildKit's checks
 * (their fixes): the `AS` of `FROM image AS name` in a given case, a legacy `ENV key value` / `LABEL key value` as
 * `key="value"`, and `MAINTAINER` as a label. Each is an edit of the logical line, or why it cannot be made exactly.
 */
import { buildkitNode, type InstructionView, type TextEdit } from '../../src/engine/index.js';

/** A value that reads the same inside double quotes: no quote, escape or whitespace other than spaces. */
const PLAIN_VALUE = /^[^"'`\\\r\t\v\f]*$/;

/** The edit that writes the `AS` of `FROM image AS name` as `word`; undefined when there is none or it reads so already. */
export function fromAsEdit(view: InstructionView, word: string): TextEdit | undefined {
  if (view.name !== 'from' || !view.from?.alias) return undefined;
  const match = /^(\S+[\t\v\f\r ]+)(as)(?=[\t\v\f\r ])/i.exec(view.args);
  if (!match || match[2] === word) return undefined;
  const start = view.argsStart + match[1].length;
  return { start, end: start + 2, text: word };
}

/**
 * The edit that writes a legacy `ENV key value` / `LABEL key value` as `key=value`, or why it cannot. BuildKit reads a
 * legacy value as one word, so the value stays the same: as written when it already is one word (`ENV A "x y"`), in
 * double quotes when it has no quote, escape or line-breaking character (`ENV A x y`).
 */
export function legacyPairEdit(view: InstructionView, escape: '\\' | '`'): TextEdit | string | undefined {
  const legacy = view.pairs?.length === 1 && view.pairs[0].form === 'legacy' ? view.pairs[0] : undefined;
  if (legacy?.value === undefined) return undefined;
  if (legacy.key.includes('=')) return `its key \`${legacy.key}\` holds \`=\``;
  const edit = (value: string): TextEdit => ({
    start: view.argsStart,
    end: view.argsEnd,
    text: `${legacy.key}=${value}`,
  });
  const onePair = (value: string) => {
    const node = buildkitNode(`${view.keyword} ${legacy.key}=${value}`, escape);
    return !node.error && node.next.length === 3 && node.next[0] === legacy.key && node.next[1] === value;
  };
  if (onePair(legacy.value)) return edit(legacy.value);
  const quoted = `"${legacy.value}"`;
  if (!/["'\r\v\f]/.test(legacy.value) && !legacy.value.includes(escape) && onePair(quoted)) return edit(quoted);
  return `its value \`${legacy.value}\` has quotes or escapes, which read differently once it is quoted`;
}

/**
 * The edit that writes `MAINTAINER text` as `<keyword> <key>="text"` (keyword: `LABEL` in the file's case), or why it
 * cannot: MAINTAINER takes its text as written, a label expands `$` and reads quotes and escapes.
 */
export function maintainerLabelEdit(
  view: InstructionView,
  keyword: string,
  key: string,
): TextEdit | string | undefined {
  if (view.name !== 'maintainer' || !view.args) return undefined;
  if (!PLAIN_VALUE.test(view.args) || view.args.includes('$'))
    return `its text \`${view.args}\` has quotes, escapes, tabs or \`$\`, which a label would read differently`;
  return { start: view.keywordStart, end: view.argsEnd, text: `${keyword} ${key}="${view.args}"` };
}
