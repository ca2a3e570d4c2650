/**
 * @module interop/stix/import
 * A STIX 2.1 bundle into the store, all or nothing. The file is read once, one object at a time,
 * and every object checked (its schema, the rules the schemas miss, ids that collide, references
 * that lead nowhere); the objects to keep go, as checked, to a temporary file. Only if nothing was
 * wrong is anything written — in one transaction, from that checked copy. What greyzone exported comes back as the records it was made from; intrusion sets
 * of other producers become (or enrich) intrusion-set records whose claims quote the bundle; every
 * other producer's object is kept verbatim and handed on unchanged by every export.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { isDeepStrictEqual } from 'node:util';
import { nameKey } from '../../atlas/checks.ts';
import { emptyKept, keptMarking, keptObject, tlpOfMarkingDefinition, type KeptObject } from '../../atlas/kept.ts';
import { attackIdOfRecord, isFrameworkTechnique } from '../../atlas/frameworks.ts';
import type { Atlas, LoadedRecord } from '../../atlas/load.ts';
import { atlasMetaSchema, type AtlasMeta } from '../../model/atlas-meta.ts';
import type { z } from 'zod';
import type { ClaimEntry } from '../../model/claim.ts';
import { sourceSchema } from '../../model/source.ts';
import { KINDS, type RecordKind, type RecordOf } from '../../model/kinds.ts';
import { RELATION_TYPES, type RelationTypeName } from '../../model/relation-types.ts';
import { markingOf, mostRestrictive, TLP_LEVELS, type Tlp } from '../../model/vocab.ts';
import { versionKey } from '../../util/stix-time.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import { checkChanges, EditError, type PlannedRecord } from '../../store/edit.ts';
import { KeptCollisionError } from '../../store/record-writer.ts';
import type { Store } from '../../store/store.ts';
import { MATRIX_ID, stixIdOf } from './export.ts';
import { EXTENSION_ID, GREYZONE_IDENTITY, greyzoneExtensionSchema, type GreyzoneExtension } from './extension.ts';
import { readBundle, StixInputError } from './read-bundle.ts';
import { renderBundle, type LinkInput, type RenderedActor, type RenderedLink, type RenderedSet } from './render.ts';
import { TLP2_EXTENSION_ID, tlpMarking } from './tlp.ts';
import { referencesOf, validateStixObject, WELL_KNOWN_IDS, type StixProblem } from './validate.ts';

/** What a source made from a foreign bundle says of itself; unset fields get honest defaults. */
/** What a source made from a foreign bundle says of itself, checked by the source schema's own fields; unset fields get honest defaults. */
export const bundleSourceFieldsSchema = sourceSchema.pick({ title: true, publisher: true, url: true, published: true, licence: true, reliability: true, credibility: true }).partial();
export type BundleSourceFields = z.infer<typeof bundleSourceFieldsSchema>;

export interface ImportOptions {
  actor: string;
  /** Name of the collection other producers' objects are kept in. */
  collection: string;
  /** The lowest marking of everything the import adds. */
  tlp: Tlp;
  source?: BundleSourceFields;
}

export interface ImportReport {
  bundle: string;
  objects: number;
  created: string[];
  updated: string[];
  unchanged: number;
  kept: { added: number; same: number; updated: number };
  /** Objects greyzone rebuilds from records (derived relationships, its identity, markings, the matrix). */
  rebuilt: number;
}

