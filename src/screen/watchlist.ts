/**
 * @module screen/watchlist
 * What name screening screens against: the bodies and people of an atlas (not classes of
 * organisation, which are not names anyone is called), and the relations that tie them to the
 * system. Built from the atlas an account may see, so a screening result never leans on a record
 * or claim above the account's clearance.
 */
import type { Atlas } from '../atlas/load.ts';
import { atlasFromStore } from '../store/as-atlas.ts';
import { SYSTEM_CORE_SUBTYPES } from '../model/entity.ts';
import type { Name } from '../model/name.ts';
import type { RelationTypeName } from '../model/relation-types.ts';
import type { Store } from '../store/store.ts';
import { NameIndex, type WatchlistEntity } from '../names/match.ts';
import { SystemGraph, type GraphRelation } from './links.ts';
import { groupBy } from '../util/group-by.ts';

const SCREENED_KINDS = new Set(['organisation', 'person', 'programme', 'operation', 'intrusion-set']);

export interface Watchlist {
  index: NameIndex;
  graph: SystemGraph;
}

export async function loadWatchlist(store: Store): Promise<Watchlist> {
  return watchlistOf(await atlasFromStore(store));
}

export function watchlistOf(atlas: Atlas): Watchlist {
  const records = [...atlas.records.values()];
  const names = new Map<string, string>();
  const entities: WatchlistEntity[] = [];
  const core = new Set<string>();
  for (const r of records) {
    const d = r.data as { names?: Name[]; subtype?: string; country?: string; collective?: boolean };
    const primary = d.names?.find((n) => n.type === 'primary')?.text;
    if (primary) names.set(r.id, primary);
    if (!SCREENED_KINDS.has(r.kind) || d.collective || !d.names) continue;
    if (d.subtype && (SYSTEM_CORE_SUBTYPES as readonly string[]).includes(d.subtype)) core.add(r.id);
    entities.push({
      id: r.id,
      name: primary ?? r.id,
      kind: r.kind,
      ...(r.kind === 'organisation' && d.country ? { country: d.country.replace(/^country-/, '') } : {}),
      names: d.names.map((n) => ({ text: n.text, type: n.type })),
    });
  }
  const claims = atlas.claims.map((c) => c.claim);
  const byRecord = groupBy(claims, (c) => c.record);
  const relations: GraphRelation[] = records
    .filter((r) => r.kind === 'relation')
    .map((r) => {
      const d = r.data as { type: RelationTypeName; subject: string; object: string };
      return { id: r.id, type: d.type, subject: d.subject, object: d.object, claims: byRecord.get(r.id) ?? [] };
    });
  return { index: new NameIndex(entities), graph: new SystemGraph(relations, core, names) };
}
