/**
 * STIX 2.1 export: every object valid against the OASIS schemas and the rules they miss, the
 * kind-to-type mapping, provenance a partner can check, markings, scopes and determinism.
 */
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import assert from 'node:assert/strict';
import { BUNDLED_ATLAS, loadAtlas, recordsOf, type Atlas } from '../src/atlas/load.ts';
import { INDUSTRY_SECTORS } from '../src/model/vocab.ts';
import { completeClaims } from '../src/atlas/claims.ts';
import { redactAtlas } from '../src/atlas/redact.ts';
import { sliceCodePoints } from '../src/atlas/text.ts';
import { confidenceOf, endOf, startOf, stixBundle, stixIdOf, type StixObject } from '../src/interop/stix/export.ts';
import { EXTENSION_ID, GREYZONE_IDENTITY, greyzoneExtensionSchema } from '../src/interop/stix/extension.ts';
import { tlpMarking } from '../src/interop/stix/tlp.ts';
import { checkBundle, validateStixObject, WELL_KNOWN_IDS } from '../src/interop/stix/validate.ts';
import { markedAtlas, RED_MARKERS } from './helpers/marked-atlas.ts';

const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
const bundle = stixBundle(atlas);
const byId = new Map(bundle.objects.map((o) => [o.id, o]));
const resolves = (id: string) => byId.has(id) || WELL_KNOWN_IDS.has(id);
const ext = (o: StixObject) => greyzoneExtensionSchema.parse((o.extensions as Record<string, unknown>)[EXTENSION_ID]);
const UUID = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('the whole atlas exports as a bundle with no schema or rule problem', () => {
  assert.ok(bundle.objects.length > 500);
  assert.deepEqual(checkBundle(bundle), []);
});

test('every object validates alone against the schema of its type', () => {
  for (const o of bundle.objects) assert.deepEqual(validateStixObject(o), [], o.id);
});

test('ids are type--UUID, created is not after modified, references resolve in the bundle', () => {
  for (const o of bundle.objects) {
    assert.match(o.id, UUID);
    assert.ok(o.id.startsWith(`${o.type}--`), o.id);
    if (o.created) assert.ok(String(o.created) <= String(o.modified), o.id);
    for (const key of ['created_by_ref', 'source_ref', 'target_ref']) if (o[key]) assert.ok(resolves(o[key] as string), `${o.id} ${key}`);
    for (const key of ['object_refs', 'object_marking_refs', 'tactic_refs']) for (const r of (o[key] as string[] | undefined) ?? []) assert.ok(resolves(r), `${o.id} ${key} ${r}`);
  }
});

test('each kind becomes the STIX type a reader expects', () => {
  const typeOf = (id: string) => byId.get(stixIdOf(atlas.records.get(id)!))?.type;
  assert.equal(typeOf('org-mss'), 'threat-actor');
  assert.equal(typeOf('org-ufwd'), 'threat-actor');
  assert.equal(byId.get(stixIdOf(atlas.records.get('org-mss')!))?.threat_actor_types?.toString(), 'nation-state');
  const university = [...atlas.records.values()].find((r) => r.kind === 'organisation' && (r.data as { subtype: string }).subtype === 'university' && !(r.data as { collective: boolean }).collective)!;
  assert.equal(typeOf(university.id), 'identity');
  assert.equal(byId.get(stixIdOf(university))?.identity_class, 'organization');
  assert.equal(typeOf('person-xu-yanjun'), 'identity');
  assert.equal(byId.get(stixIdOf(atlas.records.get('person-xu-yanjun')!))?.identity_class, 'individual');
  assert.equal(typeOf('case-xu-yanjun'), 'campaign');
  assert.equal(typeOf('country-cn'), 'location');
  assert.equal(byId.get(stixIdOf(atlas.records.get('country-cn')!))?.country, 'CN');
  assert.equal(typeOf('GZT0001'), 'attack-pattern');
  assert.equal(typeOf('iset-apt3'), 'intrusion-set');
  assert.equal(typeOf('src-lt-nta-2024-china'), 'report');
  const sector = [...atlas.records.values()].find((r) => r.kind === 'sector')!;
  assert.equal(byId.get(stixIdOf(sector))?.identity_class, 'class');
  assert.equal(bundle.objects.filter((o) => o.type === 'x-mitre-matrix' && o.created_by_ref === GREYZONE_IDENTITY).length, 1);
  assert.equal(bundle.objects.filter((o) => o.type === 'x-mitre-tactic' && o.created_by_ref === GREYZONE_IDENTITY).length, [...atlas.records.values()].filter((r) => r.kind === 'tactic').length);
});

