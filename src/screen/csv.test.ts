/**
 * Reading a CSV of names: the delimiter (comma, semicolon or tab) is decided from the header line
 * alone, quotes and a BOM are honoured, and a file that cannot be read is one CsvInputError.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../atlas/load.ts';
import { countCsvRows, CsvInputError, screenCsv } from './csv.ts';
import type { ScreenResult } from './names.ts';
import { atlasIndexOf } from './atlas-index.ts';

const atlasIndex = atlasIndexOf(loadAtlas(BUNDLED_ATLAS).atlas);

/** The text as a stream of Buffers, `size` bytes a chunk (a chunk may end inside a character). */
function stream(text: string | Buffer, size = 64 * 1024): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

async function screen(text: string | Buffer, size?: number): Promise<ScreenResult[]> {
  const results: ScreenResult[] = [];
  for await (const r of screenCsv(stream(text, size), atlasIndex)) results.push(r);
  return results;
}

/** Each row as the fields screening echoes back. */
const echoed = (results: ScreenResult[]) => results.map(({ row, id, query, kind, country }) => ({ row, id, query, kind, country }));

test('a semicolon file (as European spreadsheets save it) reads, with a comma in a name kept in the name', async () => {
  const results = await screen('name;kind;country;id\r\nMinistry of State Security;organisation;CN;r1\r\nSmith, John;person;GB;r2\r\n');
  assert.deepEqual(echoed(results), [
    { row: 1, id: 'r1', query: 'Ministry of State Security', kind: 'organisation', country: 'CN' },
    { row: 2, id: 'r2', query: 'Smith, John', kind: 'person', country: 'GB' },
  ]);
  assert.equal(results[0]!.matches?.[0]?.id, 'org-mss');
});

test('a tab-separated file reads', async () => {
  const results = await screen('id\tname\tkind\nt1\tMinistry of State Security\torganisation\nt2\tDoe, Jane; PhD\tperson\n');
  assert.deepEqual(echoed(results), [
    { row: 1, id: 't1', query: 'Ministry of State Security', kind: 'organisation', country: undefined },
    { row: 2, id: 't2', query: 'Doe, Jane; PhD', kind: 'person', country: undefined },
  ]);
  assert.equal(results[0]!.matches?.[0]?.id, 'org-mss');
});

test('quoted fields keep their delimiters, quotes and line breaks; delimiters inside quotes in the header do not count', async () => {
  // The header has two semicolons and one comma, but the semicolons are inside quotes: a comma file.
  const results = await screen('"name","notes; more; and more",kind\n"Lee, Christine","a; b",person\n"Xu ""the handler"" Yanjun",,person\n"Two\nlines",x,\n');
  assert.deepEqual(
    results.map((r) => r.query),
    ['Lee, Christine', 'Xu "the handler" Yanjun', 'Two\nlines'],
  );
  assert.deepEqual(
    (await screen('"name";"kind"\n"Lee; Christine";"person"\n')).map((r) => [r.query, r.kind]),
    [['Lee; Christine', 'person']],
  );
});

test('a BOM before the header is not part of the first column, in any delimiter', async () => {
  for (const d of [',', ';', '\t']) {
    const results = await screen(`\uFEFFname${d}kind\nMSS${d}organisation\n`);
    assert.deepEqual(echoed(results), [{ row: 1, id: undefined, query: 'MSS', kind: 'organisation', country: undefined }], JSON.stringify(d));
  }
});

test('the delimiter is sniffed from the header only, not from the rows below it', async () => {
  // A comma header: semicolons and tabs in the rows are part of the names.
  assert.deepEqual(
    (await screen('name,kind\nMüller; Hans; Dr,person\nA\tB,organisation\n')).map((r) => [r.query, r.kind]),
    [
      ['Müller; Hans; Dr', 'person'],
      ['A\tB', 'organisation'],
    ],
  );
  // A semicolon header: many commas in a row do not outvote it.
  assert.deepEqual(
    (await screen('name;kind\nA, B, C, D, E;person\n')).map((r) => [r.query, r.kind]),
    [['A, B, C, D, E', 'person']],
  );
  // The most frequent of the three in the header wins: two semicolons beat one comma.
  assert.deepEqual(
    (await screen('name;kind;notes, if any\nSmith, J;person;met at a fair, 2019\n')).map((r) => [r.query, r.kind]),
    [['Smith, J', 'person']],
  );
});

test('the header may arrive in pieces: sniffing reads on to the end of the first line', async () => {
  const text = '\uFEFF"name";"kind";"country"\r\n"Ministerstvo, Státní";organisation;CZ\r\nSmith, John;person;GB\r\n';
  for (const size of [1, 2, 3, 7]) {
    assert.deepEqual(
      (await screen(text, size)).map((r) => [r.query, r.kind, r.country]),
      [
        ['Ministerstvo, Státní', 'organisation', 'CZ'],
        ['Smith, John', 'person', 'GB'],
      ],
      `chunks of ${size} bytes`,
    );
  }
});

test('a file with one column, or only a header, or nothing, reads', async () => {
  assert.deepEqual((await screen('name\nMSS\n')).map((r) => r.query), ['MSS']);
  assert.deepEqual(await screen('name;kind'), []);
  assert.deepEqual(await screen(''), []);
});

test('a file that cannot be read is still one CsvInputError', async () => {
  await assert.rejects(screen('nom;genre\nx;y\n'), (e) => e instanceof CsvInputError && e.message === "the CSV has no 'name' column (its columns: nom, genre)");
  await assert.rejects(screen(Buffer.from([...Buffer.from('name;kind\n'), 0xff, 0x0a])), (e) => e instanceof CsvInputError && /not valid UTF-8/.test(e.message));
  await assert.rejects(screen(Buffer.from([0x6e, 0xff, 0x3b, 0x0a])), (e) => e instanceof CsvInputError && /not valid UTF-8/.test(e.message));
  await assert.rejects(screen('name;kind\n"open;person\n'), (e) => e instanceof CsvInputError && /^the CSV cannot be read/.test(e.message));
});

test('a reader that stops early ends the input', async () => {
  const rows = Array.from({ length: 50_000 }, (_, i) => `Name ${i};person\n`).join('');
  const input = stream(`name;kind\n${rows}`, 4096);
  await assert.rejects(countCsvRows(input, 10), (e) => e instanceof CsvInputError && /more than 10 rows/.test(e.message));
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(input.destroyed, 'the input is destroyed');
  assert.equal(await countCsvRows(stream(`name;kind\n${rows}`, 4096)), 50_000);
});
