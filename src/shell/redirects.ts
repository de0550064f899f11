/**
 * Redirections read off tree-sitter nodes, including the words tree-sitter-bash files under a redirect by mistake.
 */
import type { ShellNode } from './tree.js';
import type { ShellRedirect, ShellWord } from './types.js';
import { toWord } from './words.js';

/** A redirect and the argument words that follow it but that the grammar put inside it (`>f arg`). */
export interface ReadRedirect {
  redirect: ShellRedirect;
  /** Words after the first destination of a file redirect: arguments of the command in the shell's reading. */
  strayArgs: ShellWord[];
}

const REDIRECT_TYPES = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);

/** True for the node types that are redirections. */
export function isRedirect(node: ShellNode): boolean {
  return REDIRECT_TYPES.has(node.type);
}

/** The redirects a redirect node stands for: itself, and for a heredoc the redirects written after its delimiter. */
export function readRedirects(node: ShellNode, source: string): ReadRedirect[] {
  if (node.type === 'file_redirect') return [readFileRedirect(node, source)];
  if (node.type === 'herestring_redirect') {
    const target = node.namedChildren.find((child) => child && child.type !== 'file_descriptor') ?? null;
    return [{ redirect: redirect(node, source, node.endIndex, '<<<', target), strayArgs: [] }];
  }
  if (node.type === 'heredoc_redirect') {
    const start = node.children.find((child) => child?.type === 'heredoc_start') ?? null;
    const operator =
      node.children.find((child) => child && !child.isNamed && child.type.startsWith('<<'))?.type ?? '<<';
    const read: ReadRedirect[] = [
      { redirect: redirect(node, source, start?.endIndex ?? heredocHeaderEnd(node), operator, start), strayArgs: [] },
    ];
    const heredocTarget = read[0]?.redirect.target;
    if (heredocTarget) heredocTarget.value = heredocDelimiter(heredocTarget.text);
    for (const nested of node.childrenForFieldName('redirect')) {
      if (nested) read.push(...readRedirects(nested, source));
    }
    return read;
  }
  return [];
}

/**
 * Where the command line part of a heredoc redirect ends: before the `&&`/`||`/`|` and the statements the grammar
 * nests in it, and before its body.
 */
export function heredocHeaderEnd(node: ShellNode): number {
  let end = node.startIndex;
  for (let index = 0; index < node.childCount; index++) {
    const child = node.child(index);
    if (!child) continue;
    const field = node.fieldNameForChild(index);
    if (field === 'operator' || field === 'right' || child.type === 'pipeline') break;
    if (child.type === 'heredoc_body' || child.type === 'heredoc_end') break;
    end = child.endIndex;
  }
  return end;
}

/** The delimiter a heredoc body must end with: the start word without its quotes and backslashes. */
function heredocDelimiter(text: string): string {
  return text.replace(/["'\\]/g, '');
}

function readFileRedirect(node: ShellNode, source: string): ReadRedirect {
  const destinations = node.childrenForFieldName('destination');
  const operator = node.children.find((child) => child && !child.isNamed)?.type ?? '>';
  const first = destinations[0] ?? null;
  const end = first ? first.endIndex : node.endIndex;
  return {
    redirect: redirect(node, source, end, operator, first),
    strayArgs: destinations.slice(1).map((child) => toWord(child, source)),
  };
}

function redirect(
  node: ShellNode,
  source: string,
  end: number,
  operator: string,
  target: ShellNode | null,
): ShellRedirect {
  const descriptor = node.childForFieldName('descriptor');
  return {
    type: 'redirect',
    text: source.slice(node.startIndex, end),
    start: node.startIndex,
    end,
    operator,
    descriptor: descriptor ? source.slice(descriptor.startIndex, descriptor.endIndex) : null,
    target: target && !target.isMissing ? toWord(target, source) : null,
  };
}
