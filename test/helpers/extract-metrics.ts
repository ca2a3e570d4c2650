/**
 * How extraction is scored against hand-written gold (test/fixtures/extract-gold and
 * extract-blind): per document, the distinct things of each field, as sets — organisations,
 * people and programmes by atlas id or by name, where any of the gold's surface forms counts
 * ("the FBI's" and "FBI" are the same organisation); dates by value; countries by ISO code;
 * techniques by id. Precision and recall are summed over the documents.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { DocumentText } from '../../src/documents/read.ts';
import type { Extraction } from '../../src/ingest/extract.ts';
import { fold } from '../../src/names/fold.ts';
import { CORPUS, corpusDocument } from './corpus-document.ts';

export interface Named {
  name: string;
  id?: string | null;
  also?: string[];
}
export interface Gold {
  document: string;
  language?: string;
  type?: string;
  date: string;
  organisations: Named[];
  people: Named[];
  programmes?: Named[];
  dates: { text: string; value: string }[];
  money?: { text: string; amount: number; currency: string }[];
  countries: { text: string; iso: string }[];
  techniques: { id: string; evidence: string }[];
  excluded_demonyms?: { text: string; why: string }[];
}

export type Field = 'organisations' | 'people' | 'programmes' | 'dates' | 'money' | 'countries' | 'techniques';
export const FIELDS: Field[] = ['organisations', 'people', 'programmes', 'dates', 'money', 'countries', 'techniques'];

/** A surface form as compared: folded, without a leading article or a trailing possessive. */
export function surfaceKey(text: string): string {
  return fold(text.replace(/[’']s$/u, ''))
    .replace(/^(?:the|der|die|das|den|dem|des) /u, '')
    .trim();
}

export function readGold(dir: URL): Gold[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => YAML.parse(readFileSync(new URL(f, dir), 'utf8')) as Gold);
}

const KIND: Record<'organisations' | 'people' | 'programmes', string[]> = {
  organisations: ['organisation'],
  people: ['person'],
  programmes: ['programme', 'operation'],
};

/** Gold and found keys per field for one document. */
export function keysOf(gold: Gold, x: Extraction): Record<Field, { gold: Set<string>; found: Set<string> }> {
  const named = (items: Named[], field: keyof typeof KIND) => {
    const bySurface = new Map<string, string>();
    for (const n of items) for (const s of [n.name, ...(n.also ?? [])]) bySurface.set(surfaceKey(s), n.id ?? surfaceKey(n.name));
    const mentions = x.mentions.filter((m) => KIND[field].includes(m.kind));
    // A later "Roe" that extraction ties to a new name "Jane Roe" is that name's item.
    const antecedent = (m: Extraction['mentions'][number]) => (m.how === 'coreference' && m.matched_name ? (bySurface.get(surfaceKey(m.matched_name)) ?? surfaceKey(m.matched_name)) : surfaceKey(m.text));
    // Every mention of one entity is one found item: a later "Chong" is the "Michael Chong" the gold names.
    const byEntity = new Map<string, string>();
    for (const m of mentions) {
      const key = bySurface.get(surfaceKey(m.text));
      if (m.entity_id && key && !byEntity.has(m.entity_id)) byEntity.set(m.entity_id, key);
    }
    const found = new Set(
      mentions.map((m) => bySurface.get(surfaceKey(m.text)) ?? (m.entity_id ? (byEntity.get(m.entity_id) ?? m.entity_id) : antecedent(m))),
    );
    return { gold: new Set(items.map((n) => n.id ?? surfaceKey(n.name))), found };
  };
  return {
    organisations: named(gold.organisations, 'organisations'),
    people: named(gold.people, 'people'),
    programmes: named(gold.programmes ?? [], 'programmes'),
    dates: { gold: new Set(gold.dates.map((d) => d.value)), found: new Set(x.dates.flatMap((d) => (d.value === null ? [] : [d.value]))) },
    money: { gold: new Set((gold.money ?? []).map((m) => `${m.amount} ${m.currency}`)), found: new Set(x.money.map((m) => `${m.amount} ${m.currency}`)) },
    countries: { gold: new Set(gold.countries.map((c) => c.iso)), found: new Set(x.countries.map((c) => c.iso)) },
    techniques: { gold: new Set(gold.techniques.map((t) => t.id)), found: new Set(x.techniques.map((t) => t.id)) },
  };
}

export interface FieldScore {
  precision: number;
  recall: number;
  tp: number;
  found: number;
  gold: number;
  /** "document: key" for each gold item not found and each found item not in the gold. */
  misses: string[];
  extras: string[];
}

export function scoreExtraction(results: { gold: Gold; x: Extraction }[], fields: Field[] = FIELDS): Record<Field, FieldScore> {
  const out = {} as Record<Field, FieldScore>;
  for (const field of fields) {
    const s: FieldScore = { precision: 1, recall: 1, tp: 0, found: 0, gold: 0, misses: [], extras: [] };
    for (const { gold: g, x } of results) {
      const k = keysOf(g, x)[field];
      const doc = g.document.replace(/^.*\//, '').slice(0, 2);
      for (const f of k.found) {
        if (k.gold.has(f)) s.tp++;
        else s.extras.push(`${doc}: ${f}`);
      }
      for (const f of k.gold) if (!k.found.has(f)) s.misses.push(`${doc}: ${f}`);
      s.found += k.found.size;
      s.gold += k.gold.size;
    }
    s.precision = s.found ? s.tp / s.found : 1;
    s.recall = s.gold ? s.tp / s.gold : 1;
    out[field] = s;
  }
  return out;
}

export const BLIND = new URL('../fixtures/extract-blind/', import.meta.url);
export type Split = 'train' | 'dev' | 'test';

/** The blind set's documents by split (split.yaml), read from ../shared/corpus or the set's own docs/. */
export function blindSplit(split: Split | 'all', reading = 'gold'): { gold: Gold; doc: DocumentText }[] {
  const splits = YAML.parse(readFileSync(new URL('split.yaml', BLIND), 'utf8')) as Record<Split, string[]>;
  const wanted = new Set(split === 'all' ? Object.values(splits).flat() : splits[split]);
  return readGold(new URL(`${reading}/`, BLIND))
    .filter((g) => wanted.has(g.document))
    .map((gold) => ({ gold, doc: gold.document.startsWith('docs/') ? corpusDocument(gold.document, BLIND) : corpusDocument(gold.document) }));
}

/** The SHA-256 that freezes a split: each document's gold file and then its text, in split.yaml's order. */
export function splitDigest(split: Split): string {
  const splits = YAML.parse(readFileSync(new URL('split.yaml', BLIND), 'utf8')) as Record<Split, string[]>;
  const hash = createHash('sha256');
  for (const d of splits[split]) {
    hash.update(readFileSync(new URL(`gold/${d.replace(/^.*\//, '').replace(/\.txt$/, '.yaml')}`, BLIND)));
    hash.update(readFileSync(d.startsWith('docs/') ? new URL(d, BLIND) : new URL(d, CORPUS)));
  }
  return hash.digest('hex');
}

/** Each occurrence of a gold phrase about a person's origin, with the countries extraction reported inside it (which should be none). */
export function countriesInExcludedPhrases(results: { gold: Gold; doc: DocumentText; x: Extraction }[]): { where: string; countries: string[] }[] {
  const out: { where: string; countries: string[] }[] = [];
  for (const { gold, doc, x } of results) {
    for (const ex of gold.excluded_demonyms ?? []) {
      for (let at = doc.text.indexOf(ex.text); at >= 0; at = doc.text.indexOf(ex.text, at + 1)) {
        const start = Array.from(doc.text.slice(0, at)).length;
        const end = start + Array.from(ex.text).length;
        out.push({ where: `${gold.document}: '${ex.text}'`, countries: x.countries.filter((c) => c.start >= start && c.end <= end).map((c) => c.text) });
      }
    }
  }
  return out;
}
