/**
 * Watchlists through the API of an in-process team server on SQLite: lists and alerts per
 * clearance (a GREEN list learns nothing of a RED change — no alert, count, time or delivery),
 * signed webhook deliveries to a receiver on loopback with retries, refused addresses, who may
 * remove what, and the audit log.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import type { Name } from '../src/model/name.ts';
import { createApp } from '../src/server/app.ts';
import { Views } from '../src/server/views.ts';
import { Store } from '../src/store/store.ts';
import { deliverDue, webhookSignature } from '../src/watch/webhook.ts';
import { apiCaller, json, type Body } from './helpers/api-call.ts';
import { aliased, withoutAliases } from './helpers/watch-aliases.ts';

const bundled = loadAtlas(BUNDLED_ATLAS).atlas;
const [first, second] = aliased(bundled);
let store: Store;
let views: Views;
let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};
const call = apiCaller(() => app, tokens);

/** A receiver on loopback: answers each POST with the next status of `answers` (then 200), and keeps what it got. */
const received: { headers: IncomingMessage['headers']; body: string; status: number }[] = [];
const answers: number[] = [];
let receiver: Server;
let receiverUrl: string;

before(async () => {
  assert.ok(first && second, 'two entities with an alias that alone makes a hit');
  store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-watch-api-')), 'g.sqlite'));
  await store.importAtlas(withoutAliases(bundled, [first, second]), 'tests');
  for (const [name, role, clearance] of [
    ['admin', 'admin', 'red'],
    ['gina', 'viewer', 'green'],
    ['gary', 'viewer', 'green'],
    ['rob', 'analyst', 'red'],
  ] as const) {
    tokens[name] = (await store.accounts.add(name, role, clearance, 'tests')).token;
  }
  views = await Views.load(store);
  app = createApp(views, { mode: 'server' });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const status = answers.shift() ?? 200;
      received.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/greyzone`;
});
after(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await store.close();
});

/** The two lists' ids, known once they are added. */
let G = '';
let R = '';

const LIST = () => `name,affiliation\n${first!.alias.text},\n${second!.alias.text},\nMinistry of State Security,\nAnna Nowak,\n`;
const upload = (as: string, name: string, text: string, query = '') => call(`/api/watchlists?name=${encodeURIComponent(name)}${query}`, as, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: text });

/** Puts an entity's alias back through the API, its claims marked `tlp` when given (an admin's edit). */
async function addAlias(as: string, c: typeof first, tlp?: string): Promise<void> {
  const rec = views.atlas.records.get(c!.id)!;
  const data = rec.data as { names: Name[] };
  const alias = tlp ? { ...c!.alias, claims: c!.alias.claims!.map((cl) => ({ ...cl, tlp })) } : c!.alias;
  const { body } = await call(`/api/entities/${c!.id}`, as);
  const r = await call(`/api/entities/${c!.id}`, as, json('PUT', { version: body.version, record: { ...data, names: [...data.names, alias] } }));
  assert.equal(r.status, 200, r.body.error);
}

/** Everything a GREEN reader can learn of watchlists and alerts. */
const greenSees = async () => ({
  lists: (await call('/api/watchlists', 'gina')).body,
  list: (await call(`/api/watchlists/${G}`, 'gina')).body,
  alerts: (await call('/api/alerts', 'gina')).body,
  count: (await call('/api/alerts/count', 'gina')).body,
});

test('a list is added from a CSV and screened at once; each reader sees the lists their clearance covers', async () => {
  const g = await upload('gina', 'Green partners', LIST());
  assert.equal(g.status, 201, g.body.error);
  G = String(g.body.id);
  assert.match(G, /^green-partners-[0-9a-f]{6}$/, 'the id is the name and a random part');
  assert.equal(g.body.clearance, 'green');
  assert.equal(g.body.owner, 'gina');
  assert.equal(g.body.row_count, 4);
  const r = await upload('rob', 'Red partners', LIST());
  assert.equal(r.status, 201);
  R = String(r.body.id);
  assert.equal(r.body.clearance, 'red');
  assert.deepEqual(((await call('/api/watchlists', 'gina')).body.items as Body[]).map((w) => w.name), ['Green partners']);
  assert.deepEqual(((await call('/api/watchlists', 'rob')).body.items as Body[]).map((w) => w.name), ['Green partners', 'Red partners']);
  assert.equal((await call(`/api/watchlists/${R}`, 'gina')).status, 404, 'a list above the clearance is not found, not forbidden');
  const page = await call(`/api/watchlists/${G}`, 'gina');
  const rows = page.body.rows as { row: number; cells: { name: string }; result: { alert: boolean; matches: { id: string }[] } }[];
  assert.equal(rows.length, 4);
  assert.equal(rows.find((x) => x.cells.name === 'Ministry of State Security')!.result.alert, true);
});

test('bad input gets one line and adds nothing: no name, no name column, too high a clearance, a name taken, not UTF-8', async () => {
  const before = (await call('/api/watchlists', 'admin')).body;
  const cases: [string, Promise<{ status: number; body: Body }>, RegExp][] = [
    ['no list name', call('/api/watchlists?name=', 'gina', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'name\nA\n' }), /name/],
    ['no name column', upload('gina', 'X', 'who\nA\n'), /no 'name' column/],
    ['only a header', upload('gina', 'X', 'name\n'), /no rows/],
    ['above the owner', upload('gina', 'X', 'name\nA\n', '&clearance=red'), /at most its owner/],
    ['taken', upload('gina', 'Green partners', 'name\nA\n'), /exists already/],
    ['latin-1', call('/api/watchlists?name=X', 'gina', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: Buffer.from('name\nJos\xe9\n', 'latin1') }), /UTF-8/],
  ];
  for (const [what, answer, message] of cases) {
    const r = await answer;
    assert.equal(r.status, 400, what);
    assert.match(r.body.error ?? '', message, what);
    assert.ok(!String(r.body.error).includes('\n'), `${what}: one line`);
  }
  assert.deepEqual((await call('/api/watchlists', 'admin')).body, before);
});

test('webhook addresses that are not http(s), or are link-local or metadata addresses, are refused; setting one needs an admin', async () => {
  for (const url of ['ftp://example.org/x', 'http://169.254.169.254/latest/meta-data', 'http://[fe80::1]/', 'http://metadata.google.internal/computeMetadata', 'http://[::ffff:169.254.169.254]/', 'http://100.100.100.200/', 'http://[::169.254.169.254]/', 'http://[64:ff9b::a9fe:a9fe]/', 'http://2852039166/', 'http://0251.0376.0251.0376/', 'not a url', 'http://user:pw@example.org/']) {
    const r = await call(`/api/watchlists/${G}/webhook`, 'admin', json('PUT', { url }));
    assert.equal(r.status, 400, url);
    assert.ok(r.body.error && !r.body.error.includes('\n'), url);
  }
  assert.equal((await call(`/api/watchlists/${G}/webhook`, 'gina', json('PUT', { url: receiverUrl }))).status, 403);
  const set = await call(`/api/watchlists/${G}/webhook`, 'admin', json('PUT', { url: receiverUrl }));
  assert.equal(set.status, 200);
  assert.match(String(set.body.secret), /^[\w-]{40,}$/);
  secret = String(set.body.secret);
  const seen = (await call(`/api/watchlists/${G}`, 'gina')).body.watchlist as { webhook: { url: string } };
  assert.equal(seen.webhook.url, new URL(receiverUrl).origin, 'a non-admin sees where alerts go, not the whole address');
});
let secret = '';

test('a RED change: a GREEN list learns nothing — no alert, no count, no time, no delivery — while the RED list is alerted', async () => {
  const before = await greenSees();
  await addAlias('admin', first, 'red');
  const redAlerts = (await call(`/api/alerts?watchlist=${R}`, 'rob')).body.items as Body[];
  assert.deepEqual(redAlerts.map((a) => [a.entity, a.change]), [[first!.id, 'new']]);
  assert.deepEqual(await greenSees(), before);
  assert.equal(received.length, 0, 'nothing was sent for the GREEN list');
});

test('a CLEAR change alerts the GREEN list; the delivery is signed, retried after a failure, and its failure visible meanwhile', async () => {
  answers.push(500);
  await addAlias('rob', second);
  const alerts = (await call(`/api/alerts?watchlist=${G}&status=new`, 'gina')).body.items as Body[];
  assert.deepEqual(alerts.map((a) => [a.entity, a.change, a.query]), [[second!.id, 'new', second!.alias.text]]);
  assert.ok((alerts[0]!.claims as { quote: string }[]).some((c) => second!.alias.claims!.some((k) => k.quote === c.quote)), 'with the claim that caused it');
  assert.equal((await call('/api/alerts/count', 'gina')).body.new, 1);
  // The first delivery was tried at once (beside the re-screening, not in its way), and refused by the receiver.
  await views.delivering;
  assert.equal(received.length, 1);
  const hook = () => call(`/api/watchlists/${G}`, 'admin').then((r) => (r.body.watchlist as { webhook: Body }).webhook);
  assert.deepEqual([(await hook()).pending, (await hook()).last_error], [1, 'the receiver answered 500']);
  // Its retry is due after the back-off.
  assert.equal(await deliverDue(store.watchlists, { now: () => new Date() }), 0, 'not yet due');
  assert.equal(await deliverDue(store.watchlists, { now: () => new Date(Date.now() + 3600_000) }), 1);
  assert.equal(received.length, 2);
  assert.deepEqual([(await hook()).pending, (await hook()).delivered], [0, 1]);
  const got = received[1]!;
  const stamp = String(got.headers['x-greyzone-timestamp']);
  assert.equal(got.headers['x-greyzone-signature'], `sha256=${webhookSignature(secret, stamp, got.body)}`, 'signed with the secret');
  assert.notEqual(got.headers['x-greyzone-signature'], `sha256=${webhookSignature('another secret', stamp, got.body)}`);
  const body = JSON.parse(got.body) as { watchlist: { name: string }; alerts: Body[] };
  assert.equal(body.watchlist.name, 'Green partners');
  assert.deepEqual(body.alerts.map((a) => a.entity), [second!.id]);
});

test('acknowledging is audited; a list is re-screened whole or removed by its owner or an admin only', async () => {
  const ack = await call(`/api/watchlists/${G}/alerts/1/acknowledge`, 'gina', { method: 'POST' });
  assert.equal(ack.status, 200);
  assert.equal(ack.body.status, 'acknowledged');
  assert.equal((await call('/api/alerts/count', 'gina')).body.new, 0);
  assert.equal((await call(`/api/watchlists/${G}/alerts/9/acknowledge`, 'gina', { method: 'POST' })).status, 404);
  const audit = (await call('/api/audit', 'admin')).body.items as Body[];
  for (const action of ['watchlist.add', 'watchlist.webhook', 'alert.acknowledge']) assert.ok(audit.some((e) => e.action === action), action);
  const again = await call(`/api/watchlists/${G}/rescreen`, 'gina', { method: 'POST' });
  assert.deepEqual([again.status, again.body], [200, { rows: 4, alerts: 0 }], 'screening every row again finds nothing the catch-up missed');
  assert.equal((await call(`/api/watchlists/${G}/rescreen`, 'gary', { method: 'POST' })).status, 403);
  assert.equal((await call(`/api/watchlists/${G}`, 'gary', { method: 'DELETE' })).status, 403);
  assert.equal((await call(`/api/watchlists/${R}`, 'gina', { method: 'DELETE' })).status, 404);
  assert.equal((await call(`/api/watchlists/${G}`, 'gina', { method: 'DELETE' })).status, 200);
  assert.deepEqual((await call('/api/watchlists', 'gina')).body.items, []);
  // A name taken by a list above one's clearance is not told; a reader who sees both names them by id.
  const same = await upload('gina', 'Red partners', LIST());
  assert.equal(same.status, 201, 'a GREEN reader is not told that a RED list has this name');
  const ambiguous = await call(`/api/watchlists/${encodeURIComponent('Red partners')}`, 'rob');
  assert.equal(ambiguous.status, 400);
  assert.match(String(ambiguous.body.error), /^2 watchlists are named 'Red partners'; name one by its id/);
  assert.ok(((await call('/api/audit', 'admin')).body.items as Body[]).some((e) => e.action === 'watchlist.remove' && e.target === 'Green partners'));
});
