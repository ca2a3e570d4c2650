/**
 * @module atlas/stats
 * Counts of an atlas’s records by kind, of its claims, and of the STIX objects it keeps.
 */
import { KINDS, RECORD_KINDS } from '../model/kinds.ts';
import type { Atlas } from './load.ts';

export function atlasCounts(atlas: Atlas): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of RECORD_KINDS) counts[KINDS[kind].plural.toLowerCase()] = 0;
  for (const rec of atlas.records.values()) counts[KINDS[rec.kind].plural.toLowerCase()]! += 1;
  counts.claims = atlas.claims.length;
  counts['kept STIX objects'] = atlas.kept.objects.size;
  return counts;
}
