/**
 * @module screen/atlas-index
 * What name screening screens against: the bodies and people of an atlas (not classes of
 * organisation, which are not names anyone is called), and the relations that tie them to the
 * system. Built from the atlas an account may see, so a screening result never leans on a record
 * or claim above the account's clearance.
 */
import type { Atlas } from '../atlas/load.ts';
import { atlasFromStore } from '../store/as-atlas.ts';
import { recordsOf } from '../atlas/load.ts';
import { SYSTEM_CORE_SUBTYPES } from '../model/entity.ts';
import type { Name } from '../model/name.ts';
import { RELATION_TYPES, type RelationTypeName } from '../model/relation-types.ts';
import { STANDING_STRENGTH, type Standing } from '../model/vocab.ts';
import { ATLAS_ROLES, CASE_ROLES, KIND_ROLES, RELATION_ROLES, SUBTYPE_ROLES, type AtlasRole } from '../model/roles.ts';
import type { Store } from '../store/store.ts';
import { NameIndex, type IndexedEntity } from '../names/match.ts';
import { SystemGraph, type GraphRelation } from './links.ts';
import { groupBy } from '../util/group-by.ts';

const SCREENED_KINDS = new Set(['organisation', 'person', 'programme', 'operation', 'intrusion-set']);

export interface AtlasIndex {
  /** The bodies and people screened against, with their names. */
  entities: readonly IndexedEntity[];
  index: NameIndex;
  graph: SystemGraph;
  /** What the atlas says of each entity's side, apart from its links into the system. */
  roles: ReadonlyMap<string, { role: AtlasRole; because: string }>;
  /** Each entity's ties (relations that link into the system), both ways: what can corroborate a person's affiliation. */
  ties: ReadonlyMap<string, ReadonlySet<string>>;
  /** What the atlas covers, for an answer that finds nothing. */
  coverage: Coverage;
}

export interface Coverage {
  entities: Record<string, number>;
  sources: number;
  latest_source: string | null;
  statement: string;
}

const RANK = Object.keys(ATLAS_ROLES) as AtlasRole[];

function coverageOf(atlas: Atlas, entities: IndexedEntity[]): Coverage {
  const counts: Record<string, number> = {};
  for (const e of entities) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  const sources = recordsOf(atlas, 'source');
  const latest = sources.map((r) => String(r.data.published)).sort().at(-1) ?? null;
  const plural: Record<string, [string, string]> = { organisation: ['organisation', 'organisations'], person: ['person', 'people'], programme: ['programme', 'programmes'], operation: ['operation', 'operations'], 'intrusion-set': ['intrusion set', 'intrusion sets'] };
  const parts = Object.entries(counts).map(([k, n]) => `${n} ${(plural[k] ?? [k, `${k}s`])[n === 1 ? 0 : 1]}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'nothing');
  return {
    entities: counts,
    sources: sources.length,
    latest_source: latest,
    statement: `Not in the atlas. The atlas names ${list}, from ${sources.length} public source${sources.length === 1 ? '' : 's'}${latest ? ` (the latest published ${latest})` : ''}; a name it does not hold is not covered, which is not the same as cleared.`,
  };
}

export async function loadAtlasIndex(store: Store): Promise<AtlasIndex> {
  return atlasIndexOf(await atlasFromStore(store));
}

export function atlasIndexOf(atlas: Atlas): AtlasIndex {
  const records = [...atlas.records.values()];
  const names = new Map<string, string>();
  const entities: IndexedEntity[] = [];
  const core = new Set<string>();
  const classes = new Set<string>();
  for (const r of records) {
    const d = r.data as { names?: Name[]; subtype?: string; country?: string; collective?: boolean };
    const primary = d.names?.find((n) => n.type === 'primary')?.text;
    if (primary) names.set(r.id, primary);
    // "Chinese intelligence services" as a class is never a name to screen, but a tie to it is a tie to the system.
    if (r.kind === 'organisation' && d.subtype && (SYSTEM_CORE_SUBTYPES as readonly string[]).includes(d.subtype)) core.add(r.id);
    else if (d.collective) classes.add(r.id);
    if (!SCREENED_KINDS.has(r.kind) || d.collective || !d.names) continue;
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
  const roles = new Map<string, { role: AtlasRole; because: string }>();
  const note = (id: string, role: AtlasRole, because: string) => {
    const now = roles.get(id);
    if (!now || RANK.indexOf(role) < RANK.indexOf(now.role)) roles.set(id, { role, because });
  };
  for (const r of records) {
    const subtype = (r.data as { subtype?: keyof typeof SUBTYPE_ROLES }).subtype;
    const role = subtype ? SUBTYPE_ROLES[subtype] : KIND_ROLES[r.kind];
    if (role) note(r.id, role, `the atlas records it as: ${(subtype ?? r.kind).replace(/-/g, ' ')}`);
  }
  // A case role with its standing: a person's as the case gives it, an actor's its best-established claim's.
  const best = (standings: Standing[]) => standings.reduce((b, x) => (STANDING_STRENGTH[x] > STANDING_STRENGTH[b] ? x : b));
  for (const c of recordsOf(atlas, 'case')) {
    const actors = c.data.actors.map((x) => ({ id: x.entity, role: x.role, standing: best(x.claims.map((e) => e.standing ?? 'reported')) }));
    const persons = c.data.people.map((x) => ({ id: x.person, role: x.role, standing: x.standing }));
    for (const a of [...actors, ...persons]) {
      const role = CASE_ROLES[a.role];
      // An acquittal or a dismissal makes no one the subject of a case.
      if (!role || (role === 'case-subject' && STANDING_STRENGTH[a.standing] === 0)) continue;
      note(a.id, role, `${a.role.replace(/-/g, ' ')}${role === 'case-subject' ? ` (${a.standing})` : ''} in the case “${c.data.title}”`);
    }
  }
  const ties = new Map<string, Set<string>>();
  const tie = (a: string, b: string) => ties.set(a, (ties.get(a) ?? new Set()).add(b));
  for (const rel of relations) {
    const ends = RELATION_ROLES[rel.type];
    if (ends?.subject) note(rel.subject, ends.subject, `it ${RELATION_TYPES[rel.type].label} ${names.get(rel.object) ?? rel.object}`);
    if (ends?.object) note(rel.object, ends.object, `it ${RELATION_TYPES[rel.type].reverse} ${names.get(rel.subject) ?? rel.subject}`);
    if ((RELATION_TYPES[rel.type] as { link?: string }).link) {
      tie(rel.subject, rel.object);
      tie(rel.object, rel.subject);
    }
  }
  return { entities, index: new NameIndex(entities), graph: new SystemGraph(relations, core, names, classes), roles, ties, coverage: coverageOf(atlas, entities) };
}
