/**
 * @module names/align
 * Whether a written name is a stored name, part by part: each stored part must be met by a part
 * of the query — the same word, a reading of it in another romanisation, two words written as one
 * (or one as two), for an organisation a misspelt long word, for a person an initial — and every
 * part of the query that meets nothing costs something: little for a descriptor ("of the PRC",
 * "Central", "Plan"), a little more for a person's further given name, much for any other word.
 *
 * Persons: the stored family name must be met by the same name or a romanisation of it — never
 * by an initial or a misspelling, and a missing or different family name is never forgiven.
 * Organisations: a stored descriptor the query leaves out costs a little; any other stored word
 * left out means another name.
 *
 * The costs are small, documented numbers; a score is 1 for the same folded name, else 0.97 less
 * the costs of the alignment, and every aligned pair is listed in the explanation.
 */
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import { OFFICES, type NameParts, type Part } from './parts.ts';
import { isSyllable } from './pinyin-syllables.ts';
import { isCantonese } from './romanise.ts';

export type How = 'office' | 'same' | 'translated' | 'abbreviation' | 'parent body' | 'Wade–Giles' | 'Cantonese' | 'pinyin' | 'compound' | 'misspelt' | 'misspelt given name' | 'initial' | 'descriptor left out' | 'further given name' | 'extra word';

/** One edit apart: a letter added, dropped, changed, or two neighbours swapped ("Secuirty"). */
const oneEdit = (a: string, b: string) => damerauLevenshtein.limited(1, a, b) <= 1;
/** How many edits an organisation's word may be off: one, two in a long word ("Secutiry"). */
const editsAllowed = (a: string, b: string) => (Math.min(a.length, b.length) >= LONG_WORD ? 2 : 1);

export interface Alignment {
  query: string;
  stored: string;
  how: How;
  cost: number;
}

/** What each way of meeting a part costs. */
export const COSTS = {
  /** A name read from characters compared with one in letters (any romanisation of a Chinese name). */
  pinyin: 0.02,
  'Wade–Giles': 0.02,
  /** Cantonese syllables stand for many Mandarin ones: weaker evidence. */
  Cantonese: 0.05,
  compound: 0.01,
  /** One word the initials of two or more stored words in a row ("SSD" = State Security Department). */
  abbreviation: 0.1,
  /** A body's name read in English from another language (names/translate), once per name. */
  translated: 0.03,
  misspelt: 0.05,
  /** A person's given name one letter off: a slip of the pen, not another name; the family name is never forgiven. */
  'misspelt given name': 0.06,
  initial: 0.08,
  /** A descriptor of the query's or the stored name's own that the other leaves out. */
  'descriptor left out': 0.02,
  /** The acronym of the body a unit belongs to, written before the unit's name. */
  'parent body': 0.03,
  'further given name': 0.04,
  /** A word of a person's office or rank before the name. */
  office: 0.01,
  /** Any other word of the query that meets nothing: one is enough to make another name. */
  'extra word': 0.2,
} as const;

/** A person written with more further names than this is another person. */
export const MAX_FURTHER_NAMES = 2;
/** A misspelling counts only in words this long: in short words one letter makes another word. */
const MISSPELT_MIN = 5;
const LONG_WORD = 8;
/** A name this long (in letters) may be one letter off as a whole. */
export const LONG_NAME = 15;
/** A company's legal form: left out it is a descriptor, another one is another company. */
const LEGAL_FORMS = new Set(['company', 'corporation', 'group', 'holdings', 'inc']);

export interface AlignOptions {
  person: boolean;
  /** For a person: the written word of the stored name that is the family name. */
  family?: number;
}

