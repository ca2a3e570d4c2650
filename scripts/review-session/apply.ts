/**
 * The session itself: every reading's document ingested, its proposals decided through the Review
 * API by what the reading says, and the rest added by hand through the record API — all on a
 * store loaded with the atlas, served in-process exactly as `greyzone serve` serves it. The records
 * the session created or changed are written back into atlas/, and the counts into the log.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { findQuote } from '../../src/atlas/anchor.ts';
import type { Atlas } from '../../src/atlas/load.ts';
import { BUNDLED_ATLAS, loadAtlas } from '../../src/atlas/load.ts';
import { readDocument } from '../../src/documents/read.ts';
import { Ingester } from '../../src/ingest/ingest.ts';
import { LEGAL_STANDINGS } from '../../src/ingest/proposals.ts';
import { KINDS, type RecordKind } from '../../src/model/kinds.ts';
import type { Standing } from '../../src/model/vocab.ts';
import { createApp } from '../../src/server/app.ts';
import { Views } from '../../src/server/views.ts';
import { atlasFromStore } from '../../src/store/as-atlas.ts';
import type { Proposal } from '../../src/store/documents.ts';
import { Store } from '../../src/store/store.ts';
import { atlasKindOf, checkReading, definedBy, isCarried, loggedIds } from './check.ts';
import { writeLog, type DocumentLog } from './log.ts';
import { claimsOf, readDocumentFile, REPO, type Reading, type ReadingClaim, type ReadingEntity } from './reading.ts';

type Json = Record<string, unknown>;
type Span = { start: number; end: number };

const nameKey = (name: string) => name.normalize('NFKC').replace(/^(?:the|a|an)\s+/i, '').replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();

class Session {
  /** A reading's id for a record → the id the atlas gave it. */
  readonly ids = new Map<string, string>();
  readonly logs: DocumentLog[] = [];
  failures = 0;

  constructor(
    readonly store: Store,
    readonly views: Views,
    readonly app: ReturnType<typeof createApp>,
    readonly token: string,
  ) {}

  id = (readingId: string) => this.ids.get(readingId) ?? readingId;
  atlas = (): Atlas => this.views.atlas;
  has = (id: string) => this.atlas().records.has(this.id(id));
  kindOf = (id: string) => this.atlas().records.get(this.id(id))?.kind;

  async api(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await this.app.request(`/api${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const out = (await res.json()) as Json;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${String(out.error ?? JSON.stringify(out))}`);
    return out;
  }
}

/** A claim's standing as it may stand on a record of this kind: a person's legal standing is what the document alleges of anything else. */
const standingOn = (standing: Standing, kind: string | undefined): Standing => (LEGAL_STANDINGS.has(standing) && kind !== 'person' ? 'alleged' : standing);