/** A bundle that cannot be imported; `problems` lists what was found (the first 100). */
export class StixImportError extends Error {
  constructor(
    message: string,
    readonly problems: StixProblem[] = [],
  ) {
    // Ids and values come from the file: a control character in one must not break the line.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    super(message.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
}

const MAX_PROBLEMS = 100;

/** What greyzone writes itself on every export without its extension, so an import never keeps a copy. */
function rebuiltByGreyzone(object: Record<string, unknown>): boolean {
  return REBUILT_IDS.has(object.id as string);
}
const REBUILT_IDS = new Set([GREYZONE_IDENTITY, EXTENSION_ID, MATRIX_ID, TLP2_EXTENSION_ID, ...TLP_LEVELS.map((t) => tlpMarking(t).id as string)]);

interface Scan {
  bundle: string;
  count: number;
  /** The objects to keep, as checked, one JSON per line: the second step reads these, not the file again. */
  spool: string;
  problems: StixProblem[];
  problemCount: number;
  /** greyzone's own records, by STIX id (the latest version of each). */
  records: Map<string, GreyzoneExtension>;
  meta: AtlasMeta | undefined;
  intrusionSets: Record<string, unknown>[];
  /** Threat actors and identities whose name or alias is one atlas record's: matched, not created. */
  actors: Record<string, unknown>[];
  /** Locations of a country the atlas has. */
  locations: Record<string, unknown>[];
  /** Relationships of a type greyzone models; kept if both their ends become records. */
  links: Record<string, unknown>[];
  identities: Map<string, string>;
  /** ATT&CK's and DISARM's techniques in the bundle: the matrix's mappings may point at them. */
  frameworkTechniques: Record<string, unknown>[];
  /** The TLP level of each marking-definition in the bundle that states one (TLP 2.0's under any id). */
  markings: Map<string, Tlp>;
  rebuilt: number;
  /** For ids that come more than once (versions of one object): the latest `modified`. */
  latest: Map<string, string>;
}

export async function importStix(store: Store, path: string, options: ImportOptions): Promise<ImportReport> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new StixImportError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size === 0) throw new StixImportError(`${path}: the file is empty`);
  const work = mkdtempSync(join(tmpdir(), 'greyzone-import-'));
  try {
    const records: LoadedRecord[] = (await store.records()).map((r) => ({ kind: r.kind, id: r.id, data: r.data as never, file: '', lineOf: () => 1 }));
    const known = new KnownActors(records);
    const greyzoneIds = new Set(records.map(stixIdOf));
    return await importChecked(store, path, options, await scanBundle(store, path, join(work, 'kept.jsonl'), known, greyzoneIds), known);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function importChecked(store: Store, path: string, options: ImportOptions, scan: Scan, known: KnownActors): Promise<ImportReport> {
  if (scan.problemCount) {
    const first = scan.problems[0]!;
    throw new StixImportError(
      `${path}: ${first.id}${first.field ? ` ${first.field}` : ''}: ${first.message}${scan.problemCount > 1 ? ` (and ${scan.problemCount - 1} more problem(s); nothing was imported)` : ' (nothing was imported)'}`,
      scan.problems,
    );
  }

  const storeMeta = await store.meta();
  const meta = storeMeta ?? scan.meta;
  if (!meta) throw new StixImportError(`${path}: the store holds no atlas, and the bundle does not carry one (load an atlas first)`);
  // The versions of this snapshot: a record someone changes meanwhile makes the import fail, not vanish.
  const versions = new Map<string, number>();
  const stored: Atlas = storeMeta ? await atlasFromStore(store, versions) : { dir: 'store', meta, records: new Map(), texts: new Map(), claims: [], kept: emptyKept() };
  // The bundle's ATT&CK and DISARM techniques count as kept already, so mappings to them check out.
  const kept = new Map(stored.kept.objects);
  for (const o of scan.frameworkTechniques) kept.set(o.id as string, keptObject(o, options.collection, options.tlp, scan.markings));
  const atlas: Atlas = { ...stored, kept: { collections: stored.kept.collections, objects: kept } };

  const plan = new Plan(atlas, options);
  for (const ext of scan.records.values()) plan.greyzoneRecord(ext, path);
  plan.foreign(scan, path, known);
  const bundleGreyzoneIds = new Set(scan.records.keys());

  let checked: ReturnType<typeof checkChanges>;
  try {
    // Judged against the store as it is, so every problem the import would bring counts.
    checked = checkChanges(atlas, plan.planned);
  } catch (e) {
    if (e instanceof EditError) throw new StixImportError(`${path}: ${e.message} (nothing was imported)`);
    throw e;
  }

  const report: ImportReport = { bundle: scan.bundle, objects: scan.count, created: [], updated: [], unchanged: plan.unchanged, kept: { added: 0, same: 0, updated: 0 }, rebuilt: scan.rebuilt };
  try {
    await store.change(options.actor, async (w) => {
      await w.setMetaIfMissing(meta);
      // Sources first: claims refer to them.
      const ordered = [...plan.planned].sort((a, b) => Number(b.kind === 'source') - Number(a.kind === 'source'));
      const markings: Tlp[] = [options.tlp];
      for (const p of ordered) {
        const { data, claims } = checked.get(p.id)!;
        const version = versions.get(p.id);
        if (version !== undefined) {
          await w.update(p.id, data, claims, version);
          report.updated.push(p.id);
        } else {
          await w.create(p.kind, p.id, data, claims, p.text);
          report.created.push(p.id);
        }
        markings.push(markingOf(data), ...claims.map((c) => c.tlp));
      }
      let batch: KeptObject[] = [];
      const flush = async () => {
        if (!batch.length) return;
        if (!report.kept.added && !report.kept.same && !report.kept.updated) await w.keepCollection(options.collection, options.tlp);
        const counts = await w.keepMany(batch);
        for (const k of ['added', 'same', 'updated'] as const) report.kept[k] += counts[k];
        batch = [];
      };
      for await (const line of createInterface({ input: createReadStream(scan.spool), crlfDelay: Infinity })) {
        const o = JSON.parse(line) as Record<string, unknown>;
        const latest = scan.latest.get(o.id as string);
        if (latest !== undefined && versionKey(o.modified) !== latest) continue; // an earlier version
        if (bundleGreyzoneIds.has(o.id as string)) throw new StixImportError(`${path}: ${String(o.id)}: takes the id of a greyzone record in the same bundle without being it (nothing was imported)`);
        const k = keptObject(o, options.collection, options.tlp, scan.markings);
        markings.push(k.tlp);
        batch.push(k);
        if (batch.length >= 500) await flush();
      }
      await flush();
      await w.dropCollectionIfEmpty(options.collection);
      // The entry counts what was imported, so it is marked as the most restrictive of it.
      await w.note('stix.import', scan.bundle, mostRestrictive(markings), { file: path, objects: scan.count, created: report.created.length, updated: report.updated.length, kept: report.kept.added });
    });
  } catch (e) {
    if (e instanceof KeptCollisionError) throw new StixImportError(`${path}: ${e.message} (nothing was imported)`);
    throw e;
  }
  return report;
}

/** The relationship types of other producers that greyzone records as relations of the same name. */
const LINK_TYPES: ReadonlySet<RelationTypeName> = new Set(['attributed-to', 'targets']);

/** The atlas's actors by their names, and its countries by ISO code, for matching others' objects. */
class KnownActors {
  private readonly byName = new Map<string, Set<string>>();
  private readonly kindOf = new Map<string, RecordKind>();
  private readonly byIso = new Map<string, string>();

  constructor(records: LoadedRecord[]) {
    for (const r of records) {
      if (r.kind === 'country') this.byIso.set((r.data as RecordOf<'country'>).iso, r.id);
      if (r.kind !== 'organisation' && r.kind !== 'person' && r.kind !== 'intrusion-set') continue;
      this.kindOf.set(r.id, r.kind);
      for (const n of (r.data as RecordOf<'organisation'>).names) {
        const key = nameKey(n.text);
        this.byName.set(key, (this.byName.get(key) ?? new Set()).add(r.id));
      }
    }
  }

  /** The one atlas record all of an object's names point at, if there is exactly one. */
  actorOf(o: Record<string, unknown>): { id: string; kind: RecordKind } | undefined {
    const names = [o.name, ...((o.aliases as unknown[] | undefined) ?? []), ...((o.x_opencti_aliases as unknown[] | undefined) ?? [])].filter((n): n is string => typeof n === 'string');
    const ids = new Set(names.flatMap((n) => [...(this.byName.get(nameKey(n)) ?? [])]));
    if (ids.size !== 1) return undefined;
    const id = [...ids][0]!;
    return { id, kind: this.kindOf.get(id)! };
  }

  countryOf(o: Record<string, unknown>): string | undefined {
    return typeof o.country === 'string' ? this.byIso.get(o.country.toUpperCase()) : undefined;
  }
}

/** A string of its own (not a slice of a larger one), for keeping in a map. */
function own(s: string): string {
  return (' ' + s).slice(1);
}

/** The first read: every object checked, what greyzone models collected, the rest only counted. */
async function scanBundle(store: Store, path: string, spool: string, known: KnownActors, greyzoneIds: ReadonlySet<string>): Promise<Scan> {
  const scan: Scan = { bundle: '', count: 0, spool, problems: [], problemCount: 0, records: new Map(), meta: undefined, intrusionSets: [], actors: [], locations: [], links: [], identities: new Map(), frameworkTechniques: [], markings: new Map(), rebuilt: 0, latest: new Map() };
  const problem = (p: StixProblem) => {
    scan.problemCount++;
    if (scan.problems.length < MAX_PROBLEMS) scan.problems.push(p);
  };
  const seen = new Map<string, string>();
  const wanted = new Map<string, string>();
  const out = createWriteStream(spool);
  try {
    const result = await readBundle(path, async (object, index) => {
      if (object === null || typeof object !== 'object' || Array.isArray(object)) return problem({ id: `objects[${index}]`, field: '', message: 'is not a JSON object' });
      const o = object as Record<string, unknown>;
      const problems = validateStixObject(o);
      for (const p of problems) problem(p);
      if (problems.length) return;
      // A copy: a string cut from the parser's chunk would keep the whole chunk alive in the maps below.
      const id = own(o.id as string);
      const version = own(versionKey(o.modified));
      const text = JSON.stringify(o);
      const digest = `${version} ${createHash('sha256').update(text).digest('base64').slice(0, 16)}`;
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        // STIX versions an object by `modified`; only the same version with other content collides.
        const was = earlier.slice(0, earlier.indexOf(' '));
        if (was === version) return earlier === digest ? undefined : problem({ id, field: '', message: 'the id is used twice, for different content in the same version' });
        if (version < was) return; // versionKey orders as the instants do
        scan.latest.set(id, version);
        scan.records.delete(id);
        for (const list of [scan.intrusionSets, scan.actors, scan.locations, scan.links] as const) {
          const at = list.findIndex((x) => x.id === id);
          if (at >= 0) list.splice(at, 1);
        }
      }
      seen.set(id, digest);
      wanted.delete(id);
      for (const ref of referencesOf(o)) if (!seen.has(ref) && !wanted.has(ref)) wanted.set(own(ref), id);
      if (o.type === 'identity' && typeof o.name === 'string') scan.identities.set(id, own(o.name));
      const marking = o.type === 'marking-definition' ? tlpOfMarkingDefinition(o) : undefined;
      if (marking) scan.markings.set(id, marking);
      const ext = (o.extensions as Record<string, unknown> | undefined)?.[EXTENSION_ID];
      if (ext !== undefined) {
        const parsed = greyzoneExtensionSchema.safeParse(ext);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          return problem({ id, field: `/extensions/${EXTENSION_ID}/${issue.path.join('/')}`, message: issue.message });
        }
        if (parsed.data.kind === 'atlas') {
          const meta = atlasMetaSchema.safeParse(parsed.data.record);
          if (meta.success) scan.meta = meta.data;
        } else if (parsed.data.record) scan.records.set(id, parsed.data);
        else scan.rebuilt++;
        return;
      }
      if (rebuiltByGreyzone(o)) return void scan.rebuilt++;
      if (greyzoneIds.has(id)) return problem({ id, field: '', message: 'takes the id of a greyzone record without being it (no greyzone extension)' });
      if (!o.revoked) {
        if (o.type === 'intrusion-set') scan.intrusionSets.push(o);
        else if ((o.type === 'threat-actor' || o.type === 'identity') && known.actorOf(o)) scan.actors.push(o);
        else if (o.type === 'location' && known.countryOf(o)) scan.locations.push(o);
        else if (o.type === 'relationship' && LINK_TYPES.has(o.relationship_type as RelationTypeName)) scan.links.push(o);
        else if (o.type === 'attack-pattern' && isFrameworkTechnique(o)) scan.frameworkTechniques.push(o);
      }
      if (!out.write(`${text}\n`)) await once(out, 'drain');
    });
    out.end();
    await finished(out);
    scan.bundle = result.id;
    scan.count = result.count;
  } catch (e) {
    out.on('error', () => undefined); // the spool is thrown away: its pending writes may fail quietly
    out.destroy();
    if (e instanceof StixInputError) throw new StixImportError(e.message);
    throw e;
  }
  if (wanted.size) {
    // TLP 2.0's markings are known by their ids, and greyzone writes them on every export that needs them.
    const known = new Set<string>([...WELL_KNOWN_IDS, ...REBUILT_IDS]);
    for (const id of await store.keptAmong(wanted.keys())) known.add(id);
    for (const id of greyzoneIds) known.add(id);
    for (const [ref, by] of wanted) if (!known.has(ref)) problem({ id: by, field: '', message: `refers to ${ref}, which is neither in the bundle nor in the store` });
  }
  return scan;
}

