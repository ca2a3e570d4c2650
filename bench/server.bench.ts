/**
 * Load test of a team server on loopback, SQLite and PostgreSQL side by side: `greyzone serve
 * --server` in its own process, autocannon in this one, 50 connections, 60 s per scenario
 * (BENCH_SERVER_SECONDS to change it). Two scenarios: the read endpoints (a page, a list, search,
 * the matrix, a neighbourhood) and name screening. Requests carry an API token, so every one pays
 * for authentication (an indexed lookup of the token's account) and is served from the view of an
 * AMBER clearance.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { Store } from '../src/store/store.ts';
import { startPostgres } from '../test/helpers/postgres.ts';
import { startServerProcess, stopServerProcess } from '../test/helpers/server-process.ts';

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 60);
const CONNECTIONS = 50;

const SCENARIOS: Record<string, { method: 'GET'; path: string }[]> = {
  'read endpoints': [
    '/api/entities/org-mss',
    '/api/entities?kind=organisation',
    '/api/search?q=security',
    '/api/matrix',
    '/api/neighbourhood/org-ufwd?depth=2',
    '/api/claims?about=person-xu-yanjun',
  ].map((path) => ({ method: 'GET', path })),
  'name screening': ['Xu Yanjun', 'XU Yan-jun', 'Guojia Anquanbu', '国家安全部', 'Zhongyang Tongzhanbu', 'Jane Doe', 'Acme Trading Ltd', 'Christine Lee'].map((name) => ({
    method: 'GET',
    path: `/api/screen/name?name=${encodeURIComponent(name)}`,
  })),
};

interface Row {
  store: string;
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  peakRssMb: number;
}

const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function load(url: string, token: string, requests: { method: 'GET'; path: string }[]): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: `Bearer ${token}` }, requests });
}

async function benchStore(name: string, db: string): Promise<Row[]> {
  const store = await Store.open(db);
  await store.importAtlas(loadAtlas(BUNDLED_ATLAS).atlas, 'bench');
  if (!(await store.accounts.hasActiveAdmin())) await store.accounts.add(`admin-${name}`, 'admin', 'red', 'bench');
  const { token } = await store.accounts.add(`reader-${name}-${Date.now()}`, 'viewer', 'amber', 'bench');
  await store.close();
  const { child, url } = await startServerProcess(db);
  const rows: Row[] = [];
  try {
    for (const [scenario, requests] of Object.entries(SCENARIOS)) {
      process.stderr.write(`${name}: ${scenario} for ${SECONDS} s…\n`);
      const r = await load(url, token, requests);
      rows.push({ store: name, scenario, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, requests: r.requests.total, peakRssMb: peakRss(child.pid!) });
    }
  } finally {
    await stopServerProcess(child, 'SIGTERM');
  }
  return rows;
}

const postgres = await startPostgres();
try {
  const rows = [
    ...(await benchStore('SQLite', join(mkdtempSync(join(tmpdir(), 'greyzone-bench-')), 'g.sqlite'))),
    ...(await benchStore('PostgreSQL', postgres.url)),
  ];
  console.log(`\nServer load test: ${CONNECTIONS} connections, ${SECONDS} s per row, loopback, token auth, AMBER view`);
  console.table(
    rows.map((r) => ({
      store: r.store,
      scenario: r.scenario,
      'req/s': Math.round(r.rps),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      errors: r.errors,
      'non-2xx': r.non2xx,
      requests: r.requests,
      'server peak RSS MB': Math.round(r.peakRssMb),
    })),
  );
  if (rows.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
} finally {
  await postgres.stop();
}
