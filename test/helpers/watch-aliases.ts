/**
 * Entities of the bundled atlas with a documented alias that alone makes a hit, for the watchlist
 * tests: a store is loaded without those aliases, and a test puts them back.
 */
import type { Atlas } from '../../src/atlas/load.ts';
import type { Name } from '../../src/model/name.ts';
import { atlasIndexOf } from '../../src/screen/atlas-index.ts';
import { screenRow } from '../../src/screen/names.ts';

/**
 * Bodies and people the atlas documents as part of the system, each with a documented alias that
 * alone makes a hit: the aliases are taken out of the store first and put back one by one.
 */
export function aliased(atlas: Atlas) {
  const index = atlasIndexOf(atlas);
  const out: { id: string; alias: Name; primary: string }[] = [];
  for (const e of index.entities) {
    const rec = atlas.records.get(e.id)!;
    const names = (rec.data as { names: Name[] }).names;
    const primary = names.find((n) => n.type === 'primary')!.text;
    const hits = (name: string) => screenRow(index, { name }, 1).matches?.find((m) => m.id === e.id)?.alert === true;
    if (!hits(primary)) continue;
    const alias = names.find((n) => (n.type === 'alias' || n.type === 'acronym') && n.claims?.length && [...n.text].length >= 4 && hits(n.text));
    if (alias) out.push({ id: e.id, alias, primary });
  }
  // Only aliases that nothing else in the atlas makes a hit of the same entity.
  const without = atlasIndexOf(withoutAliases(atlas, out));
  return out.filter((c) => !screenRow(without, { name: c.alias.text }, 1).matches?.some((m) => m.id === c.id && m.alert));
}

export function withoutAliases(atlas: Atlas, drop: { id: string; alias: Name }[]): Atlas {
  const records = new Map(atlas.records);
  for (const d of drop) {
    const rec = records.get(d.id)!;
    const data = rec.data as { names: Name[] };
    records.set(d.id, { ...rec, data: { ...data, names: data.names.filter((n) => n.text !== d.alias.text) } as never });
  }
  return { ...atlas, records, claims: atlas.claims.filter((c) => !drop.some((d) => c.claim.record === d.id && c.claim.predicate === 'has-name' && c.claim.value === d.alias.text)) };
}

