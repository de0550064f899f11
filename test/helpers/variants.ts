/**
 * Re-encodings of a Dockerfile for round-trip tests (line endings, BOM, tabs, NUL bytes, ...), and a faithful swap of
 * the escape character from `\` to backtick.
 */
import { instructions, parse, print } from '../../src/index.js';

/** Named re-encodings of a text. Each must still parse and print back byte for byte. */
export const VARIANTS: Record<string, (text: string) => string> = {
  crlf: (text) => text.replace(/\r?\n/g, '\r\n'),
  'lone cr': (text) => text.replace(/\r?\n/g, '\r'),
  bom: (text) => '\ufeff' + text,
  mixed: (text) => {
    const endings = ['\n', '\r\n', '\r', '\r\r\n'];
    let i = 0;
    return text.replace(/\r?\n/g, () => endings[i++ % endings.length]);
  },
  tabs: (text) => text.replace(/ {2}/g, '\t').replace(/^ /gm, '\t'),
  'no final newline': (text) => text.replace(/[\r\n]+$/, ''),
  'trailing escape at eof': (text) => text + '\\',
  'nul bytes': (text) => text.replace(/e/g, 'e\0').replace(/\n/g, '\0\n'),
};

/** Why a file's escape character cannot be swapped faithfully, or the swapped text. */
export type SwapResult = { swapped: string } | { skipped: string };

/** Instructions whose arguments BuildKit hands to the shell (or reads as JSON) without applying the escape character; their flags are still expanded. */
const SHELL_ONLY = new Set(['run', 'cmd', 'entrypoint', 'shell', 'healthcheck']);

/**
 * Turn a file that uses the default `\` escape into one that uses the backtick and means the same to BuildKit: add
 * `# escape=`` ` at the top and turn each line-continuation `\` into a backtick. Every other `\` stays and becomes
 * literal. That keeps the meaning only where BuildKit never reads `\` as its escape character: it does in the words of
 * `ENV`, `LABEL` and `ARG` when parsing, and when expanding variables in the arguments (and `COPY`/`ADD` heredoc
 * bodies) of every instruction but the shell-run ones. Files with a `\` there, with backticks already (they would
 * become escapes) or with an escape directive are skipped, with the reason.
 */
export function swapEscapeToBacktick(text: string): SwapResult {
  const root = parse(text);
  if (root.data.escape !== '\\' || root.children.some((node) => node.type === 'directive' && node.name === 'escape')) {
    return { skipped: 'has an escape directive' };
  }
  if (text.includes('`')) return { skipped: 'holds backticks, which would become escape characters' };
  for (const view of instructions(root)) {
    const name = view.trigger?.name ?? view.name;
    const expanded = SHELL_ONLY.has(name) ? view.logical.text.slice(0, view.argsStart) : view.logical.text;
    if (
      expanded.includes('\\') ||
      (!SHELL_ONLY.has(name) && view.heredocs.some((heredoc) => heredoc.body.includes('\\')))
    ) {
      return {
        skipped: `${name.toUpperCase() || 'an instruction'} at line ${view.node.position!.start.line} holds a \\ that BuildKit reads as its escape character`,
      };
    }
  }
  let out = '';
  for (const node of root.children) {
    if (node.type !== 'instruction') {
      out += print(node);
      continue;
    }
    for (const child of node.children) out += child.type === 'continuation' ? '`' + child.value.slice(1) : print(child);
  }
  const bom = out.startsWith('\ufeff') ? '\ufeff' : '';
  return { swapped: bom + '# escape=`' + root.data.eol + out.slice(bom.length) };
}
