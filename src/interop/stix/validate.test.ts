import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { STANDARDS_DIR } from '../../util/standards.ts';
import { checkBundle, referencesOf, validateStixObject, WELL_KNOWN_IDS, type StixProblem } from './validate.ts';
import { TLP2_EXTENSION_DEFINITION, tlpMarking } from './tlp.ts';

const EXAMPLES = fileURLToPath(new URL('../../../../shared/standards/stix2.1-examples', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const UUID = '6b948b5a-3c09-4e08-8f0b-0a2c0c4b6d3a';
const AP_ID = `attack-pattern--${UUID}`;
const IDENTITY_ID = 'identity--0b1a5e0d-7f3c-4c1e-9d2a-3e4f5a6b7c8d';
const TLP1_WHITE = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
const T0 = '2024-03-01T12:00:00.000Z';

const attackPattern = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'attack-pattern',
  spec_version: '2.1',
  id: AP_ID,
  created: T0,
  modified: T0,
  name: 'Spearphishing',
  ...extra,
});
const identity = (): Record<string, unknown> => ({ type: 'identity', spec_version: '2.1', id: IDENTITY_ID, created: T0, modified: T0, name: 'greyzone' });
const bundle = (objects: unknown[]): Record<string, unknown> => ({ type: 'bundle', id: `bundle--${UUID}`, objects });
const statement = (id: string, marks: string[]): Record<string, unknown> => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id,
  created: T0,
  definition_type: 'statement',
  definition: { statement: id },
  object_marking_refs: marks,
});

/** The fields of the problems, to assert which property was blamed. */
const fields = (problems: StixProblem[]): string[] => problems.map((p) => p.field);
const without = (obj: Record<string, unknown>, key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));

function exampleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? exampleFiles(`${dir}/${e.name}`) : e.name.endsWith('.json') ? [`${dir}/${e.name}`] : [],
  );
}

test('the carried ATT&CK and DISARM bundles check clean', () => {
  for (const file of ['attack/china-state-groups-bundle.json', 'disarm/DISARM-stix2.1-bundle.json']) {
    assert.deepEqual(checkBundle(readJson(`${STANDARDS_DIR}/${file}`)), [], file);
  }
});

test('every OASIS example bundle checks clean, and the lone example object validates', () => {
  const files = exampleFiles(EXAMPLES);
  assert.ok(files.length >= 8, `examples found: ${files.length}`);
  for (const file of files) {
    const doc = readJson(file) as Record<string, unknown>;
    const problems = doc.type === 'bundle' ? checkBundle(doc) : validateStixObject(doc);
    assert.deepEqual(problems, [], file);
  }
  assert.equal((readJson(`${EXAMPLES}/interop-objectmarking-test.json`) as { type: string }).type, 'campaign');
});

test('a valid object has no problems', () => {
  assert.deepEqual(validateStixObject(attackPattern()), []);
});

test('a second-precision created fails on /created', () => {
  const problems = validateStixObject(attackPattern({ created: '2024-03-01T12:00:00Z', modified: '2024-03-01T12:00:00Z' }));
  assert.deepEqual(fields(problems).sort(), ['/created', '/modified']);
  assert.match(problems[0]!.message, /millisecond/);
});

test('a malformed id fails on /id', () => {
  assert.ok(fields(validateStixObject(attackPattern({ id: 'attack-pattern-6b948b5a' }))).includes('/id'));
  assert.ok(fields(validateStixObject(attackPattern({ id: UUID }))).includes('/id'));
});

test('an id whose prefix is not the object type fails on /id', () => {
  const problems = validateStixObject(attackPattern({ id: `malware--${UUID}` }));
  assert.deepEqual(fields(problems), ['/id']);
});

test('a UUID not in RFC 4122 form fails on /id (version 0, variant c, v7)', () => {
  for (const uuid of ['6b948b5a-3c09-0e08-8f0b-0a2c0c4b6d3a', '6b948b5a-3c09-4e08-cf0b-0a2c0c4b6d3a', '018f4c2e-8b7a-7c3d-9e1f-2a3b4c5d6e7f']) {
    assert.deepEqual(fields(validateStixObject(attackPattern({ id: `attack-pattern--${uuid}` }))), ['/id'], uuid);
  }
});

