/**
 * @module names/search
 * Finds atlas records by any of their names, in any script: exact matches first, then names that
 * start with the query, then names that contain it.
 */
import type { Atlas } from '../atlas/load.ts';
import { KINDS } from '../model/kinds.ts';
import type { Name } from '../model/name.ts';
import { compact, fold, pinyinKey } from './fold.ts';
import { normaliseName } from './normalise.ts';

export interface SearchHit {
  id: string;
  kind: string;
  name: string;
  matched_name: string;
  match: 'exact' | 'prefix' | 'contains';
  score: number;
}

interface Entry {
  id: string;
  kind: string;
  primary: string;
  text: string;
  keys: string[];
}

const SCORE = { exact: 1, prefix: 0.8, contains: 0.6 } as const;

function namesOf(data: unknown): Name[] {
  const rec = data as { names?: Name[]; title?: string; name?: string };
  if (rec.names) return rec.names;
  const label = rec.title ?? rec.name;
  return label ? [{ text: label, type: 'primary', lang: 'en' }] : [];
}

/** Builds the searchable entries of an atlas once; reuse it for many queries. */
export function nameIndex(atlas: Atlas): Entry[] {
  const entries: Entry[] = [];
  for (const rec of atlas.records.values()) {
    if (rec.kind === 'relation' || rec.kind === 'source') continue;
    const names = namesOf(rec.data);
    const primary = names.find((n) => n.type === 'primary')?.text ?? rec.id;
    for (const n of [...names, { text: rec.id, type: 'alias' as const, lang: 'en' }]) {
      const folded = fold(n.text);
      const form = normaliseName(n.text);
      // The screening key too: name order, pinyin syllables and Wade–Giles count as the same name.
      const keys = [folded, compact(folded), form.key, ...form.alternatives];
      const py = pinyinKey(n.text);
      if (py) keys.push(py, compact(py));
      entries.push({ id: rec.id, kind: KINDS[rec.kind].label.toLowerCase(), primary, text: n.text, keys });
    }
  }
  return entries;
}

export function searchNames(index: Entry[], query: string, limit = 20): SearchHit[] {
  const q = fold(query);
  if (!q) return [];
  const qc = compact(q);
  const qk = normaliseName(query).key;
  const best = new Map<string, SearchHit>();
  for (const e of index) {
    let match: SearchHit['match'] | undefined;
    if (e.keys.some((k) => k === q || k === qc || (qk !== '' && k === qk))) match = 'exact';
    else if (e.keys.some((k) => k.startsWith(q))) match = 'prefix';
    else if (q.length >= 2 && e.keys.some((k) => k.includes(q))) match = 'contains';
    if (!match) continue;
    const hit: SearchHit = { id: e.id, kind: e.kind, name: e.primary, matched_name: e.text, match, score: SCORE[match] };
    const prev = best.get(e.id);
    if (!prev || hit.score > prev.score) best.set(e.id, hit);
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.id.localeCompare(b.id))
    .slice(0, limit);
}
