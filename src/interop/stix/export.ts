/**
 * @module interop/stix/export
 * The atlas as STIX 2.1 objects. Each record becomes the object a STIX reader expects for it (the
 * table in docs/stix.md), with greyzone's record and its claims' provenance in the greyzone
 * extension, the most restrictive TLP 2.0 marking of what it shows, and a deterministic id, so an
 * export of the same atlas is byte for byte the same and partners can deduplicate.
 */
import { createHash } from 'node:crypto';
import type { Atlas, LoadedRecord } from '../../atlas/load.ts';
import { recordsOf } from '../../atlas/load.ts';
import { neighbourhood } from '../../atlas/graph.ts';
import { partMarkings } from '../../atlas/part-marking.ts';
import { refsOf } from '../../atlas/refs.ts';
import { displayName } from '../../atlas/view.ts';
import { frameworkTechniques } from '../../atlas/frameworks.ts';
import { SYSTEM_CORE_SUBTYPES } from '../../model/entity.ts';
import type { Claim } from '../../model/claim.ts';
import type { RecordKind, RecordOf } from '../../model/kinds.ts';
import { RELATION_TYPES, type RelationTypeName } from '../../model/relation-types.ts';
import { STIX_TLP_MARKINGS, TLP2_EXTENSION_ID, TLP_LEVELS, type Tlp } from '../../model/vocab.ts';
import { keptMarking, tlpOfMarkingDefinition } from '../../atlas/kept.ts';
import { referencesOf, WELL_KNOWN_IDS } from './validate.ts';
import { stixId } from '../../util/stix-id.ts';
import { groupBy } from '../../util/group-by.ts';
import { EXTENSION_ID, extensionDefinition, GREYZONE_IDENTITY, type GreyzoneExtension, type Provenance } from './extension.ts';
import { tlpMarking, TLP2_EXTENSION_DEFINITION } from './tlp.ts';

export type StixObject = Record<string, unknown> & { type: string; id: string };
export type StixScope = { kind: 'all' } | { kind: 'entity'; id: string; depth: number } | { kind: 'case'; id: string };

/** The id of greyzone's matrix object. */
export const MATRIX_ID = stixId('x-mitre-matrix', 'greyzone-matrix');

/** greyzone's kill chain and external-reference source name. */
export const KILL_CHAIN = 'greyzone';
/**
 * The domain and version under which ATT&CK Navigator files greyzone's matrix, in the layers and
 * on the bundle's objects. Navigator keys a domain by identifier and a numeric version together,
 * and refuses a custom bundle under a domain it already has ("enterprise-attack"); a new number
 * would be needed only if technique ids changed meaning.
 */
export const NAVIGATOR_DOMAIN = 'greyzone-approaches';
export const NAVIGATOR_VERSION = '1';

/** The STIX type of each record kind (organisations split by subtype, see {@link stixTypeOf}). */
const STIX_TYPE: Record<Exclude<RecordKind, 'organisation' | 'tactic'>, string> = {
  source: 'report',
  person: 'identity',
  programme: 'campaign',
  operation: 'campaign',
  requirement: 'x-greyzone-requirement',
  goal: 'x-greyzone-goal',
  sector: 'identity',
  'target-group': 'identity',
  country: 'location',
  'intrusion-set': 'intrusion-set',
  technique: 'attack-pattern',
  case: 'campaign',
  relation: 'relationship',
};

/**
 * Services and party bodies act as threat actors, and so does the military whose units intrusion
 * sets are attributed to (the NTA names the PLA beside the MID); every other organisation is an
 * identity.
 */
const THREAT_ACTOR_SUBTYPES: ReadonlySet<string> = new Set([...SYSTEM_CORE_SUBTYPES, 'party', 'military']);

export function stixTypeOf(rec: LoadedRecord): string {
  if (rec.kind === 'organisation') return THREAT_ACTOR_SUBTYPES.has((rec.data as RecordOf<'organisation'>).subtype) ? 'threat-actor' : 'identity';
  if (rec.kind === 'tactic') return 'x-mitre-tactic';
  return STIX_TYPE[rec.kind];
}

export function stixIdOf(rec: LoadedRecord): string {
  return stixId(stixTypeOf(rec), rec.id);
}

/**
 * greyzone's relation types that have a STIX relationship type of the same meaning; every other
 * edge travels as `related-to` with greyzone's label as its description (and its exact type in
 * the extension), which STIX readers such as OpenCTI accept between any two objects.
 */
