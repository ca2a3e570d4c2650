/**
 * @module names/match
 * The candidate index over every name of a list of entities, and scoring in the manner of
 * OpenSanctions' matchers: the best name feature (exact, romanised, token-set, fuzzy, acronym),
 * adjusted by qualifiers (kind and, for organisations, country), with every reason named.
 *
 * A query never scans the list: candidates come from hash lookups on its normalised keys and
 * from the rarest character trigrams of its key.
 */
import type { NameType } from '../model/name.ts';
import { abbreviationsOf, align, COSTS, LONG_NAME, MAX_ABBREVIATION, MAX_FURTHER_NAMES, type Alignment } from './align.ts';
import { fold } from './fold.ts';
import { normaliseName, type NameForm } from './normalise.ts';
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import { decodeParts, encodeParts, nameParts, OFFICES, type NameParts, type Part } from './parts.ts';
import { isSyllable } from './pinyin-syllables.ts';
import { Postings } from './postings.ts';
import { PrefixFilter } from './prefix-filter.ts';
import { shortForms } from './short-forms.ts';

export const DEFAULT_THRESHOLD = 0.8;

export type Feature = 'exact' | 'romanised' | 'token-set' | 'fuzzy' | 'acronym' | 'short-form';
const FEATURE_SCORE = { exact: 1 } as const;
/** Where an aligned name starts before its costs (names/align). */
const ALIGNED = 0.97;
/** What a short form made by rule (names/short-forms), not documented, costs. */
const GENERATED_SHORT_FORM = 0.08;
/** A name written only as initials that several bodies of the list share supports a match, never makes one. */
const SHARED_INITIALS = 0.12;
const KIND_MISMATCH = -0.15;
/** An organisation of the same name in another country is most likely another organisation. */
const COUNTRY_MISMATCH = -0.25;
/** Keys shorter than this are never compared fuzzily. */
const FUZZY_MIN_LENGTH = 10;
const TRIGRAMS_PER_QUERY = 8;
/** Of the rarest trigrams, how many a candidate must share; and how many candidates are scored at most. */
const TRIGRAMS_SHARED = 4;
const MAX_FUZZY_CANDIDATES = 64;
/** How many of a name's rarest parts file it in the index (see byParts). */
const KEY_PARTS = 4;
/** How many candidates of one query are aligned at most (those that share most of its parts). */
const MAX_ALIGNED = 48;
/** …and when looking for slips, which few candidates survive. */
const MAX_ALIGNED_SLIPS = 24;

export interface IndexedEntity {
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
  /** How each part of the query met a part of the stored name (names/align). */
  alignments?: Alignment[];
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
  /** Align every candidate, without the quick test of its parts first (for checking that test). */
  exhaustive?: boolean;
  /**
   * Every name near the query, not the few best: both passes always, and no cap on the candidates
   * aligned — for finding which names of a long list a new name may match (a watchlist's rows).
   */
  neighbours?: boolean;
}

interface Entry {
  entity: number;
  name: { text: string; type: NameType };
  /** The folded name (names/normalise): the same folded name is an exact match. */
  folded: string;
  /** Its sorted tokens, for the trigram index. */
  key: string;
  /** The name as parts, in each way it may be compared (names/parts), encoded (see encodeParts). */
  forms: string[];
  /** Per form, the parts a query must meet (not descriptors), for sorting out candidates without decoding them. */
  required: string[][];
  /** Per form, its descriptors, if any form has them (an organisation's query word may meet one misspelt). */
  descriptors: string[][] | undefined;
  /** For a person: the written word that is the family name. */
  family: number | undefined;
  /** Made by rule from the entity's full name in characters, not documented. */
  generated: boolean;
}

/** A person's family name: the first word of a Chinese name in pinyin, else the last. */
function familyWord(form: NameParts, primaryFamily: string | undefined): number | undefined {
  const words = form.parts.filter((p) => !p.initial);
  if (!words.length) return undefined;
  const known = primaryFamily === undefined ? undefined : words.find((p) => p.text === primaryFamily);
  if (known) return known.word;
  return words.every((p) => isSyllable(p.text)) ? words[0]!.word : words.at(-1)!.word;
}