test('techniques sit in greyzone’s kill chain and name their DISARM and ATT&CK mappings', () => {
  const technique = bundle.objects.find((o) => o.type === 'attack-pattern' && (o.external_references as { source_name: string }[]).some((r) => r.source_name === 'greyzone mapping to DISARM'))!;
  const phases = technique.kill_chain_phases as { kill_chain_name: string; phase_name: string }[];
  assert.ok(phases.length > 0 && phases.every((p) => p.kill_chain_name === 'greyzone'));
  const tactics = new Set(bundle.objects.filter((o) => o.type === 'x-mitre-tactic' && o.created_by_ref === GREYZONE_IDENTITY).map((o) => o.x_mitre_shortname));
  for (const p of phases) assert.ok(tactics.has(p.phase_name), p.phase_name);
  // A mapping names its target; it is never the technique's own id in that framework.
  assert.ok(!(technique.external_references as { source_name: string }[]).some((r) => r.source_name === 'mitre-attack' || r.source_name === 'DISARM'));
});

test('relations carry their valid time as start_time and stop_time', () => {
  const rel = [...atlas.records.values()].find((r) => r.kind === 'relation' && (r.data as { valid_from?: string }).valid_from)!;
  const o = byId.get(stixIdOf(rel))!;
  assert.equal(o.start_time, startOf((rel.data as { valid_from: string }).valid_from));
  const worksFor = byId.get(stixIdOf([...atlas.records.values()].find((r) => r.kind === 'relation' && (r.data as { type: string }).type === 'works-for')!))!;
  assert.deepEqual([worksFor.relationship_type, worksFor.description], ['related-to', 'works for'], 'a type STIX lacks travels as related-to, labelled');
  const apt1 = byId.get(stixIdOf(atlas.records.get('rel-apt1-attributed-to-pla')!))!;
  assert.equal(apt1.relationship_type, 'attributed-to', 'an intrusion set is attributed to a threat actor, the PLA');
  // No reader meets a relationship STIX does not define between those types.
  const typeOfRef = (id: unknown) => String(id).split('--')[0]!;
  for (const o of bundle.objects.filter((x) => x.type === 'relationship')) {
    const [from, to] = [typeOfRef(o.source_ref), typeOfRef(o.target_ref)];
    if (o.relationship_type === 'targets') assert.ok(!['location', 'identity'].includes(from), `${o.id}: ${from} targets`);
    if (o.relationship_type === 'uses') assert.ok(['threat-actor', 'intrusion-set', 'campaign'].includes(from) && to === 'attack-pattern', `${o.id}: ${from} uses ${to}`);
    if (o.relationship_type === 'attributed-to') assert.ok(['campaign', 'intrusion-set', 'threat-actor'].includes(from), `${o.id}: ${from} attributed-to`);
  }
  const partOf = byId.get(stixIdOf([...atlas.records.values()].find((r) => r.kind === 'relation' && (r.data as { type: string }).type === 'part-of')!))!;
  assert.equal(partOf.relationship_type, 'part-of');
  assert.equal(startOf('2021'), '2021-01-01T00:00:00.000Z');
  assert.equal(endOf('2021'), '2022-01-01T00:00:00.000Z');
  assert.equal(endOf('2021-12'), '2022-01-01T00:00:00.000Z');
  assert.equal(endOf('2021-02-28'), '2021-03-01T00:00:00.000Z');
});

