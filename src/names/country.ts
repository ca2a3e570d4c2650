/**
 * @module names/country
 * A country as people write it in a list — "CN", "cn", "CHN", "China", "People's Republic of
 * China" — read as its ISO 3166-1 alpha-2 code, from i18n-iso-countries' English names and codes
 * and world-countries' common and official names and other spellings.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The country tables greyzone reads, loaded in this one place: ISO names (English, German) and codes, and world-countries' spellings and demonyms. */
export const isoCountries = require('i18n-iso-countries') as {
  registerLocale(data: unknown): void;
  getNames(lang: string, opts: { select: 'all' }): Record<string, string[]>;
  getAlpha3Codes(): Record<string, string>;
};
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));
isoCountries.registerLocale(require('i18n-iso-countries/langs/de.json'));
isoCountries.registerLocale(require('i18n-iso-countries/langs/lt.json'));
isoCountries.registerLocale(require('i18n-iso-countries/langs/et.json'));
export const worldCountries = require('world-countries') as { cca2: string; unMember: boolean; name: { common: string; official: string }; altSpellings: string[]; demonyms?: { eng?: { m: string; f: string } } }[];

/** A name as compared: without accents, case, apostrophes and dots, spaces collapsed. */
export const foldName = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’'.]/g, '').replace(/\s+/g, ' ').trim();

let table: Map<string, string> | undefined;
function codes(): Map<string, string> {
  if (table) return table;
  table = new Map();
  for (const [alpha2, names] of Object.entries(isoCountries.getNames('en', { select: 'all' }))) {
    table.set(foldName(alpha2), alpha2);
    for (const n of names) table.set(foldName(n), alpha2);
  }
  for (const [alpha3, alpha2] of Object.entries(isoCountries.getAlpha3Codes())) table.set(foldName(alpha3), alpha2);
  for (const c of worldCountries) for (const n of [c.name.common, c.name.official, ...c.altSpellings]) if (!table.has(foldName(n))) table.set(foldName(n), c.cca2);
  return table;
}

/** The ISO alpha-2 code of a country written as a code or a name, or undefined when it is not one. */
export function countryCode(text: string): string | undefined {
  return codes().get(foldName(text));
}
