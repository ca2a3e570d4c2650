import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { writeFixtureAtlas } from '../../test/helpers/fixture-atlas.ts';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from './load.ts';
import { redactAtlas } from './redact.ts';

const fixture = writeFixtureAtlas();
after(() => fixture.cleanup());

/** A fresh copy each time, so one test's markings do not leak into the next. */
const fresh = (dir = fixture.dir): Atlas => {
  const { atlas, issues } = loadAtlas(dir);
  assert.deepEqual(issues, []);
  return atlas;
};
const mark = (atlas: Atlas, find: (c: Atlas['claims'][number]['claim']) => boolean, tlp: 'amber' | 'red') => {
  const hits = atlas.claims.filter((c) => find(c.claim));
  assert.ok(hits.length > 0);
  for (const c of hits) c.claim.tlp = tlp;
};

test('RED clearance sees the atlas as it is', () => {
  const atlas = fresh();
  assert.equal(redactAtlas(atlas, 'red'), atlas);
});

test('a name backed only by a hidden claim is hidden; the record and its other names stay', () => {
  const atlas = fresh();
  mark(atlas, (c) => c.predicate === 'has-name' && c.value === 'MSS', 'red');
  const green = redactAtlas(atlas, 'green');
  const names = (green.records.get('org-alpha')!.data as { names: { text: string }[] }).names.map((n) => n.text);
  assert.deepEqual(names, ['Ministry of State Security']);
  assert.ok(!green.claims.some((c) => c.claim.value === 'MSS'));
  assert.equal(green.claims.length, atlas.claims.length - 1);
  assert.ok((atlas.records.get('org-alpha')!.data as { names: unknown[] }).names.length === 2, 'the full atlas is untouched');
});

test('a relation whose every claim is hidden is hidden', () => {
  const atlas = fresh();
  mark(atlas, (c) => c.record === 'rel-beta-assists-alpha', 'amber');
  assert.ok(!redactAtlas(atlas, 'green').records.has('rel-beta-assists-alpha'));
  assert.ok(redactAtlas(atlas, 'amber').records.has('rel-beta-assists-alpha'), 'AMBER clearance sees AMBER');
});

test('a hidden record takes with it the relations to it and every claim about it', () => {
  const atlas = fresh();
  (atlas.records.get('org-beta')!.data as { tlp: string }).tlp = 'amber+strict';
  const amber = redactAtlas(atlas, 'amber');
  assert.ok(!amber.records.has('org-beta'));
  assert.ok(!amber.records.has('rel-beta-assists-alpha'));
  assert.ok(!amber.claims.some((c) => c.claim.subject === 'org-beta' || c.claim.object === 'org-beta'));
  assert.ok(redactAtlas(atlas, 'amber+strict').records.has('org-beta'));
});

test('a hidden source takes its text and every claim that quotes it', () => {
  const atlas = fresh();
  (atlas.records.get('src-doc')!.data as { tlp: string }).tlp = 'red';
  const green = redactAtlas(atlas, 'green');
  assert.equal(green.texts.size, 0);
  assert.equal(green.claims.length, 0);
  assert.ok(!green.records.has('rel-beta-assists-alpha'), 'a relation with no visible source is not shown');
});

test('a hidden person leaves a case without their role, their events and their claims', () => {
  const atlas = fresh(BUNDLED_ATLAS);
  (atlas.records.get('person-xu-yanjun')!.data as { tlp: string }).tlp = 'red';
  const green = redactAtlas(atlas, 'green');
  const kase = green.records.get('case-xu-yanjun')!.data as { people: { person: string }[]; events: { person?: string }[] };
  assert.ok(kase.people.every((p) => p.person !== 'person-xu-yanjun'));
  assert.ok(kase.events.every((e) => e.person !== 'person-xu-yanjun'));
  assert.ok(green.claims.some((c) => c.claim.record === 'case-xu-yanjun'), 'what the case says without him stays');
  assert.ok(!JSON.stringify([...green.records.values()].map((r) => r.data)).includes('person-xu-yanjun'));
  assert.ok(!green.claims.some((c) => c.claim.subject === 'person-xu-yanjun' || c.claim.object === 'person-xu-yanjun'));
});