const STIX_RELATIONSHIP: Partial<Record<RelationTypeName, string>> = {
  'uses-technique': 'uses',
  targets: 'targets',
  'attributed-to': 'attributed-to',
  'part-of': 'part-of',
};

/**
 * The relationships STIX 2.1 defines between the types greyzone writes (and the two every reader
 * knows beyond the spec: OpenCTI's part-of, ATT&CK's subtechnique-of). Anything else travels as
 * related-to, so no reader meets, say, a location that "targets" someone.
 */
const CONFORMING = new Set(
  [
    ['threat-actor intrusion-set campaign', 'uses', 'attack-pattern'],
    ['threat-actor intrusion-set campaign attack-pattern', 'targets', 'identity location'],
    ['campaign', 'attributed-to', 'intrusion-set threat-actor'],
    ['intrusion-set', 'attributed-to', 'threat-actor'],
    ['threat-actor', 'attributed-to', 'identity'],
    ['identity threat-actor', 'located-at', 'location'],
    ['campaign intrusion-set', 'originates-from', 'location'],
    ['identity threat-actor', 'part-of', 'identity threat-actor'],
    ['attack-pattern', 'subtechnique-of', 'attack-pattern'],
  ].flatMap(([from, type, to]) => from!.split(' ').flatMap((f) => to!.split(' ').map((t) => `${f} ${type} ${t}`))),
);

/** The relationship type to write between two STIX types: the wanted one if STIX defines it there, else related-to. */
function conformingType(fromType: string, wanted: string, targetId: string): string {
  const toType = targetId.split('--')[0]!;
  if (wanted === 'located-at' && fromType === 'campaign' && CONFORMING.has(`campaign originates-from ${toType}`)) return 'originates-from';
  return CONFORMING.has(`${fromType} ${wanted} ${toType}`) ? wanted : 'related-to';
}

/** STIX 2.1's mapping of Admiralty credibility to confidence (Appendix A); 6 has no value. */
const CONFIDENCE: Record<number, number | undefined> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: undefined };
export function confidenceOf(credibility: number): number | undefined {
  return CONFIDENCE[credibility];
}

/** Why a scope names nothing in this atlas (one line), or undefined. */
export function stixScopeProblem(atlas: Atlas, scope: StixScope): string | undefined {
  if (scope.kind === 'all') return undefined;
  const rec = atlas.records.get(scope.id);
  if (scope.kind === 'case') return rec?.kind === 'case' ? undefined : `no case with id '${scope.id}'`;
  if (!rec || rec.kind === 'source' || rec.kind === 'relation' || rec.kind === 'tactic') return `no entity with id '${scope.id}'`;
  if (!Number.isInteger(scope.depth) || scope.depth < 0 || scope.depth > 4) return '--depth is a whole number from 0 to 4';
  return undefined;
}

/** The records a scope covers: entities and relations, then every source their claims cite. */
function recordsIn(atlas: Atlas, scope: StixScope): LoadedRecord[] {
  let ids: Set<string>;
  if (scope.kind === 'all') ids = new Set(atlas.records.keys());
  else if (scope.kind === 'entity') {
    const graph = neighbourhood(atlas, scope.id, scope.depth);
    ids = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
  } else {
    const c = atlas.records.get(scope.id)!;
    ids = new Set([c.id, ...refsOf(c.kind, c.data).map((r) => r.id)]);
  }
  for (const lc of atlas.claims) if (ids.has(lc.claim.record)) ids.add(lc.claim.source);
  if (scope.kind !== 'all') {
    // A scoped export carries no tactics or matrix, so techniques point into greyzone's kill chain by name only.
    for (const id of ids) if (atlas.records.get(id)?.kind === 'tactic') ids.delete(id);
  }
  return [...ids].map((id) => atlas.records.get(id)).filter((r): r is LoadedRecord => r !== undefined);
}

const timestamp = (date: string) => `${date}T00:00:00.000Z`;

/** The first instant of a partial date (`2021` → 2021-01-01). */
export function startOf(partial: string): string {
  const [y, m = '01', d = '01'] = partial.split('-');
  return `${y}-${m}-${d}T00:00:00.000Z`;
}

/** The first instant after a partial date's period (`2021` → 2022-01-01), so a stop time is always after its start. */
export function endOf(partial: string): string {
  const [y, m, d] = partial.split('-').map(Number) as [number, number?, number?];
  const next = d !== undefined ? new Date(Date.UTC(y, m! - 1, d + 1)) : m !== undefined ? new Date(Date.UTC(y, m, 1)) : new Date(Date.UTC(y + 1, 0, 1));
  return next.toISOString();
}

