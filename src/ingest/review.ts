/**
 * @module ingest/review
 * An analyst's decisions on proposals: accept (with edits to the entity, the standing and the
 * grades), reject, merge a candidate into an existing entity, and undo any of them. Accepting
 * writes ordinary atlas records — the document becomes a source the first time, the claim joins
 * its record — checked by every rule `greyzone validate` applies; a decision and its changes are
 * one transaction, and the decision keeps what it changed so that undo restores it exactly.
 */
import { createHash } from 'node:crypto';
import type { Atlas } from '../atlas/load.ts';
import { refsOf } from '../atlas/refs.ts';
import type { ClaimEntry } from '../model/claim.ts';
import { hashedId } from '../model/ids.ts';
import { ORGANISATION_SUBTYPES } from '../model/entity.ts';
import type { RecordKind } from '../model/kinds.ts';
import type { Name } from '../model/name.ts';
import { RELATION_TYPES, type RelationTypeName } from '../model/relation-types.ts';
import { markingOf, mostRestrictive, STANDINGS, type Standing, type Tlp } from '../model/vocab.ts';
import { decideProposal, setDocumentSource, ProposalConflict, type Proposal, type RecordChange, type StoredDocument } from '../store/documents.ts';
import { checkChanges, checkedBeyondView, type PlannedRecord } from '../store/edit.ts';
import type { Store } from '../store/store.ts';
import { LEGAL_STANDINGS } from './proposals.ts';

/** A decision that cannot be made as asked; the message says why and what to do. */
export class ReviewError extends Error {}
export { ProposalConflict };

export interface Edits {
  /** The entity a claim is about (instead of the one extraction found). */
  entity_id?: string;
  standing?: Standing;
  reliability?: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  credibility?: 1 | 2 | 3 | 4 | 5 | 6;
  /** A new entity's name, kind and (organisations) subtype. */
  name?: string;
  kind?: 'organisation' | 'person';
  subtype?: (typeof ORGANISATION_SUBTYPES)[number];
  /** A technique's actor; a relation's ends. */
  actor?: string;
  subject?: string;
  object?: string;
  /**
   * With a new entity, one relation to an entity the analyst can see, resting on the same sentence:
   * its type, the other entity, and whether that entity is the subject (else the new one is).
   */
  relation_type?: RelationTypeName;
  related?: string;
  related_is_subject?: boolean;
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48)
    .replace(/-$/, '');

/** What an organisation's name says it is; the analyst can change it. */
export function guessSubtype(name: string): (typeof ORGANISATION_SUBTYPES)[number] {
  const rules: [RegExp, (typeof ORGANISATION_SUBTYPES)[number]][] = [
    [/state security|ministry of state security|国家安全|安全厅|安全局/i, 'state-security-service'],
    [/public security|police|公安/i, 'public-security-service'],
    [/universit|college|school|hochschule|大学|学院/i, 'university'],
    [/institute|academy|laborator|研究/i, 'research-institute'],
    [/court|gericht|法院/i, 'court'],
    [/party|partei|党/i, 'party'],
    [/think tank|foundation|stiftung/i, 'think-tank'],
    [/association|society|verband|verein|federation|union|协会|联合会/i, 'diaspora-association'],
    [/company|corporation|corp\b|inc\b|ltd|llc|group|gmbh|aviation|technolog|公司|集团/i, 'company'],
    [/ministry|department|bureau|office|agency|administration|commission|amt|ministerium|部|局|委/i, 'government-body'],
  ];
  return rules.find(([re]) => re.test(name))?.[1] ?? 'company';
}

/**
 * A new record's id: the slug of its name with a short hash of where it came from, so that it
 * never collides with a record, seen or unseen, and its form tells nothing of what else exists.
 */
function newId(prefix: string, name: string, origin: string): string {
  return hashedId(`${prefix}-${slug(name) || 'unnamed'}`, `${name}\u0000${origin}`);
}

