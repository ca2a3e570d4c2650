/**
 * @module names/romanise
 * The pinyin syllables a syllable written in another romanisation may stand for, so that names
 * written the older or the Hong Kong way meet the same pinyin:
 *
 * - **Wade–Giles**: each pinyin syllable's Wade–Giles spelling is derived by the system's own
 *   rules (initials b→p, p→p', d→t, g→k, j/zh→ch, q/ch→ch', x→hs, r→j, z→ts, c→ts'; finals
 *   -ong→-ung, -ian→-ien, -ie→-ieh, -üe→-üeh, ü after j/q/x/y, -uo→-o after most initials,
 *   -e→-o after g/k/h, -ui→-uei after g/k, zi/ci/si→tzu/tz'u/ssu, zhi/chi/shi/ri→chih/ch'ih/shih/jih,
 *   yi→i, you→yu, er→erh) and read back with the apostrophes and diacritics lists often drop: "chang"
 *   stands for zhang and chang. No maintained package offers the table; the rules are the system's.
 * - **Cantonese (Hong Kong Government Romanisation)**: the characters a syllable is written for,
 *   from the `cantonese-romanisation` package (MIT), and their Mandarin readings from pinyin-pro:
 *   "leung" stands for liang, "cheung" for zhang and chang.
 *
 * Readings are ambiguous by nature; an alignment through one costs more than an exact one, and a
 * person's family name must still agree (names/align).
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { allSyllables } from './pinyin-syllables.ts';

const require = createRequire(import.meta.url);

const INITIALS: [string, string][] = [
  ['zh', 'ch'], ['ch', "ch'"], ['sh', 'sh'], ['b', 'p'], ['p', "p'"], ['m', 'm'], ['f', 'f'], ['d', 't'], ['t', "t'"], ['n', 'n'], ['l', 'l'],
  ['g', 'k'], ['k', "k'"], ['h', 'h'], ['j', 'ch'], ['q', "ch'"], ['x', 'hs'], ['r', 'j'], ['z', 'ts'], ['c', "ts'"], ['s', 's'], ['y', 'y'], ['w', 'w'],
];
const WHOLE: Record<string, string> = { zi: 'tzu', ci: "tz'u", si: 'ssu', zhi: 'chih', chi: "ch'ih", shi: 'shih', ri: 'jih', yi: 'i', you: 'yu', er: 'erh', e: 'o', yan: 'yen', ye: 'yeh', yong: 'yung', yue: 'yüeh', yu: 'yü', yun: 'yün', yuan: 'yüan' };

/** The Wade–Giles spelling of a (folded, toneless) pinyin syllable. */
export function wadeGilesOf(syllable: string): string {
  if (WHOLE[syllable]) return WHOLE[syllable];
  const [initial, wg] = INITIALS.find(([p]) => syllable.startsWith(p)) ?? ['', ''];
  let final = syllable.slice(initial.length);
  // After j, q and x a written u is ü.
  if (/^[jqx]$/.test(initial) && final.startsWith('u')) final = `ü${final.slice(1)}`;
  final = final
    .replace(/^iong$/, 'iung')
    .replace(/ong$/, 'ung')
    .replace(/^ian$/, 'ien')
    .replace(/^ie$/, 'ieh')
    .replace(/^[uü]e$/, 'üeh');
  if (final === 'uo' && !/^(g|k|h|sh)$/.test(initial)) final = 'o';
  if (final === 'e' && /^(g|k|h)$/.test(initial)) final = 'o';
  if (final === 'ui' && /^(g|k)$/.test(initial)) final = 'uei';
  return wg + final;
}

/** A Wade–Giles syllable as lists write it: without apostrophes or diacritics. */
const stripped = (s: string) => s.replace(/'/g, '').replace(/ü/g, 'u').replace(/ê/g, 'e');

let wadeGiles: Map<string, string[]> | undefined;
/** The pinyin syllables a Latin syllable may be the Wade–Giles spelling of (itself excluded). */
export function fromWadeGiles(syllable: string): string[] {
  if (!wadeGiles) {
    const table = new Map<string, Set<string>>();
    for (const p of allSyllables()) {
      const w = stripped(wadeGilesOf(p));
      if (w !== p) table.set(w, (table.get(w) ?? new Set()).add(p));
    }
    wadeGiles = new Map([...table].map(([w, ps]) => [w, [...ps].sort()]));
  }
  return wadeGiles.get(syllable) ?? [];
}

let cantonese: Map<string, string[]> | undefined;
/** Whether a syllable is one of Hong Kong Government romanisation's. */
export function isCantonese(syllable: string): boolean {
  fromCantonese('');
  return cantoneseSyllables!.has(syllable);
}
let cantoneseSyllables: Set<string> | undefined;

/** The pinyin syllables a Hong Kong Government romanisation syllable may stand for. */
export function fromCantonese(syllable: string): string[] {
  if (!cantonese) {
    const romanToChar = require('cantonese-romanisation/dist/romanToChar.json') as Record<string, string[] | string>;
    cantonese = new Map();
    cantoneseSyllables = new Set(Object.keys(romanToChar).map((r) => r.toLowerCase()));
    for (const [roman, chars] of Object.entries(romanToChar)) {
      const readings = new Set<string>();
      for (const ch of typeof chars === 'string' ? [...chars] : chars) {
        for (const p of pinyin(ch, { toneType: 'none', type: 'array' }) as string[]) readings.add(p.replace(/ü/g, 'u').replace(/v/g, 'u'));
      }
      readings.delete(roman);
      if (readings.size) cantonese.set(roman.toLowerCase(), [...readings].sort());
    }
  }
  return cantonese.get(syllable) ?? [];
}
