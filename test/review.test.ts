/**
 * Ingestion to reviewed claims, on both stores' shared code path (SQLite here): a corpus document
 * stored as a draft with its proposals; accept, edit, reject, merge and undo; what reaches the atlas
 * passes every rule of `greyzone validate`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkAtlas } from '../src/atlas/checks.ts';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from '../src/atlas/load.ts';
import { Ingester } from '../src/ingest/ingest.ts';
import { ProposalConflict, Review, ReviewError } from '../src/ingest/review.ts';
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
  const first = await ingester.ingest(DOC, 'alice');
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
  await review.accept(p.id, p.version, {}, 'alice');
  await refresh();
  const mss = atlas.records.get('org-mss')!.data as { claims: { quote: string; note?: string }[] };
  assert.equal(mss.claims.at(-1)!.note, 'page 2 of notice.pdf');
  assert.match(mss.claims.at(-1)!.quote, /Ministry of State Security recruited an engineer/);
});