export function align(query: NameParts, stored: NameParts, options: AlignOptions): { cost: number; alignments: Alignment[] } | undefined {
  const q = query.parts;
  const s = stored.parts;
  const qAt = new Array<number>(q.length).fill(-1);
  const sHow = new Array<How | undefined>(s.length);
  const alignments: Alignment[] = [];
  const meet = (i: number[], j: number[], how: How, cost: number) => {
    for (const x of i) qAt[x] = j[0]!;
    for (const y of j) sHow[y] = how;
    alignments.push({ query: i.map((x) => q[x]!.text).join(' '), stored: j.map((y) => s[y]!.text).join(' '), how, cost });
  };
  const freeQ = (i: number) => qAt[i] === -1 && !q[i]!.initial;

  // The same word first, then a reading of it (either way round), so that ambiguous readings take what is left.
  // A single letter may be a syllable too (Wade–Giles "i" is yi).
  s.forEach((p, j) => {
    const i = q.findIndex((x, k) => qAt[k] === -1 && x.text === p.text);
    if (i >= 0) meet([i], [j], 'same', 0);
  });
  s.forEach((p, j) => {
    if (sHow[j]) return;
    const i = q.findIndex((x, k) => qAt[k] === -1 && readingOf(x, p, options.person));
    if (i < 0) return;
    const how = readingHow(q[i]!, p, options.person)!;
    meet([i], [j], how, COSTS[how]);
  });
  // An organisation's words written as their initials ("Hainan SSD", "PLA", "DoJ").
  if (!options.person) {
    q.forEach((p, i) => {
      if (!freeQ(i) || p.text.length < 2 || p.text.length > MAX_ABBREVIATION || !/^[a-z]+$/.test(p.text)) return;
      for (let j = 0; j < s.length; j++) {
        const run = initialsAt(p.text, s, j, sHow);
        if (run) return meet([i], run, 'abbreviation', COSTS.abbreviation);
      }
    });
  }
  // More than two stored words unmet by word or reading: only the same letters cut otherwise can still make it the name.
  const unmet = s.filter((p, j) => !sHow[j] && !p.qualifier && !p.country).length;
  if (unmet > 2) return sameLetters(q, s, options.person);

  // Two or three words written as one, or one as two ("Sky Net" = "Skynet").
  s.forEach((p, j) => {
    if (sHow[j]) return;
    for (let i = 0; i + 1 < q.length; i++) {
      if (!freeQ(i) || !p.text.startsWith(q[i]!.text)) continue;
      let joined = q[i]!.text;
      for (let k = i + 1; k < q.length && k <= i + 2 && freeQ(k); k++) {
        joined += q[k]!.text;
        if (joined === p.text) return meet(Array.from({ length: k - i + 1 }, (_, n) => i + n), [j], 'compound', COSTS.compound);
        if (!p.text.startsWith(joined)) break;
      }
    }
  });
  q.forEach((p, i) => {
    if (!freeQ(i)) return;
    for (let j = 0; j + 1 < s.length; j++) {
      if (!sHow[j] && !sHow[j + 1] && s[j]!.text + s[j + 1]!.text === p.text) return meet([i], [j, j + 1], 'compound', COSTS.compound);
    }
  });
  if (!options.person) {
    s.forEach((p, j) => {
      if (sHow[j] || p.text.length < MISSPELT_MIN - 1) return;
      const i = q.findIndex(
        (x, k) => freeQ(k) && !DIGIT.test(x.text) && !DIGIT.test(p.text) && Math.max(x.text.length, p.text.length) >= MISSPELT_MIN && Math.min(x.text.length, p.text.length) >= MISSPELT_MIN - 1 && damerauLevenshtein.limited(editsAllowed(x.text, p.text), x.text, p.text) <= editsAllowed(x.text, p.text),
      );
      if (i >= 0) meet([i], [j], 'misspelt', COSTS.misspelt);
    });
  } else {
    // An initial stands for a whole written given name (all its syllables), never for the family name.
    for (const word of new Set(s.map((p) => p.word))) {
      if (word === options.family) continue;
      const group = s.flatMap((p, j) => (p.word === word && !sHow[j] ? [j] : []));
      if (!group.length || group.length !== s.filter((p) => p.word === word).length) continue;
      const letter = s[group[0]!]!.text[0];
      const i = q.findIndex((x, k) => qAt[k] === -1 && x.initial && x.text === letter);
      if (i >= 0) {
        meet([i], group, 'initial', COSTS.initial);
        continue;
      }
      // A slip in a pinyin given name only: Western given names a letter apart are other names (Christine, Christina).
      const written = group.map((j) => s[j]!.text).join('');
      const pinyin = group.length > 1 || isSyllable(written);
      const slip = pinyin && written.length >= MISSPELT_MIN ? q.findIndex((x, k) => freeQ(k) && x.text.length >= MISSPELT_MIN && oneEdit(x.text, written)) : -1;
      if (slip >= 0) meet([slip], group, 'misspelt given name', COSTS['misspelt given name']);
    }
  }

  if (s.some((p, j) => !sHow[j] && !p.qualifier)) {
    const whole = sameLetters(q, s, options.person);
    if (whole) return whole;
  }

  let cost = query.han !== stored.han ? COSTS.pinyin : 0;
  if (query.han !== stored.han) alignments.unshift({ query: 'characters', stored: 'letters', how: 'pinyin', cost: COSTS.pinyin });
  // A translation costs once, however many words it took.
  for (const [k, [word, english]] of (query.translated ?? []).entries()) alignments.unshift({ query: word, stored: english, how: 'translated', cost: k === 0 ? COSTS.translated : 0 });
  for (const a of alignments) cost += a.cost;

  // Every stored part met, but a descriptor of an organisation's.
  for (const [j, p] of s.entries()) {
    if (sHow[j]) continue;
    if (options.person || !(p.qualifier || p.country)) return undefined;
    alignments.push({ query: '', stored: p.text, how: 'descriptor left out', cost: COSTS['descriptor left out'] });
    cost += COSTS['descriptor left out'];
  }
  // A person's family name met as written or romanised: never by an initial, a misspelling or not at all.
  if (options.person && options.family !== undefined) {
    const family = s.flatMap((p, j) => (p.word === options.family ? [sHow[j]] : []));
    if (!family.length || family.some((how) => !how || how === 'initial' || how === 'misspelt' || how === 'misspelt given name')) return undefined;
    // …and by a word of its own: in "Cai Chenfang" chen is part of a given name, not the family name Chen.
    // (A name run together, "dengyaojian", is one word: its family name shares it, and nothing is left over.)
    const familyAt = new Set(s.flatMap((p, j) => (p.word === options.family ? [j] : [])));
    const words = new Set(q.flatMap((p, i) => (familyAt.has(qAt[i]!) ? [p.word] : [])));
    const shared = [...words].some((w) => q.some((p, i) => p.word === w && !familyAt.has(qAt[i]!)));
    if (shared && q.some((p, i) => qAt[i] === -1 && !OFFICES.has(p.text))) return undefined;
  }
  // A name written the Cantonese way is Cantonese throughout: "Kim Ji-woo" is not Hu Ji through "woo" = hu.
  // Its readings are many, so a Cantonese reading must account for the whole name: no word left over.
  if (alignments.some((a) => a.how === 'Cantonese') && q.some((p, i) => (qAt[i] !== -1 && !isCantonese(p.text)) || (qAt[i] === -1 && !OFFICES.has(p.text)))) return undefined;
  // A person's written word is met whole or not at all: Zhu Yongjun is not Zhu Yong with a further name "jun".
  if (options.person) {
    for (const word of new Set(q.map((p) => p.word))) {
      const at = q.flatMap((p, i) => (p.word === word ? [qAt[i] !== -1] : []));
      if (at.some(Boolean) && !at.every(Boolean)) return undefined;
    }
  }
  let further = 0;
  const legalFormLeft = s.some((p, j) => !sHow[j] && LEGAL_FORMS.has(p.text));
  for (const [i, p] of q.entries()) {
    if (qAt[i] !== -1) continue;
    // Another legal form than the stored one's is another company (Modern Robotics Company, … Corporation).
    if (!options.person && legalFormLeft && LEGAL_FORMS.has(p.text)) {
      alignments.push({ query: p.text, stored: '', how: 'extra word', cost: COSTS['extra word'] });
      cost += COSTS['extra word'];
      continue;
    }
    const how: How = !options.person && p.parent ? 'parent body' : !options.person && (p.qualifier || p.country) ? 'descriptor left out' : options.person ? (OFFICES.has(p.text) ? 'office' : 'further given name') : 'extra word';
    if (how === 'further given name' && ++further > MAX_FURTHER_NAMES) return undefined;
    alignments.push({ query: p.text, stored: '', how, cost: COSTS[how] });
    cost += COSTS[how];
  }
  return { cost: Math.round(cost * 1000) / 1000, alignments };
}

