/**
 * A reading checked before the session: its quotes found in its document, its references known
 * (the atlas, or a reading that comes before it), its new records complete, its standings allowed.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Atlas } from '../../src/atlas/load.ts';
import { findQuote } from '../../src/atlas/anchor.ts';
import { nameKey } from '../../src/atlas/checks.ts';
import { KINDS } from '../../src/model/kinds.ts';
import { RELATION_TYPES, type RelationType } from '../../src/model/relation-types.ts';
import { readLog } from './log.ts';
import { claimsOf, readDocumentFile, referencesOf, type Reading, type ReadingEntity } from './reading.ts';

const PREFIX: Record<ReadingEntity['kind'], string> = { person: 'person', organisation: 'org', programme: 'prog', operation: 'op', sector: 'sector', 'target-group': 'tg', country: 'country' };
export const prefixOf = (kind: ReadingEntity['kind']) => PREFIX[kind];
export const atlasKindOf = (kind: ReadingEntity['kind']): keyof typeof KINDS => kind as keyof typeof KINDS;

/** What the readings before this one define: entity ids with their kinds, and case ids. */
export interface Defined {
  kinds: Map<string, string>;
  cases: Set<string>;
}

export function definedBy(readings: Reading[]): Defined {
  const kinds = new Map<string, string>();
  const cases = new Set<string>();
  for (const r of readings) {
    for (const e of r.entities) if (!kinds.has(e.id)) kinds.set(e.id, e.kind);
    if (r.case) cases.add(r.case.id);
  }
  return { kinds, cases };
}

/** The ids earlier sessions' readings gave their records → the ids the atlas gave them; a mapping to a record the atlas no longer has is left out, with a warning. */
export function loggedIds(atlas: Atlas): Map<string, string> {
  const ids = new Map<string, string>();
  for (const l of readLog()) {
    for (const [id, atlasId] of Object.entries(l.ids ?? {})) {
      if (!atlas.records.has(atlasId)) console.error(`${l.reading}: ${id} was entered as ${atlasId}, which the atlas no longer holds; left out`);
      else if (ids.has(id) && ids.get(id) !== atlasId) console.error(`${l.reading}: ${id} was entered as ${atlasId} and, by an earlier reading, as ${ids.get(id)}; the first is kept`);
      else ids.set(id, atlasId);
    }
  }
  return ids;
}

const carriedNotes = new WeakMap<Atlas, string[]>();
/** Whether a reading's document is already a source of the atlas (the session leaves such a reading as it is). */
export function isCarried(r: Reading, atlas: Atlas): boolean {
  let notes = carriedNotes.get(atlas);
  if (!notes) carriedNotes.set(atlas, (notes = [...atlas.records.values()].filter((x) => x.kind === 'source').map((x) => String((x.data as { note?: string }).note ?? ''))));
  const sha = createHash('sha256').update(readDocumentFile(r.document).body).digest('hex');
  return notes.some((note) => note.includes(sha));
}

const owners = new WeakMap<Atlas, Map<string, string>>();
/** Each name the atlas holds (as its validation compares names) → the record that holds it. */
function namesOf(atlas: Atlas): Map<string, string> {
  let map = owners.get(atlas);
  if (!map) {
    map = new Map();
    for (const rec of atlas.records.values()) for (const n of (rec.data as { names?: { text: string }[] }).names ?? []) map.set(nameKey(n.text), rec.id);
    owners.set(atlas, map);
  }
  return map;
}