/** The records an import will create or change, judged together before anything is written. */
class Plan {
  readonly planned: PlannedRecord[] = [];
  unchanged = 0;
  readonly atlas: Atlas;

  constructor(
    base: Atlas,
    private readonly options: ImportOptions,
  ) {
    this.atlas = { ...base, records: new Map(base.records), texts: new Map(base.texts) };
  }

  private put(kind: RecordKind, id: string, data: unknown, text?: string): void {
    const existing = this.planned.findIndex((p) => p.id === id);
    const p: PlannedRecord = { id, kind, data, ...(text !== undefined ? { text } : {}) };
    if (existing >= 0) this.planned[existing] = p;
    else this.planned.push(p);
    this.atlas.records.set(id, { kind, id, file: `store:${id}`, data: data as never, lineOf: () => 1 });
    if (text !== undefined) this.atlas.texts.set(id, text);
  }

  /** A record greyzone exported: created if new, left alone if the same, refused if different. */
  greyzoneRecord(ext: GreyzoneExtension, path: string): void {
    if (!(ext.kind in KINDS)) throw new StixImportError(`${path}: ${ext.id}: unknown greyzone kind '${ext.kind}' (nothing was imported)`);
    const kind = ext.kind as RecordKind;
    const parsed = KINDS[kind].schema.safeParse(ext.record);
    if (!parsed.success) throw new StixImportError(`${path}: ${ext.id}: not a valid ${kind} record: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message} (nothing was imported)`);
    const data = parsed.data as Record<string, unknown>;
    // --tlp raises what the bundle marks lower; records without a marking (tactics) are the public matrix.
    if ('tlp' in data) data.tlp = mostRestrictive([data.tlp as Tlp, this.options.tlp]);
    const current = this.atlas.records.get(ext.id);
    if (current) {
      // The store's own marking stands: an import adds records, it does not re-mark them.
      const same = (a: unknown, b: unknown) => isDeepStrictEqual({ ...(JSON.parse(JSON.stringify(a)) as object), tlp: undefined }, { ...(JSON.parse(JSON.stringify(b)) as object), tlp: undefined });
      if (current.kind === kind && same(current.data, data)) {
        this.unchanged++;
        return;
      }
      throw new StixImportError(`${path}: ${ext.id}: the store holds a different record with this id (nothing was imported; edit one of them first)`);
    }
    this.put(kind, ext.id, data, kind === 'source' ? ext.text : undefined);
  }