/** The atlas source a document becomes when its first claim is accepted: with what was captured of it at ingest. */
function sourceFor(doc: StoredDocument, grades: Grades): PlannedRecord {
  const id = `src-${slug(doc.title ?? doc.name) || 'document'}-${doc.sha256.slice(0, 8)}`;
  let publisher = doc.publisher ?? 'unknown publisher';
  try {
    if (!doc.publisher && doc.url) publisher = new URL(doc.url).hostname;
  } catch {
    /* not a URL: keep the placeholder */
  }
  const data = {
    id,
    title: doc.title ?? doc.name,
    publisher,
    url: doc.url && /^https?:\/\//.test(doc.url) ? doc.url : `urn:sha256:${doc.sha256}`,
    published: doc.date ?? doc.ingested_at.slice(0, 10),
    language: doc.language,
    licence: 'not yet assessed: check before publishing',
    text: `${id}.txt`,
    sha256: createHash('sha256').update(doc.text).digest('hex'),
    // The document's own grade, else the one the analyst chose for this first claim.
    reliability: doc.reliability ?? grades.reliability,
    credibility: doc.credibility ?? grades.credibility,
    tlp: doc.tlp,
    note: `ingested from ${doc.name} (sha256 ${doc.sha256})`,
  };
  return { id, kind: 'source', data, text: doc.text };
}

/** What an analyst says of a document that becomes a source; anything left out is what ingest captured. */
export interface SourceMeta {
  title?: string;
  publisher?: string;
  url?: string;
  published?: string;
  language?: string;
  licence?: string;
  fragment?: boolean;
  reliability?: Edits['reliability'];
  credibility?: Edits['credibility'];
  note?: string;
}

type Grades = { reliability: NonNullable<Edits['reliability']>; credibility: NonNullable<Edits['credibility']> };

/**
 * A decision's Admiralty grades: chosen in the decision, else the document's from ingest; never a
 * default nobody chose.
 */
function gradesOf(doc: StoredDocument, edits: Pick<Edits, 'reliability' | 'credibility'>): Grades {
  const reliability = edits.reliability ?? doc.reliability ?? undefined;
  const credibility = edits.credibility ?? doc.credibility ?? undefined;
  if (!reliability || !credibility) {
    throw new ReviewError('choose the grades first: reliability (A–F) and credibility (1–6), in the decision or for the document at ingest (greyzone ingest --reliability --credibility)');
  }
  return { reliability, credibility };
}

/** A word or words with its indefinite article: "an organisation", "a person". */
const article = (words: string) => `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;

/**
 * A legal standing (charged, convicted …) is a person's: refused on a claim whose subject is not a
 * person, and on one about another person than extraction proposed unless the analyst chose it.
 */
/** Whether the analyst put another record where extraction had named one (filling a blank is not a change). */
const changedFrom = (proposed: unknown, chosen: string) => typeof proposed === 'string' && proposed !== chosen;

function checkStanding(standing: Standing, subjectKind: string, subject: string, changed: boolean, chosen: boolean): void {
  if (!LEGAL_STANDINGS.has(standing)) return;
  if (subjectKind !== 'person') throw new ReviewError(`'${standing}' is a legal standing, a person's: a claim about ${subject} (a ${subjectKind}) cannot have it; choose what the sentence says of it, such as 'alleged'`);
  if (changed && !chosen) throw new ReviewError(`'${standing}' was proposed for another subject than ${subject}; choose the standing for ${subject} explicitly`);
}

/** The atlas as a whole (what is written) and as one clearance sees it (what a decision may name). */
export interface ReviewAtlases {
  full(): Atlas;
  view(clearance: Tlp): Atlas;
  /** A record's version in the same snapshot as `full()`. */
  version(id: string): number | undefined;
}

export class Review {
  constructor(
    private readonly store: Store,
    private readonly atlases: ReviewAtlases,
  ) {}

  private atlas(): Atlas {
    return this.atlases.full();
  }

