/**
 * @module names/normalise
 * Turns a name in any script or romanisation into comparable forms, and says which
 * transformations it took. Every comparison of names (search, screening, extraction) goes
 * through here; `fold` is the first step of all of them.
 *
 * - `folded`: NFKC, traditional → simplified, diacritics and case folded, punctuation as spaces.
 * - `tokens`: the folded words with Chinese characters as toneless pinyin, Chinese organisation
 *   words as English ones (部 → ministry), Wade–Giles syllables as pinyin, filler words dropped,
 *   every run of pinyin cut into syllables however it was written (Anquanbu = an quan bu), and
 *   sorted, so that name order does not matter (Yanjun Xu = Xu Yanjun).
 * - `country`: a country the name itself states (PRC, China's, 中华人民共和国), removed from the tokens.
 */
import { fold, pinyinKey } from './fold.ts';
import { isSyllable, segmentPinyin } from './pinyin-syllables.ts';

export interface NameForm {
  folded: string;
  tokens: string[];
  /** `tokens` joined: the key two names share when they are the same name written differently. */
  key: string;
  /** Further keys of the same name: for Chinese characters, the plain pinyin without organisation words translated. */
  alternatives: string[];
  country: string | undefined;
  /** Transformations applied, in order, for the explanation of a match. */
  via: string[];
}

/** Chinese organisation words and their English equivalents, longest first. */
export const ORG_WORDS: [string, string][] = [
  ['有限责任公司', 'company limited'],
  ['有限公司', 'company limited'],
  ['委员会', 'committee'],
  ['研究所', 'institute'],
  ['研究院', 'academy'],
  ['科学院', 'academy of sciences'],
  ['大学', 'university'],
  ['学院', 'college'],
  ['公司', 'company'],
  ['协会', 'association'],
  ['中心', 'centre'],
  ['行动', 'operation'],
  ['专项', 'special'],
  ['计划', 'plan'],
  ['部', 'ministry'],
  ['局', 'bureau'],
  ['厅', 'department'],
];

/** Country designations a name may carry; matched on folded text (Latin) or as a prefix (Han). */
const COUNTRY_PHRASES: [RegExp, string][] = [
  [/^中华人民共和国/u, 'cn'],
  [/^中国/u, 'cn'],
  [/\b(?:of )?(?:the )?people s republic of china\b/g, 'cn'],
  [/\b(?:of )?(?:the )?prc\b/g, 'cn'],
  [/\bchina s\b/g, 'cn'],
];

/** Words that carry no identity in a name. */
export const FILLER = new Set(['of', 'the', 'for', 'and', 'a', 'an', 'in', 'der', 'die', 'das', 'des', 'fur', 'und', 'de', 'la', 'le', 'du']);

/** Latin spellings of the same word, to one form. */
export const SYNONYMS: Record<string, string> = {
  center: 'centre',
  ltd: 'limited',
  co: 'company',
  corp: 'corporation',
  inst: 'institute',
  univ: 'university',
  dept: 'department',
  ministerium: 'ministry',
};

/** Wade–Giles initials and finals that differ from pinyin, for the common cases (hsu → xu, chiang → jiang is not attempted). */
const WADE_GILES: [RegExp, string][] = [
  [/^hs(?=[iuü])/, 'x'],
  [/^ts(?=[aeiou])/, 'z'],
  [/^tz(?=[aeiou])/, 'z'],
  [/ung$/, 'ong'],
  [/ieh$/, 'ie'],
  [/ien$/, 'ian'],
  [/^yen$/, 'yan'],
];

function wadeGiles(token: string): string | undefined {
  if (isSyllable(token)) return undefined;
  let t = token;
  for (const [re, to] of WADE_GILES) t = t.replace(re, to);
  return t !== token && isSyllable(t) ? t : undefined;
}

export function normaliseName(text: string): NameForm {
  const via: string[] = [];
  const nfkc = text.normalize('NFKC');
  let folded = fold(nfkc);
  if (fold(nfkc.toLowerCase()) !== nfkc.toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, ' ').trim()) via.push('folded');
  let country: string | undefined;

  // Han: country prefix off, organisation words to English, the rest to pinyin.
  let han = folded;
  for (const [re, code] of COUNTRY_PHRASES) {
    if (re.source.startsWith('^') && re.test(han)) {
      han = han.replace(re, '');
      country = code;
      via.push('country prefix');
    }
  }
  const parts: string[] = [];
  let plainPinyin: string | undefined;
  if (/\p{Script=Han}/u.test(han)) {
    let rest = han.replace(/\s+/g, '');
    const suffixes: string[] = [];
    for (let found = true; found; ) {
      found = false;
      for (const [word, english] of ORG_WORDS) {
        if (rest.length > word.length && rest.endsWith(word)) {
          suffixes.unshift(english);
          rest = rest.slice(0, -word.length);
          found = true;
          break;
        }
      }
    }
    if (suffixes.length) {
      via.push('organisation word');
      plainPinyin = pinyinKey(han.replace(/\s+/g, ''));
    }
    parts.push(pinyinKey(rest), ...suffixes);
    via.push('pinyin');
  } else {
    for (const [re, code] of COUNTRY_PHRASES) {
      if (!re.source.startsWith('^') && re.test(folded)) {
        folded = folded.replace(re, ' ').replace(/\s+/g, ' ').trim();
        country = code;
        if (!via.includes('country prefix')) via.push('country prefix');
      }
    }
    parts.push(folded);
  }

  const { tokens, resegmented } = canonicalTokens(parts.join(' '), via);
  if (resegmented) via.push('pinyin syllables');
  const alternatives = plainPinyin === undefined ? [] : [canonicalTokens(plainPinyin, []).tokens.join(' ')];
  return { folded, tokens, key: tokens.join(' '), alternatives, country, via };
}

/** Words → sorted canonical tokens: synonyms, Wade–Giles, pinyin runs cut into syllables, fillers dropped. */
function canonicalTokens(text: string, via: string[]): { tokens: string[]; resegmented: boolean } {
  let words = text
    .split(' ')
    .filter(Boolean)
    .map((w) => SYNONYMS[w] ?? w);
  const wg = words.map((w) => wadeGiles(w) ?? w);
  if (wg.some((w, i) => w !== words[i])) {
    words = wg;
    via.push('Wade–Giles');
  }
  // Runs of pinyin are cut into syllables however their words were split (Anquanbu = an quan bu,
  // Yan-jun = Yanjun); other words lose fillers ("of", "the") that carry no identity.
  const tokens: string[] = [];
  let run = '';
  const flush = () => {
    if (run) tokens.push(...segmentPinyin(run)!);
    run = '';
  };
  for (const w of words) {
    if (segmentPinyin(w)) run += w;
    else {
      flush();
      if (!FILLER.has(w)) tokens.push(w);
    }
  }
  flush();
  const resegmented = tokens.join(' ') !== words.filter((w) => !FILLER.has(w) || segmentPinyin(w)).join(' ');
  return { tokens: tokens.sort(), resegmented };
}
