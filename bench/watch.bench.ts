/**
 * Watchlist re-screening benchmark: a 100,000-row watchlist on a SQLite store with the bundled
 * atlas; the atlas then learns one alias (one accepted claim). greyzone re-screens only the rows
 * the change touches; the baseline, side by side in the same run, screens every row again, as a
 * list that does not know what a change touches must. Measured as a running server has it (its
 * views of the atlas already rebuilt for the change, the list's row index built by an earlier
 * change) and from cold (a command-line process: the atlas read from the store, the row index
 * built). Run with `npm run bench`; BENCH_WATCH_ROWS sets the list's length.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import type { Name } from '../src/model/name.ts';
import { screenRow } from '../src/screen/names.ts';
import { atlasFromStore } from '../src/store/as-atlas.ts';
import { editRecord } from '../src/store/edit.ts';
import { Store } from '../src/store/store.ts';
import { screenRowOf } from '../src/watch/rows.ts';
import { storeViews, Watcher } from '../src/watch/watcher.ts';
import { aliased, withoutAliases } from '../test/helpers/watch-aliases.ts';
import { syntheticEntities, syntheticQueries } from './synthetic-names.ts';

const ROWS = Number(process.env.BENCH_WATCH_ROWS ?? 100_000);
const NEAR = 20;

const bundled = loadAtlas(BUNDLED_ATLAS).atlas;
const [warmUpAlias, measured] = aliased(bundled);
if (!warmUpAlias || !measured) throw new Error('the bundled atlas has no two aliases that alone make a hit');
const store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-bench-watch-')), 'g.sqlite'));
await store.importAtlas(withoutAliases(bundled, [warmUpAlias, measured]), 'bench');

// The list: names of a synthetic population (none in the atlas), and a few rows that are the measured alias in other spellings.
const { entities, unused } = syntheticEntities(50_000, 3);
const names = syntheticQueries(entities, unused, ROWS - NEAR, 5).map((q) => q.text);
const alias = measured.alias.text;
const near = [alias, alias.toUpperCase(), alias.toLowerCase(), ` ${alias} `, `${alias} (partner)`];
for (let i = 0; i < NEAR; i++) names.splice(Math.floor((i * names.length) / NEAR), 0, near[i % near.length]!);
const csv = `name\n${names.map((n) => (/[",\n]/.test(n) ? `"${n.replace(/"/g, '""')}"` : n)).join('\n')}\n`;

const watcher = new Watcher(store);
let t = performance.now();
const w = await watcher.add(Readable.from([Buffer.from(csv)]), { name: 'Bench', owner: 'bench', ownerClearance: 'red' }, await storeViews(store));
console.log(`watchlist: ${w.row_count} rows added and screened in ${((performance.now() - t) / 1000).toFixed(1)} s`);

async function addAlias(c: NonNullable<typeof measured>): Promise<void> {
  const atlas = await atlasFromStore(store);
  const data = atlas.records.get(c.id)!.data as { names: Name[] };
  await editRecord(store, atlas, c.id, { ...data, names: [...data.names, c.alias] }, (await store.record(c.id))!.version, 'bench');
}

interface Row {
  what: string;
  seconds: number;
  rows: number;
  alerts: number;
}
const rows: Row[] = [];

// Cold: a process that keeps nothing — the atlas read from the store, the row index built.
await addAlias(warmUpAlias);
t = performance.now();
const cold = await watcher.catchUp(await storeViews(store));
rows.push({ what: 'greyzone, cold (the atlas read, the row index built): the first alias', seconds: (performance.now() - t) / 1000, rows: cold.rows, alerts: cold.alerts });

// Warm: the views rebuilt for the change (as a server does for any change), then re-screening.
await addAlias(measured);
const views = await storeViews(store);
views.view('red');
t = performance.now();
const warm = await watcher.catchUp(views);
rows.push({ what: 'greyzone, in a running server: the second alias', seconds: (performance.now() - t) / 1000, rows: warm.rows, alerts: warm.alerts });

// Baseline: every row screened again against the same view.
const all = await store.watchlists.rows(w.id);
t = performance.now();
let hits = 0;
for (const r of all) if (screenRow(views.view('red').atlasIndex, screenRowOf(r.cells), r.row).matches?.some((m) => m.id === measured.id && m.alert)) hits++;
rows.push({ what: 'baseline: every row screened again', seconds: (performance.now() - t) / 1000, rows: all.length, alerts: hits });

console.log(`\nre-screening a ${w.row_count}-row watchlist after one accepted claim adds an alias (${NEAR} rows are that alias in other spellings)\n`);
console.log('| what | seconds | rows screened | alerts (baseline: hits on the entity) |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.what} | ${r.seconds.toFixed(3)} | ${r.rows} | ${r.alerts} |`);
console.log(`\nin a running server: ${(rows[2]!.seconds / rows[1]!.seconds).toFixed(0)}× faster than screening every row; process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
await store.close();
