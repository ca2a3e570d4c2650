/**
 * Name screening on the bundled atlas: a labelled evaluation set (variants of every screened
 * entity's names, made here from the atlas, and hand-written hard cases and look-alikes in
 * test/fixtures/name-eval.csv), the fairness check, and the command's handling of bad input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Converter } from 'opencc-js/cn2t';
import { parse } from 'csv-parse/sync';
import { pinyin } from 'pinyin-pro';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { screenRow } from '../src/screen/names.ts';
import { loadAtlasIndex, type AtlasIndex } from '../src/screen/atlas-index.ts';
import { Store } from '../src/store/store.ts';
import { NameIndex } from '../src/names/match.ts';
import { syntheticQueries, syntheticEntities } from '../bench/synthetic-names.ts';

const { atlas } = loadAtlas(BUNDLED_ATLAS);
const toTraditional = Converter({ from: 'cn', to: 't' });
let atlasIndex: AtlasIndex;
let db: string;

before(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'greyzone-screen-')), 'g.sqlite');
  const store = await Store.open(db);
  await store.importAtlas(atlas, 'tests');
  atlasIndex = await loadAtlasIndex(store);
  await store.close();
});

interface Case {
  query: string;
  kind?: string;
  country?: string;
  expected: string;
  note: string;
}

/** Variants of every screened name of the atlas: case, script, romanisation, order. */
function generatedCases(): Case[] {
  const cases: Case[] = [];
  for (const rec of atlas.records.values()) {
    const d = rec.data as { names?: { text: string; type: string }[]; collective?: boolean };
    if (!['organisation', 'person', 'programme', 'operation', 'intrusion-set'].includes(rec.kind) || d.collective || !d.names) continue;
    const kind = rec.kind === 'person' ? 'person' : 'organisation';
    for (const n of d.names.filter((x) => x.type !== 'weak-alias')) {
      cases.push({ query: n.text.toUpperCase(), kind, expected: rec.id, note: 'upper case' });
      if (/\p{Script=Han}/u.test(n.text)) {
        cases.push({ query: toTraditional(n.text), kind, expected: rec.id, note: 'traditional' });
        cases.push({ query: (pinyin(n.text, { toneType: 'none', type: 'array' }) as string[]).join(' '), kind, expected: rec.id, note: 'pinyin' });
      } else if (rec.kind === 'person' && n.text.split(' ').length === 2) {
        cases.push({ query: n.text.split(' ').reverse().join(' '), kind, expected: rec.id, note: 'name order' });
      }
    }
  }
  return cases;
}

function handWritten(): Case[] {
  return parse(readFileSync(new URL('fixtures/name-eval.csv', import.meta.url)), { columns: true }) as Case[];
}

function evaluate(cases: Case[]) {
  let positives = 0;
  let found = 0;
  let reported = 0;
  let correct = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const r = screenRow(atlasIndex, { name: c.query, kind: c.kind || undefined, country: c.country || undefined }, 0);
    const top = r.matches?.[0]?.id;
    if (c.expected) positives++;
    if (top) reported++;
    if (top && top === c.expected) {
      correct++;
      found++;
    } else if (c.expected || top) misses.push(`${c.query} → ${top ?? 'nothing'} (expected ${c.expected || 'nothing'})`);
  }
  return { size: cases.length, recall: found / positives, precision: correct / reported, misses };
}

test('evaluation: recall and precision on the labelled set do not regress', () => {
  const cases = [...generatedCases(), ...handWritten()];
  const r = evaluate(cases);
  console.log(`name-screening evaluation: ${r.size} queries, recall ${(r.recall * 100).toFixed(1)}%, precision ${(r.precision * 100).toFixed(1)}%`);
  for (const m of r.misses) console.log(`  miss: ${m}`);
  assert.ok(r.size >= 250, `the set has ${r.size} queries`);
  assert.ok(r.recall >= 0.985, `recall ${r.recall}`);
  assert.ok(r.precision >= 0.995, `precision ${r.precision}`);
});

