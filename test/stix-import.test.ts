/**
 * STIX 2.1 import: greyzone's own export comes back whole (export → import → export is the same
 * bundle), other producers' bundles come in without loss, and bad input changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from '../src/atlas/load.ts';
import { completeClaims } from '../src/atlas/claims.ts';
import { emptyKept } from '../src/atlas/kept.ts';
import { stixBundle } from '../src/interop/stix/export.ts';
import { importStix, StixImportError, type ImportOptions } from '../src/interop/stix/import.ts';
import { STANDARDS_DIR } from '../src/util/standards.ts';
import { frameworkTechniques } from '../src/atlas/frameworks.ts';
import { atlasFromStore } from '../src/store/as-atlas.ts';
import { Store } from '../src/store/store.ts';
import { checkBundle } from '../src/interop/stix/validate.ts';
import { redactAtlas } from '../src/atlas/redact.ts';
import { startPostgres } from './helpers/postgres.ts';

const EXAMPLES = new URL('../../shared/standards/stix2.1-examples/', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'greyzone-stix-'));
let n = 0;
const options = (over: Partial<ImportOptions> = {}): ImportOptions => ({ actor: 'test', collection: 'partner', tlp: 'clear', ...over });

async function emptyStore(): Promise<Store> {
  return Store.open(join(dir, `empty-${n++}.sqlite`));
}
const bundled = loadAtlas(BUNDLED_ATLAS).atlas;
/** The intrusion sets and attributions the ATT&CK import added to the bundled atlas. */
const FROM_ATTACK = ['iset-apt1', 'iset-naikon', 'iset-putter-panda', 'rel-apt1-attributed-to-pla', 'rel-naikon-attributed-to-pla', 'rel-putter-panda-attributed-to-pla'];

async function atlasStore(): Promise<Store> {
  const store = await emptyStore();
  await store.importAtlas(bundled, 'test');
  return store;
}
/** The bundled atlas as it was before ATT&CK and DISARM were imported into it. */
async function preImportStore(): Promise<Store> {
  const store = await emptyStore();
  const records = new Map([...bundled.records].filter(([id]) => !FROM_ATTACK.includes(id)));
  const atlas: Atlas = { ...bundled, records, kept: emptyKept(), claims: [] };
  atlas.claims = completeClaims(atlas, []);
  await store.importAtlas(atlas, 'test');
  return store;
}
function file(name: string, content: unknown): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
async function exported(store: Store): Promise<string> {
  return JSON.stringify(stixBundle(await atlasFromStore(store)));
}
/** Everything an import could change, to prove that a refused one changed nothing. */
async function snapshot(store: Store): Promise<string> {
  const kept = await store.kept();
  return JSON.stringify([await store.records(), await store.allClaims(), [...kept.objects.keys()], [...kept.collections], (await store.audit({ clearance: 'red', limit: 100000 })).length]);
}

test('round trip: export → import into an empty store → export gives the identical bundle', async () => {
  const source = await atlasStore();
  const first = await exported(source);
  const target = await emptyStore();
  const report = await importStix(target, file('export.json', first), options());
  assert.ok(report.created.length > 400);
  assert.equal(await exported(target), first);
  await Promise.all([source.close(), target.close()]);
});

test('on PostgreSQL too: the round trip is exact, and a second import changes nothing', async () => {
  const postgres = await startPostgres();
  try {
    const source = await atlasStore();
    const first = await exported(source);
    const path = file('export.json', first);
    const target = await Store.open(postgres.url);
    await importStix(target, path, options());
    assert.equal(await exported(target), first);
    const before = await snapshot(target);
    const again = await importStix(target, path, options());
    assert.deepEqual([again.created, again.updated, again.kept.added, again.kept.updated], [[], [], 0, 0]);
    assert.deepEqual((JSON.parse(await snapshot(target)) as unknown[]).slice(0, 4), (JSON.parse(before) as unknown[]).slice(0, 4));
    await Promise.all([source.close(), target.close()]);
  } finally {
    await postgres.stop();
  }
});

test('a second import of the same bundle changes nothing', async () => {
  const store = await preImportStore();
  const attack = join(STANDARDS_DIR, 'attack/china-state-groups-bundle.json');
  await importStix(store, attack, options({ collection: 'attack' }));
  const before = await snapshot(store);
  const again = await importStix(store, attack, options({ collection: 'attack' }));
  assert.deepEqual([again.created, again.updated, again.kept.added, again.kept.same], [[], [], 0, 458]);
  // The audit log records the attempt; nothing else moves.
  const after = JSON.parse(await snapshot(store)) as unknown[];
  const was = JSON.parse(before) as unknown[];
  assert.deepEqual(after.slice(0, 4), was.slice(0, 4));
  await store.close();
});

