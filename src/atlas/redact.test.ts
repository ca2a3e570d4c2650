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

test('a hidden record leaves a case without the parts about it; a case that cannot stand without them goes too', () => {
  const atlas = fresh(BUNDLED_ATLAS);
  (atlas.records.get('sector-aviation')!.data as { tlp: string }).tlp = 'amber';
  const green = redactAtlas(atlas, 'green');
  const kase = green.records.get('case-xu-yanjun')!.data as { sectors: { sector: string }[] };
  assert.ok(kase.sectors.every((s) => s.sector !== 'sector-aviation'));
  assert.ok(!green.claims.some((c) => c.claim.object === 'sector-aviation'));

  // Every dated event of the case names Xu Yanjun: without him the case has none, so it goes.
  (atlas.records.get('person-xu-yanjun')!.data as { tlp: string }).tlp = 'red';
  const without = redactAtlas(atlas, 'amber');
  assert.ok(!without.records.has('case-xu-yanjun'));
  const shown = JSON.stringify([...without.records.values()].map((r) => r.data));
  assert.ok(!shown.includes('person-xu-yanjun') && !shown.includes('case-xu-yanjun'));
  assert.ok(!without.claims.some((c) => [c.claim.subject, c.claim.object].some((x) => x === 'person-xu-yanjun' || x === 'case-xu-yanjun')));
});

test('what remains is a valid atlas: an entity left with no claim goes, a primary name stays without its hidden claims', () => {
  const atlas = fresh();
  mark(atlas, (c) => c.record === 'org-beta' && c.predicate === 'described-as', 'red');
  const green = redactAtlas(atlas, 'green');
  assert.ok(!green.records.has('org-beta'), 'no visible claim supports it');
  assert.ok(!green.records.has('rel-beta-assists-alpha'), 'and the relation to it goes with it');

  const named = fresh(BUNDLED_ATLAS);
  mark(named, (c) => c.predicate === 'has-name' && c.value === 'Tianjin State Security Bureau', 'red');
  const primary = (redactAtlas(named, 'green').records.get('org-tianjin-ssb')!.data as { names: { text: string; type: string; claims?: unknown[] }[] }).names[0]!;
  assert.equal(primary.text, 'Tianjin State Security Bureau');
  assert.equal(primary.claims, undefined);
});
