import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { writeFixtureAtlas } from '../../test/helpers/fixture-atlas.ts';
import { markedAtlas, RED_MARKERS } from '../../test/helpers/marked-atlas.ts';
import { BUNDLED_ATLAS, loadAtlas, recordsOf, type Atlas } from '../atlas/load.ts';
import { redactAtlas } from '../atlas/redact.ts';
import { ENTITY_KINDS } from '../model/entity-kinds.ts';
import { CSV_TABLES, csvRows, csvTables } from './csv.ts';

const fixture = writeFixtureAtlas();
after(() => fixture.cleanup());

const load = (dir: string): Atlas => {
  const { atlas, issues } = loadAtlas(dir);
  assert.deepEqual(issues, []);
  return atlas;
};
const bundled = load(BUNDLED_ATLAS);

/** A table read back as a spreadsheet or a script would: one object per row, by column name. */
const read = (csv: string): Record<string, string>[] => parse(csv, { bom: true, columns: true, record_delimiter: '\r\n' });

test('four tables: a row per entity, relation, claim and case, in the order of their ids', () => {
  const rows = csvRows(bundled);
  const entities = [...bundled.records.values()].filter((r) => r.kind !== 'case' && (ENTITY_KINDS as readonly string[]).includes(r.kind));
  assert.equal(rows.entities.rows.length, entities.length);
  assert.equal(rows.relations.rows.length, recordsOf(bundled, 'relation').length);
  assert.equal(rows.claims.rows.length, bundled.claims.length);
  assert.equal(rows.cases.rows.length, recordsOf(bundled, 'case').length);
  for (const name of CSV_TABLES) {
    const ids = rows[name].rows.map((r) => String(r[0]));
    assert.deepEqual(ids, [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), `${name} is ordered by id`);
    assert.ok(rows[name].rows.every((r) => r.length === rows[name].columns.length), `${name} rows are as wide as the header`);
  }
  assert.deepEqual(csvTables(bundled), csvTables(load(BUNDLED_ATLAS)), 'the same atlas gives the same files');
});

test('UTF-8 with a byte-order mark and CRLF, so Excel shows Chinese names', () => {
  const { entities } = csvTables(bundled);
  assert.deepEqual([...Buffer.from(entities, 'utf8').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(entities.startsWith('\uFEFFid,kind,subtype,name,other_names,'));
  assert.match(entities, /\r\n$/);
  const mss = read(entities).find((r) => r.id === 'org-mss')!;
  assert.equal(mss.name, 'Ministry of State Security');
  assert.deepEqual(mss.other_names!.split(' | ').slice(0, 2), ['国家安全部', '國家安全部']);
  assert.equal(mss.kind, 'organisation');
  assert.equal(mss.subtype, 'state-security-service');
  assert.equal(mss.country, 'country-cn');
  assert.equal(mss.tlp, 'clear');
  assert.equal(Number(mss.claims), bundled.claims.filter((c) => c.claim.record === 'org-mss').length);
});

test('a hostile name, description or quote cannot run as a formula: it gets a leading apostrophe', () => {
  const atlas = load(fixture.dir);
  const beta = atlas.records.get('org-beta')!.data as { names: { text: string }[]; description?: string };
  const hostile = {
    name: '=HYPERLINK("https://example.org/x","click")',
    description: '-2+3+cmd|\' /C calc\'!A0',
  };
  beta.names[0]!.text = hostile.name;
  beta.description = hostile.description;
  const claim = atlas.claims.find((c) => c.claim.record === 'rel-beta-assists-alpha')!.claim;
  claim.quote = '@SUM(1+1)*cmd|\' /C calc\'!A0';
  claim.note = '\t=1+1';
  claim.recorded_by = '\r=1+1';
  const tables = csvTables(atlas);
  const beta2 = read(tables.entities).find((r) => r.id === 'org-beta')!;
  assert.equal(beta2.name, `'${hostile.name}`);
  assert.equal(beta2.description, `'${hostile.description}`);
  const relation = read(tables.relations).find((r) => r.id === 'rel-beta-assists-alpha')!;
  assert.equal(relation.subject_name, `'${hostile.name}`);
  const row = read(tables.claims).find((r) => r.id === claim.id)!;
  assert.equal(row.quote, `'${claim.quote}`);
  assert.equal(row.note, `'${claim.note}`);
  assert.equal(row.recorded_by, `'${claim.recorded_by}`);
  for (const [name, csv] of Object.entries(tables)) {
    for (const r of read(csv)) for (const [column, cell] of Object.entries(r)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${name}.${column}`);
  }
  assert.equal(read(tables.claims).find((r) => r.id === claim.id)!.start, String(claim.start), 'numbers stay numbers');
});

test('relations carry their label and the strongest standing of their claims; claims their source', () => {
  const atlas = load(fixture.dir);
  const tables = csvTables(atlas);
  const [relation] = read(tables.relations);
  assert.deepEqual(
    { ...relation },
    {
      id: 'rel-beta-assists-alpha', type: 'assists', label: 'assists', subject: 'org-beta', subject_name: 'The Bureau', object: 'org-alpha',
      object_name: 'Ministry of State Security', valid_from: '', valid_to: '', standing: 'assessed', claims: '1', note: '', tlp: 'clear',
    },
  );
  const claim = read(tables.claims).find((r) => r.record === 'rel-beta-assists-alpha')!;
  assert.equal(claim.source_title, 'A fixture document');
  assert.equal(claim.source_url, 'https://example.org/doc');
  assert.equal(claim.likelihood, 'highly likely');
  assert.equal(`${claim.reliability}${claim.credibility}`, 'B2');
  assert.equal(claim.predicate, 'assists');
  assert.equal(claim.object, 'org-alpha');
});

test('cases list each person with the standing the sources give, never a firmer one', () => {
  const cases = read(csvTables(bundled).cases);
  assert.equal(cases.length, [...bundled.records.values()].filter((r) => r.kind === 'case').length);
  const xu = cases.find((c) => c.id === 'case-xu-yanjun')!;
  assert.match(xu.people!, /(?:^| \| )person-xu-yanjun \(defendant, convicted\)/);
  assert.match(xu.actors!, /org-mss \(employer\)/);
  assert.match(xu.countries!, /country-us \(prosecution\)/);
  const lee = cases.find((c) => c.id === 'case-christine-lee')!;
  assert.match(lee.people!, /person-christine-lee \(subject-of-warning, alleged\)/);
  assert.doesNotMatch(lee.people!, /convicted|charged/);
  assert.ok(lee.outcome);
});

test('a row is marked by the most restrictive thing in it; a redacted export leaves no trace', () => {
  const atlas = markedAtlas();
  const entities = read(csvTables(atlas).entities);
  // A CLEAR record carrying a RED alias is a RED row: whoever filters by tlp before sharing is safe.
  assert.equal(entities.find((r) => r.id === 'org-mss')!.tlp, 'red');
  assert.equal(entities.find((r) => r.id === 'org-zephyr-lantern')!.tlp, 'red');
  assert.equal(entities.find((r) => r.id === 'org-ufwd')!.tlp, 'clear');
  for (const r of Object.values(csvTables(atlas)).flatMap(read)) {
    if (r.tlp !== 'red') assert.doesNotMatch(JSON.stringify(r), RED_MARKERS, `${r.id} is marked ${r.tlp}`);
  }
  const green = csvTables(redactAtlas(atlas, 'green'));
  assert.doesNotMatch(Object.values(green).join('\n'), RED_MARKERS);
  assert.equal(read(green.entities).find((r) => r.id === 'org-mss')!.tlp, 'clear');
});
