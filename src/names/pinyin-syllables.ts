/**
 * @module names/pinyin-syllables
 * The toneless pinyin syllables, read once from pinyin-pro's readings of the CJK Unified
 * Ideographs (so no list is kept by hand), and the cutting of a Latin word into them.
 */
import { pinyin } from 'pinyin-pro';
import { fold } from './fold.ts';

let syllables: Set<string> | undefined;

function all(): Set<string> {
  if (!syllables) {
    let block = '';
    for (let c = 0x4e00; c <= 0x9fff; c++) block += String.fromCharCode(c);
    const readings = pinyin(block, { toneType: 'none', type: 'array' }) as string[];
    syllables = new Set(readings.map(fold).filter((s) => /^[a-z]+$/.test(s)));
    // Apostrophe-less writers drop the syllable-initial glide sometimes; keep the common vowels.
    for (const v of ['a', 'o', 'e', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'ang', 'eng', 'er']) syllables.add(v);
  }
  return syllables;
}

/** Every toneless pinyin syllable. */
export function allSyllables(): ReadonlySet<string> {
  return all();
}

export function isSyllable(word: string): boolean {
  return all().has(word);
}

/**
 * `word` cut into pinyin syllables, preferring the fewest (xian, not xi an), or undefined when it
 * cannot be read as pinyin at all.
 */
const segmented = new Map<string, string[] | undefined>();
/** Words recur across a list's names; each is cut once (the memo is emptied when it grows large). */
export function segmentPinyin(word: string): string[] | undefined {
  if (segmented.has(word)) return segmented.get(word);
  const cut = segmentOnce(word);
  if (segmented.size >= 200_000) segmented.clear();
  segmented.set(word, cut);
  return cut;
}

function segmentOnce(word: string): string[] | undefined {
  const set = all();
  const n = word.length;
  const best: (string[] | undefined)[] = new Array(n + 1);
  best[0] = [];
  for (let i = 0; i < n; i++) {
    const head = best[i];
    if (!head) continue;
    for (let len = 1; len <= 6 && i + len <= n; len++) {
      const s = word.slice(i, i + len);
      if (!set.has(s)) continue;
      const cand = [...head, s];
      const cur = best[i + len];
      if (!cur || cand.length < cur.length) best[i + len] = cand;
    }
  }
  return best[n];
}
