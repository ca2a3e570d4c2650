/**
 * DESIGN principle 2 in the data: what approach screening will match is behaviour and
 * circumstance, never who a person is. No indicator cue names an ethnicity, a nationality or
 * descent; no person record carries such a field.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../src/atlas/load.ts';
import { personSchema } from '../src/model/entity.ts';

const { atlas } = loadAtlas(BUNDLED_ATLAS);

const IDENTITY_WORDS =
  /\b(chinese|han|uyghur|uighur|tibetan|taiwanese|hongkonger|mongolian|asian|ethnic\w*|descent|race|racial|nationality|heritage|ancestry|born in|of \w+ origin)\b/i;

test('no indicator cue names an ethnicity, a nationality or descent', () => {
  const offending = recordsOf(atlas, 'technique').flatMap((t) =>
    t.data.indicators.flatMap((i) => i.cues.flat().filter((cue) => IDENTITY_WORDS.test(cue)).map((cue) => `${t.id}: "${cue}"`)),
  );
  assert.deepEqual(offending, []);
});

test('a person record has no field for ethnicity, nationality or origin', () => {
  const fields = Object.keys(personSchema.shape);
  assert.deepEqual(fields.filter((f) => /ethnic|national|origin|citizen|descent|race/i.test(f)), []);
});

test('the identity-word check would catch such a cue', () => {
  for (const cue of ['Chinese', 'ethnic Chinese', 'of Chinese origin', 'Chinese descent']) assert.ok(IDENTITY_WORDS.test(cue), cue);
  for (const cue of ['travel to china', 'payment', 'origin of the money']) assert.ok(!IDENTITY_WORDS.test(cue), cue);
});