const ORDER: RecordKind[] = ['tactic', 'technique', 'organisation', 'person', 'programme', 'operation', 'intrusion-set', 'country', 'sector', 'target-group', 'requirement', 'goal', 'case', 'relation', 'source'];

/** greyzone's own objects of the scope, in a fixed order, each with a placeholder marking. */
function greyzoneObjects(atlas: Atlas, scope: StixScope): StixObject[] {
  if (scope.kind !== 'all' && !atlas.records.has(scope.id)) return []; // a view that does not see the scope
  const records = recordsIn(atlas, scope).sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.id.localeCompare(b.id));
  const included = new Set(records.map((r) => r.id));
  const claimsByRecord = groupBy(
    atlas.claims.map((c) => c.claim),
    (c) => c.record,
  );
  const ctx = new Context(atlas, included, claimsByRecord);
  const objects: StixObject[] = [];
  for (const rec of records) objects.push(...ctx.objectsOf(rec));
  if (scope.kind === 'all' && recordsOf(atlas, 'tactic').length) objects.push(ctx.matrix());
  return objects;
}

/** Every STIX object of the scope, in a fixed order: the same atlas always gives the same sequence. */
export function* stixObjects(atlas: Atlas, scope: StixScope = { kind: 'all' }): Generator<StixObject> {
  const objects = greyzoneObjects(atlas, scope);
  // An object is marked with the lowest clearance that sees it exactly as written: its record's
  // marking, its claims', and that of anything it names (a relation to a RED body is RED). The
  // redaction that every page uses decides it, so the rule lives in one place.
  const byId = new Map(objects.map((o) => [o.id, o]));
  const markings = partMarkings(atlas, (view) => (view === atlas ? byId : new Map(greyzoneObjects(view, scope).map((o) => [o.id, o]))));
  for (const o of objects) o.object_marking_refs = [tlpMarking(markings.get(o.id) ?? 'red').id as string];
  const kept = scope.kind === 'all' ? keptToHandOn(atlas, new Set(objects.map((o) => o.id))) : [];

  const used = new Set<Tlp>();
  for (const o of [...objects, ...kept]) for (const m of (o.object_marking_refs as string[] | undefined) ?? []) if (STIX_TLP_MARKINGS[m]) used.add(STIX_TLP_MARKINGS[m]);
  const head = [identityObject(atlas), extensionDefinition() as StixObject];
  if (used.size) head.push(TLP2_EXTENSION_DEFINITION as StixObject);
  for (const level of TLP_LEVELS) if (used.has(level)) head.push(tlpMarking(level) as StixObject);
  yield* head;
  yield* objects;
  const written = new Set(head.map((o) => o.id));
  for (const k of kept) if (!written.has(k.id)) yield k;
}

/**
 * Other producers' objects, unchanged, in id order — but only those whose every reference is in
 * the export (a partner's note on a record this reader may not see would name it), and each
 * carrying the TLP marking of its collection's floor when its own markings say less.
 */
function keptToHandOn(atlas: Atlas, greyzone: ReadonlySet<string>): StixObject[] {
  const visible = new Map([...atlas.kept.objects].filter(([id]) => !greyzone.has(id)));
  const known = (id: string) => greyzone.has(id) || visible.has(id) || WELL_KNOWN_IDS.has(id) || STIX_TLP_MARKINGS[id] !== undefined || id === TLP2_EXTENSION_ID || id === GREYZONE_IDENTITY || id === EXTENSION_ID;
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const [id, k] of visible) {
      if (referencesOf(k.object).every(known)) continue;
      visible.delete(id);
      dropped = true;
    }
  }
  const definitions = new Map<string, Tlp>();
  for (const k of visible.values()) if (k.type === 'marking-definition' && tlpOfMarkingDefinition(k.object)) definitions.set(k.id, tlpOfMarkingDefinition(k.object)!);
  return [...visible.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((k) => {
      if (keptMarking(k.object, 'clear', definitions) === k.tlp) return k.object as StixObject;
      // The one change greyzone makes to another producer's object: the marking it was imported under.
      const refs = [...((k.object.object_marking_refs as string[] | undefined) ?? []).filter((r) => !STIX_TLP_MARKINGS[r]), tlpMarking(k.tlp).id as string];
      return { ...k.object, object_marking_refs: refs } as unknown as StixObject;
    });
}

