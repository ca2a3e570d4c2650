/**
 * @module names/postings
 * A map from a key to the names filed under it, built once and then only read: while it is
 * built, a key with one name holds the number itself and a longer list a plain array; frozen,
 * every list is an Int32Array. At millions of names this is several times smaller than a map of
 * arrays.
 */
export class Postings {
  private lists = new Map<string, number | number[] | Int32Array>();

  /** Files name `i` under `key` (names are added in increasing order; a repeat is ignored). */
  add(key: string, i: number): void {
    const list = this.lists.get(key);
    if (list === undefined) this.lists.set(key, i);
    else if (typeof list === 'number') {
      if (list !== i) this.lists.set(key, [list, i]);
    } else if (Array.isArray(list) && list[list.length - 1] !== i) list.push(i);
  }

  /** Packs every list; call once, when every name is added. */
  freeze(): void {
    for (const [key, list] of this.lists) if (Array.isArray(list)) this.lists.set(key, Int32Array.from(list));
  }

  get(key: string): ArrayLike<number> | undefined {
    const list = this.lists.get(key);
    return typeof list === 'number' ? [list] : list;
  }

  has(key: string): boolean {
    return this.lists.has(key);
  }
}
