/**
 * @module names/match
 * The candidate index over every name of a watchlist, and scoring in the manner of
 * OpenSanctions' matchers: the best name feature (exact, romanised, token-set, fuzzy, acronym),
 * adjusted by qualifiers (kind and, for organisations, country), with every reason named.
 *
 * A query never scans the watchlist: candidates come from hash lookups on its normalised keys and
 * from the rarest character trigrams of its key.
 */
import { distance } from 'fastest-levenshtein';
import type { NameType } from '../model/name.ts';
import { normaliseName, type NameForm } from './normalise.ts';

export const DEFAULT_THRESHOLD = 0.8;

export type Feature = 'exact' | 'romanised' | 'token-set' | 'fuzzy' | 'acronym';
const FEATURE_SCORE: Record<Exclude<Feature, 'fuzzy'>, number> = { exact: 1, romanised: 0.95, 'token-set': 0.93, acronym: 0.75 };
const KIND_MISMATCH = -0.15;
/** An organisation of the same name in another country is most likely another organisation. */
const COUNTRY_MISMATCH = -0.25;
/** A fuzzy match starts here and loses this much for each misspelt word. */
const FUZZY_BASE = 0.9;
const FUZZY_PER_TYPO = 0.03;
/** Words shorter than this must match exactly: in short words (and pinyin syllables) one letter makes another word. */
const TYPO_MIN_WORD = 5;
/** Keys shorter than this are never compared fuzzily. */
const FUZZY_MIN_LENGTH = 10;
const TRIGRAMS_PER_QUERY = 8;
/** A one-letter difference counts as a misspelling only in a name at least this long. */
const FUZZY_COMPACT_MIN = 15;
/** Of the rarest trigrams, how many a candidate must share; and how many candidates are scored at most. */
const TRIGRAMS_SHARED = 4;
const MAX_FUZZY_CANDIDATES = 64;
const POOL_LIMIT = 256;

export interface WatchlistEntity {
  id: string;
  name: string;
  kind: string;
  /** Organisations only: people are never qualified by country (DESIGN principle 2). */
  country?: string;
  names: { text: string; type: NameType }[];
}

export interface Reason {
  feature: Feature;
  query: string;
  matched_name: string;
  name_type: NameType;
  query_form: string;
  stored_form: string;
  via: string[];
  score: number;
}

export interface Qualifier {
  qualifier: 'kind-mismatch' | 'country-mismatch' | 'weak-alias-only';
  detail: string;
  delta: number;
}

export interface NameMatch {
  id: string;
  name: string;
  kind: string;
  score: number;
  matched_name: string;
  reasons: (Reason | Qualifier)[];
}

export interface MatchOptions {
  threshold?: number;
  kind?: 'person' | 'organisation';
  country?: string;
  limit?: number;
}

interface Entry {
  entity: number;
  name: { text: string; type: NameType };
  form: NameForm;
  keys: string[];
  acronym: string | undefined;
  grams: Set<string>;
}

/** The folded name without spaces, in its own word order: a misspelling inside a run of pinyin shows here. */
function compactFolded(form: NameForm): string {
  return form.folded.replace(/ /g, '');
}