async function applyReading(s: Session, r: Reading, tmp: string): Promise<void> {
  const carried = readDocumentFile(r.document);
  const path = join(tmp, carried.name);
  writeFileSync(path, carried.body);
  const doc = await readDocument(path);
  const log: DocumentLog = { reading: r.file, document: r.document, sha256: doc.sha256, proposals: {}, accepted: 0, merged: 0, rejected: 0, created: 0, extended: 0, byHand: 0, missed: [], problems: [] };
  s.logs.push(log);
  const known = new Map(s.ids);
  const problem = (m: string) => {
    log.problems.push(m);
    s.failures++;
  };

  const ingester = new Ingester(s.store, await atlasFromStore(s.store));
  const meta = { title: r.source.title, publisher: r.source.publisher, url: r.source.url, date: r.source.published, reliability: r.source.reliability, credibility: r.source.credibility as 1 | 2 | 3 | 4 | 5 | 6 };
  await ingester.ingest(doc, 'reviewer', 'clear', meta);
  const text = doc.text;
  const spans = new Map<ReadingClaim, Span | undefined>();
  const spanOf = (c: ReadingClaim) => {
    if (!spans.has(c)) spans.set(c, findQuote(text, c.quote));
    return spans.get(c);
  };
  const claims = [...claimsOf(r)];
  const covered = new Set<ReadingClaim>();
  // A reading's claim that says more than an accepted proposal's (what is listed where, likelihood words, a note) is added too.
  const plain = (c: ReadingClaim) => !c.predicate && !c.value && !c.likelihood && !c.note;
  const within = (c: ReadingClaim, p: Span) => {
    const sp = spanOf(c);
    return !!sp && sp.start < p.end && p.start < sp.end;
  };

  const entityByName = (mention: string): ReadingEntity | undefined =>
    r.entities.find((e) => [e.name, ...e.names.map((n) => n.text)].some((n) => n && nameKey(n) === nameKey(mention)));
  const aboutClaims = (id: string) => claims.filter((x) => x.about && s.id(x.about) === id);

  const proposals = async () => ((await s.api('GET', `/documents/${doc.sha256}`)).proposals as Proposal[]);
  const decide = async (p: Proposal, action: 'accept' | 'merge' | 'reject', body: Json = {}) => {
    try {
      const out = await s.api('POST', `/proposals/${p.id}/${action}`, { version: p.version, ...body });
      if (action === 'accept') log.accepted++;
      else if (action === 'merge') log.merged++;
      else log.rejected++;
      return out;
    } catch (e) {
      problem(`${action} ${p.kind} "${String((p.data as Json).name ?? (p.data as Json).technique ?? p.quote.slice(0, 40))}": ${(e as Error).message}`);
      if (action !== 'reject') await decide(p, 'reject');
      return undefined;
    }
  };

  // 1. Names and claims: candidates the reading records, claims on what the reading speaks of.
  const all = await proposals();
  for (const p of all) log.proposals[p.kind] = (log.proposals[p.kind] ?? 0) + 1;
  const proposed = new Set<string>();
  for (const p of all.filter((x) => x.kind === 'new-entity' || x.kind === 'claim')) {
    const d = p.data as Json & { mention: { text: string } };
    if (p.kind === 'new-entity') {
      const e = entityByName(d.mention.text);
      if (!e || (e.kind !== 'person' && e.kind !== 'organisation')) {
        await decide(p, 'reject');
        continue;
      }
      proposed.add(e.id);
      if (s.has(e.id)) {
        await decide(p, 'merge', { into: s.id(e.id), edits: { standing: 'reported' } });
        continue;
      }
      const first = aboutClaims(e.id).find((x) => within(x.claim, p)) ?? aboutClaims(e.id)[0];
      const edits: Json = { kind: e.kind, name: e.name ?? d.mention.text, standing: standingOn(first?.claim.standing ?? 'reported', e.kind) };
      if (e.kind === 'organisation') edits.subtype = e.subtype;
      const before = new Set(s.atlas().records.keys());
      const out = await decide(p, 'accept', { edits });
      if (!out) continue;
      const created = [...s.atlas().records.keys()].find((id) => !before.has(id) && id.startsWith(e.kind === 'person' ? 'person-' : 'org-'));
      if (created) s.ids.set(e.id, created);
      for (const x of aboutClaims(created ?? '')) if (x.where === `entity ${e.id}` && within(x.claim, p) && plain(x.claim)) covered.add(x.claim);
    } else {
      const id = d.entity_id as string;
      proposed.add(id);
      const match = aboutClaims(id).find((x) => within(x.claim, p));
      if (!match) {
        await decide(p, 'reject');
        continue;
      }
      const out = await decide(p, 'accept', { edits: { standing: standingOn(match.claim.standing, s.kindOf(id)) } });
      if (out) for (const x of aboutClaims(id)) if (x.where.startsWith('entity ') && within(x.claim, p) && plain(x.claim)) covered.add(x.claim);
    }
  }

  // 2. The document as a source, with what the reviewer says of it.
  const srcMeta = { title: r.source.title, publisher: r.source.publisher, url: r.source.url, published: r.source.published, language: r.source.language, licence: r.source.licence, reliability: r.source.reliability, credibility: r.source.credibility, ...(r.source.fragment !== undefined ? { fragment: r.source.fragment } : {}) };
  const stored = await s.store.documents.get(doc.sha256);
  let source = stored?.source ?? '';
  if (!source || !s.atlas().records.has(source)) source = String((await s.api('POST', `/documents/${doc.sha256}/source`, srcMeta)).source);
  else await put(s, source, { ...(s.atlas().records.get(source)!.data as Json), ...srcMeta });
  const claimOf = (c: ReadingClaim, kind?: string): Json => ({
    source,
    quote: c.quote,
    standing: kind === undefined ? c.standing : standingOn(c.standing, kind),
    ...(c.likelihood ? { likelihood: c.likelihood } : {}),
    ...(c.predicate ? { predicate: c.predicate } : {}),
    ...(c.value ? { value: c.value } : {}),
    ...(c.note ? { note: c.note } : {}),
  });
  const handClaims = (list: ReadingClaim[], kind?: string) => {
    const out = list.filter((c) => !covered.has(c)).map((c) => claimOf(c, kind));
    log.byHand += out.length;
    return out;
  };

  // 3. Records the reading names that no proposal gave: created, or extended with its names and claims.
  for (const e of r.entities) {
    try {
      await addEntity(s, e, source, text, log, handClaims);
    } catch (err) {
      problem(`entity ${e.id}: ${(err as Error).message}`);
    }
    if (!proposed.has(e.id) && !proposed.has(s.id(e.id))) log.missed.push(`${e.kind} ${e.name ?? s.id(e.id)}`);
  }

  // 4. Relations and techniques the extraction proposed, now that every entity exists.
  for (const p of (await proposals()).filter((x) => x.status === 'proposed')) {
    const d = p.data as Json;
    if (p.kind === 'relation') {
      const end = (x: { text: string; entity_id: string | null }) => x.entity_id ?? (entityByName(x.text) ? s.id(entityByName(x.text)!.id) : null);
      const subject = end(d.subject as never);
      const object = end(d.object as never);
      const rel = r.relations.find((x) => s.id(x.subject) === subject && x.type === d.type && s.id(x.object) === object);
      if (!rel || !subject || !object) {
        await decide(p, 'reject');
        continue;
      }
      const c = rel.claims.find((x) => within(x, p)) ?? rel.claims[0]!;
      if (await decide(p, 'accept', { edits: { subject, object, standing: standingOn(c.standing, s.kindOf(subject)) } })) for (const x of rel.claims) if (within(x, p) && plain(x)) covered.add(x);
    } else if (p.kind === 'technique') {
      const use = r.case?.techniques.find((t) => t.technique === d.technique);
      const fallback = r.case?.people.find((x) => ['defendant', 'perpetrator', 'principal'].includes(x.role))?.person ?? r.case?.actors.find((x) => ['perpetrator', 'principal', 'directing-authority', 'employer'].includes(x.role))?.entity;
      const actor = use?.by ? s.id(use.by) : ((d.actor as string | null) ?? (fallback ? s.id(fallback) : undefined));
      if (!use || !actor || !s.has(actor)) {
        await decide(p, 'reject');
        continue;
      }
      const c = use.claims.find((x) => within(x, p)) ?? use.claims[0];
      await decide(p, 'accept', { edits: { actor, standing: standingOn(c?.standing ?? 'alleged', s.kindOf(actor)) } });
    } else await decide(p, 'reject');
  }
  for (const t of r.case?.techniques ?? []) if (!all.some((p) => p.kind === 'technique' && (p.data as Json).technique === t.technique)) log.missed.push(`technique ${t.technique}`);
  for (const rel of r.relations) if (!all.some((p) => p.kind === 'relation' && (p.data as Json).type === rel.type)) log.missed.push(`relation ${rel.type}`);

  // 5. Relations by hand, then the case.
  for (const rel of r.relations) {
    try {
      const subject = s.id(rel.subject);
      const object = s.id(rel.object);
      const existing = [...s.atlas().records.values()].find((x) => x.kind === 'relation' && (x.data as Json).type === rel.type && (x.data as Json).subject === subject && (x.data as Json).object === object);
      const add = handClaims(rel.claims, s.kindOf(subject));
      if (!add.length) continue;
      if (existing) await put(s, existing.id, { ...(existing.data as Json), claims: [...((existing.data as Json).claims as Json[]), ...add] }, log);
      else await create(s, 'relation', { id: `rel-${short(subject)}-${rel.type}-${short(object)}`, type: rel.type, subject, object, claims: add }, log);
    } catch (err) {
      problem(`relation ${rel.subject} ${rel.type} ${rel.object}: ${(err as Error).message}`);
    }
  }
  if (r.case) {
    try {
      await addCase(s, r, handClaims, log);
    } catch (err) {
      problem(`case ${r.case.id}: ${(err as Error).message}`);
    }
  }
  const made = [...s.ids].filter(([id, atlasId]) => known.get(id) !== atlasId);
  if (made.length) log.ids = Object.fromEntries(made);
}

