/**
 * @module watch/rows
 * A watchlist row's screening as kept between changes — each match's entity, score, part in the
 * atlas and chain to the system, not its full reasons (shown live when asked for) — and what
 * changed between two screenings of the row: the alerts. An alert is about a hit (a match that
 * alerts, by the rules of screen/names): one that appears, one that goes, and one whose part in
 * the atlas or chain to the system changes. A score that moves is not news.
 */
import type { AtlasRole } from '../model/roles.ts';
import type { Standing } from '../model/vocab.ts';
import type { ScreenResult, ScreenRow } from '../screen/names.ts';

export interface KeptMatch {
  id: string;
  name: string;
  kind: string;
  score: number;
  matched_name: string;
  role: AtlasRole;
  role_because: string;
  standing: Standing | null;
  statement: string;
  namesake: string | null;
  alert: boolean;
}

export interface RowResult {
  matches: KeptMatch[];
  alert: boolean;
  error?: string;
  warnings?: string[];
}

export function keptResult(r: ScreenResult): RowResult {
  return {
    matches: (r.matches ?? []).map((m) => ({
      id: m.id,
      name: m.name,
      kind: m.kind,
      score: m.score,
      matched_name: m.matched_name,
      role: m.role.role,
      role_because: m.role.because,
      standing: m.links.standing,
      statement: m.links.statement,
      namesake: m.namesake,
      alert: m.alert,
    })),
    alert: r.alert ?? false,
    ...(r.error ? { error: r.error } : {}),
    ...(r.warnings ? { warnings: r.warnings } : {}),
  };
}

/** A row's cells as screening reads them. */
export function screenRowOf(cells: Record<string, string>): ScreenRow {
  return { name: cells.name, kind: cells.kind, country: cells.country, id: cells.id, affiliation: cells.affiliation };
}

export interface MatchChange {
  entity: string;
  entity_name: string;
  change: 'new' | 'changed' | 'withdrawn';
  before: KeptMatch | null;
  after: KeptMatch | null;
}

/** What a hit is, for telling whether it changed. */
const substance = (m: KeptMatch) => JSON.stringify([m.role, m.standing, m.statement]);

export function matchChanges(before: RowResult, after: RowResult): MatchChange[] {
  const hits = (r: RowResult) => new Map(r.matches.filter((m) => m.alert).map((m) => [m.id, m]));
  const [was, is] = [hits(before), hits(after)];
  const changes: MatchChange[] = [];
  for (const [id, m] of is) {
    const old = was.get(id);
    if (!old) changes.push({ entity: id, entity_name: m.name, change: 'new', before: before.matches.find((x) => x.id === id) ?? null, after: m });
    else if (substance(old) !== substance(m)) changes.push({ entity: id, entity_name: m.name, change: 'changed', before: old, after: m });
  }
  for (const [id, m] of was) if (!is.has(id)) changes.push({ entity: id, entity_name: m.name, change: 'withdrawn', before: m, after: after.matches.find((x) => x.id === id) ?? null });
  return changes.sort((a, b) => a.entity.localeCompare(b.entity));
}
