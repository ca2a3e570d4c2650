/**
 * @module atlas/redact
 * The atlas as an account cleared to one TLP level sees it. Records, sources and claims marked
 * above the clearance are gone, and so is every part that only they supported (a name, a case's
 * event, a relation) or that points at a record that is gone. A record that is no longer a valid
 * record without its hidden parts (an entity left with no claim, a case with no outcome) is gone
 * too, so what remains is itself a valid atlas. Pages, search, screening, graphs and exports are all
 * built from the result, so none of them can show the rest, not even its count.
 */
import type { z } from 'zod';
import { KINDS } from '../model/kinds.ts';
import { markingOf, tlpAllows, type Tlp } from '../model/vocab.ts';
import { claimPlaces } from './claim-places.ts';
import { completeClaims } from './claims.ts';
import type { Atlas, LoadedRecord } from './load.ts';
import { refsOf } from './refs.ts';

type Path = (string | number)[];
type Visible = (record: string, path: Path) => boolean;

const key = (record: string, path: Path) => `${record}\u0000${path.join('\u0000')}`;

export function redactAtlas(atlas: Atlas, clearance: Tlp): Atlas {
  if (clearance === 'red') return atlas;
  const claimAt = new Map(atlas.claims.map((c) => [key(c.claim.record, c.path), c.claim]));
  let kept = new Set([...atlas.records.values()].filter((r) => tlpAllows(clearance, markingOf(r.data))).map((r) => r.id));
  // Dropping a record can leave others pointing at it; repeat until nothing more is dropped.
  for (;;) {
    const known = kept;
    const visible: Visible = (record, path) => {
      const claim = claimAt.get(key(record, path));
      return claim !== undefined && tlpAllows(clearance, claim.tlp) && known.has(claim.source);
    };
    const records = new Map<string, LoadedRecord>();
    for (const rec of atlas.records.values()) {
      if (!known.has(rec.id)) continue;
      const data = redactRecord(rec, known, visible);
      if (data !== undefined && (KINDS[rec.kind].schema as z.ZodType).safeParse(data).success) records.set(rec.id, { ...rec, data: data as never });
    }
    if (records.size === known.size) {
      const texts = new Map([...atlas.texts].filter(([id]) => records.has(id)));
      const objects = new Map([...atlas.kept.objects].filter(([, k]) => tlpAllows(clearance, k.tlp)));
      const collections = new Map([...atlas.kept.collections].filter(([, floor]) => tlpAllows(clearance, floor)));
      const out: Atlas = { ...atlas, records, texts, claims: [], kept: { collections, objects } };
      out.claims = completeClaims(out, []);
      return out;
    }
    kept = new Set(records.keys());
  }
}

/** The record's data without its hidden parts, or undefined when nothing of it may be shown. */
function redactRecord(rec: LoadedRecord, kept: ReadonlySet<string>, visible: Visible): unknown {
  const data = JSON.parse(JSON.stringify(rec.data)) as Record<string, unknown>;
  const removals: Path[] = [];
  const at = (path: Path) => path.reduce<unknown>((node, p) => (node as Record<string | number, unknown> | undefined)?.[p], data) as Record<string, unknown>;

  for (const place of claimPlaces(rec.kind, rec.data)) {
    const hidden = place.entries.map((_, i) => i).filter((i) => !visible(rec.id, [...place.path, i]));
    removals.push(...hidden.map((i) => [...place.path, i]));
    if (!hidden.length || hidden.length < place.entries.length) continue;
    // Every claim behind this part is hidden, so the part is too — except a primary name, which
    // is the record's label (editorial, at the record's marking): it stays, without claims.
    const container = place.path.slice(0, -1);
    if (typeof container.at(-1) !== 'number') continue; // the record's own claims: the schema decides
    if (container[0] === 'names' && at(container).type === 'primary') at(container).claims = undefined;
    else removals.push(container);
  }
  for (const ref of refsOf(rec.kind, rec.data)) {
    if (kept.has(ref.id)) continue;
    const element = ref.path.findLastIndex((p) => typeof p === 'number');
    if (element >= 0) removals.push(ref.path.slice(0, element + 1));
    else if (rec.kind === 'relation') return undefined;
    else data[ref.path[0] as string] = undefined; // an optional reference (an organisation's country)
  }

  // Deeper paths first, and later elements before earlier ones, so no removal shifts another.
  removals.sort((a, b) => b.length - a.length || (b.at(-1) as number) - (a.at(-1) as number));
  const done = new Set<string>();
  for (const path of removals) {
    const k = path.join('\u0000');
    if (done.has(k)) continue;
    done.add(k);
    const array = at(path.slice(0, -1));
    if (Array.isArray(array)) array.splice(path.at(-1) as number, 1);
  }
  return JSON.parse(JSON.stringify(data)) as unknown; // drops the fields set to undefined
}