async function put(s: Session, id: string, data: Json, log?: DocumentLog): Promise<void> {
  if (isDeepStrictEqual(s.atlas().records.get(id)?.data, data)) return;
  await s.api('PUT', `/entities/${id}`, { version: s.views.version(id) ?? 1, record: data });
  if (log) log.extended++;
}

async function create(s: Session, kind: RecordKind, record: Json, log: DocumentLog): Promise<string> {
  const out = await s.api('POST', '/entities', { kind, record });
  log.created++;
  return String(out.id);
}

/** A record id shortened for a relation's id: without its prefix and hash, at most 30 characters. */
const short = (id: string) => id.replace(/^[a-z]+-/, '').replace(/-[0-9a-f]{6}$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 30).replace(/-+$/, '');

type HandClaims = (list: ReadingClaim[], kind?: string) => Json[];

async function addEntity(s: Session, e: ReadingEntity, source: string, text: string, log: DocumentLog, handClaims: HandClaims): Promise<void> {
  const kind = atlasKindOf(e.kind);
  const nameClaim = (quote: string, note?: string): Json => ({ source, quote, standing: 'reported', ...(note ? { note } : {}) });
  const names = e.names.map((n) => ({ text: n.text, type: n.type, lang: n.lang, claims: [nameClaim(n.quote, n.note)] }));
  log.byHand += names.length;
  const claims = handClaims(e.claims, e.kind);
  if (!s.has(e.id)) {
    const primaryQuote = e.name && findQuote(text, e.name) ? [nameClaim(e.name)] : undefined;
    const record: Json = {
      id: e.id,
      names: [{ text: e.name!, type: 'primary', lang: 'en', ...(primaryQuote ? { claims: primaryQuote } : {}) }, ...names],
      claims: claims.length ? claims : (primaryQuote ?? names.flatMap((n) => n.claims)),
      ...(e.description ? { description: e.description } : {}),
      ...(e.subtype ? { subtype: e.subtype } : {}),
      ...(e.country ? { country: s.id(e.country) } : {}),
      ...(e.iso ? { iso: e.iso } : {}),
    };
    s.ids.set(e.id, await create(s, kind, record, log));
    return;
  }
  const id = s.id(e.id);
  const data = structuredClone(s.atlas().records.get(id)!.data) as Json & { names: Json[]; claims: Json[] };
  for (const n of names) {
    const same = data.names.find((x) => nameKey(String(x.text)) === nameKey(n.text));
    if (!same) data.names.push(n);
    else if ((same.type !== 'primary' || same.claims) && !((same.claims as Json[] | undefined) ?? []).some((x) => x.source === source && x.quote === n.claims[0]!.quote)) same.claims = [...((same.claims as Json[] | undefined) ?? []), ...n.claims];
  }
  // What a proposal's acceptance could not say: where the body is based, the editors' description.
  if (e.country && !data.country) data.country = s.id(e.country);
  if (e.description && !data.description) data.description = e.description;
  data.claims = [...data.claims, ...claims.filter((c) => !data.claims.some((x) => x.source === c.source && x.quote === c.quote && x.predicate === c.predicate && x.value === c.value))];
  await put(s, id, data, log);
}

