/**
 * Parse errors of a tree-sitter tree: text the grammar could not place, and tokens it had to assume.
 */
import type { ShellNode } from './tree.js';
import type { ShellCommand, ShellError } from './types.js';

/** The ERROR (outermost only) and MISSING nodes of a tree, in source order. */
export function parseErrors(root: ShellNode, source: string): ShellError[] {
  const errors: ShellError[] = [];
  if (!root.hasError) return errors;
  const visit = (node: ShellNode): void => {
    if (node.isMissing) {
      errors.push({
        type: 'error',
        kind: 'missing',
        text: '',
        start: node.startIndex,
        end: node.startIndex,
        message: `Missing ${node.isNamed ? `a ${node.type.replace(/_/g, ' ')}` : `\`${node.type}\``} at offset ${node.startIndex} of the shell text`,
      });
      return;
    }
    if (node.isError) {
      const text = source.slice(node.startIndex, node.endIndex);
      errors.push({
        type: 'error',
        kind: 'unexpected',
        text,
        start: node.startIndex,
        end: node.endIndex,
        message: `Unexpected \`${abbreviate(text)}\` at offset ${node.startIndex} of the shell text`,
      });
      return;
    }
    for (const child of node.children) if (child?.hasError) visit(child);
  };
  visit(root);
  return errors.sort((a, b) => a.start - b.start);
}

function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}

/** Reserved words that can never start a command; the grammar reads them as command names, the shell rejects them. */
const CLOSING_WORDS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', 'in', '}']);

/** Errors for simple commands named by an unquoted reserved word (`fi; echo ok`), which sh and bash reject. */
export function reservedWordErrors(commands: readonly ShellCommand[]): ShellError[] {
  const errors: ShellError[] = [];
  for (const command of commands) {
    const name = command.name;
    if (command.form !== 'simple' || !name || name.node !== 'word' || !CLOSING_WORDS.has(name.text)) continue;
    errors.push({
      type: 'error',
      kind: 'unexpected',
      text: name.text,
      start: name.start,
      end: name.end,
      message: `Unexpected reserved word \`${name.text}\` at offset ${name.start} of the shell text`,
    });
  }
  return errors;
}
