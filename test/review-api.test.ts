/**
 * The review API in server mode: only analysts review, a document above one's clearance does not
 * exist for one, an entity one cannot see cannot be named in a decision, stale decisions are
 * refused, and an accepted claim shows on the entity's page at once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Ingester } from '../src/ingest/ingest.ts';
import { createApp } from '../src/server/app.ts';
import { Views } from '../src/server/views.ts';
import { atlasFromStore } from '../src/store/as-atlas.ts';
import type { Proposal } from '../src/store/documents.ts';
import { Store } from '../src/store/store.ts';
import { corpusDocument } from './helpers/corpus-document.ts';
import { markedAtlas } from './helpers/marked-atlas.ts';

let store: Store;
let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};
const CLEAR_DOC = corpusDocument('08-us-doj-xu-yanjun-2021-convicted.txt');
const AMBER_DOC = corpusDocument('09-us-doj-song-guo-zheng-2021-sentenced.txt');

before(async () => {
  store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-review-api-')), 'g.sqlite'));
  await store.importAtlas(markedAtlas(), 'tests');
  for (const [name, role, clearance] of [['admin', 'admin', 'red'], ['viewer', 'viewer', 'red'], ['green-analyst', 'analyst', 'green'], ['analyst', 'analyst', 'red']] as const) {
    tokens[name] = (await store.accounts.add(name, role, clearance, 'tests')).token;
  }
  const ingester = new Ingester(store, await atlasFromStore(store));
  await ingester.ingest(CLEAR_DOC, 'tests', 'clear', { reliability: 'B', credibility: 2 });
  await ingester.ingest(AMBER_DOC, 'tests', 'amber', { reliability: 'B', credibility: 2 });
  app = createApp(await Views.load(store), { mode: 'server' });
});
after(() => store.close());

async function call(path: string, as: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { error?: string } }> {
  const res = await app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } };
}
const proposals = async (sha: string, as = 'analyst') => (await call(`/api/documents/${sha}`, as)).body.proposals as Proposal[];

test('only analysts review', async () => {
  const r = await call('/api/documents', 'viewer');
  assert.equal(r.status, 403);
  assert.match(r.body.error!, /reviewing ingested documents needs the analyst role/);
});

test('a document above one’s clearance is not listed and is not found', async () => {
  const green = (await call('/api/documents', 'green-analyst')).body.items as { sha256: string }[];
  assert.deepEqual(green.map((d) => d.sha256), [CLEAR_DOC.sha256]);
  const red = (await call('/api/documents', 'analyst')).body.items as { sha256: string }[];
  assert.equal(red.length, 2);
  const hidden = await call(`/api/documents/${AMBER_DOC.sha256}`, 'green-analyst');
  assert.equal(hidden.status, 404);
  const p = (await proposals(AMBER_DOC.sha256))[0]!;
  assert.equal((await call(`/api/proposals/${p.id}/reject`, 'green-analyst', { version: p.version })).status, 404);
});

test('accepting through the API puts the claim on the entity’s page at once; a stale repeat is refused', async () => {
  const p = (await proposals(CLEAR_DOC.sha256)).find((x) => x.kind === 'claim' && x.data.entity_id === 'person-xu-yanjun')!;
  const r = await call(`/api/proposals/${p.id}/accept`, 'green-analyst', { version: p.version, edits: { standing: 'convicted' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'accepted');
  const page = (await call('/api/entities/person-xu-yanjun', 'viewer')).body as { claims: { quote: string; standing: string }[] };
  assert.ok(page.claims.some((c) => c.quote === p.quote && c.standing === 'convicted'));
  const again = await call(`/api/proposals/${p.id}/accept`, 'green-analyst', { version: p.version });
  assert.equal(again.status, 409);
});

test('a decision cannot name an entity above the analyst’s clearance, and bad edits are refused plainly', async () => {
  const cand = (await proposals(CLEAR_DOC.sha256)).find((x) => x.kind === 'new-entity' && x.status === 'proposed')!;
  const hidden = await call(`/api/proposals/${cand.id}/merge`, 'green-analyst', { version: cand.version, into: 'org-zephyr-lantern' });
  const absent = await call(`/api/proposals/${cand.id}/merge`, 'green-analyst', { version: cand.version, into: 'org-nothing-here' });
  assert.equal(hidden.status, 400);
  assert.equal(hidden.body.error, "no entity with id 'org-zephyr-lantern' to merge into");
  assert.equal(absent.body.error, "no entity with id 'org-nothing-here' to merge into", 'hidden reads exactly as absent');
  const bad = await call(`/api/proposals/${cand.id}/accept`, 'green-analyst', { version: cand.version, edits: { standing: 'proven' } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error!, /^edits\.standing: /);
  const unknown = await call(`/api/proposals/${cand.id}/accept`, 'green-analyst', { version: cand.version, edits: { colour: 'red' } });
  assert.equal(unknown.status, 400);
});

test('issue 23: a new entity with one relation — bad types refused plainly, a hidden entity reads as absent, and never named back to those below it', async () => {
  const cand = (await proposals(CLEAR_DOC.sha256)).find((x) => x.kind === 'new-entity' && x.status === 'proposed')!;
  const badType = await call(`/api/proposals/${cand.id}/accept`, 'analyst', { version: cand.version, edits: { relation_type: 'likes', related: 'org-mss' } });
  assert.equal(badType.status, 400);
  assert.match(badType.body.error!, /^edits\.relation_type: /);
  const badFlag = await call(`/api/proposals/${cand.id}/accept`, 'analyst', { version: cand.version, edits: { relation_type: 'uses-cover-of', related: 'org-mss', related_is_subject: 'yes' } });
  assert.equal(badFlag.status, 400);
  const viewer = await call(`/api/proposals/${cand.id}/accept`, 'viewer', { version: cand.version, edits: { relation_type: 'uses-cover-of', related: 'org-mss', related_is_subject: true } });
  assert.equal(viewer.status, 403);
  const hidden = await call(`/api/proposals/${cand.id}/accept`, 'green-analyst', { version: cand.version, edits: { relation_type: 'maintains-ties-with', related: 'org-zephyr-lantern' } });
  const absent = await call(`/api/proposals/${cand.id}/accept`, 'green-analyst', { version: cand.version, edits: { relation_type: 'maintains-ties-with', related: 'org-nothing-here' } });
  assert.equal(hidden.status, 400);
  assert.equal(hidden.body.error, absent.body.error!.replace('org-nothing-here', 'org-zephyr-lantern'), 'hidden reads exactly as absent');
  const mismatch = await call(`/api/proposals/${cand.id}/accept`, 'analyst', { version: cand.version, edits: { kind: 'organisation', relation_type: 'works-for', related: 'org-mss' } });
  assert.equal(mismatch.status, 400);
  assert.match(mismatch.body.error!, /^'works-for' \(works for\) needs a person as subject/);

  // A RED analyst ties the new body to a RED one; a GREEN analyst sees the body's decision without the RED entity.
  const r = await call(`/api/proposals/${cand.id}/accept`, 'analyst', { version: cand.version, edits: { kind: 'organisation', relation_type: 'maintains-ties-with', related: 'org-zephyr-lantern' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((r.body.changes as { id: string }[]).filter((c) => c.id.startsWith('rel-')).length, 1, 'the relation is part of the decision');
  const green = await call(`/api/documents/${CLEAR_DOC.sha256}`, 'green-analyst');
  assert.doesNotMatch(JSON.stringify(green.body), /zephyr|lantern/i);
  const undone = await call(`/api/proposals/${cand.id}/undo`, 'analyst', { version: (r.body as { version: number }).version });
  assert.equal(undone.status, 200, JSON.stringify(undone.body));
  assert.deepEqual(undone.body.changes, []);
});

test('undo through the API restores the entity and reopens the proposal', async () => {
  const done = (await proposals(CLEAR_DOC.sha256)).find((x) => x.status === 'accepted')!;
  const quoted = async () => ((await call('/api/entities/person-xu-yanjun', 'viewer')).body as { claims: { quote: string }[] }).claims.filter((c) => c.quote === done.quote).length;
  const before = await quoted();
  assert.ok(before >= 1);
  const r = await call(`/api/proposals/${done.id}/undo`, 'analyst', { version: done.version });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'proposed');
  assert.equal(await quoted(), before - 1);
});

test('a decision into a RED record leaves no trace for a GREEN analyst: not in the document, not in the audit log', async () => {
  tokens['amber-admin'] = (await store.accounts.add('amber-admin', 'admin', 'amber', 'tests')).token;
  const p = (await proposals(CLEAR_DOC.sha256)).find((x) => x.kind === 'claim' && x.status === 'proposed')!;
  const r = await call(`/api/proposals/${p.id}/accept`, 'analyst', { version: p.version, edits: { entity_id: 'org-zephyr-lantern', standing: 'reported' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const green = await call(`/api/documents/${CLEAR_DOC.sha256}`, 'green-analyst');
  assert.doesNotMatch(JSON.stringify(green.body), /zephyr|lantern/i);
  assert.ok(!JSON.stringify(green.body).includes('"before"'), 'a decision never shows what a record held before');
  const audit = await call('/api/audit?limit=1000', 'amber-admin');
  assert.doesNotMatch(JSON.stringify(audit.body), /zephyr|lantern/i);
  assert.match(JSON.stringify((await call(`/api/documents/${CLEAR_DOC.sha256}`, 'analyst')).body), /org-zephyr-lantern/, 'the RED analyst sees it');
});