const DIGIT = /\d/;

/** An abbreviation is at most this long. */
export const MAX_ABBREVIATION = 6;

/**
 * The stored parts, from the j-th, whose written words' initials spell `text`: two or more whole
 * words in a row, none already met, none a country; where a joining word was left out between
 * two of them ("Department of Justice") its letter may be written too ("DoJ").
 */
function initialsAt(text: string, s: Part[], j: number, met: (How | undefined)[]): number[] | undefined {
  if (j > 0 && s[j - 1]!.word === s[j]!.word) return undefined;
  const run: number[] = [];
  let k = 0;
  for (let y = j; y < s.length; y++) {
    const p = s[y]!;
    const sameWord = y > j && p.word === s[y - 1]!.word;
    if (!sameWord && k === text.length) break;
    if (met[y] || p.country || p.initial) return undefined;
    if (sameWord) {
      run.push(y);
      continue;
    }
    if (y > j && p.word > s[y - 1]!.word + 1 && text[k] === 'o' && p.text[0] !== 'o') k++;
    if (p.text[0] !== text[k]) return undefined;
    run.push(y);
    k++;
  }
  const words = new Set(run.map((y) => s[y]!.word)).size;
  return k === text.length && words >= 2 ? run : undefined;
}

/** The initials a body's name may be written as: of its last one, two … words, with and without a left-out "of" (names/match files names under them). */
export function abbreviationsOf(form: NameParts): string[] {
  // A name in pinyin is not written as its initials.
  if (form.parts.every((p) => p.qualifier || p.country || p.initial || isSyllable(p.text))) return [];
  const words: { letter: string; gap: boolean }[] = [];
  let last = -1;
  for (const p of form.parts) {
    if (p.word === last) continue;
    if (p.country || p.initial) {
      last = p.word;
      continue;
    }
    words.push({ letter: p.text[0]!, gap: last >= 0 && p.word > last + 1 });
    last = p.word;
  }
  const out = new Set<string>();
  for (let a = 0; a + 1 < words.length; a++) {
    const run = words.slice(a);
    const plain = run.map((w) => w.letter).join('');
    const withOf = run.map((w, k) => (k > 0 && w.gap && w.letter !== 'o' ? 'o' : '') + w.letter).join('');
    for (const x of [plain, withOf]) if (x.length <= MAX_ABBREVIATION && /^[a-z]+$/.test(x)) out.add(x);
  }
  return [...out];
}