  private async load(id: string, version: number): Promise<{ p: Proposal; doc: StoredDocument }> {
    const p = await this.store.documents.proposal(id);
    if (!p) throw new ReviewError(`no proposal with id '${id}'`);
    if (p.version !== version) throw new ProposalConflict(`proposal ${id} was decided by someone else meanwhile (now at version ${p.version}); reload the document`);
    const doc = (await this.store.documents.get(p.document))!;
    return { p, doc };
  }

  /** Writes the planned records and the decision in one transaction. */
  private async commit(p: Proposal, doc: StoredDocument, planned: PlannedRecord[], status: 'accepted' | 'merged', actor: string, clearance: Tlp, data: Record<string, unknown>, source: string): Promise<RecordChange[]> {
    const atlas = this.atlas();
    const seen = this.atlases.view(clearance);
    // Judged first by what the analyst can see, so no problem names a record they cannot.
    if (seen !== atlas) checkChanges(seen, planned.map((r) => (atlas.records.has(r.id) && !seen.records.has(r.id) ? { ...r, data: null } : r)));
    const checked = checkedBeyondView(seen !== atlas, () => checkChanges(atlas, planned));
    // A decision that names a RED record (a relation to it, whose id may carry its name) is itself RED, as the record writer marks such a record.
    const referenced = planned.flatMap((r) => refsOf(r.kind, r.data).map((ref) => markingOf(atlas.records.get(ref.id)?.data ?? {})));
    const marking = mostRestrictive([doc.tlp, ...referenced, ...planned.flatMap((r) => [markingOf(r.data), ...checked.get(r.id)!.claims.map((c) => c.tlp)])]);
    return this.store.change(actor, async (w) => {
      const changes: RecordChange[] = [];
      for (const r of planned) {
        const { data: next, claims } = checked.get(r.id)!;
        const before = atlas.records.get(r.id)?.data;
        if (before === undefined) changes.push({ id: r.id, before: null, version: await w.create(r.kind, r.id, next, claims, r.text) });
        else changes.push({ id: r.id, before, version: await w.update(r.id, next, claims, this.atlases.version(r.id) ?? 1) });
      }
      if (doc.source !== source) await setDocumentSource(w.tx, doc.sha256, source);
      await decideProposal(w.tx, p, status, changes, actor, marking, data);
      return changes;
    });
  }

  private standing(p: Proposal, edits: Edits): Standing {
    const standing = edits.standing ?? (p.data.standing as Standing | undefined) ?? 'reported';
    if (!(STANDINGS as readonly string[]).includes(standing)) throw new ReviewError(`'${standing}' is not a standing (${STANDINGS.join(', ')})`);
    return standing;
  }

  private claimEntry(p: Proposal, doc: StoredDocument, source: string, edits: Edits, grades: Grades, span?: { start: number; end: number; text: string }): ClaimEntry {
    const standing = this.standing(p, edits);
    const start = span?.start ?? p.start;
    // A PDF's page, so the claim can be found in the original as well as in the carried text.
    const page = doc.pages.find((pg) => pg.start <= start && start < pg.end)?.page;
    return {
      source,
      quote: span?.text ?? p.quote,
      start,
      end: span?.end ?? p.end,
      standing,
      ...(page !== undefined ? { note: `page ${page} of ${doc.name}` } : {}),
      // Always written on the claim, so that it never silently takes its source's default.
      reliability: grades.reliability,
      credibility: grades.credibility,
    } as ClaimEntry;
  }

  /** The document's source: the one it already became, or a new one planned with this decision. */
  private source(doc: StoredDocument, grades: Grades): { id: string; planned: PlannedRecord[] } {
    if (doc.source && this.atlas().records.has(doc.source)) return { id: doc.source, planned: [] };
    const src = sourceFor(doc, grades);
    return { id: src.id, planned: [src] };
  }

