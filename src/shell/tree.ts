/**
 * A tree-sitter-bash tree copied once into plain JavaScript objects. Every property read of a web-tree-sitter node
 * is a call into WebAssembly; reading the whole tree in one cursor walk and analysing the copy costs a fraction of
 * that (the shell view reads most nodes several times).
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';
import { parseShell } from './load.js';

/** A node of a copied shell syntax tree, with the members of web-tree-sitter's `Node` that the shell view reads. */
export class ShellNode {
  /** The children in source order, named and anonymous. */
  readonly children: ShellNode[] = [];
  /** True when this subtree holds an ERROR or MISSING node. */
  hasError: boolean;
  private named?: ShellNode[];

  constructor(
    /** A number unique within the tree. */
    readonly id: number,
    /** The grammar's node type: `command`, `word`, `&&`, `ERROR`, ... */
    readonly type: string,
    /** False for anonymous tokens such as `&&` or `;`. */
    readonly isNamed: boolean,
    /** True for a token the parser assumed to recover from an error. */
    readonly isMissing: boolean,
    /** JS string index where the node starts. */
    readonly startIndex: number,
    /** JS string index where the node ends (exclusive). */
    readonly endIndex: number,
    /** The field this node fills in its parent (`name`, `argument`, `body`, ...), or null. */
    readonly field: string | null,
    /** The enclosing node, or null for the root. */
    readonly parent: ShellNode | null,
  ) {
    this.hasError = isMissing || type === 'ERROR';
  }

  /** True for an ERROR node. */
  get isError(): boolean {
    return this.type === 'ERROR';
  }

  /** The number of children. */
  get childCount(): number {
    return this.children.length;
  }

  /** The child at `index`, or null. */
  child(index: number): ShellNode | null {
    return this.children[index] ?? null;
  }

  /** The first child, or null. */
  get firstChild(): ShellNode | null {
    return this.children[0] ?? null;
  }

  /** The named children in source order. */
  get namedChildren(): ShellNode[] {
    return (this.named ??= this.children.filter((child) => child.isNamed));
  }

  /** The number of named children. */
  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  /** The first named child, or null. */
  get firstNamedChild(): ShellNode | null {
    return this.namedChildren[0] ?? null;
  }

  /** The field name of the child at `index`, or null. */
  fieldNameForChild(index: number): string | null {
    return this.children[index]?.field ?? null;
  }

  /** The first child in field `name`, or null. */
  childForFieldName(name: string): ShellNode | null {
    return this.children.find((child) => child.field === name) ?? null;
  }

  /** Every child in field `name`. */
  childrenForFieldName(name: string): ShellNode[] {
    return this.children.filter((child) => child.field === name);
  }

  /** The innermost node that covers `[start, end)`. */
  descendantForIndex(start: number, end = start): ShellNode {
    let node: ShellNode = this;
    for (;;) {
      const inner = node.children.find(
        (child) => child.startIndex <= start && end <= child.endIndex && child.endIndex > child.startIndex,
      );
      if (!inner) return node;
      node = inner;
    }
  }
}

/** Parses shell text and copies its tree; the WebAssembly tree is freed before this returns. */
export function readShellTree(text: string): ShellNode {
  const tree = parseShell(text);
  try {
    return copyTree(tree, text);
  } finally {
    tree.delete();
  }
}

/**
 * Node types that are tokens of the grammar (no children in its node-types.json; a test keeps these lists in step with
 * it), plus `$x`, which has no value before run time and holds no command. Their children are not copied.
 */
export const LEAF_TYPES: ReadonlySet<string> = new Set([
  'word',
  'ansi_c_string',
  'comment',
  'extglob_pattern',
  'file_descriptor',
  'heredoc_content',
  'heredoc_end',
  'heredoc_start',
  'raw_string',
  'regex',
  'special_variable_name',
  'string_content',
  'test_operator',
  'variable_name',
  'simple_expansion',
]);

/**
 * Node types whose children can fill fields (per the grammar's node-types.json); elsewhere only the children of an
 * ERROR node can, as error recovery keeps the fields of what it swallowed.
 */
export const FIELD_PARENT_TYPES: ReadonlySet<string> = new Set([
  'binary_expression',
  'c_style_for_statement',
  'case_item',
  'case_statement',
  'command',
  'command_substitution',
  'expansion',
  'file_redirect',
  'for_statement',
  'function_definition',
  'heredoc_redirect',
  'herestring_redirect',
  'if_statement',
  'postfix_expression',
  'redirected_statement',
  'subscript',
  'ternary_expression',
  'unary_expression',
  'variable_assignment',
  'while_statement',
]);

/** Whether the children of a node are worth copying: not for a leaf, nor for a `"string"` that expands nothing. */
function hasUsefulChildren(node: ShellNode, text: string): boolean {
  if (!node.isNamed || LEAF_TYPES.has(node.type)) return false;
  if (node.type !== 'string') return true;
  for (let index = node.startIndex; index < node.endIndex; index++) {
    const char = text.charCodeAt(index);
    if (char === 36 /* $ */ || char === 96 /* ` */) return true;
  }
  return false;
}

/** Named-ness per node type id of the one grammar loaded, filled as types are met (a property of the grammar, not of a node). */
const namedByType = new Map<number, boolean>();

function copyTree(tree: Tree, text: string): ShellNode {
  const cursor = tree.walk();
  try {
    const { types, fields } = tree.language;
    const mayBeMissing = tree.rootNode.hasError;
    let nextId = 0;
    const copy = (parent: ShellNode | null, c: TreeCursor): ShellNode => {
      const typeId = c.nodeTypeId;
      let named = namedByType.get(typeId);
      if (named === undefined) namedByType.set(typeId, (named = c.nodeIsNamed));
      const field =
        parent && (parent.isError || FIELD_PARENT_TYPES.has(parent.type)) ? (fields[c.currentFieldId] ?? null) : null;
      return new ShellNode(
        nextId++,
        types[typeId] || 'ERROR',
        named,
        mayBeMissing && c.nodeIsMissing,
        c.startIndex,
        c.endIndex,
        field,
        parent,
      );
    };
    const root = copy(null, cursor);
    // Iterative depth-first walk: long `&&` chains nest as deeply as they are long.
    let current = root;
    for (;;) {
      // Tokens have no children: asking would cost a call into WebAssembly for nothing.
      if (hasUsefulChildren(current, text) && cursor.gotoFirstChild()) {
        const child = copy(current, cursor);
        current.children.push(child);
        current = child;
        continue;
      }
      for (;;) {
        if (cursor.gotoNextSibling()) {
          const parent = current.parent as ShellNode;
          if (current.hasError) parent.hasError = true;
          const sibling = copy(parent, cursor);
          parent.children.push(sibling);
          current = sibling;
          break;
        }
        if (!cursor.gotoParent()) return root;
        const parent = current.parent as ShellNode;
        if (current.hasError) parent.hasError = true;
        current = parent;
      }
    }
  } finally {
    cursor.delete();
  }
}
