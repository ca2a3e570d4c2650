/**
 * Server mode, in-process, on a SQLite store holding the bundled atlas plus TLP:RED additions:
 * signing in, roles, clearances on every route (no trace of what a clearance does not cover),
 * edits with versions, the audit log, rate limits and hostile requests.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../src/server/app.ts';
import { Views } from '../src/server/views.ts';
import { Store } from '../src/store/store.ts';
import { apiCaller, json, type Body } from './helpers/api-call.ts';
import { ATLAS_COLLECTION, collectionId } from '../src/interop/taxii.ts';
import { markedAtlas, RED_MARKERS } from './helpers/marked-atlas.ts';

let store: Store;
let views: Views;
let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};

before(async () => {
  store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-server-')), 'g.sqlite'));
  await store.importAtlas(markedAtlas(), 'tests');
  for (const [name, role, clearance] of [
    ['admin', 'admin', 'red'],
    ['amber-admin', 'admin', 'amber'],
    ['analyst', 'analyst', 'red'],
    ['green-analyst', 'analyst', 'green'],
    ['viewer', 'viewer', 'green'],
    ['red-viewer', 'viewer', 'red'],
    ['leaver', 'viewer', 'red'],
  ] as const) {
    tokens[name] = (await store.accounts.add(name, role, clearance, 'tests')).token;
  }
  await store.accounts.revoke('leaver', 'tests');
  views = await Views.load(store);
  app = createApp(views, { mode: 'server' });
});
after(() => store.close());

const call = apiCaller(() => app, tokens);

describe('signing in', () => {
  test('without a token every API route answers 401, except asking who one is', async () => {
    for (const path of ['/api/entities', '/api/graph', '/api/search?q=MSS', '/api/screen/name?name=x', '/api/audit']) {
      const r = await call(path, undefined);
      assert.equal(r.status, 401, path);
      assert.match(r.body.error ?? '', /^sign in first/);
    }
    const who = await call('/api/session', undefined);
    assert.deepEqual(who.body, { mode: 'server', account: null });
  });

  test('HTTP Basic with the account’s name and its token as password signs in, as TAXII clients and Navigator send it; another name does not', async () => {
    const basic = (name: string, token: string) => ({ headers: { authorization: `Basic ${Buffer.from(`${name}:${token}`).toString('base64')}` } });
    assert.equal((await app.request('/api/navigator/layers/all.json')).status, 401, 'a team server asks Navigator to sign in too');
    const ok = await app.request('/api/navigator/layers/all.json', basic('viewer', tokens.viewer!));
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), '*');
    assert.equal((await app.request('/api/entities', basic('viewer', tokens.viewer!))).status, 200);
    for (const [name, token] of [['red-viewer', tokens.viewer!], ['viewer', 'not-a-token'], ['', tokens.viewer!]] as const) {
      const r = await app.request('/api/entities', basic(name, token));
      assert.equal(r.status, 401, `${name}:${token.slice(0, 6)}`);
    }
  });

  test('a wrong, malformed, revoked or borrowed token is refused the same way', async () => {
    const [, bobId] = tokens.viewer!.split('_');
    const aliceSecret = tokens.analyst!.split('_').slice(2).join('_');
    for (const bad of [`gz_${bobId}_${aliceSecret}`, 'gz_000000000000_' + 'A'.repeat(32), "' OR 1=1 --", tokens.leaver!]) {
      const r = await call('/api/entities', bad);
      assert.equal(r.status, 401, bad);
      assert.match(r.body.error ?? '', /not valid/);
    }
  });

  test('the web app signs in with a token, gets a strict session cookie, and signs out', async () => {
    const r = await call('/api/session', undefined, json('POST', { token: tokens.viewer }));
    assert.equal(r.status, 200, r.text);
    const cookie = r.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^gz_session=gz_[0-9a-f]{12}_/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    assert.notEqual(session.split('=')[1], tokens.viewer, 'the session is a token of its own');
    const me = await call('/api/session', undefined, { headers: { cookie: session } });
    assert.deepEqual(me.body.account, { name: 'viewer', role: 'viewer', clearance: 'green' });
    assert.equal((await call('/api/entities', undefined, { headers: { cookie: session } })).status, 200);
    assert.equal((await call('/api/session', undefined, { method: 'DELETE', headers: { cookie: session } })).status, 403, 'a cookie alone does not sign out: the browser also says where the request comes from');
    const origin = 'http://localhost'; // app.request's own origin
    assert.equal((await call('/api/session', undefined, { method: 'DELETE', headers: { cookie: session, origin } })).status, 200);
    assert.equal((await call('/api/entities', undefined, { headers: { cookie: session } })).status, 401, 'ended sessions stop working');
    assert.equal((await call('/api/session', undefined, json('POST', { token: 'gz_000000000000_' + 'B'.repeat(32) }))).status, 401);
  });

  test('a cross-site form post is refused', async () => {
    const r = await call('/api/session', undefined, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x' });
    assert.equal(r.status, 403);
    assert.equal(r.body.error, 'a request from another site is refused');
  });
});

describe('a RED claim leaves no trace below RED clearance', () => {
  // Each route as a viewer cleared to GREEN must show nothing of the RED additions; the same route
  // for a RED viewer must show them, which proves each request can reach them at all.
  const routes: [string, RequestInit?][] = [
    ['/api/entities'],
    ['/api/entities?kind=organisation&limit=1000'],
    ['/api/entities?kind=source&limit=1000'],
    ['/api/entities?kind=relation&limit=1000'],
    ['/api/entities/org-mss'],
    ['/api/entities/person-christine-lee'],
    ['/api/relations'],
    ['/api/relations?subject=org-mss'],
    ['/api/claims?about=org-mss'],
    ['/api/claims?record=org-mss'],
    ['/api/graph'],
    ['/api/neighbourhood/org-mss?depth=2'],
    ['/api/neighbourhood/person-christine-lee?depth=1'],
    ['/api/search?q=Lantern'],
    ['/api/search?q=Zephyr%20Lantern%20Society'],
    ['/api/screen/name?name=Zephyr%20Lantern%20Society'],
    ['/api/screen/name?name=Lantern%20Bureau'],
    ['/api/screen/names', json('POST', { rows: [{ name: 'Zephyr Lantern Society' }, { name: 'Lantern Bureau' }] })],
    ['/api/screen/csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'name\nZephyr Lantern Society\nLantern Bureau\n' }],
    ['/api/screen/approach', json('POST', { text: 'A society invited me to a conference in China and offered to reimburse all my travel expenses and hotel.' })],
    ['/api/matrix'],
    ['/api/cases'],
    ['/api/entities?kind=case'],
    ['/api/export/navigator'],
    ['/api/export/stix'],
    ['/api/export/stix?entity=org-mss&depth=1'],
    ['/api/graph/drawing'],
    ['/api/graph/drawing?around=org-mss'],
    ['/api/graph/drawing?from=person-christine-lee&to=org-mss'],
    ['/api/export/graph'],
    ['/api/export/graph?around=org-mss'],
    ['/api/navigator/layers/all.json'],
    [`/taxii2/greyzone/collections/${collectionId(ATLAS_COLLECTION)}/objects/?match[type]=identity,threat-actor,campaign,report&limit=1000`],
  ];
  for (const [path, init] of routes) {
    test(`${init?.method ?? 'GET'} ${path}`, async () => {
      // Search and screening repeat the question; only what they found counts. A picture is read as its text.
      const found = (answer: { body: Body; text: string }) => (answer.text.startsWith('<?xml') ? answer.text : JSON.stringify(answer.body, (k, v: unknown) => (k === 'query' ? undefined : v)));
      const green = await call(path, 'viewer', init);
      const red = await call(path, 'red-viewer', init);
      assert.equal(green.status, 200, green.text);
      assert.doesNotMatch(found(green), RED_MARKERS);
      assert.match(found(red), RED_MARKERS, 'the RED reader sees it, so the route can reach it');
    });
  }

  test('a RED record is "not found" exactly as a record that does not exist', async () => {
    for (const [red, none] of [
      ['/api/entities/org-zephyr-lantern', '/api/entities/org-nothing-here'],
      ['/api/sources/src-red-memo', '/api/sources/src-nothing-here'],
      ['/api/neighbourhood/org-zephyr-lantern', '/api/neighbourhood/org-nothing-here'],
      ['/api/export/navigator?actor=org-zephyr-lantern', '/api/export/navigator?actor=org-nothing-here'],
      ['/api/path?from=org-zephyr-lantern&to=org-mss', '/api/path?from=org-nothing-here&to=org-mss'],
      ['/api/graph/drawing?around=org-zephyr-lantern', '/api/graph/drawing?around=org-nothing-here'],
      ['/api/export/graph?from=org-zephyr-lantern&to=org-mss', '/api/export/graph?from=org-nothing-here&to=org-mss'],
    ]) {
      const a = await call(red!, 'viewer');
      const b = await call(none!, 'viewer');
      assert.equal(a.status, 404);
      assert.equal(a.body.error, b.body.error!.replace(/org-nothing-here|src-nothing-here/, red!.includes('src-') ? 'src-red-memo' : 'org-zephyr-lantern'));
    }
  });

  test('counts do not betray it: totals are those of the visible atlas', async () => {
    const green = (await call('/api/entities?kind=organisation&limit=1000', 'viewer')).body;
    const red = (await call('/api/entities?kind=organisation&limit=1000', 'red-viewer')).body;
    assert.equal(green.total, (green.items as unknown[]).length);
    assert.equal(red.total, (green.total as number) + 1);
    const mssGreen = (await call('/api/entities/org-mss', 'viewer')).body as { record: { names: unknown[] } };
    const mssRed = (await call('/api/entities/org-mss', 'red-viewer')).body as { record: { names: unknown[] } };
    assert.equal(mssRed.record.names.length, mssGreen.record.names.length + 1);
  });

  test('no path runs through it', async () => {
    const red = (await call('/api/path?from=person-christine-lee&to=org-mss', 'red-viewer')).body as { nodes: { id: string }[] };
    assert.deepEqual(red.nodes.map((n) => n.id), ['person-christine-lee', 'org-zephyr-lantern', 'org-mss']);
    const green = await call('/api/path?from=person-christine-lee&to=org-mss', 'viewer');
    assert.doesNotMatch(green.text, RED_MARKERS);
  });

  test('AMBER clearance is below RED too, and the audit log hides RED entries from an AMBER admin', async () => {
    assert.doesNotMatch((await call('/api/graph', 'amber-admin')).text, RED_MARKERS);
    const audit = await call('/api/audit?limit=1000', 'amber-admin');
    assert.equal(audit.status, 200);
    assert.doesNotMatch(audit.text, RED_MARKERS);
    const marked = (r: { body: Body }) => (r.body.items as { tlp: string }[]).filter((e) => e.tlp === 'red').length;
    assert.equal(marked(audit), 0);
    assert.ok(marked(await call('/api/audit?limit=1000', 'admin')) > 0, 'the import of RED claims is itself a RED entry');
  });
});

describe('roles and edits', () => {
  const record = async (id: string, as = 'analyst') => (await call(`/api/entities/${id}`, as)).body as { record: Record<string, unknown>; version: number };

  test('a viewer may not edit; an analyst may; the page shows the new version at once', async () => {
    const { record: data, version } = await record('org-ufwd');
    const edited = { ...data, description: 'Edited through the API' };
    const denied = await call('/api/entities/org-ufwd', 'viewer', json('PUT', { version, record: edited }));
    assert.equal(denied.status, 403);
    assert.match(denied.body.error!, /^editing a record needs the analyst role; viewer is a viewer$/);
    const ok = await call('/api/entities/org-ufwd', 'analyst', json('PUT', { version, record: edited }));
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.body, { id: 'org-ufwd', version: version + 1 });
    const after = await record('org-ufwd', 'viewer');
    assert.equal(after.record.description, 'Edited through the API');
    assert.equal(after.version, version + 1);
  });

  test('two clients edit the same version: one wins, the other gets 409 and nothing is lost', async () => {
    const { record: data, version } = await record('org-idcpc');
    const [a, b] = await Promise.all([
      call('/api/entities/org-idcpc', 'analyst', json('PUT', { version, record: { ...data, description: 'from A' } })),
      call('/api/entities/org-idcpc', 'admin', json('PUT', { version, record: { ...data, description: 'from B' } })),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const loser = a.status === 409 ? a : b;
    assert.match(loser.body.error!, /was changed by someone else since version \d+ \(it is now at version \d+\); reload it and edit again/);
    assert.equal((await record('org-idcpc')).record.description, a.status === 200 ? 'from A' : 'from B');
  });

  test('markings: only an admin changes them, and nobody marks above their own clearance', async () => {
    const { record: data, version } = await record('org-ufwd');
    const amber = { ...data, tlp: 'amber' };
    assert.match((await call('/api/entities/org-ufwd', 'analyst', json('PUT', { version, record: amber }))).body.error!, /changing a marking needs the admin role/);
    assert.match((await call('/api/entities/org-ufwd', 'amber-admin', json('PUT', { version, record: { ...data, tlp: 'red' } }))).body.error!, /above your clearance \(AMBER\)/);
    const ok = await call('/api/entities/org-ufwd', 'admin', json('PUT', { version, record: amber }));
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await call('/api/entities/org-ufwd', 'viewer')).status, 404, 'now above a GREEN viewer');
    const back = await record('org-ufwd', 'admin');
    assert.equal((await call('/api/entities/org-ufwd', 'admin', json('PUT', { version: back.version, record: { ...back.record, tlp: 'clear' } }))).status, 200);
  });

  test('a record with parts above the editor’s clearance cannot be edited by them (it would erase them)', async () => {
    const { record: data, version } = await record('org-mss', 'green-analyst');
    const r = await call('/api/entities/org-mss', 'green-analyst', json('PUT', { version, record: data }));
    assert.equal(r.status, 403);
    assert.match(r.body.error!, /needs a higher clearance than GREEN/);
  });

  test('an edit that breaks the atlas’s rules is refused with the field and the problem', async () => {
    const { record: data, version } = await record('org-ufwd');
    const cases: [unknown, RegExp][] = [
      [{ ...data, names: [] }, /^org-ufwd: names: /],
      [{ ...data, mood: 'x' }, /^org-ufwd: mood: unknown field/],
      [{ ...data, country: 'country-atlantis' }, /^org-ufwd: country: unknown id 'country-atlantis'/],
    ];
    for (const [bad, message] of cases) {
      const r = await call('/api/entities/org-ufwd', 'analyst', json('PUT', { version, record: bad }));
      assert.equal(r.status, 400, r.text);
      assert.match(r.body.error!, message);
    }
    assert.equal((await record('org-ufwd')).version, version, 'nothing changed');
  });

  test('every change is in the audit log, which only admins read', async () => {
    assert.equal((await call('/api/audit', 'analyst')).status, 403);
    const log = (await call('/api/audit?limit=1000', 'admin')).body.items as { action: string; actor: string; target: string }[];
    assert.ok(log.some((e) => e.action === 'record.update' && e.actor === 'analyst' && e.target === 'org-ufwd'));
    assert.ok(log.some((e) => e.action === 'user.revoke' && e.target === 'leaver'));
    assert.ok(log.some((e) => e.action === 'session.start' && e.actor === 'viewer'));
  });
});

describe('hostile requests', () => {
  test('an oversized body is refused with 413', async () => {
    const r = await call('/api/screen/names', 'viewer', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(6 * 1024 * 1024) });
    assert.equal(r.status, 413);
  });

  test('malformed JSON is refused with 400 and no stack trace', async () => {
    for (const path of ['/api/screen/names', '/api/entities/org-ufwd', '/api/session']) {
      const r = await call(path, 'analyst', { method: path.includes('entities') ? 'PUT' : 'POST', headers: { 'content-type': 'application/json' }, body: '{"rows": [' });
      assert.equal(r.status, 400, `${path}: ${r.text}`);
      assert.doesNotMatch(r.text, /at .*\.ts:\d+/);
    }
  });

  test('SQL metacharacters in every string field are only text', async () => {
    const evil = `'; DROP TABLE records; -- " OR 1=1 \\ % _`;
    const q = encodeURIComponent(evil);
    const before = await store.counts();
    for (const path of [`/api/search?q=${q}`, `/api/entities/${q}`, `/api/entities?kind=${q}`, `/api/relations?subject=${q}&object=${q}`, `/api/claims?about=${q}`, `/api/sources/${q}`, `/api/screen/name?name=${q}&kind=${q}&country=${q}&id=${q}`, `/api/neighbourhood/${q}?kinds=${q}`, `/api/path?from=${q}&to=${q}`, `/api/export/navigator?case=${q}`, `/api/audit?after=${q}`]) {
      const r = await call(path, 'admin');
      assert.ok(r.status < 500, `${path}: ${r.status} ${r.text}`);
    }
    const { record: data, version } = await record('org-ufwd');
    assert.equal((await call('/api/entities/org-ufwd', 'analyst', json('PUT', { version, record: { ...data, description: evil } }))).status, 200);
    assert.equal((await record('org-ufwd')).record.description, evil);
    assert.equal((await call('/api/session', undefined, json('POST', { token: evil }))).status, 401);
    assert.deepEqual((await store.counts()).records, before.records);
  });

  test('path traversal reaches no file outside the web app', async () => {
    for (const path of ['/assets/../../package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/api/sources/..%2F..%2Fpackage.json', '/..%2f..%2f..%2fetc%2fpasswd']) {
      const r = await call(path, 'admin');
      assert.doesNotMatch(r.text, /"name": "greyzone"|root:x:0:0/, path);
    }
  });

  const record = async (id: string) => (await call(`/api/entities/${id}`, 'analyst')).body as { record: Record<string, unknown>; version: number };
});

describe('rate limits', () => {
  test('an account over its limit gets 429 with a clear message; another account is unaffected', async () => {
    const limited = createApp(views, { mode: 'server', rateLimit: 5 });
    const as = (who: string) => limited.request('/api/countries', { headers: { authorization: `Bearer ${tokens[who]}` } });
    for (let i = 0; i < 5; i++) assert.equal((await as('viewer')).status, 200);
    const over = await as('viewer');
    assert.equal(over.status, 429);
    assert.match(((await over.json()) as Body).error!, /more than 5 requests in a minute/);
    assert.equal((await as('red-viewer')).status, 200);
  });

  test('failed sign-ins are limited per token before anyone is known: guessing a token is slowed', async () => {
    const limited = createApp(views, { mode: 'server', rateLimit: 5 });
    const guess = () => limited.request('/api/countries', { headers: { authorization: `Bearer gz_000000000000_${'C'.repeat(32)}` } });
    for (let i = 0; i < 5; i++) assert.equal((await guess()).status, 401);
    const over = await guess();
    assert.equal(over.status, 429);
    assert.match(((await over.json()) as Body).error!, /failed sign-ins in a minute with this token/);
  });
});

describe('what a review found, kept found', () => {
  const record = async (id: string, as = 'analyst') => (await call(`/api/entities/${id}`, as)).body as { record: Record<string, unknown>; version: number };

  test('search: hidden claims never take the places of visible ones', async () => {
    // "front" is in a RED quote and in CLEAR ones; with one place, GREEN must still get a CLEAR one.
    const all = (await call('/api/search?q=front&limit=20', 'viewer')).body.quotes as unknown[];
    assert.ok(all.length > 0, 'the bundled atlas quotes "front"');
    for (const q of ['front', 'expenses']) {
      const one = (await call(`/api/search?q=${q}&limit=1`, 'viewer')).body;
      assert.equal((one.quotes as unknown[]).length, 1, q);
      assert.doesNotMatch(JSON.stringify(one), RED_MARKERS);
    }
  });

  test('an edit naming a hidden record reads exactly as one naming a record that does not exist', async () => {
    const { record: rel, version } = await record('rel-apt3-attributed-to-mss');
    const hidden = await call('/api/entities/rel-apt3-attributed-to-mss', 'green-analyst', json('PUT', { version, record: { ...rel, object: 'org-zephyr-lantern' } }));
    const absent = await call('/api/entities/rel-apt3-attributed-to-mss', 'green-analyst', json('PUT', { version, record: { ...rel, object: 'org-nothing-here' } }));
    assert.equal(hidden.status, 400);
    assert.equal(hidden.body.error, absent.body.error!.replace('org-nothing-here', 'org-zephyr-lantern'));
  });

  test('an analyst cannot lower the marking of a claim: markings are an admin’s', async () => {
    const { record: mss, version } = await record('org-mss');
    const names = (mss.names as { text: string; claims?: { tlp?: string }[] }[]).map((n) => (n.text === 'Lantern Bureau' ? { ...n, claims: n.claims!.map(({ tlp: _, ...c }) => c) } : n));
    const r = await call('/api/entities/org-mss', 'analyst', json('PUT', { version, record: { ...mss, names } }));
    assert.equal(r.status, 403);
    assert.match(r.body.error!, /changing a marking needs the admin role/);
  });

  test('a session cannot open another session', async () => {
    const first = await call('/api/session', undefined, json('POST', { token: tokens.viewer }));
    const session = (first.headers.get('set-cookie') ?? '').split(';')[0]!.split('=')[1]!;
    const again = await call('/api/session', undefined, json('POST', { token: session }));
    assert.equal(again.status, 401);
  });
});