  /**
   * What other producers' objects say that greyzone models: their intrusion sets (matched to the
   * atlas's by ATT&CK id or name, else new), the actors the atlas already knows (their aliases and
   * descriptions), and the relationships between these (attributed-to, targets) — each as claims
   * quoting one rendering of the bundle, its source.
   */
  foreign(scan: Scan, path: string, known: KnownActors): void {
    if (!scan.intrusionSets.length && !scan.actors.length) return;
    const names = new Map<string, string>();
    const kinds = new Map<string, RecordKind>();
    const note = (o: Record<string, unknown>, name: unknown, kind: RecordKind) => {
      names.set(o.id as string, String(name).trim());
      kinds.set(o.id as string, kind);
    };
    for (const o of scan.intrusionSets) note(o, o.name, 'intrusion-set');
    for (const o of scan.actors) note(o, o.name, known.actorOf(o)!.kind);
    for (const o of scan.locations) note(o, o.name ?? o.country, 'country');
    // Each object at the producer's marking (never below --tlp); a relationship also at its ends'.
    const level = new Map<string, Tlp>();
    for (const o of [...scan.intrusionSets, ...scan.actors, ...scan.locations]) level.set(o.id as string, keptMarking(o, this.options.tlp, scan.markings));
    const links = scan.links
      .filter((l) => {
        const type = RELATION_TYPES[l.relationship_type as RelationTypeName];
        const [from, to] = [kinds.get(l.source_ref as string), kinds.get(l.target_ref as string)];
        return from !== undefined && to !== undefined && (type.subject as readonly string[]).includes(from) && (type.object as readonly string[]).includes(to);
      })
      .map((object): LinkInput & { tlp: Tlp } => ({
        object,
        sourceName: names.get(object.source_ref as string)!,
        targetName: names.get(object.target_ref as string)!,
        tlp: mostRestrictive([keptMarking(object, this.options.tlp, scan.markings), level.get(object.source_ref as string), level.get(object.target_ref as string)]),
      }));
    const recordOf = new Map<string, string>();
    for (const o of scan.locations) recordOf.set(o.id as string, known.countryOf(o)!);
    // One source per marking, lowest first: a reader cleared to it sees exactly the words marked for them.
    for (const tlp of TLP_LEVELS) {
      const at = (o: Record<string, unknown>) => level.get(o.id as string) === tlp;
      const rendered = renderBundle(scan.intrusionSets.filter(at), scan.actors.filter(at), links.filter((l) => l.tlp === tlp));
      if (!rendered.sets.length && !rendered.actors.length && !rendered.links.length) continue;
      const source = this.source(rendered.text, scan, path, tlp, [...rendered.sets, ...rendered.actors, ...rendered.links].map((d) => d.object));
      for (const set of rendered.sets) recordOf.set(set.object.id as string, this.intrusionSet(set, source, tlp));
      for (const actor of rendered.actors) recordOf.set(actor.object.id as string, this.actor(actor, known.actorOf(actor.object)!.id, source));
      for (const link of rendered.links) this.link(link, recordOf, source, tlp);
    }
  }

