/**
 * @module names/parts
 * A name as the parts an alignment compares (names/align): its words in their written order,
 * each folded (names/fold), pinyin words cut into syllables, Chinese characters read as pinyin
 * with organisation words in English (部 → ministry), number words as digits ("Thousand" = 1000),
 * and with what each part may also stand for (its Wade–Giles and Cantonese readings, names/romanise).
 *
 * Descriptors that stand beside a name without changing whom it names — a country ("of the PRC",
 * "China's", "Chinese"), "Central", "CCP", "Plan", "Programme", "Operation", "provincial" — are
 * marked as qualifiers: an alignment may leave them out at a small cost.
 */
import { countryCode, worldCountries } from './country.ts';
import { fold, pinyinKey } from './fold.ts';
import { FILLER, ORG_WORDS, SYNONYMS } from './normalise.ts';
import { isSyllable, segmentPinyin } from './pinyin-syllables.ts';
import { fromCantonese, fromWadeGiles } from './romanise.ts';
import { translateName } from './translate.ts';

export type ReadingKind = 'Wade–Giles' | 'Cantonese';

export interface Part {
  text: string;
  /** The written word it came from: a pinyin word gives one part per syllable. */
  word: number;
  /** A descriptor that may stand beside the name without changing whom it names. */
  qualifier: boolean;
  /** The acronym of the body a unit belongs to, written before the unit's name ("MSS Hainan State Security Department"). */
  parent?: boolean;
  /** The country the word names or describes, if it does. */
  country?: string;
  /** A single letter: an initial. */
  initial: boolean;
  /** What the part may also stand for in pinyin. */
  readings: { text: string; how: ReadingKind }[];
}

export interface NameParts {
  parts: Part[];
  /** The country the name itself states, if any. */
  country?: string;
  /** Read from Chinese characters. */
  han: boolean;
  /** Words read in English from another language (names/translate): an organisation's form only. */
  translated?: [string, string][];
}

/** Descriptors around a name (besides countries). */
export const QUALIFIERS = new Set([
  'central', 'ccp', 'cpc', 'plan', 'programme', 'scheme', 'operation', 'provincial', 'municipal', 'province', 'city',
  // A company's legal form and the generic words of Chinese company names (科技发展有限公司).
  'company', 'limited', 'inc', 'corporation', 'group', 'holdings', 'science', 'technology', 'development',
  // What cyber threat reports add to a group's name.
  'apt', 'team',
  'district', 'county', 'special',
]);

/** Phrases read as one descriptor before the words are cut: the Party and its Central Committee as written in full. */
const DESCRIPTOR_PHRASES: [RegExp, string][] = [
  [/\b(?:chinese communist party|communist party of (?:china|prc)|prc communist party)\b/g, 'ccp'],
  [/\bcentral committee\b/g, 'central'],
];

/** Titles and honorifics before a person's name. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'madam', 'herr', 'frau', 'hr', 'pr']);

/** Words of a person's office or rank written before the name ("Deputy Division Director Xu Yanjun"); in an organisation's name they count. */
export const OFFICES = new Set(['deputy', 'division', 'director', 'chief', 'head', 'minister', 'officer', 'agent', 'judge', 'president', 'chairman', 'secretary', 'general', 'vice', 'senior', 'special', 'section', 'department', 'admiral', 'colonel', 'captain', 'major', 'lieutenant', 'commander', 'ambassador', 'consul', 'attorney', 'solicitor', 'lawyer', 'engineer', 'researcher', 'scientist', 'defendant']);

/** Latin spellings of the same word beyond names/normalise's (American and British, list abbreviations). */
const MORE_SYNONYMS: Record<string, string> = { program: 'programme', organization: 'organisation', defense: 'defence', intl: 'international', natl: 'national', govt: 'government', fuer: 'fur' };

