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
import { ExportTargetError, writeAtlas } from '../atlas/write-atlas.ts';
import Database from 'better-sqlite3';
import pg from 'pg';
import { atlasFromStore } from './as-atlas.ts';
import { EditError, editRecord } from './edit.ts';
import { ConflictError, Store } from './store.ts';

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

function tamperSqlite(path: string) {
  return async (sql: string) => {
    const db = new Database(path);
    try {
      db.prepare(sql).run(...(sql.includes('?') ? ['mallory'] : []));
    } finally {
      db.close();
    }
  };
}

function tamperPostgres(url: string) {
  return async (sql: string) => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      await client.query(sql.replace('?', '$1'), sql.includes('?') ? ['mallory'] : []);
    } finally {
      await client.end();
    }
  };
}

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
      await store.importAtlas(atlas, 'tests');
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
      await store.importAtlas(atlas, 'tests');
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
      await assert.rejects(store.importAtlas(broken, 'tests'));
      assert.deepEqual(await store.counts(), before);
      assert.deepEqual((await store.record('org-mss'))?.data, atlas.records.get('org-mss')?.data);
    });

    test('load → export → load is lossless', async () => {
      const dir = join(scratch(), 'exported');
      writeAtlas(await atlasFromStore(store), dir);
      const again = loadAtlas(dir);
      assert.deepEqual(again.issues, []);
      assert.deepEqual(again.atlas.meta, atlas.meta);
      assert.deepEqual([...again.atlas.records.keys()].sort(), [...atlas.records.keys()].sort());
      for (const [id, rec] of atlas.records) assert.deepEqual(again.atlas.records.get(id)?.data, rec.data, id);
      assert.deepEqual(sortClaims(again.atlas.claims.map((c) => c.claim)), sortClaims(atlas.claims.map((c) => c.claim)));
      assert.deepEqual(again.atlas.texts, atlas.texts);
    });

    test('accounts: a token is shown once, stored as a slow hash, and stops working when revoked', async () => {
      const { user, token } = await store.accounts.add(`analyst-${name}`, 'analyst', 'amber', 'tests');
      assert.equal(user.role, 'analyst');
      assert.equal((await store.accounts.authenticate(token))?.name, `analyst-${name}`);
      assert.equal(await store.accounts.authenticate(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')), undefined, 'a wrong secret');
      assert.equal(await store.accounts.authenticate('gz_000000000000_' + 'x'.repeat(32)), undefined, 'an unknown token');
      assert.equal(await store.accounts.authenticate("' OR 1=1 --"), undefined, 'not a token at all');
      const secret = token.split('_').slice(2).join('_');
      assert.ok(!JSON.stringify(await store.accounts.list()).includes(secret));
      await assert.rejects(store.accounts.add(`analyst-${name}`, 'viewer', 'clear', 'tests'), /exists already/);
      await store.accounts.revoke(`analyst-${name}`, 'tests');
      assert.equal(await store.accounts.authenticate(token), undefined, 'revoked');
      assert.ok((await store.accounts.list()).find((u) => u.name === `analyst-${name}`)?.revoked_at);
      await assert.rejects(store.accounts.revoke(`analyst-${name}`, 'tests'), /no active account/);
    });

    test('an edit names its version: it lands once, re-derives the claims, and a stale one is refused', async () => {
      const full = await atlasFromStore(store);
      const before = (await store.record('org-idcpc'))!;
      const data = { ...(before.data as object), description: `Edited on ${name}` };
      const { version } = await editRecord(store, full, 'org-idcpc', data, before.version, 'alice');
      assert.equal(version, before.version + 1);
      assert.equal(((await store.record('org-idcpc'))!.data as { description: string }).description, `Edited on ${name}`);
      assert.equal((await store.claims({ record: 'org-idcpc' })).length, full.claims.filter((c) => c.claim.record === 'org-idcpc').length);
      await assert.rejects(editRecord(store, full, 'org-idcpc', data, before.version, 'bob'), (e) => e instanceof ConflictError && /changed by someone else since version \d+ \(it is now at version \d+\)/.test(e.message));
    });

    test('two editors of one version at once: exactly one wins, the other gets a conflict, nothing is lost', async () => {
      const full = await atlasFromStore(store);
      const current = (await store.record('org-mss'))!;
      const edit = (who: string) => editRecord(store, full, 'org-mss', { ...(current.data as object), description: who }, current.version, who);
      const results = await Promise.allSettled([edit('alice'), edit('bob')]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const lost = results.find((r) => r.status === 'rejected');
      assert.ok(lost && lost.reason instanceof ConflictError);
      const winner = results[0]!.status === 'fulfilled' ? 'alice' : 'bob';
      assert.equal(((await store.record('org-mss'))!.data as { description: string }).description, winner);
      const trail = (await store.audit({ clearance: 'red' })).filter((e) => e.target === 'org-mss' && e.action === 'record.update');
      assert.deepEqual(trail.map((e) => e.actor), [winner], 'the refused edit left no trace in the log');
    });

    test('an edit that breaks a rule is refused with the field and the problem, and changes nothing', async () => {
      const full = await atlasFromStore(store);
      const current = (await store.record('org-idcpc'))!;
      const d = current.data as { claims: { quote: string }[] };
      const wrongQuote = { ...d, claims: [{ ...d.claims[0]!, quote: 'words the source never said' }] };
      await assert.rejects(editRecord(store, full, 'org-idcpc', wrongQuote, current.version, 'alice'), (e) => e instanceof EditError && /org-idcpc: .*quote/.test(e.message));
      await assert.rejects(editRecord(store, full, 'org-idcpc', { ...d, names: [] }, current.version, 'alice'), /org-idcpc: names: /);
      await assert.rejects(editRecord(store, full, 'org-idcpc', { ...d, colour: 'red' }, current.version, 'alice'), /org-idcpc: colour: unknown field/);
      await assert.rejects(editRecord(store, full, 'org-idcpc', { ...d, id: 'org-other' }, current.version, 'alice'), /id cannot change/);
      assert.deepEqual(await store.record('org-idcpc'), current);
    });

    test('many readers and a writer at once: every read answers, the write lands', async () => {
      const full = await atlasFromStore(store);
      const current = (await store.record('org-ufwd'))!;
      const reads = Array.from({ length: 40 }, (_, i) => (i % 2 ? store.search('security') : store.records('organisation')));
      const write = editRecord(store, full, 'org-ufwd', { ...(current.data as object), description: 'concurrent' }, current.version, 'alice');
      const [, ...rest] = await Promise.all([write, ...reads]);
      assert.ok(rest.every((r) => r.length > 0));
      assert.equal((await store.record('org-ufwd'))!.version, current.version + 1);
    });

    test('the audit log records every change, hides entries above a clearance, and the database refuses to alter it', async () => {
      const log = await store.audit({ clearance: 'red' });
      assert.ok(log.some((e) => e.action === 'atlas.import' && e.actor === 'tests'));
      const update = log.find((e) => e.action === 'record.update' && e.target === 'org-idcpc')!;
      assert.equal(update.actor, 'alice');
      assert.match(JSON.stringify(update.after), /Edited on/);
      assert.doesNotMatch(JSON.stringify(update.before), /Edited on/);
      assert.ok(!Number.isNaN(Date.parse(update.at)));
      // An entry showing a RED claim is not shown to an admin cleared to AMBER.
      const full = await atlasFromStore(store);
      const current = (await store.record('org-idcpc'))!;
      const d = current.data as { claims: { tlp?: string }[] };
      await editRecord(store, full, 'org-idcpc', { ...d, claims: d.claims.map((c, i) => (i === 0 ? { ...c, tlp: 'red' } : c)) }, current.version, 'alice');
      const red = (await store.audit({ clearance: 'red' })).at(-1)!;
      assert.equal(red.tlp, 'red');
      assert.ok(!(await store.audit({ clearance: 'amber' })).some((e) => e.id === red.id));
      // Append-only in the database itself.
      const entries = await store.audit({ clearance: 'red' });
      const tamper = name === 'sqlite' ? tamperSqlite(addr) : tamperPostgres(addr);
      for (const sql of ['UPDATE audit SET actor = ? WHERE id = 1', 'DELETE FROM audit WHERE id = 1']) await assert.rejects(tamper(sql), /append-only/);
      assert.deepEqual(await store.audit({ clearance: 'red' }), entries);
    });

    test('export refuses a folder that is not empty, and writes nothing there', async () => {
      const dir = join(scratch(), 'taken');
      mkdirSync(dir);
      writeFileSync(join(dir, 'keep.txt'), 'mine');
      const full = await atlasFromStore(store);
      assert.throws(() => writeAtlas(full, dir), ExportTargetError);
      assert.deepEqual(readdirSync(dir), ['keep.txt']);
    });
  });
}
