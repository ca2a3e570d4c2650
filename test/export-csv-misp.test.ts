/**
 * `greyzone export csv` and `greyzone export misp` as a user runs them, on an embedded store: the
 * bundled atlas exports whole, `--clearance` leaves out what is marked above it, and a folder that
 * is in use is refused in one line with nothing written.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { markedAtlasDir, RED_MARKERS } from './helpers/marked-atlas.ts';

function greyzone(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = () => mkdtempSync(join(tmpdir(), 'greyzone-export-'));
const filesIn = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
/** A row's marking (the CSV's last column) or a value's `meta.tlp`, above GREEN. */
const MARKED_ABOVE_GREEN = /,(?:amber|amber\+strict|red)\r?$|"tlp": "(?:amber|amber\+strict|red)"/m;
const readAll = (folder: string) => filesIn(folder).filter((f) => /\.(csv|json)$/.test(f)).map((f) => readFileSync(join(folder, f), 'utf8')).join('\n');

test('the bundled atlas exports as four CSV tables, and again as the same bytes', () => {
  const db = join(dir(), 'g.sqlite');
  const out = join(dir(), 'csv');
  const r = greyzone('export', 'csv', '--out', out, '--db', db);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^wrote \d+ entities, \d+ relations, \d+ claims, \d+ cases to .*csv\n$/);
  assert.deepEqual(filesIn(out), ['cases.csv', 'claims.csv', 'entities.csv', 'relations.csv']);
  const entities = readFileSync(join(out, 'entities.csv'));
  assert.deepEqual([...entities.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark for Excel');
  const rows = parse(entities, { bom: true, columns: true }) as Record<string, string>[];
  assert.match(rows.find((e) => e.id === 'org-mss')!.other_names!, /国家安全部/);
  const again = join(dir(), 'again');
  assert.equal(greyzone('export', 'csv', '--out', again, '--db', db).code, 0);
  for (const f of filesIn(out)) assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(again, f))), `${f} is reproducible`);
});

test('the bundled atlas exports as two MISP galaxies with their clusters', () => {
  const out = join(dir(), 'misp');
  const r = greyzone('export', 'misp', '--out', out, '--db', join(dir(), 'g.sqlite'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^wrote \d+ greyzone-actors values, \d+ greyzone-approaches values to .*misp\n$/);
  assert.deepEqual(filesIn(out), [
    'clusters', 'clusters/greyzone-actors.json', 'clusters/greyzone-approaches.json',
    'galaxies', 'galaxies/greyzone-actors.json', 'galaxies/greyzone-approaches.json',
  ]);
  const cluster = JSON.parse(readFileSync(join(out, 'clusters', 'greyzone-actors.json'), 'utf8')) as { type: string; values: { value: string }[] };
  const galaxy = JSON.parse(readFileSync(join(out, 'galaxies', 'greyzone-actors.json'), 'utf8')) as { type: string };
  assert.equal(cluster.type, galaxy.type);
  assert.ok(cluster.values.some((v) => v.value === 'Ministry of State Security'));
});

test('--clearance green leaves out everything marked AMBER or RED; without it the RED parts are there', () => {
  const db = join(dir(), 'g.sqlite');
  assert.equal(greyzone('load', '--atlas', markedAtlasDir(), '--db', db).code, 0);
  for (const format of ['csv', 'misp']) {
    const green = join(dir(), `${format}-green`);
    const r = greyzone('export', format, '--out', green, '--db', db, '--clearance', 'green');
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(readAll(green), RED_MARKERS, `${format} at GREEN`);
    assert.doesNotMatch(readAll(green), MARKED_ABOVE_GREEN, `${format} at GREEN holds nothing marked above GREEN`);
    const full = join(dir(), `${format}-full`);
    assert.equal(greyzone('export', format, '--out', full, '--db', db).code, 0);
    assert.match(readAll(full), /Lantern Bureau/, `${format} at RED`);
    assert.match(readAll(full), MARKED_ABOVE_GREEN, `${format} at RED marks what is RED`);
  }
});

test('a folder that is not empty is refused in one line, and nothing is written', () => {
  for (const format of ['csv', 'misp']) {
    const out = dir();
    writeFileSync(join(out, 'mine.txt'), 'x');
    const db = join(dir(), 'g.sqlite');
    const r = greyzone('export', format, '--out', out, '--db', db);
    assert.equal(r.code, 1);
    assert.equal(r.err, `greyzone: ${out} exists and is not empty; choose a new folder\n`);
    assert.equal(r.out, '');
    assert.deepEqual(filesIn(out), ['mine.txt']);
    assert.ok(!existsSync(db), 'the target is checked before the store is even opened');
    assert.ok(!readdirSync(tmpdir()).some((f) => f.startsWith(`${out.split('/').pop()!}.tmp-`)), 'no temporary folder is left');
  }
  const file = join(dir(), 'a-file');
  writeFileSync(file, 'x');
  const r = greyzone('export', 'csv', '--out', file, '--db', join(dir(), 'g.sqlite'));
  assert.equal(r.err, `greyzone: ${file} exists and is not a folder; choose a new folder\n`);
});
