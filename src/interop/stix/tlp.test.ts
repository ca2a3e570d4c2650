import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { STANDARDS_DIR } from '../../util/standards.ts';
import { TLP_LEVELS } from '../../model/vocab.ts';
import { TLP1_MARKING_IDS, TLP2_EXTENSION_DEFINITION, TLP2_EXTENSION_ID, tlpMarking, tlpOfMarking } from './tlp.ts';
import { validateStixObject } from './validate.ts';

const published = JSON.parse(readFileSync(`${STANDARDS_DIR}/stix2.1-tlp2/tlp2-marking-definitions.json`, 'utf8')) as Record<string, unknown>[];

test('the five TLP 2.0 markings are exactly as published and each validates', () => {
  for (const level of TLP_LEVELS) {
    const marking = tlpMarking(level);
    assert.deepEqual(marking, published.find((m) => m.id === marking.id), level);
    assert.equal(marking.name, `TLP:${level.toUpperCase()}`);
    assert.deepEqual(validateStixObject(marking), [], level);
  }
});

test('TLP:AMBER+STRICT has the id OASIS fixed', () => {
  assert.equal(tlpMarking('amber+strict').id, 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003');
});

test('tlpOfMarking round-trips every TLP 2.0 level', () => {
  for (const level of TLP_LEVELS) assert.equal(tlpOfMarking(tlpMarking(level).id as string), level);
});

test('tlpOfMarking reads the four TLP 1.0 markings, WHITE as CLEAR', () => {
  assert.equal(tlpOfMarking('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'), 'clear');
  assert.equal(tlpOfMarking('marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'), 'green');
  assert.equal(tlpOfMarking('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82'), 'amber');
  assert.equal(tlpOfMarking('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'), 'red');
  assert.equal(tlpOfMarking('marking-definition--00000000-0000-4000-8000-000000000000'), undefined);
  assert.equal(tlpOfMarking(TLP2_EXTENSION_ID), undefined);
});

test('the TLP 1.0 ids are the ones common/marking-definition.json fixes', () => {
  const schema = JSON.parse(readFileSync(`${STANDARDS_DIR}/stix2.1-json-schemas/common/marking-definition.json`, 'utf8')) as {
    definitions: Record<string, { properties?: { id?: { enum: string[] }; definition?: { properties: { tlp: { enum: string[] } } } } }>;
  };
  const fromSchema = Object.values(schema.definitions).flatMap((d) => (d.properties?.id ? [[d.properties.id.enum[0]!, d.properties.definition!.properties.tlp.enum[0]!]] : []));
  assert.deepEqual(
    Object.entries(TLP1_MARKING_IDS).sort(),
    fromSchema.map(([id, tlp]) => [id, tlp === 'white' ? 'clear' : tlp]).sort(),
  );
});

test('every marking carries the TLP 2.0 extension, and its definition validates', () => {
  for (const level of TLP_LEVELS) {
    assert.deepEqual((tlpMarking(level).extensions as Record<string, unknown>)[TLP2_EXTENSION_ID], { extension_type: 'property-extension', tlp_2_0: level });
  }
  assert.equal(TLP2_EXTENSION_DEFINITION.id, TLP2_EXTENSION_ID);
  assert.equal(TLP2_EXTENSION_DEFINITION.name, 'TLP 2.0');
  assert.deepEqual(validateStixObject(TLP2_EXTENSION_DEFINITION), []);
});

test("a caller's edit cannot change what others get", () => {
  const mine = tlpMarking('red');
  mine.name = 'TLP:PINK';
  assert.equal(tlpMarking('red').name, 'TLP:RED');
  assert.ok(Object.isFrozen(TLP2_EXTENSION_DEFINITION));
  assert.throws(() => {
    (TLP2_EXTENSION_DEFINITION.extension_types as string[]).push('new-sdo');
  }, TypeError);
});
