/**
 * @module atlas/exposure
 * What the atlas means for one organisation: the methods, cases and actors that bear on its
 * profile (model/profile), each with the reasons it was picked and the claims behind each reason,
 * ranked by one documented rule:
 *
 * - A method scores 4 for each of the profile's target groups or sectors the source says it is
 *   aimed at (a `targets` relation from the technique), and, for each case that used it and bears
 *   on the profile, that case's weight.
 * - A case bears on the profile when it targeted its sectors (3, and 1 for each further sector),
 *   its target groups (2, and 1 for each further group), or happened in its country — or, in a
 *   country its staff travel to, on the territory of the state behind the system (1); its weight is
 *   the sum, times 1 for a case of the last five years, 0.6 of the five before, 0.3 older.
 * - An actor scores 2 for each relation that targets, approaches, collects on, monitors or
 *   intimidates one of the profile's groups or sectors, and 1 for each of the top ten methods it
 *   used.
 *
 * Ties are broken by the number of cases, then the id. The profile's diaspora field takes no part
 * in any of it: it only adds the advice that protects those members (transnational repression).
 */
import type { Claim } from '../model/claim.ts';
import { CLEARANCE_GROUPS, DIASPORA_COMMUNITIES, IN_CHINA_GROUP, STAFF_ROLES, type Profile } from '../model/profile.ts';
import type { RecordOf } from '../model/kinds.ts';
import { recordsOf, type Atlas } from './load.ts';
import { displayName } from './view.ts';

export interface Reason {
  /** What matched, in words: "aimed at Foreign scientists (your researchers)". */
  text: string;
  /** The claims that show it. */
  claims: string[];
  /** A case the reason rests on. */
  case?: string;
}

export interface Scored {
  id: string;
  name: string;
  score: number;
  reasons: Reason[];
}

export interface ExposedCase extends Scored {
  date: string;
  outcome: string;
  outcome_claims: string[];
}

export interface Exposure {
  organisation: string;
  /** What the profile was read as: the atlas's sectors, target groups and countries it matched. */
  matched: { sectors: { id: string; name: string; because: string }[]; groups: { id: string; name: string; because: string }[]; countries: string[]; fields_not_covered: string[] };
  techniques: Scored[];
  cases: ExposedCase[];
  actors: Scored[];
  /** Advice that protects members of the communities named (the diaspora field), by method. */
  protection: { technique: string; name: string; advice: { audience: string; text: string }[]; groups: string[] }[];
}

/** A profile that names what the atlas does not hold: `path` is where in the profile. */
export class ProfileError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

const TOP = 10;
/** Case roles of the profile's own country that make a case its own: not the state behind it. */
const HOME_ROLES = new Set(['target', 'location-of-activity', 'prosecution', 'warning-country', 'counter-intelligence', 'attributing-state']);
const ACTOR_VERBS = new Set(['targets', 'approaches', 'collects-on', 'monitors', 'intimidates', 'recruits', 'mobilises']);
const TRANSNATIONAL_REPRESSION = 'GZTA12';

function recency(date: string, now: Date): number {
  const years = (now.getTime() - new Date(date.length === 4 ? `${date}-07-01` : date.length === 7 ? `${date}-15` : date).getTime()) / (365.25 * 86400_000);
  return years <= 5 ? 1 : years <= 10 ? 0.6 : 0.3;
}

const round = (x: number) => Math.round(x * 100) / 100;
/** The claims a record holds (a relation's: those that state it). */
const claimsOf = (atlas: Atlas, record: string): string[] => atlas.claims.filter((c) => c.claim.record === record).map((c) => c.claim.id);

/** The claims of one place in a record (a case's sector, its outcome), by the path of the part they stand under. */
export function claimsAt(atlas: Atlas, record: string, path: (string | number)[]): string[] {
  const key = [...path, 'claims'].join('/');
  return atlas.claims.filter((c) => c.claim.record === record && c.path.slice(0, -1).join('/') === key).map((c) => c.claim.id);
}

/** The profile's sectors as the atlas's, by id or any name; an unknown one is a ProfileError (so this alone checks a profile against the atlas). */
export function matchSectors(atlas: Atlas, profile: Profile): Exposure['matched']['sectors'] {
  const sectors = recordsOf(atlas, 'sector');
  const names = (s: (typeof sectors)[number]) => [s.id, ...s.data.names.map((n) => n.text)].map((n) => n.toLowerCase());
  const out: Exposure['matched']['sectors'] = [];
  profile.sectors.forEach((given, i) => {
    const s = sectors.find((x) => names(x).includes(given.toLowerCase()));
    if (!s) throw new ProfileError(`unknown sector '${given}'; the atlas's sectors are ${sectors.map((x) => displayName(x)).join(', ')}`, ['sectors', i]);
    if (!out.some((o) => o.id === s.id)) out.push({ id: s.id, name: displayName(s), because: `your sector: ${given}` });
  });
  return out;
}