  private source(text: string, scan: Scan, path: string, tlp: Tlp, quoted: Record<string, unknown>[]): string {
    const sha256 = createHash('sha256').update(text).digest('hex');
    for (const rec of this.atlas.records.values()) if (rec.kind === 'source' && (rec.data as RecordOf<'source'>).sha256 === sha256) return rec.id;
    const f = this.options.source ?? {};
    const publishers = [...new Set(quoted.map((o) => scan.identities.get(o.created_by_ref as string)).filter(Boolean))];
    const modified = quoted.map((o) => String(o.modified ?? o.created).slice(0, 10)).sort().at(-1)!;
    const id = `src-stix-${sha256.slice(0, 12)}`;
    const data: RecordOf<'source'> = {
      id,
      title: f.title ?? `${scan.actors.length ? 'Intrusion sets and actors' : 'Intrusion sets'} of the STIX bundle ${scan.bundle}`,
      publisher: f.publisher ?? (publishers.join(', ') || 'not stated in the bundle'),
      url: f.url ?? `urn:uuid:${scan.bundle.slice('bundle--'.length)}`,
      published: f.published ?? modified,
      language: 'en',
      licence: f.licence ?? 'not stated in the bundle',
      text: `${id}.txt`,
      sha256,
      fragment: true,
      reliability: f.reliability ?? 'F',
      credibility: f.credibility ?? 6,
      tlp,
      note: `Rendered by greyzone import stix from ${path.split('/').at(-1)} (${scan.bundle}).`,
    };
    this.put('source', id, data, text);
    return id;
  }