const SURNAMES_CN = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Gao', 'Lin', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang'];
const GIVEN_CN = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Juan', 'Tao', 'Ming', 'Chao', 'Xiulan', 'Xia', 'Ping'];
const FIRST_EN = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew'];
const LAST_EN = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin'];

test('fairness: common Chinese and common English names are not flagged', () => {
  const inAtlas = new Set(
    [...atlas.records.values()].flatMap((r) => ((r.data as { names?: { text: string }[] }).names ?? []).map((n) => n.text.toLowerCase())),
  );
  const lists = {
    chinese: SURNAMES_CN.flatMap((s) => GIVEN_CN.map((g) => `${s} ${g}`)),
    english: FIRST_EN.flatMap((f) => LAST_EN.map((l) => `${f} ${l}`)),
  };
  const rates: Record<string, string> = {};
  for (const [list, names] of Object.entries(lists)) {
    const screened = names.filter((n) => !inAtlas.has(n.toLowerCase()));
    const flagged = screened.filter((n) => (screenRow(atlasIndex, { name: n, kind: 'person' }, 0).matches ?? []).length > 0);
    rates[list] = `${flagged.length}/${screened.length}`;
    assert.ok(screened.length >= 490, `${list}: ${screened.length} names screened`);
    assert.deepEqual(flagged, [], `${list} names flagged`);
  }
  console.log(`fairness: flagged chinese ${rates.chinese}, english ${rates.english}`);
});

test('a match carries the entity’s shortest documented chain to a service, each step with its claims', () => {
  const r = screenRow(atlasIndex, { name: 'Yanjun Xu', kind: 'person' }, 1);
  const m = r.matches![0]!;
  assert.equal(m.id, 'person-xu-yanjun');
  assert.equal(m.links.chain?.length, 1);
  assert.ok(m.links.chain![0]!.claims.length > 0 && m.links.chain![0]!.claims.every((c) => c.quote.length > 0));
  assert.ok(['org-mss', 'org-jiangsu-ssd'].includes(m.links.chain![0]!.to));
});

test('a service is itself the system', () => {
  const m = screenRow(atlasIndex, { name: '公安部' }, 1).matches![0]!;
  assert.deepEqual(m.links, { is_core: true, chain: [], standing: null, statement: 'is itself a service or party body' });
  assert.equal(m.role.role, 'system');
  assert.equal(m.alert, true);
});

test('a target of the system is not linked to it by being targeted', () => {
  const m = screenRow(atlasIndex, { name: 'NATO underwater research centre' }, 1).matches![0]!;
  assert.equal(m.id, 'org-nato-underwater-research-centre');
  assert.equal(m.links.chain, null);
});

test('every reason names the input, the stored name and the transformations', () => {
  const m = screenRow(atlasIndex, { name: '國家安全部' }, 1).matches![0]!;
  const reason = m.reasons[0] as { feature: string; query: string; matched_name: string; via: string[] };
  assert.equal(reason.query, '國家安全部');
  assert.ok(['国家安全部', '國家安全部'].includes(reason.matched_name));
});

function screenCli(input: string | Buffer, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'greyzone-csv-'));
  const file = join(dir, 'in.csv');
  writeFileSync(file, input);
  const r = spawnSync(process.execPath, ['bin/greyzone.js', 'screen', 'names', file, '--db', db, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('screen names prints one JSON object per row, echoing the user’s columns', () => {
  const r = screenCli('id,name,kind\nP-1,Xu Yanjun,person\nP-2,Jane Doe,person\n');
  assert.equal(r.code, 0, r.err);
  const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; query: string; matches: { id: string; score: number; matched_name: string; reasons: unknown[] }[] });
  assert.deepEqual(rows.map((x) => x.id), ['P-1', 'P-2']);
  assert.equal(rows[0]!.matches[0]!.id, 'person-xu-yanjun');
  assert.deepEqual(rows[1]!.matches, []);
  assert.match(r.err, /^screened 2 names: 0 alerts, 1 with matches at or above 0\.8, 0 with errors\n$/);
});

