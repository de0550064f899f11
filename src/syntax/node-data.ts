/**
 * Data attached to tree nodes. A module-level WeakMap would do, but V8 keeps WeakMap values alive until a full
 * collection, so every per-node cache entry outlived the minor collections and was promoted (measured over the
 * corpus: a 200 MB heap and 37% of the time in GC). A non-enumerable property dies with its node, and JSON, object
 * spread and deep equality do not see it.
 */
export class NodeData<T> {
  private readonly key: symbol;

  /** `name` only labels the property for debugging. */
  constructor(name: string) {
    this.key = Symbol(name);
  }

  /** The data attached to `node`, if any. */
  get(node: object): T | undefined {
    return (node as Record<symbol, T | undefined>)[this.key];
  }

  /** Attaches `value` to `node`, replacing what was there. */
  set(node: object, value: T): void {
    Object.defineProperty(node, this.key, { value, configurable: true, writable: true, enumerable: false });
  }

  /** Whether `node` has data attached. */
  has(node: object): boolean {
    return this.get(node) !== undefined;
  }
}