async function addCase(s: Session, r: Reading, handClaims: HandClaims, log: DocumentLog): Promise<void> {
  const k = r.case!;
  const ref = (id: string | undefined) => (id === undefined ? undefined : s.id(id));
  const part = {
    countries: k.countries.map((x) => ({ country: ref(x.country), role: x.role, claims: handClaims(x.claims) })),
    people: k.people.map((x) => ({ person: ref(x.person), role: x.role, standing: x.standing, claims: handClaims(x.claims) })),
    actors: k.actors.map((x) => ({ entity: ref(x.entity), role: x.role, claims: handClaims(x.claims, s.kindOf(x.entity)) })),
    events: k.events.map((x) => ({ date: x.date, ...(x.date_to ? { date_to: x.date_to } : {}), type: x.type, ...(x.person ? { person: ref(x.person) } : {}), ...(x.term ? { term: x.term } : {}), description: x.description, claims: handClaims(x.claims) })),
    techniques: k.techniques.map((x) => ({ technique: x.technique, ...(x.by ? { by: ref(x.by) } : {}), claims: handClaims(x.claims) })),
    sectors: k.sectors.map((x) => ({ sector: ref(x.sector), claims: handClaims(x.claims) })),
    target_groups: k.target_groups.map((x) => ({ target_group: ref(x.target_group), claims: handClaims(x.claims) })),
    amounts: k.amounts.map((x) => ({ amount: x.amount, currency: x.currency, approximate: x.approximate ?? false, what: x.what, claims: handClaims(x.claims) })),
  };
  const outcome = k.outcome ? { text: k.outcome.text, claims: handClaims(k.outcome.claims) } : undefined;
  const own = handClaims(k.claims);
  if (!s.has(k.id)) {
    const record: Json = { id: k.id, title: k.title, summary: k.summary, date: k.date, ...part, outcome, claims: own.length ? own : outcome!.claims };
    s.ids.set(k.id, await create(s, 'case', record, log));
    return;
  }
  const id = s.id(k.id);
  const d = structuredClone(s.atlas().records.get(id)!.data) as Json & Record<keyof typeof part, Json[]> & { claims: Json[] };
  // Lists merge by what identifies an item; a later record's standing and outcome replace the earlier.
  const merge = (list: Json[], add: Json[], key: (x: Json) => string, replace: string[] = []) => {
    for (const a of add) {
      const same = list.find((x) => key(x) === key(a));
      if (!same) list.push(a);
      else {
        same.claims = [...(same.claims as Json[]), ...(a.claims as Json[])];
        for (const f of replace) same[f] = a[f];
      }
    }
  };
  merge(d.countries, part.countries, (x) => `${x.country}|${x.role}`);
  merge(d.people, part.people, (x) => String(x.person), ['standing']);
  merge(d.actors, part.actors, (x) => `${x.entity}|${x.role}`);
  merge(d.events, part.events, (x) => `${x.date}|${x.type}|${x.person}|${x.description}`);
  merge(d.techniques, part.techniques, (x) => `${x.technique}|${x.by}`);
  merge(d.sectors, part.sectors, (x) => String(x.sector));
  merge(d.target_groups, part.target_groups, (x) => String(x.target_group));
  merge(d.amounts, part.amounts, (x) => `${x.amount}|${x.currency}|${x.what}`);
  for (const f of ['title', 'summary', 'date'] as const) if (k[f]) d[f] = k[f];
  if (outcome) d.outcome = outcome;
  d.claims = [...d.claims, ...own];
  await put(s, id, d, log);
}

