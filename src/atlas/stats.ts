/**
 * @module atlas/stats
 * Counts of an atlas's records by kind, and of its claims.
 */
import { KINDS, RECORD_KINDS } from '../model/kinds.ts';
import type { Atlas } from './load.ts';

export function atlasCounts(atlas: Atlas): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of RECORD_KINDS) counts[KINDS[kind].plural.toLowerCase()] = 0;
  for (const rec of atlas.records.values()) counts[KINDS[rec.kind].plural.toLowerCase()]! += 1;
  counts.claims = atlas.claims.length;
  return counts;
}
