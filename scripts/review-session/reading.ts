/**
 * A reviewer's reading of one document (docs/atlas-review/README.md): what the document says, in
 * the shape of the atlas's records, with quotes instead of offsets. Parsed and checked here; the
 * session turns it into review decisions and hand additions.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { EVENT_TYPES } from '../../src/model/case.ts';
import { ORGANISATION_SUBTYPES } from '../../src/model/entity.ts';
import { NAME_TYPES } from '../../src/model/name.ts';
import { RELATION_TYPE_NAMES } from '../../src/model/relation-types.ts';
import { STANDINGS } from '../../src/model/vocab.ts';

export const REPO = resolve(import.meta.dirname, '../..');
export const READINGS = join(REPO, 'docs/atlas-review/readings');
const CORPUS = resolve(REPO, '../shared/corpus');

const claim = z.strictObject({
  quote: z.string().min(1),
  standing: z.enum(STANDINGS),
  likelihood: z.string().optional(),
  predicate: z.string().optional(),
  value: z.string().optional(),
  note: z.string().optional(),
});
export type ReadingClaim = z.infer<typeof claim>;
const claims = z.array(claim).default([]);

const name = z.strictObject({ text: z.string().min(1), type: z.enum(NAME_TYPES), lang: z.string().default('en'), quote: z.string().min(1), note: z.string().optional() });

export const ENTITY_KINDS = ['person', 'organisation', 'programme', 'operation', 'sector', 'target-group', 'country'] as const;
const entity = z.strictObject({
  id: z.string().regex(/^[a-z]+-[a-z0-9-]+$/),
  kind: z.enum(ENTITY_KINDS),
  subtype: z.enum(ORGANISATION_SUBTYPES).optional(),
  country: z.string().optional(),
  description: z.string().optional(),
  iso: z.string().regex(/^[A-Z]{2}$/).optional(),
  name: z.string().min(1).optional(),
  names: z.array(name).default([]),
  claims,
});
export type ReadingEntity = z.infer<typeof entity>;

const relation = z.strictObject({ subject: z.string(), type: z.enum(RELATION_TYPE_NAMES), object: z.string(), claims: claims.refine((c) => c.length > 0, 'a relation needs a claim') });
export type ReadingRelation = z.infer<typeof relation>;

const date = z.union([z.string(), z.date(), z.int()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d)));
const kase = z.strictObject({
  id: z.string().regex(/^case-[a-z0-9-]+$/),
  title: z.string().optional(),
  summary: z.string().optional(),
  date: date.optional(),
  countries: z.array(z.strictObject({ country: z.string(), role: z.string(), claims })).default([]),
  people: z.array(z.strictObject({ person: z.string(), role: z.string(), standing: z.enum(STANDINGS), claims })).default([]),
  actors: z.array(z.strictObject({ entity: z.string(), role: z.string(), claims })).default([]),
  events: z
    .array(z.strictObject({ date, date_to: date.optional(), type: z.enum(EVENT_TYPES), person: z.string().optional(), term: z.string().optional(), description: z.string().min(1), claims }))
    .default([]),
  techniques: z.array(z.strictObject({ technique: z.string(), by: z.string().optional(), claims })).default([]),
  sectors: z.array(z.strictObject({ sector: z.string(), claims })).default([]),
  target_groups: z.array(z.strictObject({ target_group: z.string(), claims })).default([]),
  amounts: z.array(z.strictObject({ amount: z.number().positive(), currency: z.string(), approximate: z.boolean().optional(), what: z.string(), claims })).default([]),
  outcome: z.strictObject({ text: z.string().min(1), claims }).optional(),
  claims,
});
export type ReadingCase = z.infer<typeof kase>;

export const readingSchema = z.strictObject({
  document: z.string().min(1),
  source: z.strictObject({
    title: z.string().min(1),
    publisher: z.string().min(1),
    url: z.string().regex(/^https?:\/\//),
    published: date,
    licence: z.string().min(1),
    reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
    credibility: z.number().int().min(1).max(6),
    language: z.string().default('en'),
    fragment: z.boolean().optional(),
    note: z.string().optional(),
  }),
  entities: z.array(entity).default([]),
  relations: z.array(relation).default([]),
  case: kase.optional(),
});
export type Reading = z.infer<typeof readingSchema> & { file: string };

/** A document as the corpus stores it: header lines (title:, source:, date:, note:, licence:), a blank line, the text. */
export interface CarriedDocument {
  path: string;
  name: string;
  header: Record<string, string>;
  body: string;
}

