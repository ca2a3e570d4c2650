/**
 * @module screen/names
 * Name screening of one row: the matches of a name against the atlas, each with its reasons
 * and its documented links to the system. Rows with a problem get an error of their own; they
 * never stop a batch.
 */
import { ATLAS_ROLES, type AtlasRole } from '../model/roles.ts';
import { countryCode } from '../names/country.ts';
import { DEFAULT_THRESHOLD, type MatchOptions, type NameMatch } from '../names/match.ts';
import type { SystemLinks } from './links.ts';
import type { AtlasIndex } from './atlas-index.ts';

/** Longer than any name; a cell past this is a mistake or an attack. */
export const MAX_NAME_LENGTH = 1000;
/** What an agreeing documented fact adds to a person's score, and what a contradicting one takes away. */
const AGREES = 0.05;
const DIFFERS = -0.15;
/** How close an affiliation must be to a name of a documented tie to agree with it. */
const AFFILIATION_THRESHOLD = 0.85;

export interface ScreenRow {
  name?: string | undefined;
  kind?: string | undefined;
  country?: string | undefined;
  id?: string | undefined;
  /** A person's employer or affiliation, as the list gives it: what can corroborate a name. */
  affiliation?: string | undefined;
}

export interface ScreenOptions {
  threshold?: number;
  /** Alert on a person's name without corroboration (off by default: it is a possible namesake). */
  nameOnlyAlerts?: boolean;
}

export interface Corroboration {
  fact: 'affiliation';
  given: string;
  agrees: boolean;
  detail: string;
}

export type ScreenedMatch = NameMatch & {
  links: SystemLinks;
  /** The part the matched entity plays in the atlas; targets, victims and investigators never alert. */
  role: { role: AtlasRole; label: string; because: string };
  /** The name's own score, before what the row and the atlas both know was weighed. */
  name_score: number;
  corroboration: Corroboration[];
  /** Set when no documented fact corroborates a person's name: "possible namesake — name only". */
  namesake: string | null;
  /** Whether this match is a hit: at or above the threshold, an entity on the system's side, and not a name alone. */
  alert: boolean;
};

export interface ScreenResult {
  row: number;
  id?: string;
  query: string;
  kind?: string;
  country?: string;
  matches?: ScreenedMatch[];
  /** Whether any match alerts. */
  alert?: boolean;
  /** For a row with no match: what the atlas covers (never a "clear"). */
  not_in_atlas?: string;
  /** Problems with optional fields: the row was still screened, without them. */
  warnings?: string[];
  error?: string;
}

const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;

function roleOf(atlasIndex: AtlasIndex, id: string, links: SystemLinks): ScreenedMatch['role'] {
  const { role, because } = links.is_core
    ? { role: 'system' as const, because: 'it is a service or party body' }
    : links.chain
      ? { role: 'instrument' as const, because: links.statement }
      : (atlasIndex.roles.get(id) ?? { role: 'none' as const, because: 'the atlas names it, with no documented role' });
  return { role, label: ATLAS_ROLES[role].label, because };
}

/** What the row's affiliation says of a matched person: agreeing with one of their documented ties, or with none. */
function affiliationOf(atlasIndex: AtlasIndex, person: string, affiliation: string): Corroboration {
  const ties = atlasIndex.ties.get(person) ?? new Set<string>();
  const found = atlasIndex.index.match(affiliation, { threshold: AFFILIATION_THRESHOLD, limit: 5 }).find((m) => ties.has(m.id));
  return found
    ? { fact: 'affiliation', given: affiliation, agrees: true, detail: `'${affiliation}' is ${found.name}, to which the atlas documents a tie` }
    : { fact: 'affiliation', given: affiliation, agrees: false, detail: `'${affiliation}' is none of the bodies the atlas ties this person to` };
}

export function screenRow(atlasIndex: AtlasIndex, row: ScreenRow, rowNumber: number, threshold?: number, options: Omit<ScreenOptions, 'threshold'> = {}): ScreenResult {
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
  // Optional fields that cannot be read are left out with a warning; the name is screened all the same.
  const warnings: string[] = [];
  let kind = row.kind?.trim().toLowerCase() || undefined;
  if (kind === 'org' || kind === 'organization') kind = 'organisation';
  if (kind && kind !== 'person' && kind !== 'organisation') {
    warnings.push(`kind must be person or organisation, not '${row.kind}'; screened as either`);
    kind = undefined;
  }
  const countryText = row.country?.trim() || undefined;
  const country = countryText ? countryCode(countryText) : undefined;
  if (countryText && !country) warnings.push(`'${countryText}' is not a country name or ISO code; screened without a country`);
  const affiliation = row.affiliation?.trim() || undefined;
  const cutoff = threshold ?? DEFAULT_THRESHOLD;
  const matchOptions: MatchOptions = { threshold: cutoff, ...(kind ? { kind: kind as 'person' | 'organisation' } : {}), ...(country ? { country } : {}) };
  const matches = atlasIndex.index.match(query, matchOptions).map((m): ScreenedMatch => {
    const links = atlasIndex.graph.linksOf(m.id);
    const role = roleOf(atlasIndex, m.id, links);
    const corroboration = m.kind === 'person' && affiliation ? [affiliationOf(atlasIndex, m.id, affiliation)] : [];
    let score = m.score + corroboration.reduce((sum, c) => sum + (c.agrees ? AGREES : DIFFERS), 0);
    // A person whom no documented fact corroborates may be anyone of that name: kept below the threshold.
    const namesake = m.kind === 'person' && !corroboration.some((c) => c.agrees) ? (corroboration.length ? 'possible namesake — the affiliation differs' : 'possible namesake — name only') : null;
    if (namesake && !options.nameOnlyAlerts) score = Math.min(score, cutoff - 0.01);
    score = round(score);
    return { ...m, score, name_score: m.score, links, role, corroboration, namesake, alert: score >= cutoff && ATLAS_ROLES[role.role].hit };
  });
  // Who the name is comes first: the best score, and of equal scores the index's order (stable) —
  // the name that explains more of the query ("CAS, Institute of Physics" before CAS).
  matches.sort((a, b) => b.score - a.score);
  return {
    ...echo,
    matches,
    alert: matches.some((m) => m.alert),
    ...(matches.length ? {} : { not_in_atlas: atlasIndex.coverage.statement }),
    ...(warnings.length ? { warnings } : {}),
  };
}