function trigrams(s: string): string[] {
  const t = ` ${s.replace(/ /g, '')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return [...out];
}

/** Initials of an organisation's significant words: Ministry of State Security → mss. */
function acronymOf(form: NameForm, original: string): string | undefined {
  const words = original.normalize('NFKC').split(/[\s\p{P}]+/u).filter((w) => /^\p{Lu}/u.test(w));
  return words.length >= 2 && !/\p{Script=Han}/u.test(original) && form.tokens.length >= 2 ? words.map((w) => w[0]!.toLowerCase()).join('') : undefined;
}

const PERSON = 'person';

/**
 * How many words of `a` are misspellings of words of `b` (one edit, in words of five letters or
 * more), when every other word is the same; undefined when the names differ in any other way.
 */
function misspeltWords(a: string[], b: string[]): number | undefined {
  if (a.length !== b.length || a.join('').length < FUZZY_MIN_LENGTH) return undefined;
  const rest = [...b];
  let typos = 0;
  for (const word of a) {
    const same = rest.indexOf(word);
    if (same >= 0) {
      rest.splice(same, 1);
      continue;
    }
    if (word.length < TYPO_MIN_WORD) return undefined;
    const near = rest.findIndex((w) => w.length >= TYPO_MIN_WORD && distance(w, word) === 1);
    if (near < 0) return undefined;
    rest.splice(near, 1);
    typos++;
  }
  return typos;
}

export class NameIndex {
  private readonly entries: Entry[] = [];
  private readonly byKey = new Map<string, number[]>();
  private readonly byFolded = new Map<string, number[]>();
  private readonly byAcronym = new Map<string, number[]>();
  private readonly byTrigram = new Map<string, number[]>();
  /** Per-entry hit counters, reused by every query (zeroed after use). */
  private hits = new Int32Array(0);
  /** A trigram in more entries than this is too common to find candidates with. */
  private commonTrigram = Infinity;

  constructor(private readonly entities: WatchlistEntity[]) {
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    entities.forEach((entity, e) => {
      for (const name of entity.names) {
        const form = normaliseName(name.text);
        if (!form.key) continue;
        const i = this.entries.length;
        const keys = [form.key, ...form.alternatives];
        const acronym = entity.kind === PERSON ? undefined : acronymOf(form, name.text);
        const grams = new Set(trigrams(form.key));
        this.entries.push({ entity: e, name, form, keys, acronym, grams });
        add(this.byFolded, form.folded, i);
        for (const k of keys) add(this.byKey, k, i);
        if (acronym) add(this.byAcronym, acronym, i);
        for (const g of grams) add(this.byTrigram, g, i);
      }
    });
    this.finish();
  }

  private finish(): void {
    this.hits = new Int32Array(this.entries.length);
    this.commonTrigram = Math.max(1000, Math.floor(this.entries.length / 20));
  }

  get size(): number {
    return this.entities.length;
  }

  private candidates(form: NameForm): Set<number> {
    const found = new Set<number>();
    const take = (list: number[] | undefined) => list?.forEach((i) => found.add(i));
    take(this.byFolded.get(form.folded));
    for (const k of [form.key, ...form.alternatives]) take(this.byKey.get(k));
    if (form.tokens.length === 1) take(this.byAcronym.get(form.tokens[0]!));
    if (form.key.replace(/ /g, '').length >= FUZZY_MIN_LENGTH) {
      // A misspelt name still shares most of its rarest trigrams with the right one. Trigrams
      // common to a large part of the list say nothing and are skipped.
      const lists = trigrams(form.key)
        .map((g) => this.byTrigram.get(g))
        .filter((l): l is number[] => l !== undefined && l.length <= this.commonTrigram)
        .sort((a, b) => a.length - b.length)
        .slice(0, TRIGRAMS_PER_QUERY);
      const need = Math.min(TRIGRAMS_SHARED, lists.length);
      const touched: number[] = [];
      for (const list of lists) {
        for (const i of list) {
          const h = this.hits[i]!;
          this.hits[i] = h + 1;
          if (h === 0) touched.push(i);
        }
      }
      const pool = touched.filter((i) => this.hits[i]! >= need).sort((a, b) => this.hits[b]! - this.hits[a]!);
      for (const i of touched) this.hits[i] = 0;
      // The best of the pool by all the trigrams they share with the query are scored.
      const queryGrams = trigrams(form.key);
      pool
        .slice(0, POOL_LIMIT)
        .map((i) => [i, queryGrams.reduce((n, g) => n + (this.entries[i]!.grams.has(g) ? 1 : 0), 0)] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, MAX_FUZZY_CANDIDATES)
        .forEach(([i]) => found.add(i));
    }
    return found;
  }

  private feature(query: string, form: NameForm, entry: Entry, personal: boolean): Reason | undefined {
    const base = { query, matched_name: entry.name.text, name_type: entry.name.type, query_form: form.key, stored_form: entry.form.key };
    if (form.folded === entry.form.folded) {
      const via = [...new Set([...form.via, ...entry.form.via].filter((v) => v === 'folded'))];
      return { ...base, feature: 'exact', via, score: FEATURE_SCORE.exact };
    }
    const queryKeys = [form.key, ...form.alternatives];
    if (queryKeys.some((k) => entry.keys.includes(k))) {
      const via = [...new Set([...form.via, ...entry.form.via])];
      const feature: Feature = via.includes('pinyin') || via.includes('Wade–Giles') ? 'romanised' : 'token-set';
      return { ...base, feature, via, score: FEATURE_SCORE[feature] };
    }
    if (entry.acronym && form.tokens.length === 1 && form.tokens[0] === entry.acronym) {
      return { ...base, stored_form: entry.acronym, feature: 'acronym', via: ['initials'], score: FEATURE_SCORE.acronym };
    }
    if (personal) return undefined;
    let typos = misspeltWords(form.tokens, entry.form.tokens);
    if (typos === undefined) {
      // A misspelling inside a run of pinyin (Cailio for Cailiao) breaks its syllables; compare the letters.
      const a = compactFolded(form);
      const b = compactFolded(entry.form);
      if (a.length >= FUZZY_COMPACT_MIN && b.length >= FUZZY_COMPACT_MIN && distance(a, b) === 1) typos = 1;
    }
    if (typos === undefined || typos === 0) return undefined;
    return {
      ...base,
      feature: 'fuzzy',
      via: [...new Set([...form.via, ...entry.form.via]), `${typos} misspelt word${typos === 1 ? '' : 's'}`],
      score: Math.round((FUZZY_BASE - FUZZY_PER_TYPO * (typos - 1)) * 1000) / 1000,
    };
  }

  /** Matches of one name, best first, each with its reasons. */
  match(query: string, options: MatchOptions = {}): NameMatch[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const form = normaliseName(query);
    if (!form.key) return [];
    const best = new Map<number, { reason: Reason; weakOnly: boolean }>();
    for (const i of this.candidates(form)) {
      const entry = this.entries[i]!;
      const entity = this.entities[entry.entity]!;
      // A person's name is compared whole: a near-miss between people is a different person.
      const personal = entity.kind === PERSON || options.kind === PERSON;
      const reason = this.feature(query, form, entry, personal);
      if (!reason) continue;
      const weak = entry.name.type === 'weak-alias';
      const prev = best.get(entry.entity);
      if (!prev || (prev.weakOnly && !weak) || (prev.weakOnly === weak && reason.score > prev.reason.score)) {
        best.set(entry.entity, { reason, weakOnly: weak });
      }
    }
    const matches: NameMatch[] = [];
    for (const [e, { reason, weakOnly }] of best) {
      const entity = this.entities[e]!;
      const reasons: (Reason | Qualifier)[] = [reason];
      let score = reason.score;
      if (options.kind && (options.kind === PERSON) !== (entity.kind === PERSON)) {
        reasons.push({ qualifier: 'kind-mismatch', detail: `query is a ${options.kind}, ${entity.id} is a ${entity.kind}`, delta: KIND_MISMATCH });
        score += KIND_MISMATCH;
      }
      const country = options.country?.toLowerCase() ?? form.country;
      if (country && entity.country && entity.kind !== PERSON && country !== entity.country) {
        reasons.push({ qualifier: 'country-mismatch', detail: `query is in ${country.toUpperCase()}, ${entity.id} in ${entity.country.toUpperCase()}`, delta: COUNTRY_MISMATCH });
        score += COUNTRY_MISMATCH;
      }
      if (weakOnly && score >= threshold) {
        // A weak alias (a common name used as an alias) may support a match, never make one.
        const capped = Math.max(0, threshold - 0.05);
        reasons.push({ qualifier: 'weak-alias-only', detail: `'${reason.matched_name}' is a weak alias`, delta: Math.round((capped - score) * 1000) / 1000 });
        score = capped;
      }
      score = Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000;
      if (score >= threshold) matches.push({ id: entity.id, name: entity.name, kind: entity.kind, score, matched_name: reason.matched_name, reasons });
    }
    return matches.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, options.limit ?? 10);
  }
}