test('ATT&CK: its intrusion sets meet the atlas’s by ATT&CK id, new ones are quoted from the bundle, the rest is kept', async () => {
  const store = await preImportStore();
  const report = await importStix(store, join(STANDARDS_DIR, 'attack/china-state-groups-bundle.json'), options({ collection: 'attack' }));
  assert.deepEqual(report.created.sort(), ['iset-apt1', 'iset-naikon', 'iset-putter-panda'], 'the source is recognised by its text, so only the three new sets are made');
  assert.equal(report.unchanged, 5, 'the five sets the atlas had are matched by ATT&CK id and already cite the bundle');
  const atlas = await atlasFromStore(store);
  const apt1 = atlas.claims.filter((c) => c.claim.record === 'iset-apt1').map((c) => c.claim);
  assert.ok(apt1.some((c) => c.predicate === 'attack-id' && c.value === 'G0006'));
  assert.ok(apt1.some((c) => /Unit 61398/.test(c.quote)), 'the description is quoted in ATT&CK’s words');
  // The bundled atlas's records are what this import made (plus an editor's description).
  const shipped = bundled.claims.filter((c) => c.claim.record === 'iset-apt1').map((c) => c.claim.id).sort();
  assert.deepEqual(apt1.map((c) => c.id).sort(), shipped);
  assert.equal(report.kept.added, 458);
  assert.equal([...atlas.kept.objects.values()].filter((k) => k.type === 'attack-pattern').length, 156);
  await store.close();
});

test('DISARM: 391 techniques, 16 tactics and the matrix are kept whole, never merged with ATT&CK’s', async () => {
  const store = await preImportStore();
  await importStix(store, join(STANDARDS_DIR, 'attack/china-state-groups-bundle.json'), options({ collection: 'attack' }));
  await importStix(store, join(STANDARDS_DIR, 'disarm/DISARM-stix2.1-bundle.json'), options({ collection: 'disarm' }));
  const kept = [...(await store.kept()).objects.values()];
  const disarm = kept.filter((k) => k.collection === 'disarm');
  assert.equal(disarm.filter((k) => k.type === 'attack-pattern').length, 391);
  assert.equal(disarm.filter((k) => k.type === 'x-mitre-tactic').length, 16);
  assert.equal(kept.filter((k) => k.type === 'attack-pattern').length, 391 + 156);
  const atlas = await atlasFromStore(store);
  assert.equal(frameworkTechniques(atlas, 'disarm').size, 391);
  assert.equal(frameworkTechniques(atlas, 'attack').size, 156);
  assert.equal(frameworkTechniques(atlas, 'disarm').get('T0002')?.name, 'Facilitate State Propaganda');
  const bundle = stixBundle(atlas);
  assert.deepEqual(checkBundle(bundle), []);
  const original = JSON.parse(readFileSync(join(STANDARDS_DIR, 'disarm/DISARM-stix2.1-bundle.json'), 'utf8')) as { objects: { id: string }[] };
  for (const o of original.objects) assert.deepEqual(bundle.objects.find((x) => x.id === o.id), o, `${o.id} handed on unchanged`);
  await store.close();
});

test('the bundled atlas holds the ATT&CK and DISARM imports, and every mapping of the matrix resolves in them', () => {
  const collections = [...bundled.kept.collections.keys()].sort();
  assert.deepEqual(collections, ['disarm-red', 'mitre-attack-china-groups']);
  const techniques = [...bundled.records.values()].filter((r) => r.kind === 'technique').flatMap((r) => (r.data as { mappings: { framework: 'disarm' | 'attack'; id: string }[] }).mappings);
  assert.ok(techniques.length > 10);
  for (const m of techniques) assert.ok(frameworkTechniques(bundled, m.framework).has(m.id), `${m.framework} ${m.id}`);
});

