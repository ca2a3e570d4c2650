/**
 * The TAXII 2.1 server of a team server, by hand-made requests as a TAXII client sends them:
 * discovery, the API root, collections, objects with every filter and paging, the manifest, an
 * object's versions, adding objects with a status; signing in by token (Bearer or Basic, never the
 * explorer's cookie); TAXII's media types and error messages; and the account's clearance over
 * every answer — ids, counts and `more` flags included. Paging a collection of 100,000 objects
 * gives each exactly once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stixObjects } from '../src/interop/stix/export.ts';
import { redactAtlas } from '../src/atlas/redact.ts';
import { ATLAS_COLLECTION, TAXII_MEDIA, collectionId } from '../src/interop/taxii.ts';
import { createApp } from '../src/server/app.ts';
import { Views } from '../src/server/views.ts';
import { Store } from '../src/store/store.ts';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from '../src/atlas/load.ts';
import { keptObject } from '../src/atlas/kept.ts';
import { markedAtlas, RED_MARKERS } from './helpers/marked-atlas.ts';

const ROOT = '/taxii2/greyzone';
const AMBER_ID = 'malware--a1b2c3d4-0000-4000-8000-00000000a3be';
/** What a reader cleared below AMBER must not get: the RED additions and the AMBER partner's collection. */
const ABOVE_GREEN = new RegExp(`${RED_MARKERS.source}|amberleaf|partner-amber|${AMBER_ID}`, 'i');
const ATLAS = `${ROOT}/collections/${collectionId(ATLAS_COLLECTION)}`;

interface Answer {
  status: number;
  type: string | null;
  headers: Headers;
  body: Record<string, unknown> & { objects?: Record<string, unknown>[]; more?: boolean; next?: string; title?: string; description?: string; http_status?: string };
  text: string;
}

function client(app: () => ReturnType<typeof createApp>, tokens: Record<string, string>) {
  return async (path: string, as: string | undefined, init: RequestInit & { accept?: string } = {}): Promise<Answer> => {
    const headers = new Headers(init.headers);
    headers.set('accept', init.accept ?? TAXII_MEDIA);
    if (as) headers.set('authorization', `Bearer ${tokens[as] ?? as}`);
    const res = await app().request(`http://greyzone.example${path}`, { ...init, headers });
    const text = await res.text();
    let body = {};
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      /* not JSON */
    }
    return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body, text };
  };
}

/** Every object of a collection, page by page, with the pages' `more` flags. */
async function pageThrough(call: ReturnType<typeof client>, as: string, collection: string, limit: number, extra = ''): Promise<{ ids: string[]; pages: number; texts: string[] }> {
  const ids: string[] = [];
  const texts: string[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const r = await call(`${collection}/objects/?limit=${limit}${extra}${next ? `&next=${encodeURIComponent(next)}` : ''}`, as);
    assert.equal(r.status, 200, r.text);
    pages++;
    texts.push(r.text);
    const objects = r.body.objects ?? [];
    assert.ok(objects.length <= limit);
    ids.push(...objects.map((o) => o.id as string));
    assert.equal(r.body.more, r.body.next !== undefined, 'more is set exactly when there is a next page');
    next = r.body.next;
  } while (next);
  return { ids, pages, texts };
}