  async accept(id: string, version: number, edits: Edits, actor: string, clearance: Tlp = 'red'): Promise<RecordChange[]> {
    const { p, doc } = await this.load(id, version);
    if (p.status !== 'proposed') throw new ProposalConflict(`proposal ${id} is already ${p.status}; undo it first`);
    if (p.kind !== 'new-entity' && (edits.relation_type !== undefined || edits.related !== undefined)) throw new ReviewError('a relation can be accepted only with a new entity; this proposal is a ' + p.kind);
    const atlas = this.atlas();
    const seen = this.atlases.view(clearance);
    const grades = gradesOf(doc, edits);
    const standing = this.standing(p, edits);
    const src = this.source(doc, grades);
    const entry = this.claimEntry(p, doc, src.id, edits, grades);
    const planned: PlannedRecord[] = [...src.planned];
    // Every entity a decision names must be one the analyst can see; the full record is written.
    // The analyst's own choice comes first; what extraction proposed counts only if they can see it,
    // and is never named back to them otherwise.
    const entity = (chosen: string | undefined, proposed: string | null | undefined, what: string) => {
      const ref = chosen ?? (proposed && seen.records.has(proposed) ? proposed : undefined);
      const rec = ref && seen.records.has(ref) ? atlas.records.get(ref) : undefined;
      if (!rec) throw new ReviewError(ref ? `no entity with id '${ref}' for ${what}` : `choose ${what} first`);
      return rec;
    };

    if (p.kind === 'claim') {
      const rec = entity(edits.entity_id, p.data.entity_id as string | null, 'the claim');
      checkStanding(standing, rec.kind, rec.id, changedFrom(p.data.entity_id, rec.id), edits.standing !== undefined);
      const d = rec.data as { claims?: ClaimEntry[] };
      if (!d.claims) throw new ReviewError(`a ${rec.kind} holds no claims of its own; choose another entity`);
      planned.push({ id: rec.id, kind: rec.kind, data: { ...d, claims: [...d.claims, entry] } });
    } else if (p.kind === 'new-entity') {
      const kind = edits.kind ?? (p.data.kind as 'organisation' | 'person');
      const name = (edits.name ?? (p.data.name as string)).trim();
      const mention = p.data.mention as { text: string; start: number; end: number };
      if (!name) throw new ReviewError('the new entity needs a name');
      checkStanding(standing, kind, name, kind !== p.data.kind, edits.standing !== undefined);
      const createdId = newId(kind === 'person' ? 'person' : 'org', name, doc.sha256);
      // The name is claimed by its own span when the name was not edited; an edited name rests on the sentence.
      const nameClaim = this.claimEntry(p, doc, src.id, edits, grades, name === mention.text ? mention : undefined);
      const names: Name[] = [{ text: name, type: 'primary', lang: /\p{Script=Han}/u.test(name) ? 'zh-Hans' : 'en', claims: [nameClaim] }];
      const data = kind === 'person' ? { id: createdId, names, claims: [entry] } : { id: createdId, subtype: edits.subtype ?? guessSubtype(name), names, claims: [entry] };
      planned.push({ id: createdId, kind: kind as RecordKind, data });
      if (edits.relation_type !== undefined || edits.related !== undefined) {
        // One relation to an entity the analyst can see, quoting the same sentence with the same standing and grades.
        const type = edits.relation_type;
        if (!type) throw new ReviewError(`choose the relation type between ${name} and ${edits.related} first`);
        if (!Object.hasOwn(RELATION_TYPES, type)) throw new ReviewError(`'${type}' is not a relation type (${Object.keys(RELATION_TYPES).join(', ')})`);
        const rt: { label: string; subject: readonly string[]; object: readonly string[] } = RELATION_TYPES[type];
        const other = entity(edits.related, undefined, `the entity ${name} is related to`);
        const ends = edits.related_is_subject
          ? { subject: { id: other.id, kind: other.kind as string, shown: other.id }, object: { id: createdId, kind: kind as string, shown: name } }
          : { subject: { id: createdId, kind: kind as string, shown: name }, object: { id: other.id, kind: other.kind as string, shown: other.id } };
        const fits = rt.subject.includes(ends.subject.kind) && rt.object.includes(ends.object.kind);
        if (!fits) {
          throw new ReviewError(
            `'${type}' (${rt.label}) needs ${article(rt.subject.join(' or '))} as subject and ${article(rt.object.join(' or '))} as object, not ${ends.subject.shown} (${article(ends.subject.kind)}) ${rt.label} ${ends.object.shown} (${article(ends.object.kind)}); choose another type or direction`,
          );
        }
        checkStanding(standing, ends.subject.kind, ends.subject.shown, edits.related_is_subject === true, edits.standing !== undefined);
        planned.push(this.relation(seen, ends.subject.id, type, ends.object.id, { ...entry }, doc.sha256));
      }
    } else if (p.kind === 'relation') {
      const subject = entity(edits.subject, (p.data.subject as { entity_id: string | null }).entity_id, `the subject (${(p.data.subject as { text: string }).text})`);
      const object = entity(edits.object, (p.data.object as { entity_id: string | null }).entity_id, `the object (${(p.data.object as { text: string }).text})`);
      const type = p.data.type as string;
      checkStanding(standing, subject.kind, subject.id, changedFrom((p.data.subject as { entity_id: string | null }).entity_id, subject.id), edits.standing !== undefined);
      planned.push(this.relation(seen, subject.id, type, object.id, entry, doc.sha256));
    } else if (p.kind === 'technique') {
      const actorRec = entity(edits.actor, p.data.actor as string | null, 'who used the technique');
      checkStanding(standing, actorRec.kind, actorRec.id, changedFrom(p.data.actor, actorRec.id), edits.standing !== undefined);
      planned.push(this.relation(seen, actorRec.id, 'uses-technique', p.data.technique as string, entry, doc.sha256));
    } else {
      throw new ReviewError(`a ${p.kind} proposal cannot be accepted`);
    }
    return this.commit(p, doc, planned, 'accepted', actor, clearance, { ...p.data, edits }, src.id);
  }

