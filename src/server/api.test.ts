/**
 * Every API route, in-process (Hono's app.request), on a store loaded with the bundled atlas:
 * what a user gets, and the 4xx with a clear message for what is wrong.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../atlas/load.ts';
import { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { Views } from './views.ts';

let store: Store;
let app: ReturnType<typeof createApp>;

before(async () => {
  store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-api-')), 'g.sqlite'));
  await store.importAtlas(loadAtlas(BUNDLED_ATLAS).atlas, 'tests');
  app = createApp(await Views.load(store), { mode: 'embedded' });
});
after(() => store.close());

async function get(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> & { error?: string } }> {
  const res = await app.request(path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } };
}

const expectError = async (path: string, status: number, message: RegExp, init?: RequestInit) => {
  const r = await get(path, init);
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.match(r.body.error ?? '', message);
  assert.doesNotMatch(JSON.stringify(r.body), /at .*\.ts:\d+/, 'no stack trace');
};

test('GET /api/openapi.json describes every route', async () => {
  const r = await get('/api/openapi.json');
  const paths = Object.keys(r.body.paths as object);
  for (const p of ['/entities', '/entities/{id}', '/relations', '/claims', '/sources/{id}', '/matrix', '/cases', '/search', '/graph', '/graph/drawing', '/export/graph', '/neighbourhood/{id}', '/path', '/screen/name', '/screen/names']) {
    assert.ok(paths.includes(p), p);
  }
});

test('GET /api/entities lists records of a kind', async () => {
  const r = await get('/api/entities?kind=organisation&limit=5');
  assert.equal((r.body.items as unknown[]).length, 5);
  assert.ok((r.body.total as number) > 30);
  await expectError('/api/entities?kind=spaceship', 400, /^kind: /);
  await expectError('/api/entities?limit=0', 400, /^limit: /);
  await expectError('/api/entities?limit=abc', 400, /^limit: /);
});

test('GET /api/entities/{id} gives the record view with claims', async () => {
  const r = await get('/api/entities/org-idcpc');
  assert.equal(r.body.name, 'International Department of the Communist Party of China');
  assert.ok((r.body.claims as unknown[]).length > 0);
  await expectError('/api/entities/org-nowhere', 404, /^no record with id 'org-nowhere'$/);
});

test('GET /api/relations filters by type and ends', async () => {
  const r = await get('/api/relations?type=part-of&object=org-mss');
  const items = r.body.items as { subject: string }[];
  assert.ok(items.some((x) => x.subject === 'org-jiangsu-ssd'));
  await expectError('/api/relations?type=loves', 400, /^type: /);
});

test('GET /api/claims by record and about an entity', async () => {
  assert.ok(((await get('/api/claims?record=case-xu-yanjun')).body.items as unknown[]).length > 5);
  assert.ok(((await get('/api/claims?about=person-hu-ji')).body.items as unknown[]).length > 0);
  await expectError('/api/claims', 400, /^give record or about$/);
});

test('GET /api/sources/{id} gives the text and the claims quoting it', async () => {
  const r = await get('/api/sources/src-lt-nta-2024-china');
  assert.match(r.body.text as string, /^China collects information/);
  assert.ok((r.body.claims as unknown[]).length > 100);
  await expectError('/api/sources/org-mss', 404, /^no source with id 'org-mss'$/);
});

test('GET /api/matrix marks the techniques of a case', async () => {
  const r = await get('/api/matrix?case=case-tarmo-kouts');
  const cells = (r.body.columns as { techniques: { id: string; selected?: boolean; subtechniques: { id: string; selected?: boolean }[] }[] }[]).flatMap((c) => c.techniques.flatMap((t) => [t, ...t.subtechniques]));
  assert.ok(cells.some((t) => t.id === 'GZT0003.001' && t.selected));
  assert.ok(cells.some((t) => t.id === 'GZT0009' && t.selected === false));
  await expectError('/api/matrix?case=case-nowhere', 404, /^no case with id 'case-nowhere'$/);
});

test('GET /api/cases lists every case with how it ended for each person, and its events', async () => {
  const r = await get('/api/cases');
  assert.equal(r.body.total, recordsOf(loadAtlas(BUNDLED_ATLAS).atlas, 'case').length);
  const hu = (r.body.items as { title: string; people: { name: string; standing: string }[]; outcome: string; events: unknown[] }[]).find((c) => c.title.startsWith('Anming Hu'))!;
  assert.deepEqual(hu.people.map((p) => [p.name, p.standing]), [['Anming Hu', 'acquitted']]);
  assert.match(hu.outcome, /acquit/i);
  assert.ok(hu.events.length > 0);
});

test('GET /api/search finds the MSS by characters and by pinyin', async () => {
  for (const q of ['国家安全部', 'guojia anquanbu', '國家安全部']) {
    const r = await get(`/api/search?q=${encodeURIComponent(q)}`);
    assert.equal((r.body.names as { id: string }[])[0]?.id, 'org-mss', q);
  }
  await expectError('/api/search?q=', 400, /^q: the search text is empty$/);
  await expectError(`/api/search?q=${'x'.repeat(400)}`, 400, /longer than 300/);
});

test('GET /api/graph gives the system view with its groups', async () => {
  const r = await get('/api/graph');
  const nodes = r.body.nodes as { id: string; group: string }[];
  for (const id of ['org-mss', 'org-ufwd', 'org-idcpc']) assert.equal(nodes.find((n) => n.id === id)?.group, 'services', id);
  assert.ok((r.body.groups as unknown[]).length >= 7);
});

test('GET /api/neighbourhood/{id} to a depth, filtered', async () => {
  const one = await get('/api/neighbourhood/org-jiangsu-ssd?depth=1');
  const two = await get('/api/neighbourhood/org-jiangsu-ssd?depth=2');
  assert.ok((two.body.nodes as unknown[]).length > (one.body.nodes as unknown[]).length);
  const people = await get('/api/neighbourhood/org-mss?depth=1&kinds=person');
  assert.ok((people.body.nodes as { kind: string; id: string }[]).every((n) => n.kind === 'person' || n.id === 'org-mss'));
  await expectError('/api/neighbourhood/org-mss?depth=9', 400, /^depth: depth is at most 4$/);
  await expectError('/api/neighbourhood/org-mss?kinds=dragon', 400, /^unknown kind 'dragon'$/);
  await expectError('/api/neighbourhood/org-mss?types=loves', 400, /^unknown relation type 'loves'$/);
  await expectError('/api/neighbourhood/org-nowhere', 404, /^no record with id 'org-nowhere'$/);
});

test('GET /api/path joins two entities by the shortest chain', async () => {
  const r = await get('/api/path?from=person-xu-yanjun&to=org-mss');
  assert.equal((r.body.edges as unknown[]).length, 1);
  await expectError('/api/path?from=person-xu-yanjun', 400, /^to: /);
  await expectError('/api/path?from=org-mss&to=org-nowhere', 404, /^no record with id 'org-nowhere'$/);
});

test('GET /api/screen/name screens one name, with reasons and links', async () => {
  const r = await get(`/api/screen/name?name=${encodeURIComponent('XU Yan-jun')}&kind=person`);
  const m = (r.body.matches as { id: string; links: { chain: unknown[] } }[])[0]!;
  assert.equal(m.id, 'person-xu-yanjun');
  assert.ok(m.links.chain.length > 0);
  await expectError('/api/screen/name?name=MSS&threshold=2', 400, /^threshold: /);
});

test('POST /api/screen/names screens a batch; bad rows are reported per row', async () => {
  const r = await get('/api/screen/names', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: [{ name: 'UFWD' }, { name: '' }, { name: 'MSS', kind: 'alien' }] }) });
  const results = r.body.results as { matches?: { id: string }[]; error?: string; warnings?: string[] }[];
  assert.equal(results[0]!.matches![0]!.id, 'org-ufwd');
  assert.equal(results[1]!.error, 'the name is empty');
  assert.match(results[2]!.warnings![0]!, /^kind must be person or organisation, not 'alien'; screened as either/);
  assert.equal(results[2]!.matches![0]!.id, 'org-mss');
});

test('POST /api/screen/csv screens an uploaded CSV, and refuses one without a name column', async () => {
  const r = await get('/api/screen/csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'id,name\nA,United Front Work Department\nB,\n' });
  const results = r.body.results as { id: string; matches?: { id: string }[]; error?: string }[];
  assert.equal(results[0]!.matches![0]!.id, 'org-ufwd');
  assert.equal(results[1]!.error, 'the name is empty');
  await expectError('/api/screen/csv', 400, /^the CSV has no 'name' column/, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'who\nx\n' });
  await expectError('/api/screen/csv', 400, /not valid UTF-8/, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: Buffer.from('name\nK\xf5uts\n', 'latin1') });
});

test('POST /api/screen/csv?format=csv answers a report: every row, its own columns first, then its best match', async () => {
  const res = await app.request('/api/screen/csv?format=csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'ref;name;country\nA;United Front Work Department;China\nB;Jane Roe;\n' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/csv/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark, for spreadsheets');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('ref,name,country,screened_row,alert,match_id'), text.slice(0, 80));
  const rows = text.trim().split('\n');
  assert.equal(rows.length, 3);
  assert.match(rows[1]!, /^A,United Front Work Department,China,1,yes,org-ufwd,/);
  assert.match(rows[2]!, /^B,Jane Roe,,2,no,/);
});

test('POST /api/screen/approach assesses a description', async () => {
  const r = await get('/api/screen/approach', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Police visited my parents at home and told them I must come back, or there would be consequences.' }) });
  assert.equal((r.body.risk as { level: string }).level, 'high');
  assert.ok((r.body.techniques as { id: string }[]).some((t) => t.id === 'GZT0011'));
  await expectError('/api/screen/approach', 400, /^the description is empty$/, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '' }) });
  await expectError('/api/screen/approach', 400, /^channel: /, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x', channel: 'pigeon' }) });
});

test('hostile requests are refused cleanly', async () => {
  await expectError('/api/screen/names', 400, /./, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rows": [' });
  await expectError('/api/screen/names', 400, /^rows: /, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rows": []}' });
  await expectError('/api/screen/names', 413, /larger than/, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: [{ name: 'x'.repeat(6 * 1024 * 1024) }] }) });
  await expectError("/api/entities/org-mss'%20OR%201=1--", 404, /^no record with id/);
  await expectError('/api/sources/..%2F..%2Fetc%2Fpasswd', 404, /^no source with id/);
  await expectError('/api/nothing-here', 404, /^no such API route/);
});

test('every response carries a strict Content Security Policy', async () => {
  const res = await app.request('/api/cases');
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'; script-src 'self'/);
});
