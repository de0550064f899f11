/**
 * Disable comments: `# layerfix-disable-next-line <name>[, <name>] [-- reason]`, `# layerfix-disable <name>` /
 * `# layerfix-enable <name>` ranges and `# layerfix-disable-file`. No names means every transform.
 */
import type { CommentNode, InstructionNode, Root } from '../syntax/types.js';

/** One disable comment and whether it suppressed anything. */
export interface DisableComment {
  kind: 'disable-next-line' | 'disable' | 'enable' | 'disable-file';
  /** Transform names; empty means all. */
  names: string[];
  node: CommentNode;
  used: boolean;
}

const PATTERN = /^#\s*layerfix-(disable-next-line|disable-file|disable|enable)(?=\s|$)\s*(.*?)\s*$/;

/** The disable comment a comment line holds, if any. */
export function readDisableComment(node: CommentNode): DisableComment | undefined {
  const text = node.children.find((leaf) => leaf.type === 'text')?.value ?? '';
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [names] = match[2].split(/(?:^|\s)--(?:\s|$)/);
  return {
    kind: match[1] as DisableComment['kind'],
    names: names.split(/[\s,]+/).filter(Boolean),
    node,
    used: false,
  };
}

/** Which disable comments cover which instructions of a file. */
export class DisableMap {
  readonly comments: DisableComment[] = [];
  private readonly covering = new Map<InstructionNode, DisableComment[]>();

  constructor(root: Root) {
    const open: DisableComment[] = [];
    let pending: DisableComment[] = [];
    for (const node of root.children) {
      if (node.type === 'comment') {
        const comment = readDisableComment(node);
        if (!comment) continue;
        this.comments.push(comment);
        if (comment.kind === 'disable-next-line') pending.push(comment);
        else if (comment.kind === 'disable' || comment.kind === 'disable-file') open.push(comment);
        else this.enable(open, comment);
      } else if (node.type === 'instruction') {
        this.covering.set(node, [...open, ...pending]);
        pending = [];
      }
    }
  }

  /** The disable comment that turns `name` off for `node` (marked used), if any. */
  disabled(node: InstructionNode, name: string): DisableComment | undefined {
    const comment = this.covering.get(node)?.find((c) => c.names.length === 0 || c.names.includes(name));
    if (comment) comment.used = true;
    return comment;
  }

  /** Whether any disable comment names `node` at all (for any transform). */
  hasAny(node: InstructionNode): boolean {
    return (this.covering.get(node)?.length ?? 0) > 0;
  }

  /** An enable comment closes the open ranges whose names it all re-enables (every range when it names none). */
  private enable(open: DisableComment[], enable: DisableComment): void {
    for (let i = open.length - 1; i >= 0; i--) {
      const range = open[i];
      if (range.kind === 'disable-file') continue;
      const closes =
        enable.names.length === 0 ||
        (range.names.length > 0 && range.names.every((name) => enable.names.includes(name)));
      if (closes) open.splice(i, 1);
    }
  }
}
