/**
 * Ingestion to reviewed claims, on both stores' shared code path (SQLite here): a corpus document
 * stored as a draft with its proposals; accept, edit, reject, merge and undo; what reaches the atlas
 * passes every rule of `greyzone validate`.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkAtlas } from '../src/atlas/checks.ts';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from '../src/atlas/load.ts';
import type { DocumentText } from '../src/documents/read.ts';
import { Ingester } from '../src/ingest/ingest.ts';
import { ProposalConflict, Review, ReviewError } from '../src/ingest/review.ts';
import { screenRow } from '../src/screen/names.ts';
import { atlasIndexOf } from '../src/screen/atlas-index.ts';
import { atlasFromStore } from '../src/store/as-atlas.ts';
import type { Proposal } from '../src/store/documents.ts';
import { Store } from '../src/store/store.ts';
import { corpusDocument } from './helpers/corpus-document.ts';

let store: Store;
let atlas: Atlas;
let review: Review;
const DOC = corpusDocument('08-us-doj-xu-yanjun-2021-convicted.txt');

before(async () => {
  store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-review-')), 'g.sqlite'));
  await store.importAtlas(loadAtlas(BUNDLED_ATLAS).atlas, 'tests');
  atlas = await atlasFromStore(store, versions);
  review = new Review(store, { full: () => atlas, view: () => atlas, version: (id) => versions.get(id) });
});
after(() => store.close());

const versions = new Map<string, number>();
const refresh = async () => {
  versions.clear();
  atlas = await atlasFromStore(store, versions);
};
const proposals = () => store.documents.proposals(DOC.sha256);
const find = async (pred: (p: Proposal) => boolean) => {
  const p = (await proposals()).find(pred);
  assert.ok(p, 'the proposal exists');
  return p;
};

test('a document is stored once, whole, with its proposals; the same bytes again are recognised', async () => {
  const ingester = new Ingester(store, atlas);
  const first = await ingester.ingest(DOC, 'alice', 'clear', { reliability: 'B', credibility: 2 });
  assert.equal(first.status, 'added');
  assert.ok(first.proposals > 5, `${first.proposals} proposals`);
  assert.deepEqual(await ingester.ingest(DOC, 'bob'), { status: 'exists', sha256: DOC.sha256, proposals: 0 });
  const stored = await store.documents.get(DOC.sha256);
  assert.equal(stored!.text, DOC.text);
  const all = await proposals();
  assert.equal(all.length, first.proposals);
  const chars = Array.from(DOC.text);
  for (const p of all) assert.equal(p.quote, chars.slice(p.start, p.end).join(''), `${p.id}: its quote is the text at its offsets`);
  assert.ok(all.some((p) => p.kind === 'claim' && p.data.entity_id === 'person-xu-yanjun'));
});

test('accepting a claim makes the document a source and adds the claim to its record, with the sentence’s standing', async () => {
  const p = await find((x) => x.kind === 'claim' && x.data.entity_id === 'person-xu-yanjun' && /convicted/.test(x.quote));
  assert.equal(p.data.standing, 'convicted', 'a conviction sentence is proposed as convicted');
  const changes = await review.accept(p.id, p.version, {}, 'alice');
  await refresh();
  const source = changes.find((c) => c.id.startsWith('src-'))!;
  assert.ok(source && source.before === null);
  const person = atlas.records.get('person-xu-yanjun')!.data as { claims: { source: string; quote: string; standing: string }[] };
  const added = person.claims.at(-1)!;
  assert.deepEqual([added.source, added.quote, added.standing], [source.id, p.quote, 'convicted']);
  assert.equal(atlas.texts.get(source.id), DOC.text);
  assert.deepEqual(checkAtlas(atlas), [], 'the atlas still validates');
  assert.equal((await store.documents.get(DOC.sha256))!.source, source.id);
  assert.equal((await store.documents.proposal(p.id))!.status, 'accepted');
});

test('an analyst’s edits win: another entity, another standing, other grades', async () => {
  const p = await find((x) => x.kind === 'claim' && x.status === 'proposed' && x.data.entity_id === 'person-xu-yanjun');
  await review.accept(p.id, p.version, { entity_id: 'org-mss', standing: 'alleged', reliability: 'B', credibility: 3 }, 'alice');
  await refresh();
  const mss = atlas.records.get('org-mss')!.data as { claims: Record<string, unknown>[] };
  assert.deepEqual(
    { quote: mss.claims.at(-1)!.quote, standing: mss.claims.at(-1)!.standing, reliability: mss.claims.at(-1)!.reliability, credibility: mss.claims.at(-1)!.credibility },
    { quote: p.quote, standing: 'alleged', reliability: 'B', credibility: 3 },
  );
});

test('a stale decision is refused; a decided proposal cannot be decided again', async () => {
  const p = await find((x) => x.status === 'proposed' && x.kind === 'claim');
  await assert.rejects(review.accept(p.id, p.version + 1, {}, 'bob'), ProposalConflict);
  await review.reject(p.id, p.version, 'bob');
  await assert.rejects(review.reject(p.id, p.version + 1, 'bob'), /already rejected; undo it first/);
  assert.equal((await store.documents.proposal(p.id))!.status, 'rejected');
});

test('merging a candidate adds its name as an alias with its span; undo restores the entity exactly', async () => {
  const p = await find((x) => x.kind === 'new-entity' && x.status === 'proposed');
  const before = structuredClone(atlas.records.get('org-jiangsu-ssd')?.data ?? atlas.records.get('org-mss')!.data);
  const into = atlas.records.has('org-jiangsu-ssd') ? 'org-jiangsu-ssd' : 'org-mss';
  await review.merge(p.id, p.version, into, {}, 'alice');
  await refresh();
  const names = (atlas.records.get(into)!.data as { names: { text: string }[] }).names.map((n) => n.text);
  assert.ok(names.includes(p.data.name as string));
  const merged = (await store.documents.proposal(p.id))!;
  assert.equal(merged.status, 'merged');
  await review.undo(p.id, merged.version, 'alice');
  await refresh();
  assert.deepEqual(atlas.records.get(into)!.data, before);
  assert.equal((await store.documents.proposal(p.id))!.status, 'proposed');
});

test('accepting a candidate creates the entity; a technique needs its actor; a relation its ends', async () => {
  const cand = await find((x) => x.kind === 'new-entity' && x.status === 'proposed');
  const changes = await review.accept(cand.id, cand.version, { kind: 'organisation', subtype: 'company' }, 'alice');
  await refresh();
  const created = changes.find((c) => c.before === null && !c.id.startsWith('src-'))!;
  const rec = atlas.records.get(created.id)!.data as { names: { text: string; claims: { quote: string }[] }[] };
  assert.equal(rec.names[0]!.text, cand.data.name);
  assert.equal(rec.names[0]!.claims[0]!.quote, cand.data.name, 'the name rests on its own span');
  assert.deepEqual(checkAtlas(atlas), []);
  const orphan = (await proposals()).find((x) => x.kind === 'technique' && !x.data.actor);
  if (orphan) await assert.rejects(review.accept(orphan.id, orphan.version, {}, 'alice'), /choose who used the technique first/);
  await assert.rejects(review.accept(cand.id, cand.version + 1, {}, 'alice'), ProposalConflict);
});

test('undo refuses to pull a source from under later decisions, and works in the right order', async () => {
  const accepted = (await proposals()).filter((x) => x.status === 'accepted');
  const first = accepted.find((x) => x.changes.some((c) => c.id.startsWith('src-') && c.before === null))!;
  await assert.rejects(review.undo(first.id, first.version, 'alice'), (e) => e instanceof ReviewError && /undo the later decisions that rest on it first/.test(e.message));
  for (const p of accepted.filter((x) => x.id !== first.id).reverse()) {
    await review.undo(p.id, p.version, 'alice');
    await refresh();
  }
  const again = (await store.documents.proposal(first.id))!;
  await review.undo(again.id, again.version, 'alice');
  await refresh();
  assert.ok(![...atlas.records.keys()].some((id) => id.startsWith('src-08-') || id.includes(DOC.sha256.slice(0, 8))), 'the source is gone');
  assert.equal((await store.documents.get(DOC.sha256))!.source, null);
  assert.deepEqual(checkAtlas(atlas), []);
  const log = await store.audit({ clearance: 'red', limit: 10_000 });
  for (const action of ['document.ingest', 'proposal.accept', 'proposal.reject', 'proposal.merge', 'proposal.undo', 'record.create', 'record.delete']) {
    assert.ok(log.some((e) => e.action === action), `${action} is in the audit log`);
  }
});

test('a claim from a PDF names its page', async () => {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const line of ['A first page about nothing in particular.', 'On this page the Ministry of State Security recruited an engineer in 2019.']) {
    pdf.addPage().drawText(line, { x: 40, y: 700, size: 11, font });
  }
  const { readDocumentBytes } = await import('../src/documents/read.ts');
  const doc = await readDocumentBytes(await pdf.save(), 'notice.pdf');
  assert.equal(doc.pages.length, 2);
  await new Ingester(store, atlas).ingest(doc, 'alice');
  const p = (await store.documents.proposals(doc.sha256)).find((x) => x.kind === 'claim' && x.data.entity_id === 'org-mss')!;
  await review.accept(p.id, p.version, { reliability: 'C', credibility: 3 }, 'alice');
  await refresh();
  const mss = atlas.records.get('org-mss')!.data as { claims: { quote: string; note?: string }[] };
  assert.equal(mss.claims.at(-1)!.note, 'page 2 of notice.pdf');
  assert.match(mss.claims.at(-1)!.quote, /Ministry of State Security recruited an engineer/);
});

/** A plain-text document as ingestion sees it, with no metadata of its own. */
function textDocument(name: string, text: string): DocumentText {
  return { sha256: createHash('sha256').update(text).digest('hex'), name, format: 'text', encoding: 'utf-8', title: null, url: null, date: null, text, pages: [], bytes: Buffer.byteLength(text) };
}
const CHARGE = 'Jane Roe, an engineer, was charged with conspiring to act as an agent of the Ministry of State Security.\n';

