/**
 * @module atlas/marking-change
 * Whether an edit of a record changes what its markings protect — the decision that only an admin
 * may make. Two ways to lower a marking without touching a marking's value, both closed here:
 * moving a `tlp` from one part to another (markings are compared place by place, never as a set),
 * and moving protected words (a quote, a name, a note) into a part that a lower clearance sees
 * (each lower clearance's view before and after the edit is asked of redaction itself).
 */
import type { z } from 'zod';
import { KINDS } from '../model/kinds.ts';
import { markingOf, TLP_LEVELS, type Tlp } from '../model/vocab.ts';
import { completeClaims } from './claims.ts';
import type { Atlas } from './load.ts';
import { redactAtlas } from './redact.ts';

/** The fields whose words a marking protects; ids, standings and offsets recur everywhere and say nothing alone. */
const CONTENT_KEYS = new Set(['quote', 'text', 'note', 'description', 'value', 'summary', 'title', 'likelihood', 'recorded_by']);

/** Every `tlp` in the data by where it sits (`claims.2.tlp`); the record's own counts even when left to its default. */
function markingPlaces(data: unknown): Map<string, string> {
  const places = new Map<string, string>();
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${path}${i}.`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'tlp') places.set(`${path}tlp`, String(v));
        else walk(v, `${path}${k}.`);
      }
    }
  };
  walk(data, '');
  places.set('tlp', markingOf(data));
  return places;
}

function contentWords(data: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(data)) for (const x of data) contentWords(x, into);
  else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      if (CONTENT_KEYS.has(k) && (typeof v === 'string' || typeof v === 'number')) into.add(String(v));
      else contentWords(v, into);
    }
  }
  return into;
}

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * What the edit of record `id` into `next` changes about its markings, in one line, or undefined
 * when it changes none. `viewOf` gives a clearance's view of the atlas as it is (the server keeps
 * them); only clearances that the record hides something from are examined.
 */
export function markingChange(atlas: Atlas, id: string, next: unknown, viewOf: (clearance: Tlp) => Atlas = (l) => redactAtlas(atlas, l)): string | undefined {
  const current = atlas.records.get(id);
  if (!current) return undefined;
  const before = markingPlaces(current.data);
  const after = markingPlaces(next);
  for (const place of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(place) !== after.get(place)) return `the marking at ${place} changes from ${before.get(place) ?? 'none'} to ${after.get(place) ?? 'none'}`;
  }

  const parsed = (KINDS[current.kind].schema as z.ZodType).safeParse(next);
  if (!parsed.success) return undefined; // not a record: the edit's own checks refuse it
  let candidate: Atlas | undefined;
  const words = contentWords(current.data);
  for (const level of TLP_LEVELS) {
    if (level === 'red') break;
    const seenBefore = contentWords(viewOf(level).records.get(id)?.data);
    const hidden = [...words].filter((w) => !seenBefore.has(w));
    if (!hidden.length) continue;
    if (!candidate) {
      candidate = { ...atlas, records: new Map(atlas.records).set(id, { ...current, data: parsed.data as never }), claims: [] };
      candidate.claims = completeClaims(candidate, []);
    }
    const seenAfter = contentWords(redactAtlas(candidate, level).records.get(id)?.data);
    const shown = hidden.find((w) => seenAfter.has(w));
    if (shown !== undefined) return `“${shorten(shown)}” would become visible at ${level.toUpperCase()}, below the marking that protects it`;
  }
  return undefined;
}
