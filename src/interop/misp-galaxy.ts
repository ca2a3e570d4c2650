/**
 * @module interop/misp-galaxy
 * The atlas as two MISP galaxies (the format of the MISP/misp-galaxy repository: a galaxy file and
 * a cluster file per galaxy, the cluster's `type` naming both files):
 *
 * - greyzone-actors: the organisations, intrusion sets, programmes and operations, with their other
 *   names as synonyms, their country, the sources of their claims as refs, and their relations to
 *   one another (and to the techniques they use) as `related` entries typed by the relation type.
 *   People are left out: a galaxy value becomes a tag on events, and a tag cannot carry a person's
 *   standing ("charged" is not "convicted").
 * - greyzone-approaches: the matrix's techniques, with the tactics as the galaxy's kill chain in
 *   matrix order (as MISP's ATT&CK galaxy has it), and refs to the DISARM and ATT&CK techniques
 *   they map to.
 *
 * Every UUID is a UUIDv5 of a greyzone id, so a re-export is identical and MISP updates the same
 * values. A value's `meta.tlp` is its marking as written (see atlas/part-marking) where it is not
 * CLEAR, since MISP keeps no marking on a galaxy value of its own.
 */
import { KINDS } from '../model/kinds.ts';
import { v5 as uuidv5 } from 'uuid';
import { recordsOf, type Atlas, type LoadedRecord } from '../atlas/load.ts';
import { buildMatrix } from '../atlas/matrix.ts';
import { partMarkings } from '../atlas/part-marking.ts';
import { displayName } from '../atlas/view.ts';
import { attackPageOfRecord, frameworkTechniques } from '../atlas/frameworks.ts';
import type { RecordKind } from '../model/kinds.ts';
import { mostRestrictive } from '../model/vocab.ts';
import { compareCodeUnits } from '../util/compare.ts';
import { groupBy } from '../util/group-by.ts';
import { GREYZONE_NAMESPACE } from '../util/stix-id.ts';
import { MATRIX_SOURCE } from './navigator.ts';

export interface MispGalaxy {
  description: string;
  icon: string;
  kill_chain_order?: Record<string, string[]>;
  name: string;
  namespace: string;
  type: string;
  uuid: string;
  version: number;
}

export interface MispRelated {
  'dest-uuid': string;
  type: string;
}

export interface MispClusterValue {
  description?: string;
  meta: Record<string, string | string[]>;
  related?: MispRelated[];
  uuid: string;
  value: string;
}

export interface MispCluster {
  authors: string[];
  category: string;
  description: string;
  name: string;
  source: string;
  type: string;
  uuid: string;
  values: MispClusterValue[];
  version: number;
}

export interface MispGalaxyPair {
  galaxy: MispGalaxy;
  cluster: MispCluster;
}

const NAMESPACE = 'greyzone';
const ACTOR_KINDS: ReadonlySet<RecordKind> = new Set(['organisation', 'intrusion-set', 'programme', 'operation']);

type GalaxyHeader = Pick<MispGalaxy, 'type' | 'name' | 'icon' | 'description'> & Pick<MispCluster, 'category'>;

const ACTORS: GalaxyHeader = {
  type: 'greyzone-actors',
  name: 'greyzone actors',
  icon: 'user-secret',
  category: 'actor',
  description:
    "The bodies of a state's whole-of-society intelligence and influence system and the operations, programmes and intrusion sets attributed to them, each with the public sources that describe it.",
};
const APPROACHES: GalaxyHeader = {
  type: 'greyzone-approaches',
  name: 'greyzone approaches',
  icon: 'map',
  category: 'attack-pattern',
  description: 'The techniques of greyzone’s approach matrix: how services and party bodies approach, cultivate, reward, control and use people abroad.',
};

export function mispUuid(kind: 'galaxy' | 'cluster', id: string): string {
  return uuidv5(`misp-${kind}:${id}`, GREYZONE_NAMESPACE);
}