test('modified before created fails on /modified, compared exactly to the microsecond', () => {
  assert.deepEqual(fields(validateStixObject(attackPattern({ modified: '2024-02-29T12:00:00.000Z' }))), ['/modified']);
  assert.deepEqual(fields(validateStixObject(attackPattern({ created: '2024-03-01T12:00:00.000001Z', modified: T0 }))), ['/modified']);
  assert.deepEqual(validateStixObject(attackPattern({ created: '2024-03-01T12:00:00.100Z', modified: '2024-03-01T12:00:00.1000Z' })), []);
  assert.deepEqual(validateStixObject(attackPattern({ modified: '2024-03-01T12:00:00.001Z' })), []);
});

test('a missing required property is named in the field', () => {
  const problems = validateStixObject(without(attackPattern(), 'name'));
  assert.deepEqual(problems, [{ id: AP_ID, field: '/name', message: "must have required property 'name'" }]);
  assert.deepEqual(fields(validateStixObject(without(attackPattern(), 'spec_version'))), ['/spec_version']);
});

test('a property of the wrong type fails on that property', () => {
  assert.deepEqual(validateStixObject(attackPattern({ name: 42 })), [{ id: AP_ID, field: '/name', message: 'must be string' }]);
  assert.deepEqual(fields(validateStixObject(attackPattern({ kill_chain_phases: [{ kill_chain_name: 'x' }] }))), ['/kill_chain_phases/0/phase_name']);
});

test('an external reference needs an external_id, description or url: said once, not per oneOf branch', () => {
  assert.deepEqual(validateStixObject(attackPattern({ external_references: [{ source_name: 'greyzone' }] })), [
    { id: AP_ID, field: '/external_references/0', message: "must have required property 'external_id', or have required property 'description', or have required property 'url'" },
  ]);
});

test('allowed values are listed in the message', () => {
  const [problem] = validateStixObject(attackPattern({ spec_version: '2.2' }));
  assert.deepEqual(problem, { id: AP_ID, field: '/spec_version', message: 'must be equal to one of the allowed values: "2.0", "2.1"' });
});

test('failed alternatives are one problem, not one per branch', () => {
  const problems = validateStixObject(attackPattern({ x_greyzone_note: null }));
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.field, '/x_greyzone_note');
  assert.match(problems[0]!.message, /^must be array, or be string, .* or be object$/);
});

test('property names outside the STIX form are rejected by name', () => {
  assert.deepEqual(validateStixObject(attackPattern({ Name: 'x' })), [{ id: AP_ID, field: '/Name', message: 'is not an allowed property name' }]);
});

test("core.json's forbidden STIX 2.0 properties are named", () => {
  assert.deepEqual(fields(validateStixObject(attackPattern({ severity: 'high' }))), ['/severity']);
});

test('a custom x- object is validated against core', () => {
  const custom = { type: 'x-greyzone-claim', spec_version: '2.1', id: `x-greyzone-claim--${UUID}`, created: T0, modified: T0, x_quote: 'words' };
  assert.deepEqual(validateStixObject(custom), []);
  assert.deepEqual(fields(validateStixObject({ ...custom, id: `x-other--${UUID}` })), ['/id'], 'core does not tie the id to the type; the rule does');
  assert.deepEqual(fields(validateStixObject(without(custom, 'created'))), ['/created']);
  assert.deepEqual(fields(validateStixObject({ ...custom, created: '2024-03-01T12:00:00Z' })), ['/created']);
});

test('not an object at all', () => {
  assert.deepEqual(validateStixObject('attack-pattern'), [{ id: '', field: '', message: 'must be a JSON object' }]);
  assert.deepEqual(validateStixObject(null), [{ id: '', field: '', message: 'must be a JSON object' }]);
});

test('created_by_ref must name an identity and marking refs a marking-definition', () => {
  assert.deepEqual(fields(validateStixObject(attackPattern({ created_by_ref: `malware--${UUID}` }))), ['/created_by_ref']);
  assert.deepEqual(fields(validateStixObject(attackPattern({ object_marking_refs: [IDENTITY_ID] }))), ['/object_marking_refs/0']);
});

test('granular-marking selectors must select something in the object', () => {
  const marked = (selectors: string[]) => attackPattern({ external_references: [{ source_name: 'greyzone', url: 'https://example.org/' }], granular_markings: [{ selectors, marking_ref: TLP1_WHITE }] });
  assert.deepEqual(validateStixObject(marked(['name', 'external_references.[0].source_name'])), []);
  assert.deepEqual(fields(validateStixObject(marked(['name', 'description', 'external_references.[1]']))), ['/granular_markings/0/selectors/1', '/granular_markings/0/selectors/2']);
});

test('a marking-definition must not mark itself', () => {
  const id = `marking-definition--${UUID}`;
  assert.deepEqual(fields(validateStixObject(statement(id, [id]))), ['/object_marking_refs/0']);
});