/** A possessive ("People's") is the word itself; a lone "s" is then an initial. */
const POSSESSIVE = /(?<=\p{L})['’ʼ`´]s(?!\p{L})/gu;

/** Country names of several words ("United Kingdom of Great Britain and Northern Ireland"), folded, by their first word, longest first. */
let countryPhrases: Map<string, [string, string][]> | undefined;
function phrasesOfCountries(): Map<string, [string, string][]> {
  if (countryPhrases) return countryPhrases;
  countryPhrases = new Map();
  const all = worldCountries
    .flatMap((c) => [...c.altSpellings, c.name.common, c.name.official].map((n) => [fold(n.replace(POSSESSIVE, '')), c.cca2.toLowerCase()] as [string, string]))
    .concat([['united states', 'us'], ['united kingdom', 'gb'], ['great britain', 'gb'], ['people republic of china', 'cn']])
    .filter(([n]) => n.includes(' '))
    .sort((a, b) => b[0].length - a[0].length);
  for (const entry of all) {
    const first = entry[0].split(' ')[0]!;
    countryPhrases.set(first, [...(countryPhrases.get(first) ?? []), entry]);
  }
  return countryPhrases;
}

const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, fifty: 50, hundred: 100 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/** Character prefixes of party and state bodies: the country (a qualifier with its country) and the Central Committee. */
const HAN_PREFIXES: [string, string, string | undefined][] = [
  ['中华人民共和国', 'china', 'cn'],
  ['中国共产党中央委员会', 'central', undefined],
  ['中国', 'china', 'cn'],
  ['中共中央', 'central', undefined],
  ['中共', 'ccp', undefined],
  ['中央', 'central', undefined],
];

/** Two-letter country codes written as part of a name ("U.S. Department of Justice", "UK Parliament"). */
const TWO_LETTER_COUNTRIES = new Set(['us', 'uk', 'gb', 'eu']);

let demonyms: Map<string, string> | undefined;
const countries = new Map<string, string | undefined>();
/** The country a single word names or describes ("china", "chinese", "prc"), if any (once per word). */
function countryOf(word: string): string | undefined {
  if (countries.has(word)) return countries.get(word);
  const code = countryOnce(word);
  if (countries.size >= 200_000) countries.clear();
  countries.set(word, code);
  return code;
}

function countryOnce(word: string): string | undefined {
  if (!demonyms) {
    demonyms = new Map();
    for (const c of worldCountries) for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f]) if (d && !/\s/.test(d)) demonyms.set(fold(d), c.cca2.toLowerCase());
  }
  if (word === 'prc') return 'cn';
  if (word.length === 2 && TWO_LETTER_COUNTRIES.has(word)) return word === 'uk' ? 'gb' : word;
  return demonyms.get(word) ?? (word.length > 3 ? countryCode(word)?.toLowerCase() : undefined);
}

const part = (text: string, word: number, extra: Partial<Part> = {}): Part => ({ text, word, qualifier: QUALIFIERS.has(text), initial: false, readings: [], ...extra });

const readingsMemo = new Map<string, Part['readings']>();
/** A word's readings, worked out once per word (the memo is emptied when it grows large). */
function readingsOf(word: string): Part['readings'] {
  let r = readingsMemo.get(word);
  if (r) return r;
  r = [...fromWadeGiles(word).map((text) => ({ text, how: 'Wade–Giles' as const })), ...fromCantonese(word).map((text) => ({ text, how: 'Cantonese' as const }))];
  if (readingsMemo.size >= 200_000) readingsMemo.clear();
  readingsMemo.set(word, r);
  return r;
}

/**
 * A name's parts as one short string, for an index that holds millions of names: per part its
 * marks (q qualifier, c country, i initial, - plain), word number and text; the name's country and
 * whether it was read from characters in front. Readings are not kept: they are the query's.
 */
export function encodeParts(form: NameParts): string {
  return [`${form.han ? 'H' : 'L'}${form.country ?? ''}`, ...form.parts.map((p) => `${p.initial ? 'i' : p.country ? `c${p.country}` : p.qualifier ? 'q' : '-'}${p.word}:${p.text}`)].join(' ');
}