  /** The relation the analyst can see between the two, with one more claim; or a new one. */
  private relation(seen: Atlas, subject: string, type: string, object: string, entry: ClaimEntry, origin: string): PlannedRecord {
    const existing = [...seen.records.values()].find((r) => r.kind === 'relation' && (r.data as { type: string; subject: string; object: string }).type === type && (r.data as { subject: string }).subject === subject && (r.data as { object: string }).object === object);
    if (existing) {
      const d = this.atlas().records.get(existing.id)!.data as { claims: ClaimEntry[] };
      return { id: existing.id, kind: 'relation', data: { ...d, claims: [...d.claims, entry] } };
    }
    const id = newId('rel', `${subject.replace(/^[a-z]+-/, '')}-${type}-${object.replace(/^[a-z]+-/, '')}`, origin);
    return { id, kind: 'relation', data: { id, type, subject, object, claims: [entry] } };
  }

  async merge(id: string, version: number, into: string, edits: Edits, actor: string, clearance: Tlp = 'red'): Promise<RecordChange[]> {
    const { p, doc } = await this.load(id, version);
    if (p.kind !== 'new-entity') throw new ReviewError('only a candidate new entity can be merged into an existing one');
    if (p.status !== 'proposed') throw new ProposalConflict(`proposal ${id} is already ${p.status}; undo it first`);
    if (edits.relation_type !== undefined || edits.related !== undefined) throw new ReviewError('a relation can be accepted only with a new entity, not with a merge; accept the candidate as a new entity instead');
    const atlas = this.atlas();
    const target = this.atlases.view(clearance).records.has(into) ? atlas.records.get(into) : undefined;
    const d = target?.data as { names?: Name[] } | undefined;
    if (!target || !d?.names) throw new ReviewError(`no entity with id '${into}' to merge into`);
    const grades = gradesOf(doc, edits);
    checkStanding(this.standing(p, edits), target.kind, into, target.kind !== p.data.kind, edits.standing !== undefined);
    const src = this.source(doc, grades);
    const mention = p.data.mention as { text: string; start: number; end: number };
    const nameClaim = this.claimEntry(p, doc, src.id, edits, grades, mention);
    const has = d.names.findIndex((n) => n.text === mention.text);
    const names = has >= 0
      ? d.names.map((n, i) => (i === has ? { ...n, claims: [...(n.claims ?? []), nameClaim] } : n))
      : [...d.names, { text: mention.text, type: 'alias' as const, lang: /\p{Script=Han}/u.test(mention.text) ? 'zh-Hans' : 'en', claims: [nameClaim] }];
    return this.commit(p, doc, [...src.planned, { id: into, kind: target.kind, data: { ...d, names } }], 'merged', actor, clearance, { ...p.data, merged_into: into }, src.id);
  }