describe('TAXII 2.1 on a team server', () => {
  let store: Store;
  let views: Views;
  let app: ReturnType<typeof createApp>;
  const tokens: Record<string, string> = {};
  const call = client(() => app, tokens);
  let atlas: Atlas;

  before(async () => {
    store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-taxii-')), 'g.sqlite'));
    // Beside the RED additions of the marked atlas, a partner's collection shared at AMBER.
    const marked = markedAtlas();
    const amber = { type: 'malware', spec_version: '2.1', id: AMBER_ID, created: '2025-05-05T00:00:00.000Z', modified: '2025-05-05T00:00:00.000Z', name: 'Amberleaf', is_family: true };
    atlas = { ...marked, kept: { collections: new Map([...marked.kept.collections, ['partner-amber', 'amber']]), objects: new Map([...marked.kept.objects, [AMBER_ID, keptObject(amber, 'partner-amber', 'amber')]]) } };
    await store.importAtlas(atlas, 'tests');
    for (const [name, role, clearance] of [['analyst', 'analyst', 'red'], ['viewer', 'viewer', 'green'], ['red-viewer', 'viewer', 'red']] as const) tokens[name] = (await store.accounts.add(name, role, clearance, 'tests')).token;
    views = await Views.load(store);
    app = createApp(views, { mode: 'server' });
  });
  after(() => store.close());

  test('discovery names the one API root; the root says TAXII 2.1 and the most a POST may carry', async () => {
    const discovery = await call('/taxii2/', 'viewer');
    assert.equal(discovery.status, 200);
    assert.equal(discovery.type, TAXII_MEDIA);
    assert.deepEqual(discovery.body.api_roots, ['http://greyzone.example/taxii2/greyzone/']);
    assert.equal(discovery.body.default, 'http://greyzone.example/taxii2/greyzone/');
    const root = await call(`${ROOT}/`, 'viewer');
    assert.deepEqual(root.body.versions, [TAXII_MEDIA]);
    assert.ok((root.body.max_content_length as number) > 1_000_000);
  });

  test('signing in: a token as Bearer or as Basic password; no token, a wrong one or the explorer’s cookie gets a TAXII 401', async () => {
    for (const init of [{}, { headers: { cookie: `greyzone_session=${tokens.viewer}` } }]) {
      const r = await call('/taxii2/', undefined, init);
      assert.equal(r.status, 401);
      assert.equal(r.type, TAXII_MEDIA);
      assert.equal(r.body.http_status, '401');
      assert.equal(r.body.title, 'Unauthorized');
    }
    assert.equal((await call('/taxii2/', 'gz_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status, 401);
    const basic = await call('/taxii2/', undefined, { headers: { authorization: `Basic ${Buffer.from(`viewer:${tokens.viewer}`).toString('base64')}` } });
    assert.equal(basic.status, 200);
  });

  test('a request that does not accept TAXII 2.1 gets 406; an unknown collection 404; both as TAXII error messages', async () => {
    for (const accept of ['text/html', 'application/taxii+json;version=2.0', 'application/json']) {
      const r = await call('/taxii2/', 'viewer', { accept });
      assert.equal(r.status, 406, accept);
      assert.equal(r.type, TAXII_MEDIA);
    }
    assert.equal((await call('/taxii2/', 'viewer', { accept: 'application/taxii+json' })).status, 200);
    const unknown = await call(`${ROOT}/collections/00000000-0000-4000-8000-000000000000/objects/`, 'viewer');
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.description!, /^no collection '00000000-/);
    assert.equal((await call(`${ROOT}/nowhere/`, 'viewer')).status, 404);
  });

  test('collections: the atlas and each kept collection; an analyst may add to them, a viewer may not', async () => {
    const viewer = await call(`${ROOT}/collections/`, 'viewer');
    const collections = viewer.body.collections as { id: string; title: string; can_read: boolean; can_write: boolean; media_types: string[] }[];
    assert.deepEqual(collections.map((c) => c.title), ['greyzone atlas', ...[...redactAtlas(atlas, 'green').kept.collections.keys()].sort()]);
    assert.ok(collections.every((c) => c.can_read && !c.can_write && c.media_types[0] === 'application/stix+json;version=2.1'));
    const analyst = await call(`${ROOT}/collections/`, 'analyst');
    assert.ok((analyst.body.collections as { can_write: boolean }[]).every((c) => c.can_write));
    const one = await call(`${ATLAS}/`, 'viewer');
    assert.equal(one.body.id, collectionId(ATLAS_COLLECTION));
  });

  test('objects: paging gives every object of the reader’s view exactly once; a GREEN reader’s pages hold nothing RED, counts and flags included', async () => {
    for (const [as, clearance] of [['viewer', 'green'], ['red-viewer', 'red']] as const) {
      const expected = [...stixObjects(redactAtlas(atlas, clearance), { kind: 'all' })].map((o) => o.id as string).sort();
      const { ids, pages, texts } = await pageThrough(call, as, ATLAS, 97);
      assert.deepEqual([...ids].sort(), expected, as);
      assert.equal(new Set(ids).size, ids.length, 'no object twice');
      assert.equal(pages, Math.ceil(expected.length / 97));
      if (as === 'viewer') for (const t of texts) assert.doesNotMatch(t, ABOVE_GREEN);
      else assert.ok(texts.some((t) => RED_MARKERS.test(t)) && texts.some((t) => t.includes(AMBER_ID)), 'the RED reader gets both, so the feed can reach them');
    }
    // The manifest of the kinds the RED additions are: shorter for the GREEN reader, and without them.
    const kinds = 'match[type]=identity,threat-actor,campaign,report&limit=1000';
    const green = await call(`${ATLAS}/manifest/?${kinds}`, 'viewer');
    const red = await call(`${ATLAS}/manifest/?${kinds}`, 'red-viewer');
    assert.equal(green.body.more, false);
    assert.ok((red.body.objects as unknown[]).length > (green.body.objects as unknown[]).length);
    const redIds = new Set((red.body.objects as { id: string }[]).map((e) => e.id));
    // Objects only a RED reader has (the MSS, with a RED alias, is in both views: its GREEN version has no alias).
    const greenIds = new Set([...stixObjects(redactAtlas(atlas, 'green'), { kind: 'all' })].map((o) => o.id as string));
    const onlyRed = [...stixObjects(redactAtlas(atlas, 'red'), { kind: 'all' })].map((o) => o.id as string).filter((id) => !greenIds.has(id));
    assert.ok(onlyRed.some((id) => redIds.has(id)));
    assert.ok(!(green.body.objects as { id: string }[]).some((e) => onlyRed.includes(e.id)), 'no id of a RED object in the GREEN manifest');
    // The AMBER collection is not there for GREEN, exactly as one that does not exist; its object is not found.
    const amberCollection = `${ROOT}/collections/${collectionId('partner-amber')}`;
    assert.equal((await call(`${amberCollection}/objects/`, 'red-viewer')).body.objects!.length, 1);
    const hidden = await call(`${amberCollection}/objects/`, 'viewer');
    assert.equal(hidden.status, 404);
    assert.doesNotMatch(hidden.text, /partner-amber|amberleaf/i);
    assert.equal((await call(`${ATLAS}/objects/${AMBER_ID}/`, 'viewer')).status, 404);
    assert.doesNotMatch((await call(`${ROOT}/collections/`, 'viewer')).text, ABOVE_GREEN);
  });

  test('filters: match[type], match[id], match[version], match[spec_version], added_after; the page’s first and last date in headers', async () => {
    const sets = await call(`${ATLAS}/objects/?match[type]=intrusion-set,threat-actor`, 'viewer');
    assert.ok(sets.body.objects!.length > 0);
    assert.ok(sets.body.objects!.every((o) => o.type === 'intrusion-set' || o.type === 'threat-actor'));
    const first = sets.body.objects![0]!;
    const byId = await call(`${ATLAS}/objects/?match[id]=${first.id as string}`, 'viewer');
    assert.deepEqual(byId.body.objects!.map((o) => o.id), [first.id]);
    for (const v of ['last', 'first', 'all', first.modified as string]) assert.equal((await call(`${ATLAS}/objects/?match[id]=${first.id as string}&match[version]=${v}`, 'viewer')).body.objects!.length, 1, v);
    assert.equal((await call(`${ATLAS}/objects/?match[id]=${first.id as string}&match[version]=2001-01-01T00:00:00.000Z`, 'viewer')).body.objects, undefined);
    assert.ok((await call(`${ATLAS}/objects/?match[spec_version]=2.1&limit=5`, 'viewer')).body.objects!.every((o) => o.spec_version === '2.1'));
    const manifest = await call(`${ATLAS}/manifest/?limit=1000`, 'viewer');
    const entries = manifest.body.objects as { id: string; date_added: string; version: string; media_type: string }[];
    assert.ok(entries.every((e) => e.media_type === 'application/stix+json;version=2.1' && !Number.isNaN(Date.parse(e.date_added))));
    assert.equal(manifest.headers.get('x-taxii-date-added-first'), entries[0]!.date_added);
    assert.equal(manifest.headers.get('x-taxii-date-added-last'), entries.at(-1)!.date_added);
    const latest = entries.map((e) => e.date_added).sort().at(-1)!;
    const none = await call(`${ATLAS}/objects/?added_after=${latest}`, 'viewer');
    assert.deepEqual([none.body.objects, none.body.more], [undefined, false]);
  });

  test('an object by its id, its versions; one the reader may not see is not found, like one that does not exist', async () => {
    const objects = (await call(`${ATLAS}/objects/?limit=3`, 'viewer')).body.objects!;
    const id = objects[2]!.id as string;
    const one = await call(`${ATLAS}/objects/${id}/`, 'viewer');
    assert.deepEqual(one.body.objects!.map((o) => o.id), [id]);
    const versions = await call(`${ATLAS}/objects/${id}/versions/`, 'viewer');
    assert.deepEqual(versions.body.versions, [objects[2]!.modified ?? objects[2]!.created]);
    const redId = [...stixObjects(atlas, { kind: 'all' })].find((o) => RED_MARKERS.test(JSON.stringify(o)) && o.type === 'identity')!.id as string;
    assert.equal((await call(`${ATLAS}/objects/${redId}/`, 'red-viewer')).status, 200);
    const hidden = await call(`${ATLAS}/objects/${redId}/`, 'viewer');
    const missing = await call(`${ATLAS}/objects/identity--00000000-0000-4000-8000-000000000000/`, 'viewer');
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.description!.replace(redId, 'X'), missing.body.description!.replace('identity--00000000-0000-4000-8000-000000000000', 'X'));
  });

  test('bad parameters get one line each: limit, added_after, match[version], next', async () => {
    for (const [query, message] of [
      ['limit=0', /^limit: '0' is not a whole number of at least 1$/],
      ['added_after=yesterday', /^added_after: 'yesterday' is not a UTC timestamp/],
      ['match[version]=newest', /^match\[version\]: 'newest' is not a UTC timestamp/],
      ['next=garbage', /^next: 'garbage' is not a token this server gave$/],
    ] as const) {
      const r = await call(`${ATLAS}/objects/?${query}`, 'viewer');
      assert.equal(r.status, 400, query);
      assert.equal(r.type, TAXII_MEDIA);
      assert.match(r.body.description!, message);
    }
  });

  test('adding objects: an analyst’s envelope is imported and answered with a complete status; a viewer may not; a bad envelope fails whole, every failure listed, nothing changed', async () => {
    const malware = { type: 'malware', spec_version: '2.1', id: 'malware--6b5b2f1e-0b1a-4c1c-9a57-2b1f0d0c0a11', created: '2026-01-02T03:04:05.000Z', modified: '2026-01-02T03:04:05.000Z', name: 'ShadowPad', is_family: true };
    const envelope = (objects: unknown[]) => ({ method: 'POST', headers: { 'content-type': TAXII_MEDIA }, body: JSON.stringify({ objects }) });
    assert.equal((await call(`${ATLAS}/objects/`, 'viewer', envelope([malware]))).status, 403);
    assert.equal((await call(`${ATLAS}/objects/`, 'analyst', { ...envelope([malware]), headers: { 'content-type': 'application/json' } })).status, 415);
    const before = (await pageThrough(call, 'analyst', ATLAS, 1000)).ids.length;
    const broken = { type: 'malware', spec_version: '2.1', id: 'malware--not-a-uuid', created: '2026-01-02T03:04:05.000Z', modified: '2026-01-02T03:04:05.000Z', name: 'Broken', is_family: true };
    const failed = await call(`${ATLAS}/objects/`, 'analyst', envelope([malware, broken]));
    assert.equal(failed.status, 202);
    assert.deepEqual([failed.body.status, failed.body.total_count, failed.body.success_count, failed.body.failure_count], ['complete', 2, 0, 2]);
    const failures = failed.body.failures as { id: string; message: string }[];
    assert.match(failures.find((f) => f.id === 'malware--not-a-uuid')!.message, /id/);
    assert.match(failures.find((f) => f.id === malware.id)!.message, /^not added: another object of the envelope failed the checks$/);
    assert.equal((await pageThrough(call, 'analyst', ATLAS, 1000)).ids.length, before, 'nothing was added');

    const ok = await call(`${ATLAS}/objects/`, 'analyst', envelope([malware]));
    assert.equal(ok.status, 202);
    assert.deepEqual([ok.body.success_count, ok.body.failure_count, ok.body.pending_count], [1, 0, 0]);
    assert.deepEqual(ok.body.successes, [{ id: malware.id, version: malware.modified }]);
    const status = await call(`${ROOT}/status/${ok.body.id as string}/`, 'analyst');
    assert.deepEqual(status.body, ok.body);
    assert.equal((await call(`${ROOT}/status/${ok.body.id as string}/`, 'red-viewer')).status, 404, 'a status is its poster’s');
    const added = await call(`${ATLAS}/objects/${malware.id}/`, 'viewer');
    assert.deepEqual(added.body.objects!.map((o) => o.name), ['ShadowPad']);
    const collections = (await call(`${ROOT}/collections/`, 'viewer')).body.collections as { title: string }[];
    assert.ok(collections.some((c) => c.title === 'taxii'), 'another producer’s object is kept in the collection "taxii"');
  });

  test('an embedded explorer serves no TAXII', async () => {
    const embedded = createApp(views, { mode: 'embedded' });
    const r = await embedded.request('http://127.0.0.1:8080/taxii2/', { headers: { accept: TAXII_MEDIA, host: '127.0.0.1:8080' } });
    assert.equal(r.status, 404);
    assert.match(((await r.json()) as { description: string }).description, /greyzone serve --server/);
  });
});

test('paging through a collection of 100,000 objects gives each exactly once', async () => {
  const store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-taxii-big-')), 'g.sqlite'));
  try {
    const base = loadAtlas(BUNDLED_ATLAS).atlas;
    const objects = new Map(base.kept.objects);
    for (let i = 0; i < 100_000; i++) {
      const id = `malware--${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
      objects.set(id, keptObject({ type: 'malware', spec_version: '2.1', id, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', name: `Family ${i}`, is_family: true }, 'big', 'clear'));
    }
    await store.importAtlas({ ...base, kept: { collections: new Map([...base.kept.collections, ['big', 'clear']]), objects } }, 'tests');
    const { token } = await store.accounts.add('reader', 'viewer', 'clear', 'tests');
    const app = createApp(await Views.load(store), { mode: 'server' });
    const call = client(() => app, { reader: token });
    const { ids, pages } = await pageThrough(call, 'reader', `${ROOT}/collections/${collectionId('big')}`, 1000);
    assert.equal(pages, 100);
    assert.equal(ids.length, 100_000);
    assert.equal(new Set(ids).size, 100_000);
  } finally {
    await store.close();
  }
});
