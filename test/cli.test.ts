/**
 * `greyzone show` and `greyzone search` on the bundled atlas, as a user runs them: they read a
 * store ($GREYZONE_DB here: a new SQLite file, filled with the bundled atlas on first use). And
 * what every command does when its reader goes away early.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const tmp = mkdtempSync(join(tmpdir(), 'greyzone-cli-'));
const db = join(tmp, 'g.sqlite');

function greyzone(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', ...args], { encoding: 'utf8', env: { ...process.env, GREYZONE_DB: db } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function searchIds(query: string): string[] {
  const r = greyzone('search', query, '--format', 'json');
  assert.equal(r.code, 0, `search ${query}: ${r.err}`);
  return (JSON.parse(r.out) as { hits: { id: string }[] }).hits.map((h) => h.id);
}

const firstHit = (query: string) => searchIds(query)[0];

test('search by English name', () => assert.equal(firstHit('Ministry of Public Security'), 'org-mps'));
test('search by acronym', () => assert.equal(firstHit('IDCPC'), 'org-idcpc'));
test('search by acronym, any case', () => assert.equal(firstHit('ufwd'), 'org-ufwd'));
test('search by simplified Chinese characters', () => assert.equal(firstHit('统一战线工作部'), 'org-ufwd'));
test('search by traditional Chinese characters', () => assert.equal(firstHit('國家安全部'), 'org-mss'));
test('search by a part of a Chinese name', () => assert.ok(searchIds('对外联络').includes('org-idcpc')));
test('search by toneless pinyin, however the syllables are split', () => {
  assert.equal(firstHit('Guojia Anquanbu'), 'org-mss');
  assert.equal(firstHit('guo jia an quan bu'), 'org-mss');
});
test('search by a person’s name in either order the documents use', () => {
  assert.equal(firstHit('Xu Yanjun'), 'person-xu-yanjun');
  assert.equal(firstHit('Yanjun Xu'), 'person-xu-yanjun');
});
test('search by the source’s own spelling: Uhan MPS', () => assert.equal(firstHit('Uhan MPS'), 'org-wuhan-mps'));
test('search for an unknown name exits 1 and says so', () => {
  const r = greyzone('search', 'Zzyzx Institute');
  assert.equal(r.code, 1);
  assert.match(r.out, /no record is named like 'Zzyzx Institute'/);
});
test('search refuses an empty query with one line', () => {
  const r = greyzone('search', '   ');
  assert.equal(r.code, 1);
  assert.equal(r.err, 'greyzone: the search text is empty\n');
});

test('show prints the names in every script, relations and quoted claims', () => {
  const r = greyzone('show', 'org-mss');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Ministry of State Security {2}\(organisation: state-security-service, org-mss\)/);
  assert.match(r.out, /国家安全部 \[native, zh-Hans\]/);
  assert.match(r.out, /is under the jurisdiction of Chinese government \[org-cn-government\]/);
  assert.match(r.out, /“[^”]*Ministry of State Security \(国家安全部, MSS\)[^”]*”/);
});

test('show prints a person’s standing as the source gives it', () => {
  const r = greyzone('show', 'person-christine-lee', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const view = JSON.parse(r.out) as { cases: { id: string }[]; claims: { standing: string }[]; relations_in: { claims: { standing: string }[] }[] };
  assert.deepEqual(view.cases.map((c) => c.id), ['case-christine-lee']);
  const standings = new Set([...view.claims, ...view.relations_in.flatMap((r) => r.claims)].map((c) => c.standing));
  assert.ok(!standings.has('convicted'), 'an MI5 warning is an allegation, never a conviction');
});

test('show --format json gives the record, its relations and claims', () => {
  const r = greyzone('show', 'org-idcpc', '--format', 'json');
  const view = JSON.parse(r.out) as Record<string, unknown>;
  for (const key of ['id', 'kind', 'name', 'record', 'relations_out', 'relations_in', 'cases', 'claims']) assert.ok(key in view, key);
  const hedged = (view.relations_out as { type: string; claims: { likelihood: string | null }[] }[]).find((x) => x.type === 'assists');
  assert.equal(hedged?.claims[0]?.likelihood, 'highly likely');
});

test('show and search --atlas DIR read atlas files, as before', () => {
  const shown = greyzone('show', 'org-mss', '--atlas', 'atlas');
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /^Ministry of State Security {2}\(organisation: state-security-service, org-mss\)/);
  assert.equal(greyzone('show', 'org-mss', '--atlas', '/nonexistent/atlas').err, 'greyzone: cannot read the atlas: no atlas folder here\n');
  const found = greyzone('search', 'Guojia Anquanbu', '--atlas', 'atlas', '--format', 'json');
  assert.equal((JSON.parse(found.out) as { hits: { id: string }[] }).hits[0]?.id, 'org-mss');
});

test('show a technique by its id', () => {
  const r = greyzone('show', 'GZT0001');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /LinkedIn|Linkedin/);
});

test('show an unknown id: one line, exit 1', () => {
  const r = greyzone('show', 'org-nowhere');
  assert.equal(r.code, 1);
  assert.equal(r.err, "greyzone: no record with id 'org-nowhere'; try greyzone search\n");
});

test('an unknown option is refused, not ignored', () => {
  const r = greyzone('show', 'org-mss', '--fromat', 'json');
  assert.equal(r.code, 1);
  assert.equal(r.err, "greyzone: unknown option '--fromat'\n");
});

test('an unknown command is refused', () => {
  const r = greyzone('frobnicate');
  assert.equal(r.code, 1);
  assert.equal(r.err, "greyzone: unknown command 'frobnicate'; see greyzone --help\n");
});

test('a bad --format value is refused with the allowed values', () => {
  const r = greyzone('search', 'MSS', '--format', 'xml');
  assert.equal(r.code, 1);
  assert.match(r.err, /^greyzone: Invalid value for argument: --format \(xml\)\. Expected one of: text, json\.\n$/);
});

test('--help describes the command and exits 0', () => {
  const r = greyzone('search', '--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /Find records by any of their names/);
  assert.match(r.out, /--format/);
});

test('validate on a folder that is not an atlas: one line, exit 1', () => {
  const r = greyzone('validate', '--atlas', '/nonexistent/atlas');
  assert.equal(r.code, 1);
  assert.equal(r.out, '/nonexistent/atlas:1: no atlas folder here\n');
});

test('a reader that goes away early ends the command quietly, with exit 0', () => {
  const csv = join(tmp, 'names.csv');
  writeFileSync(csv, `name,kind\n${Array.from({ length: 20_000 }, (_, i) => `Person Number ${i},person\n`).join('')}`);
  // PIPESTATUS[0] is greyzone's exit status; head has taken one line and gone.
  const r = spawnSync('bash', ['-c', 'node bin/greyzone.js screen names "$1" --db "$2" | head -1; exit "${PIPESTATUS[0]}"', 'bash', csv, db], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const [first, ...rest] = r.stdout.split('\n');
  assert.deepEqual(rest, ['']);
  const result = JSON.parse(first!) as { row: number; query: string };
  assert.deepEqual([result.row, result.query], [1, 'Person Number 0']);
});