test('issue 23: a legal standing belongs to the person charged, never to the body the sentence names; accept refuses it on a non-person', async () => {
  const doc = textDocument('roe.txt', CHARGE);
  await new Ingester(store, atlas).ingest(doc, 'alice', 'clear', { reliability: 'B', credibility: 2 });
  const all = await store.documents.proposals(doc.sha256);
  const mss = all.find((p) => p.kind === 'claim' && p.data.entity_id === 'org-mss')!;
  assert.equal(mss.data.standing, 'alleged', 'what the charge says of the MSS is alleged');
  assert.ok(!all.some((p) => p.data.standing === 'charged' && (p.data.entity_id === 'org-mss' || p.data.kind === 'organisation')), 'no "charged" claim about the body');
  const roe = all.find((p) => p.kind === 'new-entity' && p.data.name === 'Jane Roe')!;
  assert.deepEqual([roe.data.kind, roe.data.standing], ['person', 'charged']);
  const works = all.find((p) => p.kind === 'relation')!;
  assert.equal(works.data.standing, 'charged', 'her working for it is hers: the charge is about her');
  await assert.rejects(review.accept(mss.id, mss.version, { standing: 'charged' }, 'alice'), (e) => e instanceof ReviewError && /'charged' is a legal standing, a person's: a claim about org-mss \(a organisation\)/.test(e.message));
  // A person's legal standing does not follow the claim to another entity unless the analyst chooses it.
  const xu = (await proposals()).find((x) => x.kind === 'claim' && x.status === 'proposed' && x.data.entity_id === 'person-xu-yanjun' && x.data.standing === 'convicted');
  if (xu) {
    await assert.rejects(review.accept(xu.id, xu.version, { entity_id: 'org-mss' }, 'alice'), /legal standing/);
    await assert.rejects(review.accept(xu.id, xu.version, { entity_id: 'person-song-guo-zheng' }, 'alice'), /choose the standing for person-song-guo-zheng explicitly/);
  }
  const accepted = await review.accept(roe.id, roe.version, {}, 'alice');
  await refresh();
  const person = atlas.records.get(accepted.find((c) => c.id.startsWith('person-'))!.id)!.data as { claims: { standing: string }[] };
  assert.equal(person.claims[0]!.standing, 'charged', 'the person’s own standing is accepted as proposed');
  await review.undo(roe.id, (await store.documents.proposal(roe.id))!.version, 'alice');
  await refresh();
});

test('issue 23: no silent grades — accept without a chosen or document grade is refused; the grade chosen or set at ingest is written on the claim', async () => {
  const doc = textDocument('ungraded.txt', 'The Ministry of State Security recruited an engineer in 2019.\n');
  await new Ingester(store, atlas).ingest(doc, 'alice');
  assert.deepEqual([(await store.documents.get(doc.sha256))!.reliability, (await store.documents.get(doc.sha256))!.credibility], [null, null]);
  const p = (await store.documents.proposals(doc.sha256)).find((x) => x.kind === 'claim')!;
  await assert.rejects(review.accept(p.id, p.version, {}, 'alice'), (e) => e instanceof ReviewError && /^choose the grades first: reliability \(A–F\) and credibility \(1–6\)/.test(e.message) && !e.message.includes('\n'));
  await assert.rejects(review.accept(p.id, p.version, { reliability: 'C' }, 'alice'), /choose the grades first/);
  assert.equal((await store.documents.proposal(p.id))!.status, 'proposed');
  await review.accept(p.id, p.version, { reliability: 'C', credibility: 3 }, 'alice');
  await refresh();
  const claim = (atlas.records.get('org-mss')!.data as { claims: Record<string, unknown>[] }).claims.at(-1)!;
  assert.deepEqual([claim.reliability, claim.credibility], ['C', 3]);

  const graded = textDocument('graded.txt', 'The Ministry of State Security recruited a student in 2020.\n');
  await new Ingester(store, atlas).ingest(graded, 'alice', 'clear', { reliability: 'A', credibility: 2 });
  const q = (await store.documents.proposals(graded.sha256)).find((x) => x.kind === 'claim')!;
  const changes = await review.accept(q.id, q.version, {}, 'alice');
  await refresh();
  const c2 = (atlas.records.get('org-mss')!.data as { claims: Record<string, unknown>[] }).claims.at(-1)!;
  assert.deepEqual([c2.reliability, c2.credibility], ['A', 2], 'the document’s grade, written on the claim');
  const src = atlas.records.get(changes.find((c) => c.id.startsWith('src-'))!.id)!.data as Record<string, unknown>;
  assert.deepEqual([src.reliability, src.credibility], ['A', 2]);
});

test('issue 23: the metadata given at ingest is stored, shown, and the source made from the document uses it', async () => {
  const doc = textDocument('notice.txt', 'Last year the Ministry of State Security approached researchers at a conference.\n');
  await new Ingester(store, atlas).ingest(doc, 'alice', 'clear', { title: 'A notice on approaches', publisher: 'Ministry of Examples', url: 'https://example.org/notice', date: '2023-04-05', reliability: 'B', credibility: 3 });
  const stored = (await store.documents.get(doc.sha256))!;
  assert.deepEqual([stored.title, stored.publisher, stored.url, stored.date, stored.reliability, stored.credibility], ['A notice on approaches', 'Ministry of Examples', 'https://example.org/notice', '2023-04-05', 'B', 3]);
  const dates = (stored.extraction as { dates: { text: string; value: string | null }[] }).dates;
  assert.deepEqual(dates.map((d) => [d.text, d.value]), [['Last year', '2022']], '"last year" is read against the document’s date');
  const p = (await store.documents.proposals(doc.sha256)).find((x) => x.kind === 'claim')!;
  const changes = await review.accept(p.id, p.version, {}, 'alice');
  await refresh();
  const src = atlas.records.get(changes.find((c) => c.id.startsWith('src-'))!.id)!.data as Record<string, unknown>;
  assert.deepEqual([src.title, src.publisher, src.url, src.published], ['A notice on approaches', 'Ministry of Examples', 'https://example.org/notice', '2023-04-05']);
  assert.deepEqual(checkAtlas(atlas), []);
  const undated = textDocument('undated.txt', 'Last year the Ministry of State Security approached students.\n');
  await new Ingester(store, atlas).ingest(undated, 'alice');
  const d2 = ((await store.documents.get(undated.sha256))!.extraction as { dates: { text: string; value: string | null }[] }).dates;
  assert.deepEqual(d2.map((d) => [d.text, d.value]), [['Last year', null]], 'no date: kept as text, not resolved against 1970 or today');
});

test('issue 23: each mention is proposed once — a new organisation is one proposal however often it is named', async () => {
  const doc = textDocument('northwind.txt', `${CHARGE}Roe worked for Northwind Avionics Corporation in Ohio. The Northwind Avionics Corporation said it cooperated.\n`);
  await new Ingester(store, atlas).ingest(doc, 'alice', 'clear', { reliability: 'B', credibility: 2 });
  const all = await store.documents.proposals(doc.sha256);
  const northwind = all.filter((p) => p.kind !== 'relation' && /Northwind/.test(JSON.stringify(p.data)));
  assert.deepEqual(northwind.map((p) => [p.kind, p.data.name]), [['new-entity', 'Northwind Avionics Corporation']]);
  // "Roe" is the Jane Roe named before: her relation to the company goes by her full name.
  const worksFor = all.filter((p) => p.kind === 'relation' && /Northwind/.test(JSON.stringify(p.data))).map((p) => [(p.data.subject as { text: string }).text, (p.data.object as { text: string }).text]);
  assert.deepEqual(worksFor, [['Jane Roe', 'Northwind Avionics Corporation']]);
  assert.ok(!all.some((p) => p.kind === 'new-entity' && /^\W|\.\s/.test(p.data.name as string)), 'no candidate runs across a sentence’s end');
  const mentions = all.filter((p) => p.kind === 'claim' || p.kind === 'new-entity').map((p) => (p.data.mention as { start: number }).start);
  assert.equal(new Set(mentions).size, mentions.length, 'no mention is proposed twice');
});

test('issue 23: a new organisation is accepted with one relation to an existing entity; screening then shows its chain; undo removes both', async () => {
  const text = 'Northwind Trading, a front company used by the Ministry of State Security, paid the engineer.\n';
  const doc = textDocument('front.txt', text);
  await new Ingester(store, atlas).ingest(doc, 'alice', 'clear', { reliability: 'B', credibility: 2 });
  const cand = (await store.documents.proposals(doc.sha256)).find((p) => p.kind === 'new-entity' && /Northwind Trading/.test(p.data.name as string))!;
  assert.ok(cand, 'Northwind Trading is proposed as a new entity');
  const sentence = text.trim();
  const screenNorthwind = () => screenRow(atlasIndexOf(atlas), { name: 'Northwind Trading', kind: 'organisation' }, 1).matches?.find((m) => m.name === 'Northwind Trading');
  assert.equal(screenNorthwind(), undefined, 'not in the atlas before the decision');

  // The kinds must fit the relation type: a person cannot use an organisation's cover from the object end.
  await assert.rejects(
    review.accept(cand.id, cand.version, { kind: 'organisation', relation_type: 'works-for', related: 'org-mss' }, 'alice'),
    (e) => e instanceof ReviewError && /^'works-for' \(works for\) needs a person as subject and an organisation as object, not Northwind Trading \(an organisation\) works for org-mss \(an organisation\); choose another type or direction$/.test(e.message) && !e.message.includes('\n'),
  );
  await assert.rejects(review.accept(cand.id, cand.version, { relation_type: 'uses-cover-of' }, 'alice'), /choose the entity Northwind Trading is related to first/);
  await assert.rejects(review.accept(cand.id, cand.version, { relation_type: 'uses-cover-of', related: 'org-nothing-here' }, 'alice'), /no entity with id 'org-nothing-here'/);
  await assert.rejects(review.accept(cand.id, cand.version, { related: 'org-mss' }, 'alice'), /choose the relation type/);
  assert.equal((await store.documents.proposal(cand.id))!.status, 'proposed', 'a refused decision changes nothing');

  const changes = await review.accept(cand.id, cand.version, { kind: 'organisation', subtype: 'company', relation_type: 'uses-cover-of', related: 'org-mss', related_is_subject: true, standing: 'alleged' }, 'alice');
  await refresh();
  const created = changes.filter((c) => c.before === null && !c.id.startsWith('src-'));
  assert.equal(created.length, 2, 'the body and the relation');
  const body = created.find((c) => c.id.startsWith('org-'))!;
  const rel = atlas.records.get(created.find((c) => c.id.startsWith('rel-'))!.id)!.data as { type: string; subject: string; object: string; claims: Record<string, unknown>[] };
  assert.deepEqual([rel.type, rel.subject, rel.object], ['uses-cover-of', 'org-mss', body.id]);
  const bodyClaim = (atlas.records.get(body.id)!.data as { claims: Record<string, unknown>[] }).claims[0]!;
  assert.equal(rel.claims.length, 1);
  assert.equal(rel.claims[0]!.quote, sentence, 'the relation quotes the sentence');
  assert.deepEqual(rel.claims[0], bodyClaim, 'with the same source, offsets, standing and grades as the entity’s claim');
  assert.deepEqual([rel.claims[0]!.standing, rel.claims[0]!.reliability, rel.claims[0]!.credibility], ['alleged', 'B', 2]);
  assert.deepEqual(checkAtlas(atlas), [], 'the atlas still validates');

  const m = screenNorthwind();
  assert.ok(m, 'the new body is screened');
  assert.ok(m.links.chain?.some((s) => s.to === 'org-mss'), `a chain to the MSS: ${m.links.statement}`);
  assert.match(m.links.statement, /Ministry of State Security/);

  await review.undo(cand.id, (await store.documents.proposal(cand.id))!.version, 'alice');
  await refresh();
  for (const c of created) assert.ok(!atlas.records.has(c.id), `${c.id} is gone`);
  assert.equal(screenNorthwind(), undefined, 'and screening no longer finds it');
  assert.equal((await store.documents.proposal(cand.id))!.status, 'proposed');
  assert.deepEqual(checkAtlas(atlas), []);
});
