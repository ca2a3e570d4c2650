/**
 * The store suite, run against both stores: an embedded SQLite file and a real PostgreSQL server
 * started on loopback for this file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type TestPostgres } from '../../test/helpers/postgres.ts';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from '../atlas/load.ts';
import { MIGRATIONS } from './migrations.ts';
import { ExportTargetError, exportAtlas } from './export-atlas.ts';
import { Store } from './store.ts';

const { atlas } = loadAtlas(BUNDLED_ATLAS);
const scratch = () => mkdtempSync(join(tmpdir(), 'greyzone-store-'));

let postgres: TestPostgres | undefined;
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
});

const backends: [string, () => string][] = [
  ['sqlite', () => join(scratch(), 'greyzone.sqlite')],
  ['postgres', () => postgres!.url],
];

function sortClaims<T extends { id: string; record: string }>(claims: T[]): T[] {
  return [...claims].sort((a, b) => a.record.localeCompare(b.record) || a.id.localeCompare(b.id));
}

for (const [name, address] of backends) {
  describe(`${name} store`, () => {
    let store: Store;
    let addr: string;
    before(async () => {
      addr = address();
      store = await Store.open(addr);
      await store.importAtlas(atlas);
    });
    after(async () => {
      await store.close();
    });

    test('migrations are applied once; opening again applies none and changes nothing', async () => {
      const again = await Store.open(addr);
      try {
        assert.deepEqual(await again.counts(), await store.counts());
      } finally {
        await again.close();
      }
      assert.equal(MIGRATIONS.at(-1)!.version, MIGRATIONS.length, 'migrations are numbered 1…n');
    });

    test('the bundled atlas loads whole: every record and claim', async () => {
      const counts = await store.counts();
      assert.equal(Object.values(counts.records).reduce((a, b) => a + b, 0), atlas.records.size);
      assert.equal(counts.claims, atlas.claims.length);
    });

    test('loading again replaces, never duplicates', async () => {
      const before = await store.counts();
      await store.importAtlas(atlas);
      assert.deepEqual(await store.counts(), before);
    });

    test('a record reads back exactly as the atlas holds it', async () => {
      for (const id of ['org-mss', 'case-xu-yanjun', 'GZT0003.001', 'rel-idcpc-assists-cn-intelligence-services', 'src-lt-nta-2024-china']) {
        assert.deepEqual((await store.record(id))?.data, atlas.records.get(id)?.data, id);
      }
      assert.equal(await store.record('org-nowhere'), undefined);
    });

    test('claims read back exactly, with their grades and hedges', async () => {
      const expected = sortClaims(atlas.claims.filter((c) => c.claim.record === 'rel-idcpc-assists-cn-intelligence-services').map((c) => c.claim));
      const stored = sortClaims(await store.claims({ record: 'rel-idcpc-assists-cn-intelligence-services' }));
      assert.deepEqual(stored, expected);
      assert.equal(stored[0]?.likelihood, 'highly likely');
    });

    test('claims about an entity include those of the relations and cases that name it', async () => {
      const about = await store.claims({ about: 'person-xu-yanjun' });
      assert.ok(about.some((c) => c.predicate === 'works-for'));
      assert.ok(about.some((c) => c.record === 'case-xu-yanjun'));
    });

    test('source texts are kept whole', async () => {
      assert.equal(await store.sourceText('src-lt-nta-2024-china'), atlas.texts.get('src-lt-nta-2024-china'));
    });

    test('full-text search finds names in Chinese characters, by substring', async () => {
      assert.equal((await store.search('国家安全部'))[0]?.id, 'org-mss');
      assert.ok((await store.search('对外联络')).some((h) => h.id === 'org-idcpc'));
    });

    test('full-text search finds names in Latin script, any case', async () => {
      assert.ok((await store.search('fox hunt')).some((h) => h.id === 'op-fox-hunt'));
      assert.ok((await store.search('MSS')).some((h) => h.id === 'org-mss'));
    });

    test('full-text search finds claims by the words of their quotes', async () => {
      const hits = await store.search('luxurious hotels');
      assert.ok(hits.some((h) => h.field === 'quote' && h.text.includes('luxurious hotels')));
    });

    test('SQL metacharacters in a search are only text', async () => {
      for (const q of ["'; DROP TABLE records; --", '%', '_', '"', "\\' OR 1=1 --", 'MATCH *']) {
        await store.search(q);
      }
      assert.equal((await store.counts()).claims, atlas.claims.length);
    });

    test('an import that fails half-way leaves the store as it was', async () => {
      const before = await store.counts();
      const broken: Atlas = { ...atlas, records: new Map(atlas.records) };
      broken.records.set('org-broken', { kind: 'organisation', id: null as unknown as string, file: 'x', data: { names: [] } as never, lineOf: () => 1 });
      await assert.rejects(store.importAtlas(broken));
      assert.deepEqual(await store.counts(), before);
      assert.deepEqual((await store.record('org-mss'))?.data, atlas.records.get('org-mss')?.data);
    });

    test('load → export → load is lossless', async () => {
      const dir = join(scratch(), 'exported');
      await exportAtlas(store, dir);
      const again = loadAtlas(dir);
      assert.deepEqual(again.issues, []);
      assert.deepEqual(again.atlas.meta, atlas.meta);
      assert.deepEqual([...again.atlas.records.keys()].sort(), [...atlas.records.keys()].sort());
      for (const [id, rec] of atlas.records) assert.deepEqual(again.atlas.records.get(id)?.data, rec.data, id);
      assert.deepEqual(sortClaims(again.atlas.claims.map((c) => c.claim)), sortClaims(atlas.claims.map((c) => c.claim)));
      assert.deepEqual(again.atlas.texts, atlas.texts);
    });

    test('accounts: a token is shown once, stored as a slow hash, and stops working when revoked', async () => {
      const { user, token } = await store.addUser(`analyst-${name}`, 'analyst', 'amber');
      assert.equal(user.role, 'analyst');
      assert.equal((await store.authenticate(token))?.name, `analyst-${name}`);
      assert.equal(await store.authenticate(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')), undefined, 'a wrong secret');
      assert.equal(await store.authenticate('gz_000000000000_' + 'x'.repeat(32)), undefined, 'an unknown token');
      assert.equal(await store.authenticate("' OR 1=1 --"), undefined, 'not a token at all');
      const secret = token.split('_').slice(2).join('_');
      assert.ok(!JSON.stringify(await store.users()).includes(secret));
      await assert.rejects(store.addUser(`analyst-${name}`, 'viewer', 'clear'), /exists already/);
      await store.revokeUser(`analyst-${name}`);
      assert.equal(await store.authenticate(token), undefined, 'revoked');
      assert.ok((await store.users()).find((u) => u.name === `analyst-${name}`)?.revoked_at);
      await assert.rejects(store.revokeUser(`analyst-${name}`), /no active account/);
    });

    test('export refuses a folder that is not empty, and writes nothing there', async () => {
      const dir = join(scratch(), 'taken');
      mkdirSync(dir);
      writeFileSync(join(dir, 'keep.txt'), 'mine');
      await assert.rejects(exportAtlas(store, dir), ExportTargetError);
      assert.deepEqual(readdirSync(dir), ['keep.txt']);
    });
  });
}