export function exposureOf(atlas: Atlas, profile: Profile, now = new Date()): Exposure {
  const sectors = matchSectors(atlas, profile);
  const sectorRecords = recordsOf(atlas, 'sector');
  const fieldsNotCovered: string[] = [];
  for (const field of profile.fields) {
    const f = field.toLowerCase();
    // A field counts as a sector only where it holds the sector's whole name, as words ("underwater research acoustics", not "research").
    const s = sectorRecords.find((x) => x.data.names.some((n) => new RegExp(`(^|[^\\p{L}\\p{N}])${n.text.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(f)));
    if (!s) fieldsNotCovered.push(field);
    else if (!sectors.some((o) => o.id === s.id)) sectors.push({ id: s.id, name: displayName(s), because: `your field: ${field}` });
  }
  const groups: Exposure['matched']['groups'] = [];
  const addGroup = (id: string, because: string) => {
    const rec = atlas.records.get(id);
    if (rec && !groups.some((g) => g.id === id)) groups.push({ id, name: displayName(rec), because });
  };
  for (const role of profile.staff) for (const g of STAFF_ROLES[role].groups) addGroup(g, `your ${STAFF_ROLES[role].label}`);
  if (profile.clearances) for (const g of CLEARANCE_GROUPS) addGroup(g, 'your staff hold security clearances');
  if (profile.travel.includes('cn')) addGroup(IN_CHINA_GROUP, 'your staff travel to or work in China');
  const sectorIds = new Set(sectors.map((s) => s.id));
  const groupIds = new Set(groups.map((g) => g.id));
  const why = (id: string) => [...sectors, ...groups].find((x) => x.id === id)!;
  const countries = [...new Set([profile.country, ...profile.travel])];
  const sponsors = new Set(recordsOf(atlas, 'case').flatMap((c) => c.data.countries.filter((x) => x.role === 'sponsoring-state').map((x) => x.country.replace(/^country-/, ''))));

  // Cases that bear on the profile, with their weight.
  const cases: ExposedCase[] = [];
  for (const c of recordsOf(atlas, 'case')) {
    const d = c.data;
    const reasons: Reason[] = [];
    let closeness = 0;
    const bySector = d.sectors.flatMap((s, i) => (sectorIds.has(s.sector) ? [{ id: s.sector, path: ['sectors', i] }] : []));
    if (bySector.length) {
      closeness += 2 + bySector.length;
      for (const s of bySector) reasons.push({ text: `targeted ${why(s.id).name} (${why(s.id).because})`, claims: claimsAt(atlas, c.id, s.path), case: c.id });
    }
    const byGroup = d.target_groups.flatMap((g, i) => (groupIds.has(g.target_group) ? [{ id: g.target_group, path: ['target_groups', i] }] : []));
    if (byGroup.length) {
      closeness += 1 + byGroup.length;
      for (const g of byGroup) reasons.push({ text: `targeted ${why(g.id).name} (${why(g.id).because})`, claims: claimsAt(atlas, c.id, g.path), case: c.id });
    }
    const byCountry = d.countries.flatMap((x, i) => {
      const iso = x.country.replace(/^country-/, '');
      const home = iso === profile.country && HOME_ROLES.has(x.role);
      // Abroad, what happened there matters to a traveller only on the territory of the state behind the system.
      const abroad = iso !== profile.country && profile.travel.includes(iso) && x.role === 'location-of-activity' && sponsors.has(iso);
      return home || abroad ? [{ iso, home, path: ['countries', i] }] : [];
    });
    if (byCountry.length) {
      closeness += 1;
      const first = byCountry[0]!;
      const country = atlas.records.get(`country-${first.iso}`);
      reasons.push({ text: first.home ? `happened in your country (${country ? displayName(country) : first.iso.toUpperCase()})` : `happened in ${country ? displayName(country) : first.iso.toUpperCase()}, where your staff travel`, claims: claimsAt(atlas, c.id, first.path), case: c.id });
    }
    if (!closeness) continue;
    const score = round(closeness * recency(d.date, now));
    cases.push({ id: c.id, name: d.title, score, reasons, date: d.date, outcome: d.outcome.text, outcome_claims: claimsAt(atlas, c.id, ['outcome']) });
  }
  cases.sort((a, b) => b.score - a.score || b.date.localeCompare(a.date) || a.id.localeCompare(b.id));

  // Methods: aimed at the profile's groups or sectors, and used in its cases.
  const techniques = new Map<string, Scored & { cases: Set<string> }>();
  const technique = (id: string) => {
    let t = techniques.get(id);
    const rec = atlas.records.get(id);
    if (!t && rec) techniques.set(id, (t = { id, name: displayName(rec), score: 0, reasons: [], cases: new Set() }));
    return t;
  };
  for (const r of recordsOf(atlas, 'relation')) {
    if (r.data.type !== 'targets' || atlas.records.get(r.data.subject)?.kind !== 'technique') continue;
    if (!groupIds.has(r.data.object) && !sectorIds.has(r.data.object)) continue;
    const t = technique(r.data.subject);
    if (!t) continue;
    t.score += 4;
    t.reasons.push({ text: `aimed at ${why(r.data.object).name} (${why(r.data.object).because})`, claims: claimsOf(atlas, r.id) });
  }
  const caseById = new Map(cases.map((c) => [c.id, c]));
  for (const c of recordsOf(atlas, 'case')) {
    const bearing = caseById.get(c.id);
    if (!bearing) continue;
    c.data.techniques.forEach((u, i) => {
      const t = technique(u.technique);
      if (!t || t.cases.has(c.id)) return;
      t.cases.add(c.id);
      t.score += bearing.score;
      t.reasons.push({ text: `used in “${c.data.title}”, which ${bearing.reasons.map((r) => r.text).join('; ')}`, claims: [...claimsAt(atlas, c.id, ['techniques', i]), ...bearing.reasons.flatMap((r) => r.claims)], case: c.id });
    });
  }
  const rankedTechniques = [...techniques.values()]
    .map(({ cases: used, ...t }) => ({ ...t, score: round(t.score), used: used.size }))
    .sort((a, b) => b.score - a.score || b.used - a.used || a.id.localeCompare(b.id))
    .map(({ used: _, ...t }) => t);

  // Actors: who targets the profile's groups or sectors, and who used its top methods.
  const top = new Set(rankedTechniques.slice(0, TOP).map((t) => t.id));
  const actors = new Map<string, Scored>();
  const actor = (id: string) => {
    let a = actors.get(id);
    const rec = atlas.records.get(id);
    if (!a && rec) actors.set(id, (a = { id, name: displayName(rec), score: 0, reasons: [] }));
    return a;
  };
  for (const r of recordsOf(atlas, 'relation')) {
    const subject = atlas.records.get(r.data.subject);
    if (!subject || subject.kind === 'technique') continue;
    if (ACTOR_VERBS.has(r.data.type) && (groupIds.has(r.data.object) || sectorIds.has(r.data.object))) {
      const a = actor(r.data.subject)!;
      a.score += 2;
      a.reasons.push({ text: `${r.data.type.replace(/-/g, ' ')} ${why(r.data.object).name} (${why(r.data.object).because})`, claims: claimsOf(atlas, r.id) });
    } else if (r.data.type === 'uses-technique' && top.has(r.data.object)) {
      const a = actor(r.data.subject)!;
      a.score += 1;
      a.reasons.push({ text: `uses ${techniques.get(r.data.object)!.name}, one of the methods that matter most to you`, claims: claimsOf(atlas, r.id) });
    }
  }
  const rankedActors = [...actors.values()].map((a) => ({ ...a, score: round(a.score) })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));

  return {
    organisation: profile.organisation,
    matched: { sectors, groups, countries, fields_not_covered: fieldsNotCovered },
    techniques: rankedTechniques,
    cases,
    actors: rankedActors,
    protection: protectionOf(atlas, profile),
  };
}

/** The transnational-repression methods' advice for members of the communities the profile names. */
function protectionOf(atlas: Atlas, profile: Profile): Exposure['protection'] {
  if (!profile.diaspora.length) return [];
  const groups = new Set(profile.diaspora.flatMap((d) => DIASPORA_COMMUNITIES[d].groups));
  const groupNames = [...groups].flatMap((g) => {
    const rec = atlas.records.get(g);
    return rec ? [displayName(rec)] : [];
  });
  return recordsOf(atlas, 'technique')
    .filter((t) => (t.data as RecordOf<'technique'>).tactics.includes(TRANSNATIONAL_REPRESSION))
    .map((t) => ({ technique: t.id, name: displayName(t), advice: (t.data as RecordOf<'technique'>).advice.filter((a) => a.audience !== 'security-officer'), groups: groupNames }));
}

/** The claims an exposure rests on, by id: what footnotes resolve to. */
export function claimsById(atlas: Atlas): Map<string, Claim> {
  return new Map(atlas.claims.map((c) => [c.claim.id, c.claim]));
}