/** The records the session created or changed, written into atlas/ as `greyzone export atlas` writes them. */
function writeChanged(before: Atlas, after: Atlas): number {
  let n = 0;
  for (const rec of after.records.values()) {
    if (isDeepStrictEqual(before.records.get(rec.id)?.data, rec.data)) continue;
    const folder = join(BUNDLED_ATLAS, KINDS[rec.kind].folder);
    writeFileSync(join(folder, `${rec.id}.yaml`), stringify(rec.data, { lineWidth: 0 }));
    const text = after.texts.get(rec.id);
    if (rec.kind === 'source' && text !== undefined) writeFileSync(join(folder, (rec.data as { text: string }).text), text);
    n++;
  }
  return n;
}

export async function applyAll(readings: Reading[]): Promise<number> {
  const loaded = loadAtlas(BUNDLED_ATLAS);
  if (loaded.issues.length) throw new Error(`the atlas does not validate: ${loaded.issues[0]!.message}`);
  const tmp = mkdtempSync(join(tmpdir(), 'greyzone-review-'));
  const store = await Store.open(join(tmp, 'session.sqlite'));
  let views: Views | undefined;
  try {
    await store.importAtlas(loaded.atlas, 'review-session');
    const { token } = await store.accounts.add('reviewer', 'analyst', 'red', 'review-session');
    views = await Views.load(store);
    const s = new Session(store, views, createApp(views, { mode: 'server' }), token);
    const before = views.atlas;
    // A later reading may name a record by the id an earlier session's reading gave it.
    const ids = loggedIds(loaded.atlas);
    for (const [id, atlasId] of ids) s.ids.set(id, atlasId);
    const earlier: Reading[] = [];
    for (const r of readings) {
      const problems = checkReading(r, loaded.atlas, definedBy(earlier), ids);
      earlier.push(r);
      // Readings already carried (their document is a source) are left as they are.
      if (isCarried(r, loaded.atlas)) continue;
      if (problems.length) {
        console.error(problems.join('\n'));
        s.failures += problems.length;
        continue;
      }
      await applyReading(s, r, tmp);
      const last = s.logs.at(-1)!;
      console.log(`${r.file.replace(`${REPO}/`, '')}: ${Object.values(last.proposals).reduce((a, b) => a + b, 0)} proposals, ${last.accepted} accepted, ${last.merged} merged, ${last.rejected} rejected; by hand ${last.byHand} claims, ${last.created} records created${last.problems.length ? `; ${last.problems.length} PROBLEM(S):\n  ${last.problems.join('\n  ')}` : ''}`);
    }
    const written = writeChanged(before, views.atlas);
    writeLog(s.logs);
    console.log(`${written} atlas records written; ${s.failures} problem(s)`);
    return s.failures ? 1 : 0;
  } finally {
    await views?.idle();
    await store.close();
  }
}
