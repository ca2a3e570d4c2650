/**
 * Adding by hand what extraction missed (issue 17): an analyst makes an ingested document a source
 * with its licence and grades, then creates records — a person, a case — whose claims give only
 * the quote; the offsets are found in the source, and every rule of `greyzone validate` applies.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { sliceCodePoints } from '../src/atlas/text.ts';
import { Ingester } from '../src/ingest/ingest.ts';
import { createApp } from '../src/server/app.ts';
import { Views } from '../src/server/views.ts';
import { atlasFromStore } from '../src/store/as-atlas.ts';
import { Store } from '../src/store/store.ts';
import { corpusDocument } from './helpers/corpus-document.ts';

let store: Store;
let views: Views;
let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};
const DOC = corpusDocument('08-us-doj-xu-yanjun-2021-convicted.txt');

before(async () => {
  store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-record-api-')), 'g.sqlite'));
  await store.importAtlas(loadAtlas(BUNDLED_ATLAS).atlas, 'tests');
  for (const [name, role] of [['viewer', 'viewer'], ['analyst', 'analyst']] as const) tokens[name] = (await store.accounts.add(name, role, 'red', 'tests')).token;
  await new Ingester(store, await atlasFromStore(store)).ingest(DOC, 'tests', 'clear');
  views = await Views.load(store);
  app = createApp(views, { mode: 'server' });
});
after(() => store.close());

async function call(method: string, path: string, as: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { error?: string } }> {
  const res = await app.request(`/api${path}`, { method, headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } };
}

let source = '';
const META = { licence: 'US government work, public domain', publisher: 'U.S. Department of Justice', reliability: 'A', credibility: 2 };

test('a document becomes a source with what the analyst says of it, once', async () => {
  assert.equal((await call('POST', `/documents/${DOC.sha256}/source`, 'viewer', META)).status, 403);
  assert.equal((await call('POST', '/documents/0000/source', 'analyst', META)).status, 404);
  const bad = await call('POST', `/documents/${DOC.sha256}/source`, 'analyst', { ...META, reliability: 'Z' });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error!, /^reliability: /);
  const r = await call('POST', `/documents/${DOC.sha256}/source`, 'analyst', META);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  source = String(r.body.source);
  const rec = views.atlas.records.get(source)!.data as Record<string, unknown>;
  assert.equal(rec.licence, META.licence);
  assert.equal(rec.reliability, 'A');
  assert.equal(views.atlas.texts.get(source), DOC.text, 'the text carried is the document’s');
  const again = await call('POST', `/documents/${DOC.sha256}/source`, 'analyst', META);
  assert.equal(again.status, 409);
  assert.match(again.body.error!, /already the source/);
});

test('a record is created from quotes alone: offsets found, id given a hash, every rule applied', async () => {
  const quote = 'A federal jury today convicted Yanjun Xu';
  const person = { id: 'person-example-juror', names: [{ text: 'Example Juror', type: 'primary' }], claims: [{ source, quote, standing: 'reported' }] };
  assert.equal((await call('POST', '/entities', 'viewer', { kind: 'person', record: person })).status, 403);
  const r = await call('POST', '/entities', 'analyst', { kind: 'person', record: person });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = String(r.body.id);
  assert.match(id, /^person-example-juror-[0-9a-f]{6}$/);
  const claim = (views.atlas.records.get(id)!.data as { claims: { start: number; end: number; quote: string }[] }).claims[0]!;
  assert.equal(sliceCodePoints(views.atlas.texts.get(source)!, claim.start, claim.end), quote);

  const wrongPrefix = await call('POST', '/entities', 'analyst', { kind: 'person', record: { ...person, id: 'org-example' } });
  assert.equal(wrongPrefix.status, 400);
  assert.match(wrongPrefix.body.error!, /starts with 'person-'/);
  const notThere = await call('POST', '/entities', 'analyst', { kind: 'person', record: { ...person, names: [{ text: 'Someone Else', type: 'primary' }], claims: [{ source, quote: 'words the release never says', standing: 'reported' }] } });
  assert.equal(notThere.status, 400);
  assert.match(notThere.body.error!, /quote/);
  const marked = await call('POST', '/entities', 'analyst', { kind: 'person', record: { ...person, names: [{ text: 'Marked Person', type: 'primary' }], tlp: 'amber' } });
  assert.equal(marked.status, 403);
  assert.equal((await call('POST', '/entities', 'analyst', { kind: 'source', record: { id: 'src-x' } })).status, 400);
});

test('a case created by hand cannot give a person a standing its claims do not support', async () => {
  const kase = (standing: string) => ({
    id: 'case-example',
    title: 'Example',
    summary: 'An example case.',
    date: '2021-11',
    countries: [],
    events: [{ date: '2021-11-05', type: 'conviction', person: 'person-xu-yanjun', description: 'Convicted by a jury.', claims: [{ source, quote: 'A federal jury today convicted Yanjun Xu', standing: 'convicted' }] }],
    people: [{ person: 'person-xu-yanjun', role: 'defendant', standing, claims: [{ source, quote: 'A federal jury today convicted Yanjun Xu', standing: 'charged' }] }],
    outcome: { text: 'Convicted.', claims: [{ source, quote: 'A federal jury today convicted Yanjun Xu', standing: 'convicted' }] },
    claims: [{ source, quote: 'A federal jury today convicted Yanjun Xu', standing: 'reported' }],
  });
  const higher = await call('POST', '/entities', 'analyst', { kind: 'case', record: kase('convicted') });
  assert.equal(higher.status, 400);
  assert.match(higher.body.error!, /standing/);
  const ok = await call('POST', '/entities', 'analyst', { kind: 'case', record: kase('charged') });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
});

test('an edit’s new claim needs only its quote', async () => {
  const data = structuredClone(views.atlas.records.get('person-xu-yanjun')!.data) as { claims: Record<string, unknown>[] };
  data.claims.push({ source, quote: 'A federal jury  today convicted\nYanjun Xu', standing: 'convicted' });
  const r = await call('PUT', '/entities/person-xu-yanjun', 'analyst', { version: views.version('person-xu-yanjun'), record: data });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const added = (views.atlas.records.get('person-xu-yanjun')!.data as { claims: { source: string; quote: string; start: number }[] }).claims.find((c) => c.source === source)!;
  assert.equal(added.quote, 'A federal jury today convicted Yanjun Xu', 'white space taken from the source');
  assert.equal(typeof added.start, 'number');
});
