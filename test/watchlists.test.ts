/**
 * Watchlists on a real store with the bundled atlas — SQLite, and a PostgreSQL server started on
 * loopback: a list screened when added; after a change to the atlas, only the rows it touches
 * screened again, with exactly the alerts a full re-screening would raise; a list that learns
 * nothing from a change above its clearance; webhook deliveries taken by one process only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { before, after, describe, test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from '../src/atlas/load.ts';
import type { Name } from '../src/model/name.ts';
import { atlasIndexOf } from '../src/screen/atlas-index.ts';
import { screenRow } from '../src/screen/names.ts';
import { atlasFromStore } from '../src/store/as-atlas.ts';
import { createRecord, editRecord } from '../src/store/edit.ts';
import { Store } from '../src/store/store.ts';
import { keptResult, screenRowOf, type RowResult } from '../src/watch/rows.ts';
import { storeViews, Watcher, WatchlistError } from '../src/watch/watcher.ts';
import { deliverDue } from '../src/watch/webhook.ts';
import { CsvInputError } from '../src/screen/csv.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { aliased, withoutAliases } from './helpers/watch-aliases.ts';

const bundled = loadAtlas(BUNDLED_ATLAS).atlas;
const csv = (text: string) => Readable.from([Buffer.from(text)]);
const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const bundledStore = async (address: string) => {
  const store = await Store.open(address);
  await store.importAtlas(withoutAliases(bundled, chosen), 'tests');
  return store;
};
const chosen = aliased(bundled).slice(0, 6);

let postgres: TestPostgres | undefined;
after(() => postgres?.stop());

for (const [dialect, open] of [
  ['SQLite', () => bundledStore(join(mkdtempSync(join(tmpdir(), 'greyzone-watch-')), 'g.sqlite'))],
  ['PostgreSQL', async () => bundledStore((postgres = await startPostgres()).url)],
] as const) {
  describe(`${dialect} store`, () => {
    let store: Store;
    let watcher: Watcher;

    before(async () => {
      assert.ok(chosen.length >= 4, `${chosen.length} entities with an alias that makes a hit`);
      store = await open();
      watcher = new Watcher(store);
    });
    after(() => store.close());

    /** A list of the aliases (with spelling of other kinds around them), people and bodies of the atlas, and names it does not hold. */
    function listText(): string {
      const names = [
        ...chosen.map((c) => c.alias.text),
        ...chosen.map((c) => `${c.alias.text.toUpperCase()}`),
        ...chosen.map((c) => c.primary),
        'Yanjun Xu',
        'Qu Hui',
        'Ministry of State Security',
        '国家安全部',
        'Wang Wei',
        'Anna Nowak',
        'Tallinn University of Technology',
        'Northwind Trading',
        '<script>alert(1)</script>',
        '',
      ];
      // A person is a hit only with a documented fact that agrees (screen/names): here, the affiliation.
      return `name,id,affiliation\n${names.map((n, i) => `${cell(n)},r${i + 1},`).join('\n')}\nXu Yanjun,r99,Ministry of State Security\n`;
    }

    async function addAliasBack(c: (typeof chosen)[number], actor = 'alice', tlp?: string): Promise<void> {
      const atlas = await atlasFromStore(store);
      const rec = atlas.records.get(c.id)!;
      const data = rec.data as { names: Name[] };
      const alias = tlp ? { ...c.alias, claims: c.alias.claims!.map((cl) => ({ ...cl, tlp })) } : c.alias;
      const { version } = (await store.record(c.id))!;
      await editRecord(store, atlas, c.id, { ...data, names: [...data.names, alias] }, version, actor);
    }

    /** Every row screened whole, as a new list would be: what incremental re-screening must agree with. */
    async function screenedWhole(id: string, clearance: 'red' | 'green' = 'red'): Promise<Map<number, RowResult>> {
      const { atlasIndex } = (await storeViews(store)).view(clearance);
      const w = (await store.watchlists.get(id, 'red'))!;
      return new Map((await store.watchlists.rows(id)).map((r) => [r.row, keptResult(screenRow(atlasIndex, screenRowOf(r.cells), r.row, w.threshold))]));
    }

    async function storedResults(id: string): Promise<Map<number, RowResult>> {
      return new Map((await store.watchlists.rows(id)).map((r) => [r.row, r.result as RowResult]));
    }

    test('a list is screened whole when added: each row with its matches, a row with a problem keeps its error', async () => {
      const w = await watcher.add(csv(listText()), { name: 'Partners 2026', owner: 'alice', ownerClearance: 'red' }, await storeViews(store));
      assert.match(w.id, /^partners-2026-[0-9a-f]{6}$/);
      assert.equal(w.clearance, 'red');
      const rows = await store.watchlists.rows(w.id);
      assert.equal(rows.length, w.row_count);
      const byName = new Map(rows.map((r) => [r.cells.name, r]));
      assert.equal((byName.get('Xu Yanjun')!.result as RowResult).alert, true);
      assert.equal((byName.get('')!.result as RowResult).error, 'the name is empty');
      assert.equal(byName.get('<script>alert(1)</script>')!.cells.name, '<script>alert(1)</script>', 'a name is kept as text');
      // The aliases taken out do not match yet.
      for (const c of chosen) assert.ok(!(byName.get(c.alias.text)!.result as RowResult).matches.some((m) => m.id === c.id && m.alert), `${c.alias.text} does not yet hit ${c.id}`);
      assert.deepEqual(await storedResults(w.id), await screenedWhole(w.id));
    });

    test('an alias added to the atlas raises exactly the alerts a full re-screening would, with the claim that caused them', async () => {
      const id = (await store.watchlists.get('Partners 2026', 'red'))!.id;
      for (const c of chosen) {
        const before = await storedResults(id);
        await addAliasBack(c);
        const report = await watcher.catchUp(await storeViews(store));
        const now = await storedResults(id);
        const whole = await screenedWhole(id);
        assert.deepEqual(now, whole, `after ${c.alias.text} was added, the stored results are a full re-screening's`);
        assert.ok(report.rows < now.size, `${report.rows} of ${now.size} rows screened again`);
        // The alerts are the differences in hits between before and now, row by row.
        const expected = [...whole].flatMap(([row, r]) => {
          const was = new Set(before.get(row)!.matches.filter((m) => m.alert).map((m) => m.id));
          return r.matches.filter((m) => m.alert && !was.has(m.id)).map((m) => `${row}:${m.id}:new`);
        });
        const raised = (await store.watchlists.alerts({ clearance: 'red', watchlist: id })).filter((a) => a.entity === c.id && a.status === 'new');
        assert.deepEqual(raised.map((a) => `${a.row}:${a.entity}:${a.change}`).sort(), expected.sort(), `alerts for ${c.alias.text}`);
        assert.ok(raised.length >= 1, `the row '${c.alias.text}' hits ${c.id} now`);
        for (const a of raised) {
          assert.ok((a.claims as { quote: string }[]).some((cl) => c.alias.claims!.some((k) => k.quote === cl.quote)), 'the alert carries the alias claim');
          await store.watchlists.acknowledge(id, a.n, 'red', 'bob');
        }
      }
      const audit = await store.audit({ clearance: 'red' });
      assert.ok(audit.some((e) => e.action === 'alert.acknowledge' && e.actor === 'bob'), 'acknowledgements are audited');
      assert.ok(audit.some((e) => e.action === 'watchlist.add' && e.target === 'Partners 2026'));
    });

    /** Every name of every body and person of the atlas, and each spelt four other ways: a list of a few thousand rows near the atlas. */
    function nearList(atlas: Atlas): string {
      const rows: string[] = [];
      for (const e of atlasIndexOf(atlas).entities) {
        for (const n of e.names) {
          const t = n.text;
          rows.push(t, t.toUpperCase(), t.length > 6 ? t.slice(0, 3) + t.slice(4) : `${t} Ltd`, `${t} (${e.kind === 'person' ? 'researcher' : 'partner'})`, t.split(' ').reverse().join(' '));
        }
      }
      return `name,kind\n${rows.map((r) => `${cell(r)},`).join('\n')}\n`;
    }

    test('on a list of thousands of names near the atlas, re-screening what a change touches gives what screening all of it gives', async () => {
      const w = await watcher.add(csv(nearList(bundled)), { name: 'Near the atlas', owner: 'alice', ownerClearance: 'red' }, await storeViews(store));
      assert.ok(w.row_count > 2000, `${w.row_count} rows`);
      // A body's alias taken out again, and a relation that ties to the system a person the atlas documented no tie for.
      let atlas = await atlasFromStore(store);
      const c = chosen[1]!;
      const data = atlas.records.get(c.id)!.data as { names: Name[] };
      await editRecord(store, atlas, c.id, { ...data, names: data.names.filter((n) => n.text !== c.alias.text) }, (await store.record(c.id))!.version, 'alice');
      atlas = await atlasFromStore(store);
      const untied = atlasIndexOf(atlas).entities.find((e) => e.kind === 'person' && !atlasIndexOf(atlas).graph.linksOf(e.id).chain)!;
      const tie = atlas.records.get('rel-xu-yanjun-works-for-mss')!.data as Record<string, unknown>;
      await createRecord(store, atlas, 'relation', { ...tie, id: `rel-${untied.id}-works-for-mss`, subject: untied.id }, 'alice');
      const report = await watcher.catchUp(await storeViews(store));
      assert.ok(report.rows > 0 && report.rows < w.row_count / 4, `${report.rows} of ${w.row_count} rows screened again`);
      assert.deepEqual(await storedResults(w.id), await screenedWhole(w.id));
      const withdrawn = await store.watchlists.alerts({ clearance: 'red', watchlist: w.id });
      assert.ok(withdrawn.some((a) => a.change === 'withdrawn' && a.entity === c.id), 'the hits on the alias are withdrawn');
      assert.ok(withdrawn.every((a) => a.entity === c.id || a.entity === untied.id), 'and nothing else changed but the newly tied person');
      await addAliasBack(c);
      await watcher.catchUp(await storeViews(store));
      assert.deepEqual(await storedResults(w.id), await screenedWhole(w.id));
      // Screening every row again finds nothing the catch-ups missed.
      const full = await watcher.rescreenAll('Near the atlas', await storeViews(store));
      assert.deepEqual(full, { changed: 1, rows: w.row_count, alerts: 0 });
      await store.watchlists.remove(w.id, 'red', 'alice', () => true);
    });

    test('nothing changed: a catch-up screens no row and raises nothing', async () => {
      const report = await watcher.catchUp(await storeViews(store));
      assert.deepEqual(report, { changed: 0, rows: 0, alerts: 0 });
    });

    test('a GREEN list learns nothing from a RED change — no alert, no count, no time — while a RED list does', async () => {
      // Start again from a store without the aliases, with one GREEN and one RED list of the same rows.
      await store.watchlists.remove('Partners 2026', 'red', 'alice', () => true);
      await store.importAtlas(withoutAliases(bundled, chosen), 'tests');
      const views = await storeViews(store);
      await watcher.catchUp(views);
      const green = await watcher.add(csv(listText()), { name: 'Green list', owner: 'gina', ownerClearance: 'green' }, views);
      const red = await watcher.add(csv(listText()), { name: 'Red list', owner: 'rob', ownerClearance: 'red' }, views);
      const seen = async () => ({
        list: await store.watchlists.list('green'),
        alerts: await store.watchlists.alerts({ clearance: 'green' }),
        count: await store.watchlists.newAlertCount('green'),
        rows: await store.watchlists.rows(green.id),
      });
      const before = await seen();
      await addAliasBack(chosen[0]!, 'rob', 'red');
      const report = await watcher.catchUp(await storeViews(store));
      assert.equal(report.changed, 1, 'only the RED list saw a change');
      assert.deepEqual(await seen(), before, 'what a GREEN reader sees is exactly as before');
      assert.ok((await store.watchlists.alerts({ clearance: 'red', watchlist: red.id })).some((a) => a.entity === chosen[0]!.id), 'the RED list has its alert');
      assert.equal((await store.watchlists.list('green')).some((w) => w.name === 'Red list'), false, 'a GREEN reader does not see the RED list');
    });

    test('bad input changes nothing: a file with no rows, no name column, a list name taken, a clearance above the owner', async () => {
      const views = await storeViews(store);
      const count = (await store.watchlists.list('red')).length;
      const add = (text: string, o: Partial<Parameters<Watcher['add']>[1]> = {}) => watcher.add(csv(text), { name: 'Another', owner: 'alice', ownerClearance: 'red', ...o }, views);
      await assert.rejects(add('name\n'), (e) => e instanceof CsvInputError && /no rows/.test(e.message));
      await assert.rejects(add(''), (e) => e instanceof CsvInputError && /the CSV is empty/.test(e.message));
      await assert.rejects(add('who,where\nA,B\n'), (e) => e instanceof CsvInputError && /no 'name' column/.test(e.message));
      await assert.rejects(add('name\nA\n', { name: 'Green list' }), (e) => e instanceof WatchlistError && /exists already/.test(e.message));
      await assert.rejects(add('name\nA\n', { ownerClearance: 'green', clearance: 'red' }), (e) => e instanceof WatchlistError && /at most its owner/.test(e.message));
      await assert.rejects(add('name\nA\n', { name: ' ' }), (e) => e instanceof WatchlistError && /needs a name/.test(e.message));
      const latin1 = Readable.from([Buffer.from('name\nJos\xe9 Mar\xeda\n', 'latin1')]);
      await assert.rejects(watcher.add(latin1, { name: 'Another', owner: 'alice', ownerClearance: 'red' }, views), (e) => e instanceof CsvInputError && /not valid UTF-8/.test(e.message));
      assert.equal((await store.watchlists.list('red')).length, count);
    });


    test('a delivery due is taken by one process only, and sent again once its lease runs out', async () => {
      const [id] = await store.watchlists.ids();
      await store.watchlists.setWebhook(id!, { url: 'http://127.0.0.1:9/', secret: 's' }, 'admin');
      const s = (await store.watchlists.screeningState(id!))!;
      const alert = { row: 1, query: 'q', entity: 'e', entity_name: 'E', change: 'new' as const, before: null, after: null, claims: [] };
      assert.equal(await store.watchlists.commitScreening(id!, s.mark, { mark: s.mark - 1, state: s.state, screened: true }, [], [alert]), false, 'a view older than the list’s does not roll it back');
      assert.equal(await store.watchlists.commitScreening(id!, s.mark - 1, { mark: s.mark + 1, state: s.state, screened: false }, [], [alert]), false, 'nor one made from a state the list has left');
      assert.equal(await store.watchlists.commitScreening(id!, s.mark, { mark: s.mark + 1, state: s.state, screened: false }, [], [alert], () => '{}'), true);
      const now = new Date();
      const taken = await Promise.all([store.watchlists.takeDueDeliveries(now, 60_000), store.watchlists.takeDueDeliveries(now, 60_000)]);
      assert.equal(taken.flat().length, 1);
      assert.equal((await store.watchlists.takeDueDeliveries(new Date(now.getTime() + 30_000), 60_000)).length, 0, 'leased');
      assert.equal((await store.watchlists.takeDueDeliveries(new Date(now.getTime() + 61_000), 60_000)).length, 1, 'a process that died while sending leaves it due again');
    });

    test('a receiver that never answers, or trickles its answer, holds a delivery no longer than its time limit', { timeout: 30_000 }, async () => {
      const sockets: Socket[] = [];
      const receiver = createServer((req, res) => {
        if (req.url === '/silent') return; // never answers
        res.writeHead(200); // answers at once, then trickles its body
        const timer = setInterval(() => res.write('.'), 200);
        res.on('close', () => clearInterval(timer));
      });
      receiver.on('connection', (socket) => sockets.push(socket));
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const port = (receiver.address() as AddressInfo).port;
      try {
        const [id] = await store.watchlists.ids();
        const alert = { row: 1, query: 'q', entity: 'e', entity_name: 'E', change: 'new' as const, before: null, after: null, claims: [] };
        const pending = async (path: string) => {
          await store.watchlists.setWebhook(id!, { url: `http://127.0.0.1:${port}${path}`, secret: 's' }, 'admin');
          const s = (await store.watchlists.screeningState(id!))!;
          assert.ok(await store.watchlists.commitScreening(id!, s.mark, { mark: s.mark + 1, state: s.state, screened: false }, [], [alert], () => '{}'));
        };
        await pending('/silent');
        assert.equal(await deliverDue(store.watchlists, { timeoutMs: 300 }), 1);
        let w = (await store.watchlists.get(id!, 'red'))!;
        assert.deepEqual([w.webhook!.pending, w.webhook!.last_error], [1, 'no answer within 0.3 s']);
        await pending('/trickle');
        assert.equal(await deliverDue(store.watchlists, { timeoutMs: 300 }), 1);
        w = (await store.watchlists.get(id!, 'red'))!;
        assert.equal(w.webhook!.delivered, 1, 'the status is the answer; the rest is not waited for');
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => receiver.close(resolve));
      }
    });
  });
}
