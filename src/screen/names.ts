/**
 * @module screen/names
 * Name screening of one row: the matches of a name against the watchlist, each with its reasons
 * and its documented links to the system. Rows with a problem get an error of their own; they
 * never stop a batch.
 */
import type { MatchOptions, NameMatch } from '../names/match.ts';
import type { SystemLinks } from './links.ts';
import type { Watchlist } from './watchlist.ts';

/** Longer than any name; a cell past this is a mistake or an attack. */
export const MAX_NAME_LENGTH = 1000;

export interface ScreenRow {
  name?: string | undefined;
  kind?: string | undefined;
  country?: string | undefined;
  id?: string | undefined;
}

export type ScreenedMatch = NameMatch & { links: SystemLinks };

export interface ScreenResult {
  row: number;
  id?: string;
  query: string;
  kind?: string;
  country?: string;
  matches?: ScreenedMatch[];
  error?: string;
}

export function screenRow(watchlist: Watchlist, row: ScreenRow, rowNumber: number, threshold?: number): ScreenResult {
  const query = (row.name ?? '').trim();
  const echo = {
    row: rowNumber,
    ...(row.id ? { id: row.id } : {}),
    query: query.length > 200 ? `${query.slice(0, 200)}…` : query,
    ...(row.kind ? { kind: row.kind } : {}),
    ...(row.country ? { country: row.country } : {}),
  };
  if (!query) return { ...echo, error: 'the name is empty' };
  if ([...query].length > MAX_NAME_LENGTH) return { ...echo, error: `the name is too long (${[...query].length} characters; the limit is ${MAX_NAME_LENGTH})` };
  const kind = row.kind?.trim().toLowerCase() || undefined;
  if (kind && kind !== 'person' && kind !== 'organisation') return { ...echo, error: `kind must be person or organisation, not '${row.kind}'` };
  const country = row.country?.trim() || undefined;
  if (country && !/^[A-Za-z]{2}$/.test(country)) return { ...echo, error: `country must be an ISO 3166 alpha-2 code, not '${row.country}'` };
  const options: MatchOptions = { ...(threshold !== undefined ? { threshold } : {}), ...(kind ? { kind: kind as 'person' | 'organisation' } : {}), ...(country ? { country } : {}) };
  const matches = watchlist.index.match(query, options).map((m) => ({ ...m, links: watchlist.graph.linksOf(m.id) }));
  return { ...echo, matches };
}