test('a partner can check every quote: the report carries the text the offsets count into', () => {
  let checked = 0;
  for (const o of bundle.objects) {
    if (o.type === 'report' || !(o.extensions as Record<string, unknown> | undefined)?.[EXTENSION_ID]) continue;
    for (const c of ext(o).claims ?? []) {
      const report = byId.get(c.source_ref)!;
      assert.equal(report.type, 'report');
      assert.equal(sliceCodePoints(ext(report).text!, c.start, c.end), c.quote, c.id);
      assert.equal(c.admiralty, `${c.reliability}${c.credibility}`);
      checked++;
    }
  }
  assert.equal(checked, atlas.claims.length);
});

test('Admiralty credibility maps to STIX confidence as STIX 2.1 Appendix A says', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(confidenceOf), [90, 70, 50, 30, 10, undefined]);
  const mss = byId.get(stixIdOf(atlas.records.get('org-mss')!))!;
  assert.equal(mss.confidence, Math.max(...ext(mss).claims!.map((c) => confidenceOf(c.credibility) ?? -1)));
});

test('an allegation travels as an allegation: a claim keeps its standing', () => {
  const standings = new Set(bundle.objects.flatMap((o) => (o.type !== 'report' && (o.extensions as Record<string, unknown> | undefined)?.[EXTENSION_ID] ? (ext(o).claims ?? []).map((c) => c.standing) : [])));
  for (const s of ['reported', 'charged', 'convicted']) assert.ok(standings.has(s as never), s);
});

test('two exports of the same atlas are identical, bundle id included', () => {
  assert.equal(JSON.stringify(stixBundle(loadAtlas(BUNDLED_ATLAS).atlas)), JSON.stringify(bundle));
});

function withAmber(base: Atlas, id: string): Atlas {
  const records = new Map(base.records);
  const rec = records.get(id)!;
  records.set(id, { ...rec, data: { ...(rec.data as object), tlp: 'amber' } as never });
  const amber: Atlas = { ...base, records, claims: [] };
  amber.claims = completeClaims(amber, []);
  return amber;
}

test('objects carry the most restrictive TLP 2.0 marking of what they show', () => {
  const marked = withAmber(markedAtlas(), 'person-hu-ji');
  const full = stixBundle(marked);
  assert.deepEqual(checkBundle(full), []);
  const marking = (id: string) => (full.objects.find((o) => o.id === stixIdOf(marked.records.get(id)!))!.object_marking_refs as string[])[0];
  assert.equal(marking('org-zephyr-lantern'), tlpMarking('red').id);
  assert.equal(marking('org-mss'), tlpMarking('red').id, 'a CLEAR record holding a RED alias is marked RED');
  assert.equal(marking('person-hu-ji'), tlpMarking('amber').id);
  assert.equal(marking('org-ufwd'), tlpMarking('clear').id);
  // A relation whose own claims are CLEAR still names the AMBER person: it is AMBER too.
  const toHuJi = [...marked.records.values()].find((r) => r.kind === 'relation' && JSON.stringify(r.data).includes('"person-hu-ji"') && (r.data as { tlp?: string }).tlp !== 'amber')!;
  assert.equal(marking(toHuJi.id), tlpMarking('amber').id, toHuJi.id);
  for (const level of ['clear', 'amber', 'red'] as const) assert.ok(full.objects.some((o) => o.id === tlpMarking(level).id), level);
});

test('an export below AMBER holds no AMBER or RED object and no trace of RED content', () => {
  const marked = withAmber(markedAtlas(), 'person-hu-ji');
  const green = stixBundle(redactAtlas(marked, 'green'));
  assert.deepEqual(checkBundle(green), []);
  const text = JSON.stringify(green);
  for (const level of ['amber', 'amber+strict', 'red'] as const) assert.ok(!text.includes(tlpMarking(level).id as string), level);
  assert.doesNotMatch(text, RED_MARKERS);
  assert.ok(!text.includes(stixIdOf(marked.records.get('person-hu-ji')!)));
  // The test can fail: the same export at AMBER shows the AMBER person.
  assert.ok(JSON.stringify(stixBundle(redactAtlas(marked, 'amber'))).includes(stixIdOf(marked.records.get('person-hu-ji')!)));
});

