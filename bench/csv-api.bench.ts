/**
 * CSV screening through the team server's API, at the size a research-security office uploads
 * (1,000,000 names; BENCH_CSV_ROWS to change it): the file is streamed to `POST /api/screen/csv`
 * and the answer read as a stream, while the server's resident memory is sampled. Beside it, in
 * the same run and each in its own process so that its peak memory is its own: the CLI, which
 * streams, and the way the server used to answer (every result held, then one JSON.stringify),
 * which cannot produce an answer that large. The point is that the API's memory stays flat (under
 * 500 MB) whatever the size of the file, as the CLI's does.
 *
 * The API time is measured on a warm server (its atlas index built by a first small request); the
 * other two are whole processes, so theirs include start-up and loading the atlas index (about a
 * second). Run with `npx tsx bench/csv-api.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parser } from 'stream-json';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { screenCsv } from '../src/screen/csv.ts';
import { loadAtlasIndex } from '../src/screen/atlas-index.ts';
import { Store } from '../src/store/store.ts';
import { startServerProcess, stopServerProcess } from '../test/helpers/server-process.ts';

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const RSS_LIMIT_MB = 500;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const step = process.argv[2];

/** mulberry32: a small seeded generator, so every run screens the same file. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Names from many languages, because a real list of staff, partners and applicants is like that
// and the matcher's cost depends on the letters it meets.
const GIVEN = (
  'James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Susan Thomas Sarah Charles Karen Daniel Emily Andrew Rebecca ' +
  'Olivia Noah Amelia Oliver Isla George Freya Harry Grace Jack Sophie Liam Chloe Ethan Ava Lucas Mia Mateo Sofia Santiago Valentina ' +
  'Diego Camila Javier Lucia Alejandro Carmen Pablo Elena Joao Ana Tiago Beatriz Rafael Ines Luca Giulia Marco Chiara Matteo Francesca ' +
  'Giovanni Alessia Pierre Camille Louis Manon Hugo Chloé Antoine Léa Jean Céline Lukas Anna Felix Lena Jonas Leonie Maximilian Katharina ' +
  'Sebastian Johanna Lars Ingrid Erik Astrid Nils Sigrid Mikko Aino Juha Kaisa Tarmo Kadri Mart Liis Andrus Triin Jonas Ieva Mantas ' +
  'Rūta Tomas Agnė Darius Giedre Piotr Agnieszka Krzysztof Magdalena Tomasz Katarzyna Jan Petra Ondřej Zuzana Bence Eszter Andrei Ioana ' +
  'Dmitri Olga Sergei Natalia Ivan Tatiana Oleksandr Oksana Taras Iryna Nikos Eleni Giorgos Maria Mehmet Ayşe Emre Zeynep Burak Elif ' +
  'Ahmed Fatima Mohammed Aisha Omar Layla Yusuf Mariam Hassan Noor Ali Zahra Reza Shirin Arash Leila Ravi Priya Arjun Ananya Vikram ' +
  'Lakshmi Rahul Deepa Sanjay Kavya Wei Fang Jing Lei Min Hui Jun Yan Tao Xin Hiroshi Yuki Takeshi Aiko Kenji Sakura Minh Linh Duc ' +
  'Thao Jae-won Ji-woo Min-jun Seo-yeon Chinedu Ngozi Emeka Amara Kwame Abena Kofi Ama Tendai Nia Baraka Zawadi Thabo Naledi Mamadou Awa'
).split(' ');
const FAMILY = (
  'Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson White Harris Clark Lewis Walker Hall Young King ' +
  'Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Morales Ortiz Silva Santos ' +
  'Oliveira Pereira Costa Ferreira Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Martin Bernard Dubois Thomas Robert ' +
  'Richard Petit Durand Leroy Moreau Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Andersson Johansson ' +
  'Karlsson Nilsson Eriksson Larsen Hansen Jensen Nielsen Virtanen Korhonen Mäkinen Tamm Saar Sepp Kask Mets Kazlauskas Jankauskas ' +
  'Petrauskas Stankevičius Vasiliauskas Nowak Kowalski Wiśniewski Wójcik Kamiński Novák Svoboda Dvořák Nagy Kovács Tóth Popescu Ionescu ' +
  'Ivanov Petrov Smirnov Kuznetsov Popov Volkov Shevchenko Kovalenko Bondarenko Papadopoulos Georgiou Yılmaz Kaya Demir Şahin Çelik ' +
  'Hassan Hussein Ibrahim Abdullah Khalil Haddad Nasser Mansour Farouk Rahimi Hosseini Karimi Mohammadi Tehrani Sharma Patel Singh ' +
  'Kumar Gupta Reddy Iyer Nair Mehta Chatterjee Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo ' +
  'Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Nguyen Tran Le Pham Hoang Phan Kim Lee Park Choi Jung Kang ' +
  'Okafor Adeyemi Okonkwo Eze Mensah Asante Boateng Mwangi Otieno Kamau Dlamini Nkosi Diallo Traoré Keita Osei Banda Phiri Moyo Abebe'
).split(' ');
const PLACES = 'Baltic Nordic Pacific Atlantic Vilnius Tallinn Riga Hamburg Lyon Porto Milan Krakow Brno Shenzhen Ningbo Osaka Busan Mumbai Dubai Lagos Nairobi Harbour Northern Eastern Central'.split(' ');
const FIELDS = 'Trading Logistics Photonics Materials Robotics Semiconductor Biotech Marine Aerospace Software Energy Optics Instruments Telecom Analytics Medical Agricultural Textile Shipping Consulting'.split(' ');
const SUBJECTS = 'Applied Physics|Advanced Materials|Marine Research|Cyber Security|Quantum Technology|Public Health|International Relations|Aviation Studies|Computer Science|Economic Research'.split('|');
interface Draw {
  pick: <T>(xs: T[]) => T;
  chance: (p: number) => boolean;
}
const ORG_FORMS: ((d: Draw) => string)[] = [
  (d) => `${d.pick(PLACES)} ${d.pick(FIELDS)} ${d.pick(['Ltd', 'GmbH', 'SA', 'AB', 'OÜ', 'UAB', 'Co., Ltd', 'Inc.', 'LLC', 'BV'])}`,
  (d) => `${d.pick(FAMILY)} ${d.pick(FIELDS)} Ltd`,
  (d) => `Institute of ${d.pick(SUBJECTS)}`,
  (d) => `${d.pick(PLACES)} University of ${d.pick(SUBJECTS).split(' ').pop()}`,
  (d) => `${d.pick(FAMILY)} & ${d.pick(FAMILY)} ${d.chance(0.5) ? 'Partners' : 'Associates'}`,
  (d) => `${d.pick(PLACES)} ${d.pick(SUBJECTS)} Centre`,
];
/** Names the bundled atlas holds, so that some rows have matches and chains to serialise. */
const LISTED: [string, string][] = [
  ['Xu Yanjun', 'person'],
  ['Yanjun Xu', 'person'],
  ['Christine Lee', 'person'],
  ['Zhu Yong', 'person'],
  ['Song Guo Zheng', 'person'],
  ['Ministry of State Security', 'organisation'],
  ['国家安全部', 'organisation'],
  ['Jiangsu Province Ministry of State Security', 'organisation'],
  ['United Front Work Department', 'organisation'],
  ['统一战线工作部', 'organisation'],
  ['Ministry of Public Security', 'organisation'],
  ['公安部', 'organisation'],
  ['Huaying Haitai Science and Technology Development Company', 'organisation'],
];

