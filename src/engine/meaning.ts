/**
 * The meaning of an instruction for the guard: what BuildKit builds from it, with the whitespace that cannot matter
 * (between shell words of a shell-form command) normalised away.
 */
import type { BuildkitNode } from '../syntax/buildkit-args.js';
import { buildkitNode } from '../syntax/command-line.js';
import { rawShellWords } from '../syntax/heredoc.js';
import type { InstructionView } from '../syntax/view.js';

const SHELL_FORM = new Set(['run', 'cmd', 'entrypoint']);

/** The meaning key of an instruction as it stands in a tree. */
export function meaningKey(view: InstructionView): string {
  const heredocs = view.heredocs.map((doc) => [doc.name, doc.fd, doc.chomp, doc.expand, doc.content]);
  return JSON.stringify([nodeKey(view.buildkit), heredocs]);
}

/** The meaning key a transform declares for an instruction by giving its logical line (no heredocs). */
export function declaredKey(logicalLine: string, escape: string): string {
  return JSON.stringify([nodeKey(buildkitNode(logicalLine, escape)), []]);
}

function nodeKey(node: BuildkitNode): unknown[] {
  const name = node.value.toLowerCase();
  let next: unknown[] = node.next.map((item) => (typeof item === 'string' ? item : nodeKey(item)));
  if (!node.json && SHELL_FORM.has(name) && typeof next[0] === 'string') next = [shellWords(next[0])];
  if (!node.json && name === 'healthcheck' && typeof next[1] === 'string') next = [next[0], shellWords(next[1])];
  return [name, node.flags, node.json, next, node.error ?? null];
}

/** Shell words with quotes and escapes kept and unquoted whitespace runs collapsed (a line that does not lex: its whitespace-separated runs). */
function shellWords(text: string): string[] {
  return rawShellWords(text) ?? text.split(/[\s]+/).filter(Boolean);
}