  /** Returns the id of the atlas's intrusion set for the producer's. */
  private intrusionSet(set: RenderedSet, source: string, tlp: Tlp): string {
    const span = (s: [number, number]) => ({ source, quote: this.quote(source, s), start: s[0], end: s[1] });
    const described: ClaimEntry = span(set.body ?? set.header);
    const match = this.match(set);
    if (match) {
      const data = structuredClone(match.data) as RecordOf<'intrusion-set'>;
      if (data.claims.some((c) => c.source === source)) {
        this.unchanged++;
        return data.id;
      }
      this.addAliases(data, set, span);
      data.claims.push(described);
      this.put('intrusion-set', data.id, data);
      return data.id;
    }
    const id = this.newId(set.name);
    const names: RecordOf<'intrusion-set'>['names'] = [{ text: set.name, type: 'primary', lang: 'en', claims: [span(set.header)] }];
    const seen = new Set([nameKey(set.name)]);
    for (const alias of set.aliases) {
      if (seen.has(nameKey(alias)) || !set.aliasLine) continue;
      seen.add(nameKey(alias));
      names.push({ text: alias, type: 'alias', lang: 'en', claims: [span(set.aliasLine)] });
    }
    const claims: ClaimEntry[] = [described];
    if (set.externalId) claims.unshift({ ...span(set.header), predicate: 'attack-id', value: set.externalId });
    this.put('intrusion-set', id, { id, names, tlp, claims } satisfies RecordOf<'intrusion-set'>);
    return id;
  }