/** greyzone itself, the author of its objects, carrying the atlas's description. */
function identityObject(atlas: Atlas): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: GREYZONE_IDENTITY,
    created: timestamp(atlas.meta.recorded_at),
    modified: timestamp(atlas.meta.recorded_at),
    name: 'greyzone',
    description: atlas.meta.name,
    identity_class: 'organization',
    object_marking_refs: [tlpMarking('clear').id as string],
    // The atlas's own description travels with its producer, so an empty store can take the bundle whole.
    extensions: { [EXTENSION_ID]: { extension_type: 'property-extension', kind: 'atlas', id: 'greyzone', record: atlas.meta } satisfies GreyzoneExtension },
  };
}


/** The whole export as one bundle object, for callers that want it in memory. */
export function stixBundle(atlas: Atlas, scope: StixScope = { kind: 'all' }): { type: 'bundle'; id: string; objects: StixObject[] } {
  const objects = [...stixObjects(atlas, scope)];
  return { type: 'bundle', id: bundleId(objects.map((o) => JSON.stringify(o))), objects };
}

/** A bundle's id from its content, so that the same objects always travel in the same bundle. */
export class BundleIdHash {
  private readonly hash = createHash('sha256');
  add(serialisedObject: string): void {
    this.hash.update(serialisedObject).update('\n');
  }
  id(): string {
    return stixId('bundle', this.hash.digest('hex'));
  }
}

export function bundleId(serialised: Iterable<string>): string {
  const hash = new BundleIdHash();
  for (const s of serialised) hash.add(s);
  return hash.id();
}

class Context {
  /** Tactic id → kill-chain phase name. */
  private readonly shortnames: ReadonlyMap<string, string>;
  /** Actor id → its exported `pursues` relations. */
  private readonly pursued: ReadonlyMap<string, LoadedRecord<'relation'>[]>;

  constructor(
    private readonly atlas: Atlas,
    private readonly included: ReadonlySet<string>,
    private readonly claimsByRecord: Map<string, Claim[]>,
  ) {
    this.shortnames = new Map(recordsOf(atlas, 'tactic').map((r) => [r.id, r.data.shortname]));
    this.pursued = groupBy(
      recordsOf(atlas, 'relation').filter((r) => r.data.type === 'pursues' && included.has(r.id)),
      (r) => r.data.subject,
    );
  }

  private ref(id: string): string | undefined {
    const rec = this.included.has(id) ? this.atlas.records.get(id) : undefined;
    return rec && stixIdOf(rec);
  }

  private common(rec: LoadedRecord, type: string, claims: Claim[]): StixObject {
    const dates = claims.map((c) => c.recorded_at).sort();
    const created = timestamp(dates[0] ?? this.atlas.meta.recorded_at);
    const modified = timestamp(dates.at(-1) ?? this.atlas.meta.recorded_at);
    const confidence = Math.max(-1, ...claims.map((c) => confidenceOf(c.credibility) ?? -1));
    return {
      type,
      spec_version: '2.1',
      id: stixId(type, rec.id),
      created_by_ref: GREYZONE_IDENTITY,
      created,
      modified,
      ...(confidence >= 0 ? { confidence } : {}),
      object_marking_refs: [], // set by stixObjects, from what each clearance sees
    };
  }

  private provenance(c: Claim): Provenance {
    const source = this.atlas.records.get(c.source)!;
    const confidence = confidenceOf(c.credibility);
    return { ...c, source_ref: stixIdOf(source), admiralty: `${c.reliability}${c.credibility}`, ...(confidence !== undefined ? { confidence } : {}) };
  }

  private extension(rec: LoadedRecord, claims: Claim[], extra: Partial<GreyzoneExtension> = {}): Record<string, unknown> {
    const ext: GreyzoneExtension = { extension_type: 'property-extension', kind: rec.kind, id: rec.id, record: rec.data as Record<string, unknown>, ...extra };
    if (claims.length) ext.claims = claims.map((c) => this.provenance(c));
    return { [EXTENSION_ID]: ext };
  }