/** Writes the CSV: mostly people, a quarter organisations, about one row in a hundred a listed name. */
async function generate(path: string, n: number): Promise<void> {
  const r = rng(7);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const draw: Draw = { pick, chance: (p) => r() < p };
  const out = createWriteStream(path);
  let chunk = 'name,kind\n';
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.01) {
      const [name, kind] = pick(LISTED);
      chunk += `${name},${kind}\n`;
    } else if (roll < 0.26) chunk += `"${pick(ORG_FORMS)(draw)}",organisation\n`;
    else if (roll < 0.31) chunk += `"${pick(FAMILY)}, ${pick(GIVEN)}",\n`;
    else chunk += `${pick(GIVEN)} ${r() < 0.15 ? `${pick(GIVEN)} ` : ''}${pick(FAMILY)}${r() < 0.05 ? `-${pick(FAMILY)}` : ''},person\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const procStatus = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0; // the process has gone
  }
};

interface Answer {
  status: number;
  results: number;
  inOrder: boolean;
  /** The answer's body when it is not 200, or what went wrong reading it. */
  problem?: string;
}

/**
 * Counts the objects of `{"results":[…]}` token by token, never holding more than a token: the
 * answer to a million rows is larger than anything a client should buffer. Also checks that each
 * result's `row` is the next number.
 */
function countResults(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve) => {
    const tokens = parser.asStream({ packValues: true, streamValues: false });
    let depth = 0;
    let topKey: string | undefined;
    let key: string | undefined;
    let results = 0;
    let inOrder = true;
    const extra: string[] = [];
    tokens.on('data', (t: { name: string; value?: string }) => {
      switch (t.name) {
        case 'startObject':
        case 'startArray':
          if (depth === 2 && topKey === 'results' && t.name === 'startObject') results++;
          depth++;
          break;
        case 'endObject':
        case 'endArray':
          depth--;
          break;
        case 'keyValue':
          if (depth === 1) topKey = t.value;
          key = t.value;
          break;
        case 'numberValue':
          if (depth === 3 && topKey === 'results' && key === 'row' && Number(t.value) !== results) inOrder = false;
          break;
        case 'stringValue':
          // A stream that fails after it has begun can only say so in the body.
          if (depth === 1) extra.push(`${topKey}: ${t.value}`);
          break;
      }
    });
    const fail = (e: Error) => resolve({ status: res.statusCode ?? 0, results, inOrder, problem: `the answer broke off after ${results} results: ${e.message}` });
    tokens.on('error', fail);
    res.on('error', fail);
    tokens.on('end', () => resolve({ status: res.statusCode ?? 0, results, inOrder, ...(extra.length ? { problem: extra.join('; ') } : {}) }));
    res.pipe(tokens);
  });
}

/** POSTs the file as a stream, the way a browser uploads it, and reads the answer as one. */
function postCsv(url: string, token: string, file: string): Promise<Answer> {
  return new Promise((resolve) => {
    let answered = false;
    const req = request(`${url}/api/screen/csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': statSync(file).size },
    });
    req.on('response', (res) => {
      answered = true;
      if (res.statusCode === 200) return void countResults(res).then(resolve);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body = (body + d).slice(0, 500)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, results: 0, inOrder: false, problem: body.trim() }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, results: 0, inOrder: false, problem: e.message }));
    });
    // A server that refuses the upload may close the socket before it has all of it: that is its answer, not an error.
    req.on('error', (e) => {
      if (!answered) resolve({ status: 0, results: 0, inOrder: false, problem: `no answer: ${e.message}` });
    });
    createReadStream(file).pipe(req);
  });
}