/** Both galaxies, each with its cluster. */
export function mispGalaxies(atlas: Atlas): MispGalaxyPair[] {
  const values = allValues(atlas);
  const markings = partMarkings(atlas, (view) => (view === atlas ? values : allValues(view)));
  const version = versionOf(atlas);
  const pair = (header: GalaxyHeader, ids: string[], killChain?: string[]): MispGalaxyPair => {
    const { type, name, icon, category, description } = header;
    // The galaxy and its cluster share one uuid, as most of misp-galaxy's own files do.
    const uuid = mispUuid('galaxy', type);
    const top = mostRestrictive(ids.map((id) => markings.get(id)));
    const galaxy: MispGalaxy = {
      description,
      icon,
      ...(killChain ? { kill_chain_order: { [MATRIX_SOURCE]: killChain } } : {}),
      name,
      namespace: NAMESPACE,
      type,
      uuid,
      version,
    };
    const cluster: MispCluster = {
      authors: [atlas.meta.recorded_by],
      category,
      description: `${description} Licence: ${atlas.meta.licence}.${top === 'clear' ? '' : ` Holds material marked up to TLP:${top.toUpperCase()}.`}`,
      name,
      source: atlas.meta.name,
      type,
      uuid,
      values: ids.map((id) => {
        const value = values.get(id)!;
        const tlp = markings.get(id)!;
        return tlp === 'clear' ? value : { ...value, meta: { ...value.meta, tlp } };
      }),
      version,
    };
    return { galaxy, cluster };
  };
  const ids = [...values.keys()].sort(compareCodeUnits);
  const isTechnique = (id: string) => atlas.records.get(id)?.kind === 'technique';
  return [
    pair(ACTORS, ids.filter((id) => !isTechnique(id))),
    pair(APPROACHES, ids.filter(isTechnique), buildMatrix(atlas).map((c) => c.tactic.shortname)),
  ];
}

/** The galaxies' files by path inside the export folder: MISP names each file after its galaxy's type. */
export function mispGalaxyFiles(pairs: readonly MispGalaxyPair[]): Record<string, MispGalaxy | MispCluster> {
  const files: Record<string, MispGalaxy | MispCluster> = {};
  for (const { galaxy, cluster } of pairs) {
    files[`galaxies/${galaxy.type}.json`] = galaxy;
    files[`clusters/${cluster.type}.json`] = cluster;
  }
  return files;
}

/** Every cluster value (without its marking) by greyzone id: the actors and the techniques. */
function allValues(atlas: Atlas): Map<string, MispClusterValue> {
  const refsOf = new Map<string, Set<string>>();
  for (const { claim } of atlas.claims) {
    const url = (atlas.records.get(claim.source)?.data as { url?: string } | undefined)?.url;
    if (url) refsOf.set(claim.record, (refsOf.get(claim.record) ?? new Set()).add(url));
  }
  const relations = recordsOf(atlas, 'relation');
  const exported = (id: string) => {
    const kind = atlas.records.get(id)?.kind;
    return kind !== undefined && (ACTOR_KINDS.has(kind) || kind === 'technique');
  };
  const relatedOf = groupBy(
    relations.filter((r) => exported(r.data.subject) && exported(r.data.object)),
    (r) => r.data.subject,
  );
  const claimsOf = groupBy(atlas.claims, (c) => c.claim.record);
  const values = new Map<string, MispClusterValue>();
  for (const rec of atlas.records.values()) {
    if (ACTOR_KINDS.has(rec.kind)) values.set(rec.id, actorValue(atlas, rec, refsOf.get(rec.id), relatedOf.get(rec.id) ?? [], claimsOf.get(rec.id) ?? []));
  }
  const shortnames = new Map(buildMatrix(atlas).map((c) => [c.tactic.id, c.tactic.shortname]));
  for (const t of recordsOf(atlas, 'technique')) values.set(t.id, techniqueValue(atlas, t, refsOf.get(t.id), shortnames));
  return values;
}

/** For a record without an editors' description: what it is and how it is documented, in plain facts. */
function describe(atlas: Atlas, rec: LoadedRecord, claims: Atlas['claims'], subtype?: string, country?: string): string {
  const where = country ? atlas.records.get(country) : undefined;
  const sources = new Set(claims.map((c) => c.claim.source)).size;
  const what = `${KINDS[rec.kind].label}${subtype ? ` (${subtype.replace(/-/g, ' ')})` : ''}${where ? `, ${displayName(where)}` : ''}`;
  return `${what}: documented in greyzone's atlas by ${claims.length} ${claims.length === 1 ? 'claim' : 'claims'} from ${sources} public ${sources === 1 ? 'source' : 'sources'}.`;
}

