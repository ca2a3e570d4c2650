/**
 * @module ingest/countries
 * Countries a text names: by name in English, German, Lithuanian or Estonian (i18n-iso-countries;
 * one-word Lithuanian and Estonian names also in their cases, "Kinijos", "Hiinast"), by common short form
 * ("U.S.", "PRC", "UK"), by three-letter ISO code, and by the adjective of the state ("Chinese
 * intelligence", "German society", "chinesischen"; world-countries' demonyms). An adjective that
 * describes a person — "a Chinese national", "Chinese-born", "of Chinese descent", "Chinese
 * students" — is not reported: greyzone never records where a person is from, only what a state
 * and its bodies do.
 */
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { isoCountries, worldCountries } from '../names/country.ts';
import { isWholeWord, longestFirst, type Span } from './spans.ts';

export interface CountryMention extends Span {
  /** ISO 3166-1 alpha-2. */
  iso: string;
  how: 'name' | 'code' | 'adjective';
}

/** German adjectives of the states the atlas is about; world-countries has English and French only. */
const GERMAN_ADJECTIVES: Record<string, string> = {
  chinesisch: 'CN', deutsch: 'DE', amerikanisch: 'US', 'us-amerikanisch': 'US', russisch: 'RU', britisch: 'GB', litauisch: 'LT', französisch: 'FR', japanisch: 'JP', taiwanisch: 'TW', estnisch: 'EE',
};
const GERMAN_ENDINGS = ['', 'e', 'en', 'er', 'es', 'em'];

/** Words after an adjective that make it describe people, not a state. */
const PERSON_WORDS = /^[\s-]*(?:nationals?|citizens?|opposition|dissidents?|activists?|critics?|exiles?|refugees?|emigr[ée]s?|m[ae]n|wom[ae]n|people|persons?|students?|scholars?|researchers?|scientists?|descent|origin|heritage|ancestry|born|american|canadian|australian|british|communit(?:y|ies)|diaspora|dissidents?|famil(?:y|ies)|ethnic|nationality|passports?|reisepass|staatsangehörige[nr]?|staatsbürger(?:in|innen)?|bürger(?:in|innen)?|herkunft|abstammung|studierende[nr]?|studenten|student(?:in|innen)?|wissenschaftler(?:in|innen)?|forscher(?:in|innen)?|geschäftsm[aä]nn(?:er)?|unternehmer(?:in|innen)?|journalist(?:en|in|innen)?|dissident(?:en|in|innen)?|aktivist(?:en|in|innen)?|mitbürger(?:in|innen)?|landsleute|frau|mann|familie[n]?|gemeinschaft(?:en)?|diaspora)\b/i;
const OF_ORIGIN = /\b(?:of|von)\s+$/i;
/** Words before an adjective that make it describe dissidents or exiles ("oppositionelle chinesische Gruppierungen"). */
const DISSIDENT_BEFORE = /\b(?:oppositionell\p{L}*|regimekritisch\p{L}*|dissident\p{L}*|exiled|exil\p{L}*|opposition)\s+$/iu;

/** Lithuanian and Estonian one-word names in their commonest cases: "Kinija" → "Kinijos", "Kinijoje"; "Hiina" → "Hiinas", "Hiinast". */
function caseForms(lang: string, name: string): string[] {
  if (/\s/.test(name) || (lang !== 'lt' && lang !== 'et')) return [name];
  if (lang === 'et') return ['', 's', 'st', 'sse', 'le', 'l', 'lt', 'ga', 'ks', 'ni', 'na', 'ta', 't', 'd'].map((e) => name + e);
  const endings: [RegExp, string[]][] = [
    [/a$/u, ['a', 'os', 'ai', 'ą', 'oje']],
    [/as$/u, ['as', 'o', 'ui', 'ą', 'e']],
    [/ė$/u, ['ė', 'ės', 'ei', 'ę', 'ėje']],
    [/os$/u, ['os', 'ų', 'oms', 'as', 'ose']],
  ];
  for (const [end, forms] of endings) if (end.test(name)) return forms.map((f) => name.replace(end, f));
  return [name];
}

