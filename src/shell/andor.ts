/**
 * And-or lists and pipelines read off tree-sitter-bash as one flat token stream in source order.
 *
 * The grammar nests some of these wrongly: it reads `a | b | c && d` as `a | (b | c && d)`, hangs `> f` in
 * `a && b > f` on the whole list, and nests what follows a heredoc on its line (`cat <<EOF && b`) inside the heredoc
 * redirect. Flattening to elements and operators, then grouping by the shell's own precedence (`|` binds tighter than
 * `&&`/`||`), undoes all three.
 */
import type { ShellNode } from './tree.js';
import { heredocHeaderEnd, isRedirect } from './redirects.js';

/** An operator between elements: `&&`, `||`, `|` or `|&`. */
export interface AndOrOperator {
  kind: 'operator';
  node: ShellNode;
}

/** One command of a pipeline (a simple command, a subshell, a brace group, a loop, ...). */
export interface AndOrElement {
  kind: 'element';
  /** The statement to read; null for a command made only of redirections (`> file`). */
  node: ShellNode | null;
  /** The node type to report: the statement's, or `redirected_statement` when there is none. */
  type: string;
  start: number;
  end: number;
}

/** A node that belongs to no element but must still be read: redirects the grammar hung on a list, heredocs. */
export interface AndOrExtra {
  kind: 'extra';
  node: ShellNode;
  /** For a redirect: the simple command it applies to, when there is one. */
  attachTo: ShellNode | null;
  /** For a redirect of a compound command (`{ ...; } > f`, a loop, `if`): that command. */
  compound?: ShellNode;
}

/** A token of a flattened and-or list. */
export type AndOrToken = AndOrOperator | AndOrElement | AndOrExtra;

const AND_OR = new Set(['&&', '||']);
const PIPES = new Set(['|', '|&']);

/** True for `|` and `|&`. */
export function isPipeOperator(type: string): boolean {
  return PIPES.has(type);
}

/** Flattens a statement into its elements and operators, in source order. */
export function flattenAndOr(node: ShellNode): AndOrToken[] {
  const tokens: AndOrToken[] = [];
  flatten(node, tokens);
  return tokens;
}

/** Groups flattened elements into pipelines: runs of elements joined by `|` or `|&`. */
export function groupPipelines(tokens: AndOrToken[]): AndOrElement[][] {
  const pipelines: AndOrElement[][] = [];
  let current: AndOrElement[] = [];
  let piped = false;
  for (const token of tokens) {
    if (token.kind === 'operator') {
      piped = PIPES.has(token.node.type);
      if (!piped && current.length > 0) {
        pipelines.push(current);
        current = [];
      }
    } else if (token.kind === 'element') {
      if (!piped && current.length > 0) {
        pipelines.push(current);
        current = [];
      }
      current.push(token);
      piped = false;
    }
  }
  if (current.length > 0) pipelines.push(current);
  return pipelines;
}

function flatten(node: ShellNode, tokens: AndOrToken[]): void {
  if (node.type === 'list' || node.type === 'pipeline') {
    for (let index = 0; index < node.childCount; index++) {
      const child = node.child(index);
      if (!child || child.type === 'comment') continue;
      if (!child.isNamed && (AND_OR.has(child.type) || PIPES.has(child.type)))
        tokens.push({ kind: 'operator', node: child });
      else flatten(child, tokens);
    }
    return;
  }
  if (node.type === 'redirected_statement') {
    flattenRedirected(node, tokens);
    return;
  }
  tokens.push({ kind: 'element', node, type: node.type, start: node.startIndex, end: node.endIndex });
}

function flattenRedirected(node: ShellNode, tokens: AndOrToken[]): void {
  const body = node.childForFieldName('body');
  const split = node.children.find(
    (child) =>
      child?.type === 'heredoc_redirect' &&
      (child.childForFieldName('operator') !== null || child.children.some((c) => c?.type === 'pipeline')),
  );
  // The command line ends before a heredoc's body and before what the grammar nests after its `&&`.
  const end = split ? heredocHeaderEnd(split) : node.endIndex;
  if (body && (body.type === 'list' || body.type === 'pipeline' || body.type === 'redirected_statement')) {
    flatten(body, tokens);
    const last = lastElement(tokens);
    if (last && end > last.end) last.end = end;
  } else {
    tokens.push({ kind: 'element', node: body, type: body?.type ?? node.type, start: node.startIndex, end });
  }
  const attachTo = body ? lastCommand(body) : null;
  for (let index = 0; index < node.childCount; index++) {
    const child = node.child(index);
    if (!child || child.type === 'comment' || (body && child.id === body.id)) continue;
    if (!child.isNamed) continue;
    const redirect = isRedirect(child);
    const compound = redirect && !attachTo && body ? { compound: lastStatement(body) } : {};
    tokens.push({ kind: 'extra', node: child, attachTo: redirect ? attachTo : null, ...compound });
  }
  if (!split) return;
  for (let index = 0; index < split.childCount; index++) {
    const child = split.child(index);
    if (!child) continue;
    const field = split.fieldNameForChild(index);
    if (field === 'operator') tokens.push({ kind: 'operator', node: child });
    else if (field === 'right') flatten(child, tokens);
    else if (child.type === 'pipeline') flatten(child, tokens);
  }
}

function lastElement(tokens: AndOrToken[]): AndOrElement | null {
  for (let index = tokens.length - 1; index >= 0; index--) {
    const token = tokens[index];
    if (token?.kind === 'element') return token;
  }
  return null;
}

/** The statement a redirect written after a list or pipeline applies to: its last one (`a && { b; } > f`). */
function lastStatement(node: ShellNode): ShellNode {
  if (node.type !== 'list' && node.type !== 'pipeline') return node;
  for (let index = node.childCount - 1; index >= 0; index--) {
    const child = node.child(index);
    if (child && child.isNamed && child.type !== 'comment') return lastStatement(child);
  }
  return node;
}

/** The simple command a redirect written after a statement applies to: the statement, or its last command. */
function lastCommand(node: ShellNode): ShellNode | null {
  switch (node.type) {
    case 'command':
    case 'declaration_command':
    case 'unset_command':
    case 'test_command':
    case 'variable_assignment':
    case 'variable_assignments':
      return node;
    case 'list':
    case 'pipeline':
    case 'redirected_statement': {
      for (let index = node.childCount - 1; index >= 0; index--) {
        const child = node.child(index);
        if (!child || !child.isNamed || child.type === 'comment') continue;
        if (node.type === 'redirected_statement' && child.id !== node.childForFieldName('body')?.id) continue;
        return lastCommand(child);
      }
      return null;
    }
    default:
      return null;
  }
}