test('a partner’s report: actors the atlas knows gain its words, the attribution between them becomes a relation, the rest is kept', async () => {
  const store = await atlasStore();
  const apt1 = new URL('threat-reports/apt1.json', EXAMPLES);
  const report = await importStix(store, file('apt1.json', readFileSync(apt1, 'utf8')), options({ collection: 'mandiant-apt1' }));
  assert.deepEqual(report.updated.sort(), ['iset-apt1', 'org-ccp'], 'matched by name: the intrusion set, and the threat actor “Communist Party of China”');
  const atlas = await atlasFromStore(store);
  const source = report.created.find((id) => id.startsWith('src-'))!;
  const relation = [...atlas.records.values()].find((r) => r.kind === 'relation' && JSON.stringify(r.data).includes(source))!;
  assert.deepEqual([(relation.data as { subject: string }).subject, (relation.data as { type: string }).type, (relation.data as { object: string }).object], ['iset-apt1', 'attributed-to', 'org-ccp']);
  const claim = atlas.claims.find((c) => c.claim.record === relation.id)!.claim;
  assert.equal(claim.quote, 'APT1 attributed-to Communist Party of China');
  assert.deepEqual([claim.standing, claim.reliability, claim.credibility], ['reported', 'F', 6], 'a partner’s word, graded “cannot be judged” unless the analyst says otherwise');
  assert.ok(atlas.claims.some((c) => c.claim.record === 'org-ccp' && c.claim.source === source && /ultimate authority/.test(c.claim.quote)));
  assert.ok((atlas.records.get('org-ccp')!.data as { names: { text: string }[] }).names.some((n) => n.text === 'CPC'));
  // Unit 61398 and the people the report names are not in the atlas: kept, never made into records.
  assert.ok(![...atlas.records.values()].some((r) => /Ugly Gorilla|Unit 61398/.test(JSON.stringify((r.data as { names?: unknown }).names ?? ''))));
  assert.equal(report.kept.added, 76);
  const again = await importStix(store, file('apt1.json', readFileSync(apt1, 'utf8')), options({ collection: 'mandiant-apt1' }));
  assert.deepEqual([again.created, again.updated], [[], []]);
  await store.close();
});

test('the OASIS example bundles import without error', async () => {
  const files = [...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => new URL(f, EXAMPLES)), ...readdirSync(new URL('threat-reports/', EXAMPLES)).map((f) => new URL(`threat-reports/${f}`, EXAMPLES))];
  let imported = 0;
  for (const url of files) {
    const text = readFileSync(url, 'utf8');
    if ((JSON.parse(text) as { type: string }).type !== 'bundle') continue; // one example is a lone campaign object
    const store = await atlasStore();
    const report = await importStix(store, file('example.json', text), options());
    assert.equal(report.objects, (JSON.parse(text) as { objects: unknown[] }).objects.length, url.pathname);
    assert.deepEqual(checkBundle(stixBundle(await atlasFromStore(store))), [], url.pathname);
    await store.close();
    imported++;
  }
  assert.ok(imported >= 7, `${imported} bundles`);
});

const GOOD = { type: 'bundle', id: 'bundle--2a25c3c8-5d89-4a0b-a1b6-0c4e6f4f8f01', objects: [] as unknown[] };
const actor = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'threat-actor', spec_version: '2.1', id, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'An actor', ...extra,
});
const A = 'threat-actor--6b2b4b0e-6a53-4c49-9b8e-2d3f1c0a9e11';
const B = 'threat-actor--0c9e1f4a-8b7d-4e2a-9f3c-5d6e7f8a9b10';