test('marking-definition errors come from the branch the id means', () => {
  const tlp2 = { ...tlpMarking('red'), extensions: {} };
  assert.ok(validateStixObject(tlp2).every((p) => !p.message.includes('TLP:WHITE') && !p.message.includes('2017-01-20')));
  const tlp1 = { type: 'marking-definition', spec_version: '2.1', id: TLP1_WHITE, created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', name: 'TLP:WHITE', definition: { tlp: 'white' } };
  assert.deepEqual(validateStixObject(tlp1), []);
  assert.deepEqual(validateStixObject({ ...tlp1, name: 'TLP:GREEN' }), [{ id: TLP1_WHITE, field: '/name', message: 'must be equal to one of the allowed values: "TLP:WHITE"' }]);
});

test('every message is one line', () => {
  const bad = [
    attackPattern({ id: 'x', created: 'yesterday', name: [], x_a: null, Name: 1, object_marking_refs: [] }),
    { ...tlpMarking('amber'), id: 'marking-definition--x', created: 5 },
    { type: 'location', spec_version: '2.1', id: `location--${UUID}`, created: T0, modified: T0, latitude: 1 },
  ];
  for (const p of bad.flatMap(validateStixObject)) assert.doesNotMatch(p.message, /\n/);
});

test('referencesOf: *_ref and *_refs at any depth, marking refs, extension-definition keys, each once', () => {
  const obj = attackPattern({
    created_by_ref: IDENTITY_ID,
    object_marking_refs: [TLP1_WHITE, TLP1_WHITE],
    granular_markings: [{ selectors: ['name'], marking_ref: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1' }],
    x_nested: { deep: [{ sample_refs: [`malware--${UUID}`, 7] }] },
    extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension' }, 'x-greyzone-ext': { a: 1 } },
  });
  assert.deepEqual(referencesOf(obj), [
    IDENTITY_ID,
    TLP1_WHITE,
    'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    `malware--${UUID}`,
    'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d',
  ]);
  assert.deepEqual(referencesOf(attackPattern()), []);
});

test("referencesOf skips observed-data's deprecated local objects dictionary", () => {
  const observed = { type: 'observed-data', objects: { '0': { type: 'file', parent_directory_ref: '1' } }, object_refs: [`file--${UUID}`] };
  assert.deepEqual(referencesOf(observed), [`file--${UUID}`]);
});

test('WELL_KNOWN_IDS: the four TLP 1.0 markings the schema fixes, and the TLP 2.0 extension creator', () => {
  const schema = readJson(`${STANDARDS_DIR}/stix2.1-json-schemas/common/marking-definition.json`) as { definitions: Record<string, { properties?: { id?: { enum: string[] } } }> };
  const tlp1 = Object.values(schema.definitions).flatMap((d) => d.properties?.id?.enum ?? []);
  assert.equal(tlp1.length, 4);
  assert.deepEqual([...WELL_KNOWN_IDS].sort(), [...tlp1, TLP2_EXTENSION_DEFINITION.created_by_ref].sort());
});

test('a bundle with references to TLP 1.0 markings needs no marking objects', () => {
  assert.deepEqual(checkBundle(bundle([attackPattern({ object_marking_refs: [TLP1_WHITE] })])), []);
});

test('a bundle of the TLP 2.0 markings and their extension-definition checks clean', () => {
  const levels = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
  const objects = [TLP2_EXTENSION_DEFINITION, ...levels.map(tlpMarking), attackPattern({ object_marking_refs: [tlpMarking('amber+strict').id] })];
  assert.deepEqual(checkBundle(bundle(objects)), []);
  assert.deepEqual(fields(checkBundle(bundle(objects.slice(1)))), levels.map(() => '/extensions/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d'));
});

test('a reference to an object missing from the bundle is reported where it stands', () => {
  const problems = checkBundle(bundle([attackPattern({ created_by_ref: IDENTITY_ID })]));
  assert.deepEqual(problems, [{ id: AP_ID, field: '/created_by_ref', message: `refers to ${IDENTITY_ID}, which is not in the bundle` }]);
  assert.deepEqual(checkBundle(bundle([identity(), attackPattern({ created_by_ref: IDENTITY_ID })])), []);
  const rel = { type: 'relationship', spec_version: '2.1', id: `relationship--${UUID}`, created: T0, modified: T0, relationship_type: 'uses', source_ref: IDENTITY_ID, target_ref: AP_ID };
  assert.deepEqual(fields(checkBundle(bundle([identity(), rel]))), ['/target_ref']);
});

test('two objects with one id and different content are reported; identical copies and versions are not', () => {
  const problems = checkBundle(bundle([attackPattern(), attackPattern({ name: 'Other' })]));
  assert.deepEqual(problems, [{ id: AP_ID, field: '/id', message: 'objects[1] has the id of objects[0] with different content' }]);
  assert.deepEqual(checkBundle(bundle([attackPattern(), attackPattern()])), []);
  assert.deepEqual(checkBundle(bundle([attackPattern(), attackPattern({ name: 'Renamed', modified: '2024-04-01T00:00:00.000Z' })])), []);
  const sco = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${UUID}`, value: '198.51.100.1' };
  assert.deepEqual(fields(checkBundle(bundle([sco, { ...sco, value: '198.51.100.2' }]))), ['/id']);
});

test('not a bundle: wrong shape, type, id or objects', () => {
  assert.deepEqual(checkBundle([attackPattern()]), [{ id: '', field: '', message: 'a bundle must be a JSON object' }]);
  assert.deepEqual(fields(checkBundle(attackPattern())), ['/type', '/id', '/objects']);
  assert.deepEqual(fields(checkBundle({ type: 'bundle', id: `bundle--${UUID}`, objects: {} })), ['/objects']);
  assert.deepEqual(fields(checkBundle({ type: 'bundle', id: `report--${UUID}`, objects: [attackPattern()] })), ['/id']);
  assert.deepEqual(fields(checkBundle({ type: 'bundle', id: 'bundle--6b948b5a-3c09-4e08-0f0b-0a2c0c4b6d3a', objects: [attackPattern()] })), ['/id']);
  assert.deepEqual(fields(checkBundle(bundle([]))), ['/objects']);
});

test('objects without a usable id are named by their index', () => {
  const problems = checkBundle(bundle([attackPattern(), 'text', without(attackPattern({ name: 'x' }), 'id')]));
  assert.deepEqual([...new Set(problems.map((p) => p.id))], ['objects[1]', 'objects[2]']);
  assert.ok(problems.some((p) => p.id === 'objects[2]' && p.field === '/id'));
});

test('marking-definitions that mark each other in a cycle are reported once', () => {
  const [a, b, c] = ['a', 'b', 'c'].map((x) => `marking-definition--${UUID.slice(0, -1)}${x}`);
  const problems = checkBundle(bundle([statement(a!, [b!]), statement(b!, [c!]), statement(c!, [a!])]));
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /^markings form a cycle: /);
  assert.deepEqual(checkBundle(bundle([statement(a!, [b!]), statement(b!, [c!]), statement(c!, [TLP1_WHITE])])), []);
});

test('spans the spec orders: a stop time after its start, a last sighting not before the first', () => {
  const rel = {
    type: 'relationship', spec_version: '2.1', id: 'relationship--6b2b4b0e-6a53-4c49-9b8e-2d3f1c0a9e11', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z',
    relationship_type: 'related-to', source_ref: 'identity--6b2b4b0e-6a53-4c49-9b8e-2d3f1c0a9e11', target_ref: 'identity--0c9e1f4a-8b7d-4e2a-9f3c-5d6e7f8a9b10',
  };
  assert.deepEqual(validateStixObject({ ...rel, start_time: '2021-01-01T00:00:00.000Z', stop_time: '2022-01-01T00:00:00.000Z' }), []);
  assert.deepEqual(validateStixObject({ ...rel, start_time: '2022-01-01T00:00:00.000Z', stop_time: '2021-01-01T00:00:00.000Z' }).map((p) => p.field), ['/stop_time']);
  assert.deepEqual(validateStixObject({ ...rel, start_time: '2022-01-01T00:00:00.000Z', stop_time: '2022-01-01T00:00:00.0000Z' }).map((p) => p.field), ['/stop_time'], 'the same instant is not later');
  const campaign = { type: 'campaign', spec_version: '2.1', id: 'campaign--6b2b4b0e-6a53-4c49-9b8e-2d3f1c0a9e11', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'A campaign' };
  assert.deepEqual(validateStixObject({ ...campaign, first_seen: '2021-01-01T00:00:00.000Z', last_seen: '2021-01-01T00:00:00.000Z' }), []);
  assert.deepEqual(validateStixObject({ ...campaign, first_seen: '2021-01-02T00:00:00.000Z', last_seen: '2021-01-01T00:00:00.000Z' }).map((p) => p.field), ['/last_seen']);
});
