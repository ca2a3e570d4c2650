/**
 * Name screening benchmark: greyzone's candidate index against an exhaustive Jaro–Winkler scan
 * and PostgreSQL's pg_trgm, side by side, on one deterministic synthetic list of 100,000
 * entities and 10,000 labelled queries. Run with `npm run bench`.
 */
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import pg from 'pg';
import { startPostgres } from '../test/helpers/postgres.ts';
import { NameIndex } from '../src/names/match.ts';
import { fold } from '../src/names/fold.ts';
import { syntheticQueries, syntheticEntities, type Query } from './synthetic-names.ts';

const WATCHLIST = Number(process.env.BENCH_WATCHLIST ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 10_000);
/** The exhaustive scan is slow by nature; it runs on the first queries only. */
const SCAN_QUERIES = Number(process.env.BENCH_SCAN_QUERIES ?? 200);
const PG_QUERIES = Number(process.env.BENCH_PG_QUERIES ?? 2_000);
const JW_THRESHOLD = 0.92;
const TRGM_THRESHOLD = 0.5;

interface Row {
  system: string;
  queries: number;
  qps: number;
  p50: number;
  p99: number;
  recall: number;
  precision: number;
  romanised: number;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const ROMANISED = new Set(['traditional', 'pinyin by syllable', 'pinyin run together']);

async function measure(system: string, queries: Query[], run: (q: Query) => Promise<string | undefined> | string | undefined): Promise<Row> {
  const times: number[] = [];
  let tp = 0;
  let reported = 0;
  let positives = 0;
  let roman = 0;
  let romanHit = 0;
  const start = performance.now();
  for (const q of queries) {
    const t0 = performance.now();
    const top = await run(q);
    times.push(performance.now() - t0);
    if (q.expected) positives++;
    if (ROMANISED.has(q.variant)) roman++;
    if (top) reported++;
    if (top && top === q.expected) {
      tp++;
      if (ROMANISED.has(q.variant)) romanHit++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return { system, queries: queries.length, qps: queries.length / seconds, p50: percentile(times, 50), p99: percentile(times, 99), recall: tp / positives, precision: reported ? tp / reported : 1, romanised: roman ? romanHit / roman : NaN };
}

const t0 = performance.now();
const { entities, unused } = syntheticEntities(WATCHLIST);
const queries = syntheticQueries(entities, unused, QUERIES);
const names = entities.flatMap((e) => e.names.map((n) => ({ id: e.id, text: n.text, folded: fold(n.text) })));
console.log(`atlasIndex: ${entities.length} entities, ${names.length} names; ${queries.length} queries (${queries.filter((q) => !q.expected).length} negatives); generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const t1 = performance.now();
const index = new NameIndex(entities);
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(`greyzone index built in ${((performance.now() - t1) / 1000).toFixed(1)} s; process RSS ${rss.toFixed(0)} MiB`);

const rows: Row[] = [];
const greyzone = (q: Query) => index.match(q.text, { kind: q.kind })[0]?.id;
rows.push(await measure('greyzone index (all queries)', queries, greyzone));
const scanSet = queries.slice(0, SCAN_QUERIES);
rows.push(await measure(`greyzone index (first ${SCAN_QUERIES})`, scanSet, greyzone));
rows.push(
  await measure(`exhaustive Jaro–Winkler ≥ ${JW_THRESHOLD} (first ${SCAN_QUERIES})`, scanSet, (q) => {
    const f = fold(q.text);
    let best = JW_THRESHOLD;
    let id: string | undefined;
    for (const n of names) {
      const s = jaroWinkler(f, n.folded);
      if (s >= best) {
        best = s;
        id = n.id;
      }
    }
    return id;
  }),
);

const server = await startPostgres();
try {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('CREATE EXTENSION pg_trgm');
  await client.query('CREATE TABLE names (id text, name text)');
  for (let i = 0; i < names.length; i += 5000) {
    const chunk = names.slice(i, i + 5000);
    await client.query('INSERT INTO names SELECT * FROM unnest($1::text[], $2::text[])', [chunk.map((n) => n.id), chunk.map((n) => n.text.toLowerCase())]);
  }
  await client.query('CREATE INDEX ON names USING gin (name gin_trgm_ops)');
  await client.query(`SET pg_trgm.similarity_threshold = ${TRGM_THRESHOLD}`);
  const pgSet = queries.slice(0, PG_QUERIES);
  rows.push(
    await measure(`PostgreSQL pg_trgm ≥ ${TRGM_THRESHOLD} (first ${PG_QUERIES})`, pgSet, async (q) => {
      const res = await client.query('SELECT id FROM names WHERE name % $1 ORDER BY similarity(name, $1) DESC LIMIT 1', [q.text.toLowerCase()]);
      return res.rows[0]?.id as string | undefined;
    }),
  );
  rows.push(await measure(`greyzone index (first ${PG_QUERIES})`, pgSet, greyzone));
  await client.end();
} finally {
  await server.stop();
}

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)}%`);
console.log('\n| system | queries | queries/s | p50 ms | p99 ms | recall | precision | recall, romanised variants |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.system} | ${r.queries} | ${r.qps.toFixed(0)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${pct(r.recall)} | ${pct(r.precision)} | ${pct(r.romanised)} |`);
}
const scan = rows[2]!;
const ours = rows[1]!;
console.log(`\ngreyzone vs exhaustive scan: ${(ours.qps / scan.qps).toFixed(0)}× the throughput, recall ${pct(ours.recall)} vs ${pct(scan.recall)}`);