  /** New names of a record from a producer's aliases, each quoting the line that lists them. */
  private addAliases(data: { names: RecordOf<'organisation'>['names'] }, d: RenderedSet | RenderedActor, span: (s: [number, number]) => ClaimEntry): void {
    const known = new Set(data.names.map((n) => nameKey(n.text)));
    for (const alias of d.aliases) {
      if (!known.has(nameKey(alias)) && d.aliasLine) data.names.push({ text: alias, type: 'alias', lang: 'en', claims: [span(d.aliasLine)] });
      known.add(nameKey(alias));
    }
  }

  /** An actor the atlas knows: the producer's aliases and description become its claims. */
  private actor(actor: RenderedActor, id: string, source: string): string {
    const span = (s: [number, number]) => ({ source, quote: this.quote(source, s), start: s[0], end: s[1] });
    const rec = this.atlas.records.get(id)!;
    const data = structuredClone(rec.data) as RecordOf<'organisation'>;
    if (data.claims.some((c) => c.source === source) || (!actor.body && !actor.aliasLine)) {
      this.unchanged++;
      return id;
    }
    this.addAliases(data, actor, span);
    data.claims.push(span(actor.body ?? actor.header));
    this.put(rec.kind, id, data);
    return id;
  }

  /** A relationship between two records: a claim on the atlas's relation of that type, or a new one. */
  private link(link: RenderedLink, recordOf: Map<string, string>, source: string, tlp: Tlp): void {
    const type = link.object.relationship_type as RelationTypeName;
    const [subject, object] = [recordOf.get(link.object.source_ref as string)!, recordOf.get(link.object.target_ref as string)!];
    const claim: ClaimEntry = { source, quote: this.quote(source, link.line), start: link.line[0], end: link.line[1] };
    const existing = [...this.atlas.records.values()].find((r): r is LoadedRecord<'relation'> => {
      if (r.kind !== 'relation') return false;
      const d = r.data as RecordOf<'relation'>;
      return d.type === type && d.subject === subject && d.object === object;
    });
    if (existing) {
      if (existing.data.claims.some((c) => c.source === source)) return void this.unchanged++;
      this.put('relation', existing.id, { ...structuredClone(existing.data), claims: [...existing.data.claims, claim] });
      return;
    }
    const base = `rel-${subject.replace(/^[a-z]+-/, '')}-${type}-${object.replace(/^[a-z]+-/, '')}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    const id = this.atlas.records.has(base) ? `${base}-${createHash('sha256').update(String(link.object.id)).digest('hex').slice(0, 6)}` : base;
    this.put('relation', id, { id, type, subject, object, tlp, claims: [claim] } satisfies RecordOf<'relation'>);
  }

  private quote(source: string, [start, end]: [number, number]): string {
    return [...this.atlas.texts.get(source)!].slice(start, end).join('');
  }

  /** The atlas's intrusion set for a producer's: the same ATT&CK id first, else the same name. */
  private match(set: RenderedSet): LoadedRecord<'intrusion-set'> | undefined {
    const sets = [...this.atlas.records.values()].filter((r): r is LoadedRecord<'intrusion-set'> => r.kind === 'intrusion-set');
    if (set.externalId) {
      const byId = sets.find((r) => attackIdOfRecord(r.data) === set.externalId);
      if (byId) return byId;
    }
    // By name only where the ATT&CK ids do not disagree: G9999 “Gothic Panda” is not APT3 (G0022).
    return sets.find((r) => {
      const id = attackIdOfRecord(r.data);
      return (id === undefined || set.externalId === undefined) && r.data.names.some((n) => nameKey(n.text) === nameKey(set.name));
    });
  }

  private newId(name: string): string {
    const slug = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unnamed';
    const id = `iset-${slug}`;
    if (!this.atlas.records.has(id)) return id;
    return `${id}-${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
  }
}