  /** The object of a record and the relationships its own fields imply (an organisation's country, a case's actors). */
  objectsOf(rec: LoadedRecord): StixObject[] {
    const claims = this.claimsByRecord.get(rec.id) ?? [];
    const type = stixTypeOf(rec);
    const base = this.common(rec, type, claims);
    const names = (rec.data as { names?: { text: string; type: string }[] }).names ?? [];
    const aliases = names.filter((n) => n.type !== 'primary').map((n) => n.text);
    const description = (rec.data as { description?: string }).description;
    const named = { name: displayName(rec), ...(description ? { description } : {}) };
    const derived: StixObject[] = [];
    const link = (relType: string, target: string | undefined, key: string, description?: string) => {
      const to = target && this.ref(target);
      if (!to) return;
      const stixType = conformingType(base.type, relType, to);
      const id = stixId('relationship', `${rec.id} ${key}`);
      // A case may list one technique under two of its actors: the case uses it once.
      if (derived.some((d) => d.id === id)) return;
      derived.push({
        ...base,
        type: 'relationship',
        id,
        relationship_type: stixType,
        source_ref: base.id,
        target_ref: to,
        ...(description || stixType !== relType ? { description: description ?? relType.replace(/-/g, ' ') } : {}),
        extensions: { [EXTENSION_ID]: { extension_type: 'property-extension', kind: rec.kind, id: rec.id, derived_from: rec.id } satisfies GreyzoneExtension },
      });
    };
    let object: StixObject;
    switch (rec.kind) {
      case 'organisation': {
        const org = rec.data as RecordOf<'organisation'>;
        object =
          type === 'threat-actor'
            ? { ...base, ...named, threat_actor_types: ['nation-state'], ...(aliases.length ? { aliases } : {}), ...this.goals(rec.id) }
            : { ...base, ...named, identity_class: org.collective ? 'class' : 'organization', ...(aliases.length ? { x_opencti_aliases: aliases } : {}) };
        link('located-at', org.country, 'located-at');
        break;
      }
      case 'person':
        object = { ...base, ...named, identity_class: 'individual', ...(aliases.length ? { x_opencti_aliases: aliases } : {}) };
        break;
      case 'sector':
        // STIX's own term where one fits, so that OpenCTI and MISP file it with their sectors; greyzone's word stays in the record the extension carries.
        object = { ...base, ...named, identity_class: 'class', sectors: [(rec.data as RecordOf<'sector'>).industry_sector ?? rec.id.replace(/^sector-/, '')] };
        break;
      case 'target-group':
        object = { ...base, ...named, identity_class: 'class' };
        break;
      case 'programme':
      case 'operation':
        object = { ...base, ...named, ...(aliases.length ? { aliases } : {}) };
        link('located-at', (rec.data as { country?: string }).country, 'located-at');
        break;
      case 'intrusion-set':
        object = { ...base, ...named, ...(aliases.length ? { aliases } : {}) };
        break;
      case 'requirement':
      case 'goal':
        object = { ...base, ...named };
        break;
      case 'country':
        object = { ...base, ...named, country: (rec.data as RecordOf<'country'>).iso, x_opencti_location_type: 'Country' };
        break;
      case 'tactic': {
        const t = rec.data as RecordOf<'tactic'>;
        object = {
          ...base,
          name: t.name,
          description: t.description,
          x_mitre_shortname: t.shortname,
          x_mitre_domains: [NAVIGATOR_DOMAIN],
          external_references: [{ source_name: KILL_CHAIN, external_id: t.id }],
        };
        break;
      }
      case 'technique': {
        const t = rec.data as RecordOf<'technique'>;
        object = { ...base, ...attackPattern(this.atlas, this.shortnames, t) };
        if (t.parent) link('subtechnique-of', t.parent, 'subtechnique-of');
        break;
      }
      case 'case': {
        const c = rec.data as RecordOf<'case'>;
        const dates = c.events.flatMap((e) => [e.date, e.date_to ?? e.date]).sort();
        // The outcome travels with the case: a reader of the feed sees an acquittal as plainly as a conviction.
        object = { ...base, name: c.title, description: `${c.summary}\n\nOutcome: ${c.outcome.text}`, first_seen: startOf(dates[0]!), last_seen: endOf(dates.at(-1)!) };
        c.actors.forEach((a) => link(a.role === 'perpetrator' ? 'attributed-to' : 'related-to', a.entity, `actor ${a.entity} ${a.role}`, a.role));
        c.people.forEach((p) => link('related-to', p.person, `person ${p.person} ${p.role}`, `${p.role} (${p.standing})`));
        c.techniques.forEach((u) => link('uses', u.technique, `technique ${u.technique}`));
        c.countries.forEach((d) => link('related-to', d.country, `country ${d.country} ${d.role}`, d.role));
        c.sectors.forEach((d) => link('targets', d.sector, `sector ${d.sector}`));
        c.target_groups.forEach((d) => link('targets', d.target_group, `target group ${d.target_group}`));
        break;
      }
      case 'relation': {
        const r = rec.data as RecordOf<'relation'>;
        const [source, target] = [this.ref(r.subject), this.ref(r.object)];
        if (!source || !target) return [];
        const wanted = STIX_RELATIONSHIP[r.type];
        const type = wanted && conformingType(source.split('--')[0]!, wanted, target);
        object = {
          ...base,
          relationship_type: type ?? 'related-to',
          // A reader without greyzone's extension still learns what the edge says.
          ...(type && type !== 'related-to' ? {} : { description: RELATION_TYPES[r.type].label }),
          source_ref: source,
          target_ref: target,
          ...(r.valid_from ? { start_time: startOf(r.valid_from) } : {}),
          ...(r.valid_to ? { stop_time: endOf(r.valid_to) } : {}),
        };
        break;
      }
      case 'source': {
        const s = rec.data as RecordOf<'source'>;
        const cited = [...this.included].filter((id) => (this.claimsByRecord.get(id) ?? []).some((c) => c.source === rec.id) && this.ref(id)).sort();
        object = {
          ...base,
          name: s.title,
          report_types: ['threat-report'],
          published: startOf(s.published),
          object_refs: cited.length ? cited.map((id) => this.ref(id)!) : [GREYZONE_IDENTITY],
          external_references: [{ source_name: s.publisher, url: s.url, description: s.title }],
        };
        return [{ ...object, extensions: this.extension(rec, claims, { text: this.atlas.texts.get(rec.id) ?? '' }) }];
      }
    }
    return [{ ...object, extensions: this.extension(rec, claims) }, ...derived];
  }

