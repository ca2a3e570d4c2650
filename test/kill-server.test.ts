/**
 * Nothing acknowledged is lost: a server in server mode takes a stream of edits and is killed
 * (SIGKILL, no chance to tidy up) at a random moment, again and again, on each store. After each
 * kill the store must be consistent and hold every edit the server answered 200 for.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { atlasFromStore } from '../src/store/as-atlas.ts';
import { Store } from '../src/store/store.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { startServerProcess, stopServerProcess } from './helpers/server-process.ts';

const KILLS = 20;
const RECORDS = ['org-mss', 'org-ufwd', 'org-idcpc', 'org-mps'];
const WRITERS = RECORDS.length;
/** How long a round may take to see its edits acknowledged: generous, only a server that has stopped working misses it. */
const ROUND_DEADLINE_MS = 120_000;

let postgres: TestPostgres | undefined;
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
});

interface Ack {
  version: number;
  description: string;
}

/** One writer: edits its record again and again, remembering what the server acknowledged. */
async function writer(url: string, token: string, id: string, round: number, acks: Map<string, Ack>, stop: { now: boolean; acked: number }): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (let n = 0; !stop.now; n++) {
    try {
      const page = (await (await fetch(`${url}/api/entities/${id}`, { headers })).json()) as { record: Record<string, unknown>; version: number };
      const description = `round ${round} edit ${n}`;
      const res = await fetch(`${url}/api/entities/${id}`, { method: 'PUT', headers, body: JSON.stringify({ version: page.version, record: { ...page.record, description } }) });
      if (res.status === 200) {
        acks.set(id, { version: ((await res.json()) as { version: number }).version, description });
        stop.acked++;
      } else assert.fail(`edit refused: ${res.status} ${await res.text()}`);
    } catch (e) {
      if (stop.now) return; // the connection died with the server
      throw e;
    }
  }
}

async function checkConsistent(db: string, acks: Map<string, Ack>): Promise<void> {
  if (!db.startsWith('postgres')) {
    const raw = new Database(db, { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    raw.close();
  }
  const store = await Store.open(db);
  try {
    const atlas = await atlasFromStore(store);
    const log = await store.audit({ clearance: 'red', limit: 100_000 });
    for (const id of RECORDS) {
      const rec = (await store.record(id))!;
      const edits = log.filter((e) => e.action === 'record.update' && e.target === id);
      // Derived rows and the audit log moved with the record, in the same transaction.
      assert.equal(edits.length, rec.version - 1, `${id}: one audit entry per edit`);
      assert.equal((await store.claims({ record: id })).length, atlas.claims.filter((c) => c.claim.record === id).length, `${id}: claims`);
      const ack = acks.get(id);
      if (!ack) continue;
      // The newest acknowledged edit is there: it made version ack.version, and any later versions
      // are edits whose answers were lost in a kill.
      assert.ok(rec.version >= ack.version, `${id}: version ${rec.version}, acknowledged ${ack.version}`);
      assert.equal((edits[ack.version - 2]!.after as { description: string }).description, ack.description, `${id}: version ${ack.version} is the acknowledged edit`);
      if (rec.version === ack.version) assert.equal((rec.data as { description: string }).description, ack.description);
    }
  } finally {
    await store.close();
  }
}

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`${backend}: SIGKILL during a batch of edits, ${KILLS} times`, () => {
    test('every acknowledged edit survives and the store stays consistent', async (t) => {
      const db = backend === 'sqlite' ? join(mkdtempSync(join(tmpdir(), 'greyzone-kill-')), 'g.sqlite') : postgres!.url;
      const setup = await Store.open(db);
      await setup.importAtlas(loadAtlas(BUNDLED_ATLAS).atlas, 'tests');
      const { token } = await setup.accounts.add(`kill-${backend}`, 'analyst', 'red', 'tests');
      if (!(await setup.accounts.hasActiveAdmin())) await setup.accounts.add(`admin-${backend}`, 'admin', 'red', 'tests');
      await setup.close();

      const acks = new Map<string, Ack>();
      let acknowledged = 0;
      for (let round = 0; round < KILLS; round++) {
        const { child, url } = await startServerProcess(db);
        const stop = { now: false, acked: 0 };
        const writers = RECORDS.slice(0, WRITERS).map((id) => writer(url, token, id, round, acks, stop));
        // Kill once a random number of edits (2–6) has been acknowledged, a moment later: a count,
        // not a time, so a busy machine changes only how long a round takes, never the verdict.
        const target = 2 + Math.floor(Math.random() * 5);
        const deadline = Date.now() + ROUND_DEADLINE_MS;
        while (stop.acked < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        assert.ok(stop.acked >= target, `round ${round}: ${stop.acked} of ${target} edits acknowledged in ${ROUND_DEADLINE_MS / 1000} s — the server is not taking edits`);
        await new Promise((r) => setTimeout(r, Math.random() * 50));
        const killed = stopServerProcess(child, 'SIGKILL');
        stop.now = true;
        await killed;
        await Promise.all(writers);
        acknowledged += stop.acked;
        await checkConsistent(db, acks);
      }
      t.diagnostic(`${acknowledged} edits acknowledged across ${KILLS} kills`);
    });
  });
}