  /**
   * Makes a document an atlas source without a proposal accepted (the analyst will quote it by
   * hand), with what the analyst says of it: its licence, publisher, address, date and grades.
   */
  async makeSource(sha256: string, meta: SourceMeta, actor: string, clearance: Tlp = 'red'): Promise<string> {
    const doc = await this.store.documents.get(sha256);
    if (!doc) throw new ReviewError(`no document with id '${sha256}'`);
    if (doc.source && this.atlas().records.has(doc.source)) throw new ProposalConflict(`the document is already the source ${doc.source}`);
    const planned = sourceFor(doc, gradesOf(doc, meta));
    const data = { ...(planned.data as Record<string, unknown>), ...Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) };
    const seen = this.atlases.view(clearance);
    checkChanges(seen, [{ ...planned, data }]);
    const checked = checkedBeyondView(seen !== this.atlas(), () => checkChanges(this.atlas(), [{ ...planned, data }])).get(planned.id)!;
    await this.store.change(actor, async (w) => {
      await w.create('source', planned.id, checked.data, [], planned.text);
      await setDocumentSource(w.tx, doc.sha256, planned.id);
    });
    return planned.id;
  }

  async reject(id: string, version: number, actor: string): Promise<void> {
    const { p, doc } = await this.load(id, version);
    if (p.status !== 'proposed') throw new ProposalConflict(`proposal ${id} is already ${p.status}; undo it first`);
    await this.store.change(actor, (w) => decideProposal(w.tx, p, 'rejected', [], actor, doc.tlp));
  }

  /** Restores what a decision changed, if nothing has changed those records since. */
  async undo(id: string, version: number, actor: string, clearance: Tlp = 'red'): Promise<void> {
    const { p, doc } = await this.load(id, version);
    if (p.status === 'proposed') throw new ReviewError(`proposal ${id} has not been decided`);
    const atlas = this.atlas();
    const seen = this.atlases.view(clearance);
    if (p.changes.some((c) => atlas.records.has(c.id) && !seen.records.has(c.id))) throw new ReviewError(`cannot undo ${id}: it changed records beyond your clearance; ask someone cleared to see them`);
    const planned: PlannedRecord[] = p.changes.map((c) => ({ id: c.id, kind: atlas.records.get(c.id)?.kind ?? 'source', data: c.before }));
    let checked: ReturnType<typeof checkChanges>;
    try {
      checked = checkedBeyondView(seen !== atlas, () => checkChanges(atlas, planned));
    } catch (e) {
      throw new ReviewError(`cannot undo ${id}: ${(e as Error).message}; undo the later decisions that rest on it first`);
    }
    const sourceGone = p.changes.some((c) => c.before === null && c.id === doc.source);
    await this.store.change(actor, async (w) => {
      for (const c of [...p.changes].reverse()) {
        if (c.before === null) await w.remove(c.id, c.version);
        else await w.update(c.id, checked.get(c.id)!.data, checked.get(c.id)!.claims, c.version);
      }
      if (sourceGone) await setDocumentSource(w.tx, doc.sha256, null);
      const marking = mostRestrictive([doc.tlp, ...p.changes.flatMap((c) => [markingOf(c.before ?? {}), ...(checked.get(c.id)?.claims ?? []).map((x) => x.tlp)])]);
      await decideProposal(w.tx, p, 'proposed', [], actor, marking);
    });
  }
}