test('an entity with its neighbourhood, or one case, exports as a closed bundle', () => {
  const mss = stixBundle(atlas, { kind: 'entity', id: 'org-mss', depth: 1 });
  assert.deepEqual(checkBundle(mss), []);
  assert.ok(mss.objects.some((o) => o.id === stixIdOf(atlas.records.get('org-mss')!)));
  assert.ok(mss.objects.length < bundle.objects.length);
  const lonely = stixBundle(atlas, { kind: 'entity', id: 'org-mss', depth: 0 });
  assert.equal(lonely.objects.filter((o) => o.type === 'relationship' && !(o.relationship_type === 'located-at')).length, 0);
  const xu = stixBundle(atlas, { kind: 'case', id: 'case-xu-yanjun' });
  assert.deepEqual(checkBundle(xu), []);
  const names = xu.objects.map((o) => o.name);
  assert.ok(names.includes(atlas.records.get('person-xu-yanjun') && 'Xu Yanjun'));
  assert.ok(xu.objects.some((o) => o.type === 'relationship' && o.relationship_type === 'uses'));
});

test('no object is written twice: the whole atlas, every case, and every entity a case names or that is a sector or intrusion set', () => {
  const duplicates = (objects: { id: string }[]) => objects.map((o) => o.id).filter((id, i, all) => all.indexOf(id) !== i);
  assert.deepEqual(duplicates(bundle.objects), [], 'the whole atlas');
  const cases = recordsOf(atlas, 'case');
  const named = new Set(cases.flatMap((c) => [...c.data.actors.map((a) => a.entity), ...c.data.people.map((p) => p.person)]));
  for (const r of [...recordsOf(atlas, 'sector'), ...recordsOf(atlas, 'intrusion-set')]) named.add(r.id);
  for (const c of cases) assert.deepEqual(duplicates(stixBundle(atlas, { kind: 'case', id: c.id }).objects), [], c.id);
  for (const id of named) assert.deepEqual(duplicates(stixBundle(atlas, { kind: 'entity', id, depth: 1 }).objects), [], id);
  // The case that lists one technique under two of its actors uses it once.
  const twice = cases.find((c) => new Set(c.data.techniques.map((t) => t.technique)).size < c.data.techniques.length);
  assert.ok(twice, 'the atlas has a case that lists a technique twice');
});

test('a sector is filed under STIX’s industry-sector term where one fits, and keeps greyzone’s own word in the record it carries', () => {
  const industry = new Set<string>(INDUSTRY_SECTORS);
  for (const s of recordsOf(atlas, 'sector')) {
    const o = byId.get(stixIdOf(s))!;
    const sectors = o.sectors as string[];
    if (s.data.industry_sector) assert.deepEqual(sectors, [s.data.industry_sector], s.id);
    else assert.ok(!industry.has(sectors[0]!), `${s.id}: a sector without a term keeps its own word`);
    assert.equal((ext(o).record as { id: string }).id, s.id);
  }
  assert.deepEqual(byId.get(stixIdOf(atlas.records.get('sector-aviation')!))!.sectors, ['aerospace']);
  assert.deepEqual(byId.get(stixIdOf(atlas.records.get('sector-defence-industry')!))!.sectors, ['defense']);
});

test('the extension’s published JSON Schema accepts every payload the export writes, and its id never moves', () => {
  assert.equal(EXTENSION_ID, 'extension-definition--66ce5b57-5672-585b-b2bc-84660f15c79f', 'partners key on this id (docs/stix.md)');
  const definition = byId.get(EXTENSION_ID)!;
  const validate = new Ajv2020({ strict: false }).compile(JSON.parse(definition.schema as string) as object);
  let n = 0;
  for (const o of bundle.objects) {
    const payload = (o.extensions as Record<string, unknown> | undefined)?.[EXTENSION_ID];
    if (payload === undefined) continue;
    assert.ok(validate(payload), `${o.id}: ${JSON.stringify(validate.errors?.[0])}`);
    n++;
  }
  assert.ok(n > 500);
});