export function decodeParts(encoded: string): NameParts {
  const [head, ...rest] = encoded.split(' ');
  const parts = rest.map((x): Part => {
    const colon = x.indexOf(':');
    const mark = x[0]!;
    const country = mark === 'c' ? x.slice(1, 3) : undefined;
    const word = Number(x.slice(mark === 'c' ? 3 : 1, colon));
    return { text: x.slice(colon + 1), word, qualifier: mark === 'q' || mark === 'c', initial: mark === 'i', readings: [], ...(country ? { country } : {}) };
  });
  const country = head!.slice(1);
  return { parts, han: head![0] === 'H', ...(country ? { country } : {}) };
}

/** The parts of a name in Chinese characters: prefixes as qualifiers, organisation words in English, the rest as pinyin. */
function hanParts(text: string, translate: boolean, prefixes = true): NameParts {
  let rest = fold(text).replace(/\s+/g, '');
  const parts: Part[] = [];
  let country: string | undefined;
  for (let found = prefixes; found; ) {
    found = false;
    for (const [prefix, as, code] of HAN_PREFIXES) {
      if (rest.length > prefix.length && rest.startsWith(prefix)) {
        rest = rest.slice(prefix.length);
        parts.push(part(as, parts.length, { qualifier: true, ...(code ? { country: code } : {}) }));
        country ??= code;
        found = true;
      }
    }
  }
  const suffixes: string[] = [];
  for (let found = translate; found; ) {
    found = false;
    for (const [word, english] of ORG_WORDS) {
      if (rest.length > word.length && rest.endsWith(word)) {
        suffixes.unshift(...english.split(' '));
        rest = rest.slice(0, -word.length);
        found = true;
        break;
      }
    }
  }
  // A name without a body's word is a person's: the family name (its first character) and the given name, one word each.
  const syllables = pinyinKey(rest).split(' ').filter(Boolean);
  const personal = !suffixes.length && !parts.length;
  syllables.forEach((syllable, k) => parts.push(part(syllable, personal ? Math.min(k, 1) : parts.length)));
  for (const s of suffixes) if (!FILLER.has(s)) parts.push(part(s, parts.length));
  return { parts, han: true, ...(country ? { country } : {}) };
}

/** A run of number words or digits as one number ("ten thousand" = 10000), or undefined. */
function numberAt(words: string[], i: number): { value: number; next: number } | undefined {
  if (/^\d+$/.test(words[i]!)) {
    let value = Number(words[i]);
    let next = i + 1;
    while (next < words.length && SCALES[words[next]!]) value *= SCALES[words[next++]!]!;
    return { value, next };
  }
  let value = 0;
  let current = 0;
  let next = i;
  for (; next < words.length; next++) {
    const w = words[next]!;
    if (UNITS[w] !== undefined && !SCALES[w]) current += UNITS[w]!;
    else if (SCALES[w]) current = (current || 1) * SCALES[w]!;
    else break;
    if (SCALES[w] && SCALES[w]! >= 1000) {
      value += current;
      current = 0;
    }
  }
  return next > i ? { value: value + current, next } : undefined;
}

