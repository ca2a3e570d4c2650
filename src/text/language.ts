/**
 * @module text/language
 * Which language a text is in, so that a screener built for English can say plainly when a text
 * is not English instead of returning nonsense. The writing system is read first — a text mostly
 * in Chinese characters or Cyrillic is not English however short it is — then, among texts in
 * Latin letters, franc's trigram statistics tell the language.
 */
import { franc } from 'franc';

/** The languages greyzone's users are most likely to write in, by ISO 639-3 code. */
const NAMES: Record<string, string> = {
  eng: 'English', deu: 'German', lit: 'Lithuanian', ekk: 'Estonian', est: 'Estonian', lav: 'Latvian', rus: 'Russian', pol: 'Polish',
  fra: 'French', nld: 'Dutch', swe: 'Swedish', fin: 'Finnish', cmn: 'Chinese', ukr: 'Ukrainian', spa: 'Spanish', ita: 'Italian',
};

/** Writing systems other than Latin, with the language (or the script) to name. */
const SCRIPTS: { re: RegExp; code: string; name: string }[] = [
  { re: /\p{Script=Han}/u, code: 'cmn', name: 'Chinese' },
  { re: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, code: 'jpn', name: 'Japanese' },
  { re: /\p{Script=Hangul}/u, code: 'kor', name: 'Korean' },
  { re: /\p{Script=Cyrillic}/u, code: 'und-Cyrl', name: 'a language written in Cyrillic' },
  { re: /\p{Script=Arabic}/u, code: 'und-Arab', name: 'a language written in Arabic script' },
  { re: /\p{Script=Hebrew}/u, code: 'heb', name: 'Hebrew' },
  { re: /\p{Script=Greek}/u, code: 'ell', name: 'Greek' },
  { re: /\p{Script=Thai}/u, code: 'tha', name: 'Thai' },
  { re: /\p{Script=Devanagari}/u, code: 'und-Deva', name: 'a language written in Devanagari' },
  { re: /\p{Script=Tibetan}/u, code: 'bod', name: 'Tibetan' },
];

/** Texts shorter than this are too short to tell a Latin-script language from another; they are treated as English. */
const MIN_LENGTH = 40;

/** The writing system most of a text's letters are in, when it is not Latin. */
function otherScript(text: string): { code: string; name: string } | undefined {
  const sample = text.slice(0, 5000);
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u024f]/.test(sample)) return undefined; // Latin letters, digits and punctuation only
  const counts = new Map<(typeof SCRIPTS)[number], number>();
  let latin = 0;
  for (const ch of sample) {
    if (!/\p{L}/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) {
      latin++;
      continue;
    }
    const script = SCRIPTS.find((s) => s.re.test(ch));
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  // A Han character carries about a word; two letters of Latin script are about as much text.
  const weight = top && top[0].code === 'cmn' ? 3 : 1;
  return top && top[1] * weight > latin ? top[0] : undefined;
}

/** English's commonest words; few other languages written in Latin letters use them at all. */
const ENGLISH = new Set(['the', 'and', 'of', 'to', 'a', 'in', 'that', 'is', 'was', 'he', 'she', 'for', 'it', 'with', 'as', 'his', 'her', 'on', 'be', 'at', 'by', 'i', 'we', 'they', 'this', 'had', 'not', 'are', 'but', 'from', 'or', 'have', 'an', 'which', 'me', 'my', 'him', 'said', 'were', 'would', 'there', 'their', 'been', 'if', 'who', 'will', 'them', 'our', 'asked', 'you']);

/** Whether the text's first thousand words are plainly English: a quarter or more of them among its commonest words (most English prose has 40–50%). */
function plainlyEnglish(text: string): boolean {
  const words = text.slice(0, 6000).toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length < 12) return false;
  let common = 0;
  for (const w of words) if (ENGLISH.has(w)) common++;
  return common / words.length >= 0.25;
}

export function detectLanguage(text: string): { code: string; name: string; reliable: boolean } {
  const script = otherScript(text);
  if (script) {
    if (script.code === 'und-Cyrl' && text.trim().length >= MIN_LENGTH) {
      const code = franc(text.slice(0, 5000), { minLength: MIN_LENGTH, only: ['rus', 'ukr'] });
      if (code !== 'und') return { code, name: NAMES[code]!, reliable: true };
    }
    return { ...script, reliable: true };
  }
  if (text.trim().length < MIN_LENGTH) return { code: 'eng', name: 'English', reliable: false };
  if (plainlyEnglish(text)) return { code: 'eng', name: 'English', reliable: true };
  // Only languages a user is likely to write in: among all of franc's, English is easily taken for Scots.
  const code = franc(text.slice(0, 5000), { minLength: MIN_LENGTH, only: Object.keys(NAMES) });
  if (code === 'und') return { code: 'eng', name: 'English', reliable: false };
  return { code, name: NAMES[code] ?? code, reliable: true };
}