/**
 * The other names a written name holds, each screened as a name of its own: the parts in brackets
 * and outside them ("… (BfV)", "国家安全部（国安部）"), the names around "aka" / "also known as" /
 * "alias", and the pieces between commas ("Michael McMahon, 55, of Mahwah").
 */
export function variants(query: string): string[] {
  const out: string[] = [];
  const m = /^(.*?)\s*[(（[【]([^)）\]】]+)[)）\]】]\s*(.*)$/u.exec(query);
  if (m) {
    const outside = `${m[1]} ${m[3]}`.trim();
    // Initials the name defines for itself ("Bayerischer Fußball-Verband (BFV)") name that body, not another with the same letters.
    const defined = abbreviationsOf(nameParts(outside, { readings: false, translate: false })[0]!).includes(fold(m[2]!).replace(/[^\p{L}]/gu, ''));
    out.push(outside, ...(defined ? [] : [m[2]!.trim()]), `${m[1]} ${m[2]} ${m[3]}`.trim());
  }
  const aka = query.split(/[,;]?\s+(?:a\.?k\.?a\.?|also known as|alias|formerly|f\/k\/a)\s+/iu);
  if (aka.length > 1) out.push(...aka);
  const commas = query.split(/\s*[,;，；]\s*/u);
  if (commas.length > 1) out.push(...commas);
  return [...new Set(out.map((v) => v.trim()).filter((v) => v && v !== query))];
}