/** An intrusion set's refs lead to its own ATT&CK page, not to the index of groups its claims quote. */
function actorRefs(atlas: Atlas, rec: LoadedRecord, refs: Set<string> | undefined): string[] {
  const own = rec.kind === 'intrusion-set' ? attackPageOfRecord(atlas, rec.data) : undefined;
  return own ? [own, ...[...(refs ?? [])].filter((u) => !ATTACK_INDEX.test(u))] : [...(refs ?? [])];
}
const ATTACK_INDEX = /^https:\/\/attack\.mitre\.org\/(groups|techniques|software|campaigns)\/?$/;

function actorValue(atlas: Atlas, rec: LoadedRecord, refs: Set<string> | undefined, relations: LoadedRecord<'relation'>[], claims: Atlas['claims']): MispClusterValue {
  const d = rec.data as { names: { text: string; type: string }[]; description?: string; subtype?: string; country?: string };
  const iso = d.country ? (atlas.records.get(d.country)?.data as { iso?: string } | undefined)?.iso : undefined;
  // One entry per type and end, even if the atlas records the edge twice.
  const related = new Map(relations.map((r) => [`${r.data.type}\u0000${r.data.object}`, { 'dest-uuid': mispUuid('cluster', r.data.object), type: r.data.type }]));
  return {
    description: d.description ?? describe(atlas, rec, claims, d.subtype, d.country),
    meta: {
      ...(iso ? { country: iso } : {}),
      external_id: rec.id,
      refs: sorted(actorRefs(atlas, rec, refs)),
      ...synonyms(d.names),
      type: d.subtype ? [rec.kind, d.subtype] : [rec.kind],
    },
    ...(related.size ? { related: [...related].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, entry]) => entry) } : {}),
    uuid: mispUuid('cluster', rec.id),
    value: displayName(rec),
  };
}

function techniqueValue(atlas: Atlas, t: LoadedRecord<'technique'>, refs: Set<string> | undefined, shortnames: ReadonlyMap<string, string>): MispClusterValue {
  const d = t.data;
  const mapped = d.mappings.map((m) => frameworkTechniques(atlas, m.framework).get(m.id)?.url).filter((u) => u !== undefined);
  return {
    description: d.description,
    meta: {
      external_id: t.id,
      // "<kill chain>:<phase>", the kill chain being the galaxy's kill_chain_order key (as in MISP's ATT&CK galaxy).
      kill_chain: d.tactics.map((id) => `${MATRIX_SOURCE}:${shortnames.get(id) ?? id}`),
      refs: sorted([...mapped, ...(refs ?? [])]),
      ...synonyms(d.names),
    },
    ...(d.parent ? { related: [{ 'dest-uuid': mispUuid('cluster', d.parent), type: 'subtechnique-of' }] } : {}),
    uuid: mispUuid('cluster', t.id),
    // ATT&CK's values read "Name - T1234"; the id keeps two similar names apart in a tag list.
    value: `${displayName(t)} - ${t.id}`,
  };
}

function synonyms(names: readonly { text: string; type: string }[]): { synonyms?: string[] } {
  const texts = [...new Set(names.filter((n) => n.type !== 'primary').map((n) => n.text))];
  return texts.length ? { synonyms: texts } : {};
}

/**
 * MISP replaces a cluster value it holds (found by its value) only with one of a higher version, so
 * the version is the latest date anything in the atlas was recorded, as YYYYMMDD: it grows as
 * claims are added on later days, and the same atlas always gives the same number.
 */
function versionOf(atlas: Atlas): number {
  const latest = atlas.claims.reduce((top, { claim }) => (claim.recorded_at > top ? claim.recorded_at : top), atlas.meta.recorded_at);
  return Number(latest.replaceAll('-', ''));
}

function sorted(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compareCodeUnits);
}