for (const [name, content, expected] of [
  ['not JSON', 'this is not JSON {', /not JSON/],
  ['an empty file', '', /empty/],
  ['a JSON array', '[1, 2, 3]', /not a STIX bundle/],
  ['a lone object', actor(A), /not a STIX bundle/],
  ['a bundle without objects', { type: 'bundle', id: GOOD.id }, /no 'objects' array/],
  ['a bad bundle id', { ...GOOD, id: 'bundle--42' }, /bundle--<UUID>/],
  ['an object that fails its schema', { ...GOOD, objects: [actor(A, { created: '2024-01-01T00:00:00Z' })] }, new RegExp(`${A} /created`)],
  ['an object without a name', { ...GOOD, objects: [actor(A, { name: undefined })] }, new RegExp(`${A}.*name`)],
  ['modified before created', { ...GOOD, objects: [actor(A, { modified: '2023-01-01T00:00:00.000Z' })] }, new RegExp(A)],
  ['an id that collides', { ...GOOD, objects: [actor(A), actor(A, { name: 'Another' })] }, /used twice, for different content in the same version/],
  ['a reference to nothing', { ...GOOD, objects: [actor(A, { created_by_ref: 'identity--9b1a0c3e-1111-4a4a-8a8a-123456789abc' })] }, /neither in the bundle nor in the store/],
  ['objects twice', `{"type":"bundle","id":"${GOOD.id}","objects":[${JSON.stringify(actor(A))}],"objects":[${JSON.stringify(actor(B))}]}`, /'objects' twice/],
  ['a million numbers in one object', `{"type":"bundle","id":"${GOOD.id}","objects":[{"type":"note","x_numbers":[${'1,'.repeat(1_000_001)}1]}]}`, /more than 1,000,000 values/],
  ['nesting past 64 levels', `{"type":"bundle","id":"${GOOD.id}","objects":[${'['.repeat(100)}${']'.repeat(100)}]}`, /nested more than 64 levels/],
  ['a line break hidden in an id', { ...GOOD, objects: [actor('threat-actor--6b2b4b0e-6a53-4c49-9b8e-2d3f1c0a9e11\nrm -rf /')] }, /\\u000a/],
  ['markup where a number belongs', { ...GOOD, objects: [actor(A, { confidence: '<script>alert(1)</script>' })] }, new RegExp(`${A} /confidence`)],
] as const) {
  test(`bad input is refused in one line and changes nothing: ${name}`, async () => {
    const store = await atlasStore();
    const before = await snapshot(store);
    await assert.rejects(importStix(store, file('bad.json', content), options()), (e: Error) => {
      assert.ok(e instanceof StixImportError);
      assert.match(e.message, expected);
      assert.ok(!e.message.includes('\n'), 'one line');
      return true;
    });
    assert.equal(await snapshot(store), before);
    await store.close();
  });
}

test('a valid rest is not imported when one object fails: nothing or everything', async () => {
  const store = await atlasStore();
  const before = await snapshot(store);
  const bad = { ...GOOD, objects: [actor(B), actor(A, { created: 'yesterday' })] };
  await assert.rejects(importStix(store, file('half.json', bad), options()), /nothing was imported/);
  assert.equal(await snapshot(store), before);
  await store.close();
});

test('an object kept earlier that comes back with other content under its id is refused', async () => {
  const store = await atlasStore();
  await importStix(store, file('one.json', { ...GOOD, objects: [actor(A)] }), options());
  const before = await snapshot(store);
  await assert.rejects(importStix(store, file('two.json', { ...GOOD, objects: [actor(A, { name: 'Renamed' })] }), options()), /already keeps another object with this id and the same modified time/);
  assert.equal(await snapshot(store), before);
  await store.close();
});

test('versions: a later version of a kept object replaces it, an earlier one is ignored, the latest in a bundle wins', async () => {
  const store = await atlasStore();
  const v1 = actor(A);
  const v2 = actor(A, { name: 'Renamed', modified: '2024-06-01T00:00:00.000Z' });
  const v3 = actor(A, { name: 'Renamed again', modified: '2024-09-01T00:00:00.000Z' });
  await importStix(store, file('v1.json', { ...GOOD, objects: [v1] }), options());
  const later = await importStix(store, file('v3v2.json', { ...GOOD, objects: [v3, v2] }), options());
  assert.equal(later.kept.updated, 1);
  assert.deepEqual((await store.kept()).objects.get(A)?.object, v3);
  const earlier = await importStix(store, file('v2.json', { ...GOOD, objects: [v2] }), options());
  assert.deepEqual([earlier.kept.added, earlier.kept.updated], [0, 0]);
  assert.deepEqual((await store.kept()).objects.get(A)?.object, v3);
  await store.close();
});

test('a greyzone record that comes back different from the store’s is refused, not overwritten', async () => {
  const store = await atlasStore();
  const bundle = JSON.parse(await exported(store)) as { objects: Record<string, unknown>[] };
  const mss = bundle.objects.find((o) => o.name === 'Ministry of State Security')!;
  const ext = Object.values(mss.extensions as Record<string, { record: { description?: string } }>)[0]!;
  ext.record.description = 'Changed by a partner.';
  const before = await snapshot(store);
  await assert.rejects(importStix(store, file('changed.json', bundle), options()), /holds a different record with this id/);
  assert.equal(await snapshot(store), before);
  await store.close();
});

test('a partner bundle may mark its objects TLP 2.0 without carrying the markings; the export carries them', async () => {
  const store = await atlasStore();
  const amber = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
  await importStix(store, file('marked.json', { ...GOOD, objects: [actor(A, { object_marking_refs: [amber] })] }), options());
  const kept = (await store.kept()).objects.get(A)!;
  assert.equal(kept.tlp, 'amber', 'the kept object carries its own marking');
  const full = stixBundle(await atlasFromStore(store));
  assert.deepEqual(checkBundle(full), []);
  assert.ok(full.objects.some((o) => o.id === amber));
  const green = stixBundle(redactAtlas(await atlasFromStore(store), 'green'));
  assert.ok(!green.objects.some((o) => o.id === A), 'an AMBER partner object stays out of a GREEN export');
  await store.close();
});