/**
 * The same letters in the same order, however the words are cut ("PutterPanda", "Sky Net"); for an
 * organisation's long name, one letter off anywhere ("Tian Jin Ji Xie Xin Xi u").
 */
function sameLetters(q: Part[], s: Part[], person: boolean): { cost: number; alignments: Alignment[] } | undefined {
  const letters = (parts: Part[]) => parts.filter((p) => !p.qualifier && !p.country).map((p) => p.text).join('');
  const [a, b] = [letters(q), letters(s)];
  if (a.length < MISSPELT_MIN) return undefined;
  // A slip drops, swaps or changes a letter inside the name; an extra letter or another first letter makes another name (Changzhou, Hangzhou).
  // A number is never a slip: 10000 is not 1000.
  const slip = !person && b.length >= LONG_NAME && a.length <= b.length && a[0] === b[0] && a.replace(/\D/g, '') === b.replace(/\D/g, '') && oneEdit(a, b);
  const how = a === b ? 'compound' : slip ? 'misspelt' : undefined;
  return how ? { cost: COSTS[how], alignments: [{ query: q.map((p) => p.text).join(' '), stored: s.map((p) => p.text).join(' '), how, cost: COSTS[how] }] } : undefined;
}

function readingHow(query: Part, stored: Part, person: boolean): 'Wade–Giles' | 'Cantonese' | undefined {
  const of = (a: Part, b: Part) => a.readings.find((r) => r.text === b.text && (person || r.how !== 'Cantonese'))?.how;
  return of(query, stored) ?? of(stored, query);
}

/** Whether a query part may be the stored part in another romanisation (Cantonese for persons only: places and bodies are not written so). */
function readingOf(query: Part, stored: Part, person: boolean): boolean {
  return readingHow(query, stored, person) !== undefined;
}