export function checkReading(r: Reading, atlas: Atlas, before: Defined, logged: ReadonlyMap<string, string> = new Map()): string[] {
  const problems: string[] = [];
  const at = (m: string) => problems.push(`${basename(r.file)}: ${m}`);
  let body: string;
  try {
    body = readDocumentFile(r.document).body;
  } catch (e) {
    return [`${basename(r.file)}: document: ${(e as Error).message}`];
  }
  const own = definedBy([r]);
  const carried = isCarried(r, atlas);
  const record = (id: string) => atlas.records.get(logged.get(id) ?? id);
  const kindOf = (id: string) => record(id)?.kind ?? before.kinds.get(id) ?? own.kinds.get(id);

  for (const { where, claim } of claimsOf(r)) {
    if (!findQuote(body, claim.quote)) at(`${where}: quote not found in the document: "${claim.quote.slice(0, 70)}"`);
    if (claim.likelihood && !claim.quote.toLowerCase().includes(claim.likelihood.toLowerCase())) at(`${where}: likelihood '${claim.likelihood}' is not in its quote`);
  }
  for (const e of r.entities) {
    const known = record(e.id) !== undefined || before.kinds.has(e.id);
    if (!e.id.startsWith(`${PREFIX[e.kind]}-`)) at(`entity ${e.id}: a ${e.kind}'s id starts with '${PREFIX[e.kind]}-'`);
    if (known) {
      const k = record(e.id)?.kind ?? before.kinds.get(e.id);
      if (k !== e.kind) at(`entity ${e.id}: is a ${k}, not a ${e.kind}`);
      continue;
    }
    if (!e.name) at(`entity ${e.id}: a new record needs its primary name (name:)`);
    // The atlas holds one record per name: a name it already has belongs to that record, which the reading extends.
    if (!carried) for (const text of [e.name, ...e.names.map((n) => n.text)]) {
      const owner = text ? namesOf(atlas).get(nameKey(text)) : undefined;
      if (owner) at(`entity ${e.id}: '${text}' is already a name of ${owner}; extend that record (id: ${owner})`);
    }
    if (e.kind === 'organisation' && !e.subtype) at(`entity ${e.id}: a new organisation needs its subtype`);
    if ((e.kind === 'sector' || e.kind === 'target-group') && !e.description) at(`entity ${e.id}: a new ${e.kind} needs a description`);
    if (e.kind === 'country' && (!e.iso || e.id !== `country-${e.iso.toLowerCase()}`)) at(`entity ${e.id}: a new country needs its iso code, and its id is country-<iso>`);
    if (!e.claims.length && !e.names.length) at(`entity ${e.id}: a new record needs a claim (or a quoted name)`);
  }
  for (const { where, id } of referencesOf(r)) {
    if (/^GZT\d{4}(\.\d{3})?$/.test(id)) {
      if (!atlas.records.has(id)) at(`${where}: no technique ${id}`);
    } else if (!kindOf(id)) at(`${where}: '${id}' is neither in the atlas nor defined by this or an earlier reading (add it to entities)`);
  }
  for (const rel of r.relations) {
    const type: RelationType = RELATION_TYPES[rel.type];
    for (const [end, id, allowed] of [['subject', rel.subject, type.subject], ['object', rel.object, type.object]] as const) {
      const kind = kindOf(id);
      if (kind && !(allowed as readonly string[]).includes(kind)) at(`relation ${rel.subject} ${rel.type} ${rel.object}: its ${end} is a ${kind}; '${rel.type}' takes ${allowed.join(' or ')}`);
    }
  }
  const k = r.case;
  if (k) {
    const extends_ = record(k.id) !== undefined || before.cases.has(k.id);
    if (!extends_) {
      for (const f of ['title', 'summary', 'date', 'outcome'] as const) if (!k[f]) at(`case ${k.id}: a new case needs its ${f}`);
      if (!k.events.length) at(`case ${k.id}: a new case needs at least one dated event`);
    }
    for (const p of k.people) {
      if (kindOf(p.person) && kindOf(p.person) !== 'person') at(`case person ${p.person}: is not a person`);
      if (p.claims.length && !p.claims.some((c) => c.standing === p.standing)) at(`case person ${p.person}: standing '${p.standing}' is not the standing of any of its claims here`);
    }
  }
  return problems;
}
