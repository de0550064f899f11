/**
 * Data attached to tree nodes. A module-level WeakMap would do, but V8 keeps WeakMap values alive until a full
 * collection, so every per-node cache entry outlived the minor collections and was promoted (measured over the
 * corpus: a 200 MB heap and 37% of the time in GC). A symbol-keyed property dies with its node, and JSON,
 * `Object.keys`, `for...in` and uvu's deep equality do not see it. It is a plain assignment, as
 * `Object.defineProperty` cost the parser 9% of its time; a copy of the node (`{ ...node }`) carries the property,
 * so it remembers its owner and means nothing on the copy.
 */
export class NodeData<T> {
  private readonly key: symbol;

  /** `name` only labels the property for debugging. */
  constructor(name: string) {
    this.key = Symbol(name);
  }

  /** The data attached to `node`, if any. */
  get(node: object): T | undefined {
    const slot = (node as Record<symbol, Slot<T> | undefined>)[this.key];
    return slot?.owner === node ? slot.value : undefined;
  }

  /** Attaches `value` to `node`, replacing what was there. */
  set(node: object, value: T): void {
    (node as Record<symbol, Slot<T>>)[this.key] = { owner: node, value };
  }

  /** Whether `node` has data attached. */
  has(node: object): boolean {
    return this.get(node) !== undefined;
  }
}

/** Attached data with the node it was attached to: a copy of the node (`{ ...node }`) carries the slot, not the data. */
interface Slot<T> {
  owner: object;
  value: T;
}