test('a bundle of 100,000 objects streams through without holding them', async () => {
  const store = await atlasStore();
  const objects = Array.from({ length: 100_000 }, (_, i) => actor(`threat-actor--${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`, { name: `Actor ${i}` }));
  const path = file('big.json', { ...GOOD, objects });
  const report = await importStix(store, path, options({ collection: 'big' }));
  assert.equal(report.kept.added, 100_000);
  assert.equal([...(await store.kept()).objects.values()].filter((k) => k.collection === 'big').length, 100_000);
  await store.close();
});

// Review findings, each a case a reader or an importer relies on.
const RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const heron = (extra: Record<string, unknown> = {}) => ({
  type: 'intrusion-set', spec_version: '2.1', id: 'intrusion-set--3f0c2a71-5b8e-4d1c-9a3b-7e6f5d4c3b2a', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z',
  name: 'Quiet Heron', description: 'Quiet Heron runs a covert recruitment desk.', ...extra,
});

test('a partner’s RED intrusion set stays RED: record, source text and claims are out of a GREEN export', async () => {
  const store = await atlasStore();
  await importStix(store, file('red-set.json', { ...GOOD, objects: [heron({ object_marking_refs: [RED] })] }), options());
  const atlas = await atlasFromStore(store);
  const record = [...atlas.records.values()].find((r) => JSON.stringify(r.data).includes('Quiet Heron'))!;
  assert.equal((record.data as { tlp: string }).tlp, 'red');
  const green = JSON.stringify(stixBundle(redactAtlas(atlas, 'green')));
  assert.ok(!/Quiet Heron|covert recruitment/.test(green));
  assert.match(JSON.stringify(stixBundle(atlas)), /covert recruitment/, 'the RED export has it, so the test can fail');
  await store.close();
});

test('kept objects: one that names a hidden object, one with a RED part, one marked RED under another id — none below RED', async () => {
  const store = await atlasStore();
  const customRed = {
    type: 'marking-definition', spec_version: '2.1', id: 'marking-definition--7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', created: '2024-01-01T00:00:00.000Z', name: 'Partner RED',
    extension_type: undefined, extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'red' } },
  };
  const note = (id: string, extra: Record<string, unknown>) => ({ type: 'note', spec_version: '2.1', id, created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', content: 'Seen in Vilnius.', ...extra });
  const objects = [
    actor(A, { object_marking_refs: [RED] }),
    note('note--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', { object_refs: [A] }),
    note('note--2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', { object_refs: [B], granular_markings: [{ marking_ref: RED, selectors: ['content'] }] }),
    actor(B),
    customRed,
    note('note--3d4e5f6a-7b8c-4d9e-8f1a-2b3c4d5e6f7a', { object_refs: [B], object_marking_refs: [customRed.id] }),
  ];
  delete (customRed as Record<string, unknown>).extension_type;
  await importStix(store, file('refs.json', { ...GOOD, objects }), options());
  const atlas = await atlasFromStore(store);
  const green = stixBundle(redactAtlas(atlas, 'green'));
  assert.deepEqual(checkBundle(green), [], 'every reference in the GREEN export resolves');
  const ids = new Set(green.objects.map((o) => o.id));
  assert.ok(ids.has(B), 'the CLEAR actor goes out');
  for (const o of objects.slice(0, 3).concat(objects.slice(5))) assert.ok(!ids.has(o.id), `${o.id} stays in`);
  const full = new Set(stixBundle(atlas).objects.map((o) => o.id));
  for (const o of objects) assert.ok(full.has(o.id), `${o.id} is in the RED export`);
  await store.close();
});