test('screen names --format csv gives the file’s own columns first, then each row’s best match and what it means', () => {
  const r = screenCli('name,team,note\nUFWD,A,x\nLakeside Pottery Guild,B,y\n', '--format', 'csv');
  assert.equal(r.code, 0, r.err);
  const rows = parse(r.out, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]!).slice(0, 5), ['name', 'team', 'note', 'screened_row', 'alert']);
  assert.deepEqual([rows[0]!.team, rows[0]!.match_id, rows[0]!.alert, rows[0]!.role], ['A', 'org-ufwd', 'yes', 'an actor of the system (a service, a party body, or a state or party organ)']);
  assert.deepEqual([rows[1]!.team, rows[1]!.match_id, rows[1]!.alert], ['B', '', 'no']);
  assert.match(rows[1]!.not_in_atlas!, /^Not in the atlas\./);
});

test('screen names --format csv never hands a spreadsheet a formula from the input', () => {
  const r = screenCli('id,name\n=1+2,"=HYPERLINK(""https://example.org"",""UFWD"")"\n', '--format', 'csv');
  assert.equal(r.code, 0, r.err);
  const row = parse(r.out, { columns: true }) as { id: string; name: string }[];
  assert.equal(row[0]!.id, "'=1+2");
  assert.ok(row[0]!.name.startsWith("'="), row[0]!.name);
});

test('a CSV without a name column is refused in one line', () => {
  const r = screenCli('firstname,lastname\nXu,Yanjun\n');
  assert.equal(r.code, 1);
  assert.equal(r.err, "greyzone: the CSV has no 'name' column (its columns: firstname, lastname)\n");
});

test('a CSV that is not UTF-8 is refused in one line', () => {
  const r = screenCli(Buffer.from('name\nKõuts\n', 'latin1'));
  assert.equal(r.code, 1);
  assert.match(r.err, /^greyzone: the input is not valid UTF-8 \(in bytes 0–\d+\); save it as UTF-8\n$/);
});

test('bad rows are reported per row and do not stop the rest; a bad optional field is a warning and the name is screened', () => {
  const long = 'x'.repeat(100_000);
  const r = screenCli(`name,kind,country\n,,\n${long},,\nMSS,spy,\nMSS,,China\nMSS,,Atlantis\n`);
  assert.equal(r.code, 0, r.err);
  const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { error?: string; warnings?: string[]; matches?: { id: string }[] });
  assert.deepEqual(rows.map((x) => x.error ?? 'ok'), ['the name is empty', 'the name is too long (100000 characters; the limit is 1000)', 'ok', 'ok', 'ok']);
  assert.deepEqual(rows.map((x) => x.warnings ?? []), [[], [], ["kind must be person or organisation, not 'spy'; screened as either"], [], ["'Atlantis' is not a country name or ISO code; screened without a country"]]);
  assert.deepEqual(rows.slice(2).map((x) => x.matches?.[0]?.id), ['org-mss', 'org-mss', 'org-mss']);
  assert.match(r.err, /2 with errors/);
});

test('markup in a name is only text', () => {
  const r = screenCli('name\n"<script>alert(1)</script>"\n');
  const row = JSON.parse(r.out) as { query: string; matches: unknown[] };
  assert.equal(row.query, '<script>alert(1)</script>');
  assert.deepEqual(row.matches, []);
});

test('the quick test of a candidate’s parts never drops a match that aligning it would make', () => {
  const { entities, unused } = syntheticEntities(3000, 11);
  const synthetic = new NameIndex(entities);
  const blind = parse(readFileSync(new URL('fixtures/name-blind/train.csv', import.meta.url)), { columns: true }) as { query: string }[];
  const bundled = atlasIndex.index;
  const cases: [NameIndex, string][] = [
    ...syntheticQueries(entities, unused, 400, 3).map((q) => [synthetic, q.text] as [NameIndex, string]),
    ...blind.map((c) => [bundled, c.query] as [NameIndex, string]),
    ...['Y. Xu', 'Xu YJ', 'PLA', 'Hainan SSD', 'Zheng SG'].map((q) => [bundled, q] as [NameIndex, string]),
  ];
  for (const [index, q] of cases) {
    for (const threshold of [0.8, 0.6]) assert.deepEqual(index.match(q, { threshold }), index.match(q, { threshold, exhaustive: true }), q);
  }
});
