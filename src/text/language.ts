/**
 * @module text/language
 * Which language a text is in (franc, trigram statistics), so that a screener built for English
 * can say plainly when a text is not English instead of returning nonsense.
 */
import { franc } from 'franc';

/** The languages greyzone's users are most likely to write in, by ISO 639-3 code. */
const NAMES: Record<string, string> = {
  eng: 'English', deu: 'German', lit: 'Lithuanian', ekk: 'Estonian', est: 'Estonian', lav: 'Latvian', rus: 'Russian', pol: 'Polish',
  fra: 'French', nld: 'Dutch', swe: 'Swedish', fin: 'Finnish', cmn: 'Chinese', ukr: 'Ukrainian', spa: 'Spanish', ita: 'Italian',
};

/** Texts shorter than this are too short to tell the language of; they are treated as English. */
const MIN_LENGTH = 40;

export function detectLanguage(text: string): { code: string; name: string; reliable: boolean } {
  if (text.trim().length < MIN_LENGTH) return { code: 'eng', name: 'English', reliable: false };
  // Only languages a user is likely to write in: among all of franc's, English is easily taken for Scots.
  const code = franc(text.slice(0, 5000), { minLength: MIN_LENGTH, only: Object.keys(NAMES) });
  if (code === 'und') return { code: 'eng', name: 'English', reliable: false };
  return { code, name: NAMES[code] ?? code, reliable: true };
}