interface Row {
  way: string;
  rows: number;
  seconds: number;
  peakMb: number;
  ok: boolean;
  outcome: string;
}

const TIME = '/usr/bin/time';

/**
 * Runs a child to its end and measures its peak RSS: by GNU time's getrusage where it is installed
 * (exact, even for a process that dies), else by polling VmHWM every 100 ms.
 */
async function measure(args: string[]): Promise<{ seconds: number; peakMb: number; code: number | null; stdout: string; stderr: string }> {
  const timed = existsSync(TIME);
  const started = performance.now();
  const child = spawn(timed ? TIME : process.execPath, timed ? ['-v', process.execPath, ...args] : args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  let polled = 0;
  const poll = timed ? undefined : setInterval(() => (polled = Math.max(polled, procStatus(child.pid!, 'VmHWM'))), 100);
  const [code] = (await once(child, 'close')) as [number | null];
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const peakMb = timed ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) / 1024 : polled;
  return { seconds, peakMb, code, stdout, stderr };
}

/** The CLI's JSON goes to /dev/null (stdout 'ignore'); its summary line on stderr says how many rows it screened. */
async function cli(file: string, db: string): Promise<Row> {
  const way = 'greyzone CLI (streams)';
  const m = await measure([join(ROOT, 'bin/greyzone.js'), 'screen', 'names', file, '--db', db, '--format', 'json']);
  const rows = Number(/screened (\d+) name/.exec(m.stderr)?.[1] ?? 0);
  const ok = m.code === 0 && rows === ROWS;
  return { way, rows, seconds: m.seconds, peakMb: m.peakMb, ok, outcome: ok ? 'ok' : `failed (exit ${m.code}): ${lastLine(m.stderr)}` };
}

async function buffered(file: string, db: string): Promise<Row> {
  const way = 'buffered (every result held, then JSON.stringify)';
  // A heap this large makes it fail on V8's longest string, as the old server did, not on its heap.
  const m = await measure(['--import', 'tsx', '--max-old-space-size=8192', SELF, 'buffered', file, db]);
  const line = m.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) {
    const oom = /heap out of memory|Allocation failed/i.test(m.stderr);
    return { way, rows: 0, seconds: m.seconds, peakMb: m.peakMb, ok: false, outcome: `failed: ${oom ? 'out of memory' : `exit ${m.code}: ${lastLine(m.stderr)}`}` };
  }
  const r = JSON.parse(line.slice(7)) as { rows: number; outcome: string };
  return { way, rows: r.rows, seconds: m.seconds, peakMb: m.peakMb, ok: r.outcome.startsWith('ok'), outcome: r.outcome };
}

