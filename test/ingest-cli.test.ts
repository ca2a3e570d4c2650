/**
 * `greyzone extract` and `greyzone ingest` as a user runs them: the extract JSON, a folder with
 * good and bad files (each bad one reported in one line, the rest stored), the same documents
 * again (recognised), a folder of 10,000 files, and a kill at random moments, twenty times: every
 * document is stored whole with all its proposals, or not at all.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Store } from '../src/store/store.ts';
import { CORPUS } from './helpers/corpus-document.ts';
import { stopServerProcess } from './helpers/server-process.ts';

const BIN = fileURLToPath(new URL('../bin/greyzone.js', import.meta.url));
const greyzone = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const scratch = () => mkdtempSync(join(tmpdir(), 'greyzone-ingest-'));
const corpus = (name: string) => fileURLToPath(new URL(name, CORPUS));

test('a document in a language greyzone does not read gets one line saying so, and still its scan for known names', () => {
  const dir = scratch();
  const file = join(dir, 'fr.txt');
  writeFileSync(file, "Selon le rapport, le Département international du Comité central du Parti communiste chinois (IDCPC) et le ministère de la Sécurité de l'État entretiennent des contacts avec des élus locaux en France et en Allemagne depuis plusieurs années.\n");
  const r = greyzone('extract', file, '--db', join(dir, 'g.sqlite'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /fr\.txt: written in French, which greyzone does not read/);
  const x = JSON.parse(r.out) as { language: string; read: boolean; mentions: { entity_id: string | null; how: string }[]; countries: { iso: string }[] };
  assert.equal(x.language, 'fra');
  assert.equal(x.read, false);
  assert.ok(x.mentions.some((m) => m.entity_id === 'org-idcpc'), 'the known acronym is still found');
  assert.ok(!x.mentions.some((m) => m.how === 'candidate'), 'no guessing at names in a language it does not read');
});

test('extract prints one JSON object per document with the fields DESIGN names', () => {
  const db = join(scratch(), 'g.sqlite');
  const r = greyzone('extract', corpus('07-us-doj-xu-yanjun-2018-charged.txt'), corpus('20-de-bfv-idcpc-2023-stgb-nrw.txt'), '--db', db);
  assert.equal(r.code, 0, r.err);
  const [en, de] = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { mentions: { text: string; start: number; end: number; kind: string; entity_id: string | null }[]; dates: { value: string }[]; countries: { iso: string }[]; language: string });
  for (const k of ['document', 'mentions', 'techniques', 'dates', 'money', 'countries']) assert.ok(k in en!, k);
  assert.ok(en!.mentions.some((m) => m.entity_id === 'person-xu-yanjun' && m.kind === 'person' && Number.isInteger(m.start) && m.end > m.start));
  assert.ok(en!.mentions.some((m) => m.entity_id === null), 'a candidate new entity');
  assert.ok(en!.dates.some((d) => d.value === '2018-10-10'));
  assert.ok(en!.countries.some((c) => c.iso === 'US'));
  assert.equal(de!.language, 'de');
  assert.ok(de!.mentions.some((m) => m.entity_id === 'org-idcpc'));
});

test('a folder of good and bad files: each bad one is one line, the rest are stored; again, all are recognised', async () => {
  const dir = scratch();
  const docs = join(dir, 'in');
  mkdirSync(join(docs, 'sub'), { recursive: true });
  copyFileSync(corpus('08-us-doj-xu-yanjun-2021-convicted.txt'), join(docs, 'a.txt'));
  copyFileSync(corpus('19-uk-hansard-lords-2022-01-19-christine-lee.txt'), join(docs, 'sub', 'b.txt'));
  writeFileSync(join(docs, 'page.html'), '<!doctype html><html><head><title>Notice</title><script>SECRET_SCRIPT_TEXT()</script></head><body><nav>Home</nav><article><h1>Notice</h1><p>The Ministry of State Security approached researchers at a conference in 2022, according to the notice.</p><p>It offered paid trips.</p></article></body></html>');
  writeFileSync(join(docs, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...Array(200).fill(0)]));
  writeFileSync(join(docs, 'empty.md'), '');
  writeFileSync(join(docs, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog');
  writeFileSync(join(docs, 'notes.bin'), 'not a document');
  const db = join(dir, 'g.sqlite');
  const r = greyzone('ingest', docs, join(dir, 'missing.txt'), '--db', db);
  assert.equal(r.code, 1, 'a failure makes the exit code 1');
  assert.match(r.out, /^ingested 3 document\(s\) with \d+ proposed claims; 0 already stored; 4 failed$/m);
  const errors = r.err.trim().split('\n');
  assert.equal(errors.length, 4, r.err);
  for (const [file, why] of [['image.txt', /binary/i], ['empty.md', /empty/i], ['broken.pdf', /PDF/], ['missing.txt', /no such file/]] as const) {
    const line = errors.find((l) => l.includes(file));
    assert.ok(line, file);
    assert.match(line, why);
    assert.match(line, /^greyzone: /);
  }
  const store = await Store.open(db);
  try {
    const list = await store.documents.list('red');
    assert.equal(list.length, 3);
    const html = list.find((d) => d.name === 'page.html')!;
    const stored = (await store.documents.get(html.sha256))!;
    assert.doesNotMatch(stored.text, /SECRET_SCRIPT_TEXT|Home/);
    assert.ok((await store.documents.consistency()).every((c) => c.stored === c.declared));
  } finally {
    await store.close();
  }
  const again = greyzone('ingest', docs, '--db', db);
  assert.match(again.out, /^ingested 0 document\(s\) with 0 proposed claims; 3 already stored; 3 failed$/m);
});

test('issue 23: ingest takes a document’s title, publisher, address, date and grade; the metadata only for a single file', async () => {
  const dir = scratch();
  const db = join(dir, 'g.sqlite');
  const file = join(dir, 'notice.txt');
  writeFileSync(file, 'Last year the Ministry of State Security approached researchers.\n');
  const r = greyzone('ingest', file, '--title', 'A notice', '--publisher', 'Ministry of Examples', '--url', 'https://example.org/n', '--date', '2023-04-05', '--reliability', 'B', '--credibility', '2', '--db', db);
  assert.equal(r.code, 0, r.err);
  const store = await Store.open(db);
  try {
    const [summary] = await store.documents.list('red');
    const doc = (await store.documents.get(summary!.sha256))!;
    assert.deepEqual([doc.title, doc.publisher, doc.url, doc.date, doc.reliability, doc.credibility], ['A notice', 'Ministry of Examples', 'https://example.org/n', '2023-04-05', 'B', 2]);
    assert.deepEqual((doc.extraction as { dates: { value: string | null }[] }).dates.map((d) => d.value), ['2022']);
  } finally {
    await store.close();
  }
  const two = greyzone('ingest', file, corpus('08-us-doj-xu-yanjun-2021-convicted.txt'), '--title', 'A notice', '--db', db);
  assert.equal(two.code, 1);
  assert.equal(two.err.trim(), 'greyzone: --title describes one document: give a single file, not 2 paths');
  assert.match(greyzone('ingest', dir, '--date', '2023-04-05', '--db', db).err, /^greyzone: --date describes one document: give a single file, not a folder$/m);
  for (const [flag, value] of [['--date', '2023-02-30'], ['--reliability', 'G'], ['--credibility', '7'], ['--url', 'ftp://x']]) {
    const bad = greyzone('ingest', file, flag!, value!, '--db', db);
    assert.equal(bad.code, 1, `${flag} ${value}`);
    assert.equal(bad.err.trim().split('\n').length, 1);
    assert.match(bad.err, new RegExp(`^greyzone: ${flag}: `));
  }
  const graded = greyzone('ingest', dir, '--reliability', 'C', '--credibility', '3', '--db', db);
  assert.equal(graded.code, 0, 'a grade may be set for a whole folder');
});

test('a folder of 10,000 files is ingested in one run, each file stored', async () => {
  const dir = scratch();
  const docs = join(dir, 'many');
  mkdirSync(docs);
  for (let i = 0; i < 10_000; i++) writeFileSync(join(docs, `n${i}.txt`), `Note ${i}: the Ministry of State Security was named on ${1 + (i % 28)} May 2021.\n`);
  const db = join(dir, 'g.sqlite');
  const r = greyzone('ingest', docs, '--db', db);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^ingested 10000 document\(s\) with 10000 proposed claims; 0 already stored; 0 failed$/m);
});

test('killed at random moments twenty times, ingestion leaves every document whole or absent', async (t) => {
  const dir = scratch();
  const docs = join(dir, 'docs');
  mkdirSync(docs);
  const corpusFiles = ['01-lt-nta2024-china-whole-of-society.txt', '08-us-doj-xu-yanjun-2021-convicted.txt', '10-us-doj-foxhunt-2021-superseding-opa.txt', '18-uk-hansard-commons-2022-01-17-foreign-interference.txt'];
  const body = corpusFiles.map((f) => readFileSync(corpus(f), 'utf8')).join('\n');
  // More documents than twenty short runs can finish, so that every run is cut off by its kill.
  for (let i = 0; i < 2000; i++) {
    writeFileSync(join(docs, `d${i}.txt`), `${body}\nCopy ${i}.\n`);
  }
  const db = join(dir, 'g.sqlite');
  assert.equal(greyzone('user', 'list', '--db', db).code, 0); // creates the store with the atlas
  const counts: number[] = [];
  const stored = () => {
    const raw = new Database(db, { readonly: true });
    try {
      return Number((raw.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n);
    } finally {
      raw.close();
    }
  };
  for (let round = 0; round < 20; round++) {
    const child = spawn(process.execPath, [BIN, 'ingest', docs, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    // Killed once it has stored a few more documents (1–5), a moment later: a count, not a time,
    // so a busy machine changes only how long a round takes, never the verdict.
    const target = stored() + 1 + Math.floor(Math.random() * 5);
    const deadline = Date.now() + 120_000;
    while (stored() < target && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(stored() >= target, `round ${round}: the ingestion stored fewer than ${target} documents in 120 s (${err})`);
    await new Promise((r) => setTimeout(r, Math.random() * 100));
    assert.equal(child.exitCode, null, `the ingestion was still running when killed (it ended early: ${err})`);
    await stopServerProcess(child, 'SIGKILL');
    const raw = new Database(db, { readonly: true });
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    raw.close();
    const store = await Store.open(db);
    try {
      const c = await store.documents.consistency();
      for (const d of c) assert.equal(d.stored, d.declared, `document ${d.sha256.slice(0, 12)} is whole`);
      counts.push(c.length);
    } finally {
      await store.close();
    }
  }
  t.diagnostic(`documents stored after each kill: ${counts.join(' ')}`);
  assert.ok(counts.at(-1)! < 2000, 'and each was cut off before the end');
});