  /** A threat actor's goals, named as STIX wants them: the goals its relations say it pursues. */
  private goals(id: string): { goals?: string[] } {
    const goals = (this.pursued.get(id) ?? [])
      .map((r) => this.atlas.records.get(r.data.object))
      .filter((g): g is LoadedRecord => g !== undefined)
      .map(displayName)
      .sort();
    return goals.length ? { goals } : {};
  }

  /** The matrix as Navigator expects a custom domain's: one x-mitre-matrix over the tactics in column order. */
  matrix(): StixObject {
    const tactics = recordsOf(this.atlas, 'tactic').sort((a, b) => a.data.order - b.data.order);
    const created = timestamp(this.atlas.meta.recorded_at);
    return {
      type: 'x-mitre-matrix',
      spec_version: '2.1',
      id: MATRIX_ID,
      created_by_ref: GREYZONE_IDENTITY,
      created,
      modified: created,
      name: 'greyzone approach matrix',
      description: 'How a state’s services and party bodies approach, cultivate, reward, control and use people abroad.',
      tactic_refs: tactics.map((t) => stixIdOf(t)),
      x_mitre_domains: [NAVIGATOR_DOMAIN],
      external_references: [{ source_name: KILL_CHAIN, external_id: 'greyzone-matrix' }],
      object_marking_refs: [], // set by stixObjects, like every object's
    };
  }
}

/** Navigator's platform filter for greyzone's matrix: approaches happen before any intrusion. */
export const PLATFORM = 'PRE';
/**
 * A mapping is a pointer to another framework's technique, not this object's own id in it: a reader
 * that takes `mitre-attack` references as the object's ATT&CK id (and merges on it) must not.
 */
const FRAMEWORK_SOURCE = { disarm: 'greyzone mapping to DISARM', attack: 'greyzone mapping to ATT&CK' } as const;

/** A technique's STIX properties; `tactics` maps tactic ids to their kill-chain phase names. */
function attackPattern(atlas: Atlas, tactics: ReadonlyMap<string, string>, t: RecordOf<'technique'>): Record<string, unknown> {
  return {
    name: t.names.find((n) => n.type === 'primary')?.text ?? t.id,
    description: t.description,
    kill_chain_phases: t.tactics.filter((id) => tactics.has(id)).map((id) => ({ kill_chain_name: KILL_CHAIN, phase_name: tactics.get(id)! })),
    external_references: [
      { source_name: KILL_CHAIN, external_id: t.id },
      ...t.mappings.map((m) => {
        const url = frameworkTechniques(atlas, m.framework).get(m.id)?.url;
        return { source_name: FRAMEWORK_SOURCE[m.framework], external_id: m.id, description: m.reason, ...(url ? { url } : {}) };
      }),
    ],
    x_mitre_is_subtechnique: t.parent !== undefined,
    x_mitre_platforms: [PLATFORM],
    x_mitre_domains: [NAVIGATOR_DOMAIN],
  };
}