const lastLine = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(Command being timed|User time|System time|Percent of CPU|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(l))
    .pop() ?? '';

/** The child for the buffered row: what `POST /api/screen/csv` did before it streamed. */
async function runBuffered(file: string, db: string): Promise<void> {
  const store = await Store.open(db);
  const atlasIndex = await loadAtlasIndex(store).finally(() => store.close());
  const buf = readFileSync(file);
  const results: unknown[] = [];
  let outcome: string;
  try {
    for await (const r of screenCsv(Readable.from([buf]), atlasIndex)) results.push(r);
    const json = JSON.stringify({ results });
    outcome = `ok (${(json.length / 1e6).toFixed(0)} MB of JSON)`;
  } catch (e) {
    outcome = `failed: ${(e as Error).name} ${(e as Error).message}`;
  }
  process.stdout.write(`RESULT ${JSON.stringify({ rows: results.length, outcome })}\n`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'greyzone-csv-bench-'));
  try {
    const file = join(dir, 'names.csv');
    process.stderr.write(`writing ${ROWS.toLocaleString('en')} names…\n`);
    await generate(file, ROWS);
    const megabytes = statSync(file).size / 1e6;

    const db = join(dir, 'g.sqlite');
    const store = await Store.open(db);
    await store.importAtlas(loadAtlas(BUNDLED_ATLAS).atlas, 'bench');
    if (!(await store.accounts.hasActiveAdmin())) await store.accounts.add('admin-csv', 'admin', 'red', 'bench');
    const { token } = await store.accounts.add(`viewer-csv-${Date.now()}`, 'viewer', 'amber', 'bench');
    await store.close();

    const rows: Row[] = [];
    let api: Answer;
    let idleMb: number;
    let sampledMb = 0;
    let hwmMb: number;
    const { child, url } = await startServerProcess(db);
    try {
      const pid = child.pid!;
      // Warm-up: the account's atlas index is built on its first screening, not during the upload.
      const warm = join(dir, 'warm.csv');
      await generate(warm, 1);
      await postCsv(url, token, warm);
      idleMb = procStatus(pid, 'VmRSS');
      process.stderr.write(`the API: streaming ${megabytes.toFixed(1)} MB…\n`);
      const sampler = setInterval(() => (sampledMb = Math.max(sampledMb, procStatus(pid, 'VmRSS'))), 100);
      const started = performance.now();
      api = await postCsv(url, token, file);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      hwmMb = procStatus(pid, 'VmHWM');
      const ok = api.status === 200 && api.results === ROWS && api.inOrder && !api.problem;
      const outcome =
        `HTTP ${api.status}` +
        (api.status === 200 ? `, ${api.results === ROWS ? 'count right' : `count wrong (${api.results} of ${ROWS})`}${api.inOrder ? '' : ', rows out of order'}` : '') +
        (api.problem ? `: ${api.problem.replace(/\s+/g, ' ').slice(0, 160)}` : '');
      rows.push({ way: 'greyzone API, streamed', rows: api.results, seconds, peakMb: hwmMb, ok, outcome });
    } finally {
      await stopServerProcess(child, 'SIGTERM');
    }

    // One at a time, with the server gone, so that none competes with another for the CPU.
    process.stderr.write('the CLI…\n');
    rows.push(await cli(file, db));
    process.stderr.write('buffered…\n');
    rows.push(await buffered(file, db));

    console.log(`\nCSV screening: ${ROWS.toLocaleString('en')} names (${megabytes.toFixed(1)} MB) against the bundled atlas; the API on a team server, token auth, AMBER view`);
    console.table(
      rows.map((r) => ({
        way: r.way,
        rows: r.rows,
        seconds: r.seconds.toFixed(1),
        'rows/s': r.ok ? Math.round(r.rows / r.seconds) : '—',
        'peak RSS MB': Math.round(r.peakMb),
        outcome: r.outcome,
      })),
    );
    const under = hwmMb < RSS_LIMIT_MB;
    console.log(
      `API server RSS: ${Math.round(idleMb)} MB before the upload, ${Math.round(sampledMb)} MB at most in 100 ms samples during it, peak (VmHWM) ${Math.round(hwmMb)} MB — ` +
        `${under ? 'under' : 'NOT under'} ${RSS_LIMIT_MB} MB`,
    );
    if (api.status !== 200 || api.results !== ROWS || !api.inOrder) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (step === 'buffered') await runBuffered(process.argv[3]!, process.argv[4]!);
else await main();