type Entry = { iso: string; how: CountryMention['how']; caseSensitive: boolean };

function buildTable(): Map<string, Entry> {
  const table = new Map<string, Entry>();
  const add = (text: string, e: Entry) => {
    const key = e.caseSensitive ? text : text.toLowerCase();
    if (!table.has(key)) table.set(key, e);
  };
  for (const lang of ['en', 'de', 'lt', 'et']) {
    for (const [iso, names] of Object.entries(isoCountries.getNames(lang, { select: 'all' }))) {
      for (const n of names) {
        const code = /^[A-Z.]{2,6}$/.test(n);
        for (const form of code ? [n] : caseForms(lang, n)) add(form, { iso, how: code ? 'code' : 'name', caseSensitive: code });
      }
    }
  }
  for (const [iso3, iso2] of Object.entries(isoCountries.getAlpha3Codes())) add(iso3, { iso: iso2, how: 'code', caseSensitive: true });
  // Common short forms of the states the sources write about.
  for (const [text, iso] of [['PRC', 'CN'], ['P.R.C.', 'CN'], ['U.K.', 'GB'], ['Britain', 'GB'], ['ROC', 'TW'], ['JAV', 'US'], ['KLR', 'CN']] as const) add(text, { iso, how: text === 'Britain' ? 'name' : 'code', caseSensitive: true });
  // UN members first, so "American" is the United States and not a territory.
  for (const c of [...worldCountries].sort((a, b) => Number(b.unMember) - Number(a.unMember))) {
    for (const d of new Set([c.demonyms?.eng?.m, c.demonyms?.eng?.f])) if (d) add(d, { iso: c.cca2, how: 'adjective', caseSensitive: true });
  }
  for (const [stem, iso] of Object.entries(GERMAN_ADJECTIVES)) for (const ending of GERMAN_ENDINGS) add(stem + ending, { iso, how: 'adjective', caseSensitive: false });
  return table;
}

const TABLE = buildTable();
// Names are found in any case; codes and adjectives only as written ("US", "Chinese"), which also
// spares the scan the countless lower-case look-alikes inside ordinary words.
const ANY_CASE = new AhoCorasick([...TABLE].filter(([, e]) => !e.caseSensitive).map(([k]) => k));
const AS_WRITTEN = new AhoCorasick([...TABLE].filter(([, e]) => e.caseSensitive).map(([k]) => k));

export function findCountries(text: string): CountryMention[] {
  const lower = text.toLowerCase();
  const found: CountryMention[] = [];
  const matches = [...AS_WRITTEN.matchInText(text), ...(lower.length === text.length ? ANY_CASE.matchInText(lower) : [])];
  for (const m of matches) {
    const surface = text.slice(m.begin, m.end);
    const entry = TABLE.get(m.keyword);
    if (!entry) continue;
    // "U.S." ends in a full stop, which the whole-word test would see as a boundary anyway.
    if (!isWholeWord(text, m.begin, m.end) && !(surface.endsWith('.') && isWholeWord(text, m.begin, m.end - 1))) continue;
    if (entry.how === 'name' && /\bNew $/.test(text.slice(Math.max(0, m.begin - 4), m.begin))) continue; // New Jersey, New Mexico: places, not states
    // "US-amerikanischen Staatsangehörigen", "US-Bürger": a code at the front of a compound about people.
    const compound = entry.how === 'code' ? /^-[\p{L}-]+/u.exec(text.slice(m.end, m.end + 40))?.[0] : undefined;
    if (compound && (/bürger|staatsangehörig|amerikaner/iu.test(compound) || PERSON_WORDS.test(text.slice(m.end + compound.length, m.end + compound.length + 30)))) continue;
    if (entry.how === 'adjective' && (PERSON_WORDS.test(text.slice(m.end, m.end + 30)) || OF_ORIGIN.test(text.slice(Math.max(0, m.begin - 6), m.begin)) || DISSIDENT_BEFORE.test(text.slice(Math.max(0, m.begin - 30), m.begin)))) continue;
    found.push({ text: surface, start: m.begin, end: m.end, iso: entry.iso, how: entry.how });
  }
  return longestFirst(found);
}