test('a collection’s floor travels as a marking, and the object comes back as the same object', async () => {
  const store = await atlasStore();
  await importStix(store, file('plain.json', { ...GOOD, objects: [actor(A)] }), options({ tlp: 'amber', collection: 'amber-desk' }));
  const exported1 = stixBundle(await atlasFromStore(store));
  const out = exported1.objects.find((o) => o.id === A)!;
  assert.deepEqual(out.object_marking_refs, [AMBER], 'the AMBER floor is on the object it hands on');
  assert.ok(!stixBundle(redactAtlas(await atlasFromStore(store), 'green')).objects.some((o) => o.id === A));
  const again = await importStix(store, file('back.json', exported1), options());
  assert.equal(again.kept.added + again.kept.updated, 0, 'handed back with the marking greyzone added, it is the same object');
  const target = await emptyStore();
  await importStix(target, file('elsewhere.json', exported1), options());
  assert.equal((await target.kept()).objects.get(A)?.tlp, 'amber', 'another store keeps it AMBER');
  await Promise.all([store.close(), target.close()]);
});

test('--tlp raises greyzone’s own records too; the audit entry is marked by what it counts', async () => {
  const source = await atlasStore();
  const bundle = await exported(source);
  const target = await emptyStore();
  await importStix(target, file('amber.json', bundle), options({ tlp: 'amber' }));
  const atlas = await atlasFromStore(target);
  const seen = [...redactAtlas(atlas, 'green').records.values()];
  assert.deepEqual([...new Set(seen.map((r) => r.kind))], ['tactic'], 'nothing of an AMBER import is seen at GREEN but the unmarked tactics of the public matrix');
  const entries = await target.audit({ clearance: 'green', limit: 1000 });
  assert.ok(!entries.some((e) => e.action === 'stix.import'), 'nor its audit entry');
  await Promise.all([source.close(), target.close()]);
});

test('every rule of greyzone validate judges what an import brings: a record pointing nowhere is refused', async () => {
  const store = await atlasStore();
  const bundle = JSON.parse(await exported(store)) as { objects: Record<string, unknown>[] };
  const mss = bundle.objects.find((o) => o.name === 'Ministry of State Security')!;
  const ext = Object.values(mss.extensions as Record<string, { id: string; record: Record<string, unknown> }>)[0]!;
  ext.id = ext.record.id = 'org-mss-copy';
  ext.record.country = 'country-atlantis';
  ext.record.names = [{ text: 'A copy of the Ministry', type: 'primary' }];
  mss.id = 'threat-actor--0f0e0d0c-0b0a-4909-8807-060504030201';
  const before = await snapshot(store);
  await assert.rejects(importStix(store, file('nowhere.json', { ...bundle, objects: [mss] }), options()), /country-atlantis|unknown/);
  assert.equal(await snapshot(store), before);
  await store.close();
});

test('versions compare as instants: .1001 is after .100, and .000 and .0000 are the same version', async () => {
  const store = await atlasStore();
  const earlier = actor(A, { name: 'Earlier', modified: '2024-06-01T00:00:00.100Z' });
  const later = actor(A, { name: 'Later', modified: '2024-06-01T00:00:00.1001Z' });
  await importStix(store, file('v.json', { ...GOOD, objects: [later, earlier] }), options());
  assert.equal((await store.kept()).objects.get(A)?.object.name, 'Later');
  const same = [actor(B, { modified: '2024-06-01T00:00:00.000Z' }), actor(B, { name: 'Other', modified: '2024-06-01T00:00:00.0000Z' })];
  await assert.rejects(importStix(store, file('same.json', { ...GOOD, objects: same }), options()), /same version/);
  await store.close();
});

test('an object that takes a greyzone record’s id without being it is refused', async () => {
  const store = await atlasStore();
  const bundle = JSON.parse(await exported(store)) as { objects: Record<string, unknown>[] };
  const mss = structuredClone(bundle.objects.find((o) => o.name === 'Ministry of State Security')!);
  delete mss.extensions;
  mss.created_by_ref = undefined;
  const before = await snapshot(store);
  await assert.rejects(importStix(store, file('impostor.json', { ...GOOD, objects: [JSON.parse(JSON.stringify(mss)) as unknown] }), options()), /takes the id of a greyzone record/);
  assert.equal(await snapshot(store), before);
  await store.close();
});

test('an intrusion set with another ATT&CK id is not merged by name', async () => {
  const store = await atlasStore();
  const g9999 = heron({ name: 'Gothic Panda', external_references: [{ source_name: 'mitre-attack', external_id: 'G9999', url: 'https://attack.mitre.org/groups/G9999' }] });
  const before = await snapshot(store);
  // Not APT3 (G0022), whose alias it is; and a second owner of the name is refused, never merged.
  await assert.rejects(importStix(store, file('g9999.json', { ...GOOD, objects: [g9999] }), options()), /'Gothic Panda' is also claimed by iset-apt3/);
  assert.equal(await snapshot(store), before);
  await store.close();
});
