/**
 * @module names/prefix-filter
 * A Bloom filter over strings: "certainly not added" or "perhaps added", in a few bits per string.
 * The name index asks it whether any key begins with a set of words before it looks up that set's
 * longer sets: a million names' key prefixes take a few megabytes instead of a set of strings.
 */
const BITS_PER_ITEM = 12;
const HASHES = 7;

/** FNV-1a over UTF-16 code units, seeded: two seeds give the filter's hash pair. */
function fnv(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class PrefixFilter {
  private readonly bits: Uint32Array;
  private readonly size: number;

  constructor(expected: number) {
    this.size = Math.max(64, expected * BITS_PER_ITEM);
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
  }

  add(text: string): void {
    const [a, b] = [fnv(text, 0), fnv(text, 0x5bd1e995)];
    for (let k = 0; k < HASHES; k++) {
      const bit = (a + Math.imul(k, b)) >>> 0;
      const at = bit % this.size;
      this.bits[at >>> 5]! |= 1 << (at & 31);
    }
  }

  /** False: never added. True: probably added. */
  has(text: string): boolean {
    const [a, b] = [fnv(text, 0), fnv(text, 0x5bd1e995)];
    for (let k = 0; k < HASHES; k++) {
      const bit = (a + Math.imul(k, b)) >>> 0;
      const at = bit % this.size;
      if ((this.bits[at >>> 5]! & (1 << (at & 31))) === 0) return false;
    }
    return true;
  }
}