export function documentPath(ref: string): string {
  return ref.startsWith('corpus/') ? join(CORPUS, ref.slice('corpus/'.length)) : join(REPO, ref);
}

export function readDocumentFile(ref: string): CarriedDocument {
  const path = documentPath(ref);
  const raw = readFileSync(path, 'utf8');
  const cut = raw.indexOf('\n\n');
  const head = cut >= 0 ? raw.slice(0, cut) : '';
  const header = Object.fromEntries(
    head
      .split('\n')
      .map((l) => /^(\w+):\s?(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1]!, m[2]!]),
  );
  if (!header.title) throw new Error(`${ref}: no header (title:, source:, date:, note:, licence:, then a blank line)`);
  return { path, name: basename(path), header, body: raw.slice(cut + 2).replace(/\s+$/, '') + '\n' };
}

export function readReading(file: string): Reading {
  const data = parse(readFileSync(file, 'utf8')) as unknown;
  const r = readingSchema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`${basename(file)}: ${i.path.join('.')}: ${i.message}`);
  }
  return { ...r.data, file };
}

/** Every claim in a reading with where it stands, for checks and for the session. */
export function* claimsOf(r: Reading): Generator<{ where: string; about: string | undefined; claim: ReadingClaim }> {
  for (const e of r.entities) {
    for (const c of e.claims) yield { where: `entity ${e.id}`, about: e.id, claim: c };
    for (const n of e.names) yield { where: `name ${n.text} of ${e.id}`, about: e.id, claim: { quote: n.quote, standing: 'reported', note: n.note } };
  }
  for (const rel of r.relations) for (const c of rel.claims) yield { where: `relation ${rel.subject} ${rel.type} ${rel.object}`, about: rel.subject, claim: c };
  const k = r.case;
  if (!k) return;
  for (const c of k.claims) yield { where: `case ${k.id}`, about: undefined, claim: c };
  for (const x of k.countries) for (const c of x.claims) yield { where: `case country ${x.country}`, about: x.country, claim: c };
  for (const x of k.people) for (const c of x.claims) yield { where: `case person ${x.person}`, about: x.person, claim: c };
  for (const x of k.actors) for (const c of x.claims) yield { where: `case actor ${x.entity}`, about: x.entity, claim: c };
  for (const x of k.events) for (const c of x.claims) yield { where: `case event ${x.date} ${x.type}`, about: x.person, claim: c };
  for (const x of k.techniques) for (const c of x.claims) yield { where: `case technique ${x.technique}`, about: x.by, claim: c };
  for (const x of k.sectors) for (const c of x.claims) yield { where: `case sector ${x.sector}`, about: x.sector, claim: c };
  for (const x of k.target_groups) for (const c of x.claims) yield { where: `case target group ${x.target_group}`, about: x.target_group, claim: c };
  for (const x of k.amounts) for (const c of x.claims) yield { where: `case amount ${x.amount} ${x.currency}`, about: undefined, claim: c };
  if (k.outcome) for (const c of k.outcome.claims) yield { where: 'case outcome', about: undefined, claim: c };
}

/** Every reference a reading makes to another record, with where. */
export function* referencesOf(r: Reading): Generator<{ where: string; id: string }> {
  for (const e of r.entities) if (e.country) yield { where: `entity ${e.id} country`, id: e.country };
  for (const rel of r.relations) {
    yield { where: 'relation subject', id: rel.subject };
    yield { where: 'relation object', id: rel.object };
  }
  const k = r.case;
  if (!k) return;
  for (const x of k.countries) yield { where: 'case country', id: x.country };
  for (const x of k.people) yield { where: 'case person', id: x.person };
  for (const x of k.actors) yield { where: 'case actor', id: x.entity };
  for (const x of k.events) if (x.person) yield { where: `case event ${x.date}`, id: x.person };
  for (const x of k.techniques) {
    yield { where: 'case technique', id: x.technique };
    if (x.by) yield { where: `case technique ${x.technique} by`, id: x.by };
  }
  for (const x of k.sectors) yield { where: 'case sector', id: x.sector };
  for (const x of k.target_groups) yield { where: 'case target group', id: x.target_group };
}