function trigrams(s: string): string[] {
  const t = ` ${s.replace(/ /g, '')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return [...out];
}

const PERSON = 'person';

/** The score of an organisation's name with a word of the query left over is at most this (names/align). */
const WITH_EXTRA_WORD = ALIGNED - COSTS['extra word'];

/** A query form as the quick test of a candidate (reachable) needs it, worked out once per query. */
interface Shape {
  parts: Part[];
  /** Its words, their readings and each two neighbours joined. */
  has: Set<string>;
  /** Its letters run together, for a name written without spaces. */
  letters: string;
  /** How many letters its words have but descriptors': a long name may be one letter off as a whole (names/align). */
  core: number;
  initials: string;
  translated: boolean;
  /** A word that may be a body's initials (see NameIndex.candidates): it may stand for any stored words. */
  abbreviation: boolean;
}

function shapeOf(f: NameParts, mayBeInitials: (p: Part) => boolean): Shape {
  const has = new Set<string>();
  for (const p of f.parts) {
    has.add(p.text);
    for (const r of p.readings) has.add(r.text);
  }
  for (let k = 0; k + 1 < f.parts.length; k++) has.add(f.parts[k]!.text + f.parts[k + 1]!.text);
  const initials = f.parts.filter((p) => p.initial).map((p) => p.text).join('');
  return { parts: f.parts, has, letters: f.parts.map((p) => p.text).join(''), core: f.parts.reduce((n, p) => n + (p.qualifier || p.country ? 0 : p.text.length), 0), initials, translated: !!f.translated, abbreviation: f.parts.some(mayBeInitials) };
}

/** Whether a query with this many letters may be a long stored name one letter off as a whole (names/align sameLetters). */
function slipOfWhole(letters: number, stored: string[]): boolean {
  const n = stored.reduce((sum, w) => sum + w.length, 0);
  return n >= LONG_NAME && letters <= n && letters >= n - 1;
}

/** Whether query word `x` could meet stored word `w` other than as written: joined, cut, as initials (a body's), misspelt. */
function couldMeet(x: string, w: string): boolean {
  if (w.startsWith(x) || x.includes(w)) return true;
  const [short, long] = x.length < w.length ? [x, w] : [w, x];
  return short.length >= 4 && long.length >= 5 && long.length - short.length <= 2 && damerauLevenshtein.limited(2, x, w) <= 2;
}

/**
 * Whether an alignment (names/align) of some query form with some stored form could score at least
 * `threshold`, decided from the parts alone, before decoding and aligning: most candidates of a
 * large list cannot. Every stored word must be met — as written, or by a query word that could be
 * it misspelt, joined, cut or as initials, or by an initial — and an organisation's query word that
 * meets nothing, when no stored word is left to absorb it (a compound absorbs three at most), is an
 * extra word.
 */
function reachable(shapes: Shape[], required: string[][], descriptors: string[][] | undefined, personal: boolean, threshold: number): boolean {
  for (const q of shapes) {
    if (personal && q.translated) continue;
    stored: for (const [l, stored] of required.entries()) {
      // A word written twice ("Analytics Analytics") is met twice: not worked out here.
      if (stored.some((w, k) => stored.indexOf(w) !== k)) return true;
      if (!personal && slipOfWhole(q.core, stored)) return true;
      let missing = 0;
      for (const w of stored) {
        if (q.has.has(w)) continue;
        missing++;
        // (An initial stands for a whole given name, every syllable of it.)
        if (q.letters.includes(w) || (personal ? q.initials !== '' : q.abbreviation)) continue;
        let meets = false;
        // (A person's given name of several syllables may be misspelt as one word: any long word may be it.)
        for (const p of q.parts) if (!p.initial && !stored.includes(p.text) && (couldMeet(p.text, w) || (personal && p.text.length >= 5))) meets = true;
        if (!meets) continue stored;
      }
      if (!personal && threshold <= WITH_EXTRA_WORD) return true;
      // Query words that meet no stored word as written, read or joined with a neighbour: an
      // organisation's are extra words, a person's further given names (two at most) unless words of an office.
      let left = -3 * missing;
      q.parts.forEach((p, k) => {
        if (p.initial || stored.includes(p.text) || p.readings.some((r) => stored.includes(r.text))) return;
        if (personal ? OFFICES.has(p.text) : p.qualifier || p.country) return;
        const joined = (k > 0 && stored.includes(q.parts[k - 1]!.text + p.text)) || (k + 1 < q.parts.length && stored.includes(p.text + q.parts[k + 1]!.text));
        if (!joined && !descriptors?.[l]!.some((d) => couldMeet(p.text, d))) left++;
      });
      if (left <= (personal ? MAX_FURTHER_NAMES : 0)) return true;
    }
  }
  return false;
}


export class NameIndex {
  private readonly entries: Entry[] = [];
  private readonly byKey = new Postings();
  /**
   * Each name under its four rarest parts that must be met (or all, if fewer): a query finds it by a
   * pair of its own parts (or their readings) without touching names that share one common word.
   */
  private readonly byParts = new Postings();
  /** Every proper beginning (one, two or three words) of a byParts key: sets of words no key begins with are not extended. */
  private prefixes = new PrefixFilter(0);
  /** A person's name under its family name and each given name's first letter, for initials and slips. */
  private readonly byInitial = new Postings();
  /** Bodies' acronyms as stored ("MSS"), folded: written before a unit's name they name its parent. */
  private readonly acronyms = new Set<string>();
  /** Every part of a stored name, for cutting a query's run-together words. */
  private readonly vocabulary = new Set<string>();
  private readonly byFolded = new Postings();
  /** A body's name under the initials of its last words (names/align abbreviationsOf): "PLA", "Hainan SSD". */
  private readonly byInitials = new Postings();
  private readonly byTrigram = new Postings();
  /** Per-entry hit counters, reused by every query (zeroed after use). */
  private hits = new Int32Array(0);
  /** A trigram in more entries than this is too common to find candidates with. */
  private commonTrigram = Infinity;

  constructor(private readonly entities: IndexedEntity[]) {
    const add = (postings: Postings, key: string, i: number) => postings.add(key, i);
    const frequency = new Map<string, number>();
    // One copy of each part's text, however many names share it.
    const interned = new Map<string, string>();
    const intern = (t: string) => interned.get(t) ?? (interned.set(t, t), t);
    entities.forEach((entity, e) => {
      const person = entity.kind === PERSON;
      const primary = entity.names.find((n) => n.type === 'primary') ?? entity.names[0];
      const primaryForm = primary ? nameParts(primary.text)[0] : undefined;
      const primaryFamily = person && primaryForm ? primaryForm.parts.find((p) => p.word === familyWord(primaryForm, undefined))?.text : undefined;
      const names: { name: { text: string; type: NameType }; generated: boolean }[] = entity.names.map((name) => ({ name, generated: false }));
      if (!person) {
        const documented = new Set(entity.names.map((n) => fold(n.text).replace(/ /g, '')));
        for (const n of entity.names) {
          if (!/\p{Script=Han}/u.test(n.text)) continue;
          for (const f of shortForms(fold(n.text).replace(/ /g, ''))) {
            if (!documented.has(f)) names.push({ name: { text: f, type: 'weak-alias' }, generated: true });
            documented.add(f);
          }
        }
      }
      for (const { name, generated } of names) {
        const form = normaliseName(name.text);
        if (!form.key) continue;
        if (name.type === 'acronym' && !person) this.acronyms.add(form.key);
        const i = this.entries.length;
        const forms = nameParts(name.text, { readings: false, translate: !person });
        const family = person ? familyWord(forms[0]!, primaryFamily) : undefined;
        // Only what comparing needs is kept, compactly: an index may hold millions of names.
        const required = forms.map((f) => f.parts.filter((p) => !p.qualifier && !p.country).map((p) => intern(p.text)));
        const descriptors = forms.some((f) => f.parts.some((p) => p.qualifier || p.country)) ? forms.map((f) => f.parts.filter((p) => p.qualifier || p.country).map((p) => intern(p.text))) : undefined;
        this.entries.push({ entity: e, name, folded: form.folded, key: form.key, forms: forms.map(encodeParts), required, descriptors, family, generated });
        for (const f of forms) for (const p of f.parts) frequency.set(p.text, (frequency.get(p.text) ?? 0) + 1);
        add(this.byFolded, form.folded, i);
        for (const k of [form.key, ...form.alternatives]) add(this.byKey, k, i);
        if (!person && !generated) for (const f of forms) if (!f.han) for (const k of abbreviationsOf(f)) add(this.byInitials, k, i);
        for (const g of trigrams(form.key)) add(this.byTrigram, g, i);
      }
    });
    const keys: string[][] = [];
    this.entries.forEach((entry, i) => {
      for (const f of entry.forms.map(decodeParts)) {
        for (const p of f.parts) this.vocabulary.add(p.text);
        const rarest = f.parts
          .filter((p) => !p.qualifier && !p.country && !p.initial)
          .map((p) => p.text)
          .sort((a, b) => frequency.get(a)! - frequency.get(b)! || a.localeCompare(b))
          .slice(0, KEY_PARTS);
        if (rarest.length) {
          rarest.sort();
          add(this.byParts, rarest.join(' '), i);
          keys.push(rarest);
        }
        if (entry.family === undefined) continue;
        const family = f.parts.filter((p) => p.word === entry.family).map((p) => p.text).join('');
        for (const p of f.parts) if (p.word !== entry.family && !p.initial) add(this.byInitial, `${family}|${p.text[0]}`, i);
      }
    });
    this.prefixes = new PrefixFilter(keys.length * 3);
    for (const k of keys) for (let n = 1; n < k.length; n++) this.prefixes.add(k.slice(0, n).join(' '));
    this.finish();
  }

  private finish(): void {
    for (const p of [this.byKey, this.byFolded, this.byInitials, this.byTrigram, this.byParts, this.byInitial]) p.freeze();
    this.hits = new Int32Array(this.entries.length);
    this.commonTrigram = Math.max(1000, Math.floor(this.entries.length / 20));
  }

  get size(): number {
    return this.entities.length;
  }

  /**
   * The names a query may be: found by its folded form and by pairs of its parts (see byParts) —
   * first cheaply; and only when that finds nothing, by a person's family name and an initial, and
   * by the rarest trigrams of a misspelt name.
   */
  private candidates(form: NameForm, forms: NameParts[], thorough: boolean, initials: Map<number, number>, wide = false): Set<number> {
    const found = new Set<number>();
    const take = (list: ArrayLike<number> | undefined) => {
      if (list) for (let k = 0; k < list.length; k++) found.add(list[k]!);
    };
    take(this.byFolded.get(form.folded));
    for (const k of [form.key, ...form.alternatives]) take(this.byKey.get(k));
    for (const f of forms) {
      // Each part as written and as it may be read, and run-together words cut where the stored names are.
      // (A pinyin syllable's Cantonese readings are too many to look up: a Cantonese name is found by its other syllables.)
      const texts: string[][] = f.parts.map((p) => [p.text, ...p.readings.filter((r) => r.how !== 'Cantonese' || !isSyllable(p.text)).map((r) => r.text)]);
      for (let i = 0; i + 1 < f.parts.length; i++) texts.push([f.parts[i]!.text + f.parts[i + 1]!.text]);
      for (const p of f.parts) {
        if (this.vocabulary.has(p.text)) continue;
        for (let cut = 2; cut <= p.text.length - 2; cut++) if (this.vocabulary.has(p.text.slice(0, cut)) && this.vocabulary.has(p.text.slice(cut))) texts.push([p.text.slice(0, cut)], [p.text.slice(cut)]);
      }
      const all = [...new Set(texts.flat())];
      // Every set of one to four of the query's words that stored names have (as written or
      // read), in the sorted order of the keys.
      const known = all.filter((t) => this.vocabulary.has(t)).sort();
      for (let a = 0; a < known.length; a++) {
        take(this.byParts.get(known[a]!));
        if (!this.prefixes.has(known[a]!)) continue;
        for (let b = a + 1; b < known.length; b++) {
          const pair = `${known[a]} ${known[b]}`;
          take(this.byParts.get(pair));
          if (!this.prefixes.has(pair)) continue;
          for (let c = b + 1; c < known.length; c++) {
            const triple = `${pair} ${known[c]}`;
            take(this.byParts.get(triple));
            if (!this.prefixes.has(triple)) continue;
            for (let d = c + 1; d < known.length; d++) take(this.byParts.get(`${triple} ${known[d]}`));
          }
        }
      }
      if (!thorough) continue;
      // A person's family name with a given name's first letter, where the query has an initial or
      // a word no stored name has (a slip: "Yanujn"); a short name only.
      const odd = f.parts.filter((p) => p.initial || !this.vocabulary.has(p.text));
      if (f.parts.length <= 4) for (const t of all) for (const p of odd) if (p.text[0] && t !== p.text) take(this.byInitial.get(`${t}|${p.text[0]}`));
    }
    if (!thorough) return found;
    // A word that may be initials ("SSD"): the names whose last words it spells, and how many words it may stand for.
    for (const f of forms) {
      for (const p of f.parts) {
        if (!this.mayBeInitials(p)) continue;
        const list = this.byInitials.get(p.text);
        for (let k = 0; k < (list?.length ?? 0); k++) {
          const i = list![k]!;
          initials.set(i, Math.max(initials.get(i) ?? 0, p.text.length));
          found.add(i);
        }
      }
    }
    if (form.key.replace(/ /g, '').length >= FUZZY_MIN_LENGTH) {
      // A misspelt name still shares most of its rarest trigrams with the right one. Trigrams
      // common to a large part of the list say nothing and are skipped.
      const lists = trigrams(form.key)
        .map((g) => this.byTrigram.get(g))
        .filter((l): l is ArrayLike<number> => l !== undefined && l.length <= this.commonTrigram)
        .sort((a, b) => a.length - b.length)
        .slice(0, TRIGRAMS_PER_QUERY);
      const need = Math.min(TRIGRAMS_SHARED, lists.length);
      const touched: number[] = [];
      for (const list of lists) {
        for (let k = 0; k < list.length; k++) {
          const i = list[k]!;
          const h = this.hits[i]!;
          this.hits[i] = h + 1;
          if (h === 0) touched.push(i);
        }
      }
      const pool = touched.filter((i) => this.hits[i]! >= need).sort((a, b) => this.hits[b]! - this.hits[a]!);
      for (const i of touched) this.hits[i] = 0;
      // The pool's best by the rare trigrams they share are aligned.
      for (const i of wide ? pool : pool.slice(0, MAX_FUZZY_CANDIDATES)) found.add(i);
    }
    return found;
  }

  private feature(query: string, form: NameForm, forms: NameParts[], entry: Entry, personal: boolean): Reason | undefined {
    const base = { query, matched_name: entry.name.text, name_type: entry.name.type, query_form: form.key, stored_form: entry.key };
    if (form.folded === entry.folded && !entry.generated) {
      const via = [...new Set([...form.via, ...normaliseName(entry.name.text).via].filter((v) => v === 'folded'))];
      return { ...base, feature: 'exact', via, score: FEATURE_SCORE.exact };
    }
    let best: ReturnType<typeof align>;
    const stored = entry.forms.map(decodeParts);
    for (const [k, a] of forms.entries()) {
      // A person's name is never translated: "Renard" is a family name, not a fox.
      if (personal && a.translated) continue;
      for (const [l, b] of stored.entries()) {
        // Characters are compared with characters read the same way (translated with translated, plain with plain).
        if (a.han && b.han && k !== l) continue;
        const r = align(a, b, { person: personal, ...(entry.family !== undefined ? { family: entry.family } : {}) });
        if (r && (!best || r.cost < best.cost)) best = r;
      }
    }
    if (best) {
      const hows = new Set(best.alignments.map((x) => x.how));
      const feature: Feature = entry.generated ? 'short-form' : hows.has('abbreviation') ? 'acronym' : hows.has('misspelt') ? 'fuzzy' : hows.has('pinyin') || hows.has('Wade–Giles') || hows.has('Cantonese') ? 'romanised' : 'token-set';
      const via = [...new Set([...best.alignments.filter((x) => x.how !== 'same').map((x) => x.how), ...(entry.generated ? ['a short form made by rule, not documented'] : [])])];
      // Initials alone, which other bodies of the list share too, are weak evidence.
      const alone = best.alignments.every((x) => x.how === 'abbreviation' || x.how === 'descriptor left out');
      const shared = hows.has('abbreviation') && alone && this.sharedInitials(best.alignments.find((x) => x.how === 'abbreviation')!.query);
      if (shared) via.push('initials other names of the list share too');
      const score = ALIGNED - best.cost - (entry.generated ? GENERATED_SHORT_FORM : 0) - (shared ? SHARED_INITIALS : 0);
      return { ...base, feature, via, score: Math.round(score * 1000) / 1000, alignments: best.alignments };
    }
    return undefined;
  }

  /** Matches of one name, best first, each with its reasons. */
  match(query: string, options: MatchOptions = {}): NameMatch[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const best = new Map<number, { reason: Reason; weakOnly: boolean }>();
    // A name that holds other names is screened whole and as each of them (see variants).
    for (const variant of [query, ...variants(query)]) {
      const form = normaliseName(variant);
      if (!form.key) continue;
      const forms = nameParts(variant);
      for (const f of forms) this.markParent(f);
      const shapes = forms.map((f) => shapeOf(f, (p) => this.mayBeInitials(p)));
      // What the query's parts are and may be read as (and its words run together or cut apart): a
      // stored name two of whose parts are not among them (three, when looking for slips) is not aligned at all; of the rest, those
      // missing fewest are aligned first, at most MAX_ALIGNED.
      const present = new Set(shapes.flatMap((q) => [...q.has]));
      const missing = (entry: Entry) => {
        let fewest = Infinity;
        for (const texts of entry.required) {
          let n = 0;
          for (const t of texts) if (!present.has(t)) n++;
          if (n < fewest) fewest = n;
        }
        return fewest;
      };
      for (const thorough of [false, true]) {
        if (thorough && !options.neighbours && [...best.values()].some((b) => b.reason.score >= threshold)) break;
        const initials = new Map<number, number>();
        const ranked = [...this.candidates(form, forms, thorough, initials, options.neighbours)]
          // Words that initials may stand for are not missing.
          .map((i) => [i, Math.max(0, missing(this.entries[i]!) - (initials.get(i) ?? 0))] as const)
          // Two parts missing is left to short queries (a slip and a run-together word in one name).
          .filter(([, m]) => m <= (thorough && forms[0]!.parts.length <= 3 ? 2 : 1))
          .sort((a, b) => a[1] - b[1] || a[0] - b[0])
          .slice(0, options.neighbours ? Infinity : thorough ? MAX_ALIGNED_SLIPS : MAX_ALIGNED);
        for (const [i] of ranked) {
          const entry = this.entries[i]!;
          const entity = this.entities[entry.entity]!;
          const personal = entity.kind === PERSON || options.kind === PERSON;
          if (!options.exhaustive && form.folded !== entry.folded && !reachable(shapes, entry.required, entry.descriptors, personal, threshold)) continue;
          const found = this.feature(variant, form, forms, entry, personal);
          if (!found) continue;
          const reason = variant === query ? found : { ...found, query, via: [...found.via, `the part “${variant}”`] };
          this.keep(best, entry, reason);
        }
      }
    }
    return this.scored(best, nameParts(query)[0]?.country, options, threshold);
  }

  /**
   * A body's acronym or its initials before three or more further words ("PLA Military Intelligence
   * Directorate") names the body the unit belongs to: a descriptor, not another word of the name.
   */
  private markParent(form: NameParts): void {
    const [head, ...rest] = form.parts;
    if (!head || head.initial || rest.length < 2 || rest.some((p) => p.word === head.word)) return;
    const known = this.acronyms.has(head.text) || (this.byInitials.has(head.text) && !this.vocabulary.has(head.text) && !this.sharedInitials(head.text));
    if (known) Object.assign(head, { qualifier: true, parent: true });
  }

  /** Whether a query word may be a body's initials: a word the stored names have, or a pinyin syllable, is read as itself. */
  private mayBeInitials(p: Part): boolean {
    return !p.initial && p.text.length >= 2 && p.text.length <= MAX_ABBREVIATION && /^[a-z]+$/.test(p.text) && !this.vocabulary.has(p.text) && !isSyllable(p.text);
  }

  /** Whether initials spell the names of more than one entity of the list. */
  private sharedInitials(text: string): boolean {
    const list = this.byInitials.get(text);
    if (!list) return false;
    const first = this.entries[list[0]!]!.entity;
    for (let k = 1; k < list.length; k++) if (this.entries[list[k]!]!.entity !== first) return true;
    return false;
  }

  /** Keeps an entity's best reason: a documented name before a weak alias, then the higher score. */
  private keep(best: Map<number, { reason: Reason; weakOnly: boolean }>, entry: Entry, reason: Reason): void {
    {
      const weak = entry.name.type === 'weak-alias' && !entry.generated;
      const prev = best.get(entry.entity);
      if (!prev || (prev.weakOnly && !weak) || (prev.weakOnly === weak && reason.score > prev.reason.score)) {
        best.set(entry.entity, { reason, weakOnly: weak });
      }
    }
  }

  /** The matches above the threshold, each score with the qualifiers that moved it; `stated` is the country the query itself names. */
  private scored(best: Map<number, { reason: Reason; weakOnly: boolean }>, stated: string | undefined, options: MatchOptions, threshold: number): NameMatch[] {
    const matches: NameMatch[] = [];
    for (const [e, { reason, weakOnly }] of best) {
      const entity = this.entities[e]!;
      const reasons: (Reason | Qualifier)[] = [reason];
      let score = reason.score;
      if (options.kind && (options.kind === PERSON) !== (entity.kind === PERSON)) {
        reasons.push({ qualifier: 'kind-mismatch', detail: `query is a ${options.kind}, ${entity.id} is a ${entity.kind}`, delta: KIND_MISMATCH });
        score += KIND_MISMATCH;
      }
      // A country the query names counts only when it is not a word of the body's own name ("Inner Mongolia …", "Taiwan Affairs Office").
      const country = options.country?.toLowerCase() ?? (stated && nameParts(reason.matched_name)[0]?.country !== stated ? stated : undefined);
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
    // Of equal scores, the name that explains more of the query first: "Academy …, Institute of X" is the institute, not the academy.
    return matches.sort((a, b) => b.score - a.score || b.matched_name.length - a.matched_name.length || a.id.localeCompare(b.id)).slice(0, options.limit ?? 10);
  }
}