/** The parts of a name in Latin letters. */
function latinParts(text: string, joinLetters: boolean, withReadings: boolean, translated?: [string, string][]): NameParts {
  const t = text
    .normalize('NFKC')
    // A Wade–Giles aspirate's apostrophe belongs to its syllable (Ch'en, T'ien); lists drop it.
    .replace(/\b(ch|k|p|t|ts|tz)['’‘ʼ`´](?=[a-zü])/giu, '$1')
    // Digit groups: 10,000 = 10000.
    .replace(/(\d)[,.](?=\d{3}(?!\d))/g, '$1')
    .replace(POSSESSIVE, '');
  let folded = ` ${fold(t)} `;
  if (translated) folded = ` ${translateName(folded.trim())?.text ?? folded.trim()} `;
  for (const [re, as] of DESCRIPTOR_PHRASES) folded = folded.replace(re, as);
  // A country named in several words becomes one word that names it ("united kingdom" → gb).
  const phrases = phrasesOfCountries();
  for (const word of new Set(folded.split(' '))) {
    for (const [phrase, code] of phrases.get(word) ?? []) if (folded.includes(` ${phrase} `)) folded = folded.replaceAll(` ${phrase} `, ` ${code === 'cn' ? 'prc' : code} `);
  }
  // Letters written apart are an acronym (F.B.I., U.S.); a person's initials are read as initials by the other form.
  if (joinLetters) folded = folded.replace(/(?<= )(\p{L}(?: \p{L})+)(?= )/gu, (m) => m.replace(/ /g, ''));
  const words = folded
    .split(' ')
    .filter(Boolean)
    .map((w) => SYNONYMS[w] ?? MORE_SYNONYMS[w] ?? w);
  const parts: Part[] = [];
  let country: string | undefined;
  // Words are cut into pinyin syllables only in a name all in pinyin: "Panda" in "Putter Panda" is a word.
  const pinyinName = words.every((w) => FILLER.has(w) || /^\d+$/.test(w) || countryOf(w) !== undefined || QUALIFIERS.has(w) || TITLES.has(w) || OFFICES.has(w) || w.length === 1 || segmentPinyin(w) !== undefined);
  for (let i = 0; i < words.length; ) {
    const at = i;
    const w = words[i]!;
    const number = numberAt(words, i);
    if (number) {
      parts.push(part(String(number.value), at));
      i = number.next;
      continue;
    }
    i++;
    // "an" and "e" are pinyin syllables too: a filler between pinyin words is one (guo jia an quan bu).
    const pinyinNeighbour = [words[at - 1], words[at + 1]].some((n) => n !== undefined && !FILLER.has(n) && segmentPinyin(n) !== undefined);
    if ((FILLER.has(w) && !(pinyinNeighbour && isSyllable(w))) || TITLES.has(w)) continue;
    const code = countryOf(w);
    if (code) {
      parts.push(part(w, at, { qualifier: true, country: code }));
      country ??= code;
      continue;
    }
    if (/^\p{L}$/u.test(w)) {
      parts.push(part(w, at, { initial: true, readings: withReadings ? readingsOf(w) : [] }));
      continue;
    }
    const readings = readingsOf(w);
    const syllables = isSyllable(w) || readings.length || !pinyinName ? undefined : segmentPinyin(w);
    if (syllables && syllables.length > 1) for (const s of syllables) parts.push(part(s, at));
    else parts.push(part(w, at, { readings: withReadings ? readings : [] }));
  }
  return { parts, han: false, ...(country ? { country } : {}), ...(translated ? { translated } : {}) };
}

/**
 * The ways a name may be compared: as written, and for a name in Chinese characters also as
 * plain pinyin, with and without its prefix read as a descriptor (so "Guojia Anquanbu" meets
 * 国家安全部 as "Ministry of State Security" does, and "Zhonggong Zhongyang …" its full name).
 */
export function nameParts(text: string, options: { readings?: boolean; translate?: boolean } = {}): NameParts[] {
  const readings = options.readings ?? true;
  if (/\p{Script=Han}/u.test(text)) {
    // Letters beside the characters (国安部 MSS) are another name, which the caller splits off.
    const han = text.replace(/[^\p{Script=Han}]/gu, '');
    const plain = hanParts(han, false);
    const whole = hanParts(han, false, false);
    // The third form differs only when the name starts with a prefix (中共中央…).
    return whole.parts.length === plain.parts.length ? [hanParts(han, true), plain] : [hanParts(han, true), plain, whole];
  }
  const forms = [latinParts(text, false, readings)];
  if (/(?:^|[\s.])\p{L}[.\s]+\p{L}(?:[.\s]|$)/u.test(text)) forms.push(latinParts(text, true, readings));
  // A person's initials run together in capitals beside the name ("Zheng SG"): also read as initials.
  const runTogether = /\s/.test(text.trim()) ? text.replace(/(?<![\p{L}])\p{Lu}{2,3}(?![\p{L}])/gu, (w) => (isSyllable(w.toLowerCase()) ? w : [...w].join(' '))) : text;
  if (runTogether !== text) forms.push(latinParts(runTogether, false, readings));
  // A body's name in German, French, Estonian or Lithuanian is also read in English.
  const translated = options.translate === false ? undefined : translateName(fold(text))?.translated;
  if (translated) forms.push(latinParts(text, false, readings, translated));
  return forms;
}
