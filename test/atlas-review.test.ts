/**
 * The readings the atlas's cases and institutions were entered from (docs/atlas-review/) stay
 * checkable: each parses, every quote stands in its document, every reference is known.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { checkReading, definedBy, loggedIds } from '../scripts/review-session/check.ts';
import { READINGS, readReading, type Reading } from '../scripts/review-session/reading.ts';

test('every reading checks: its quotes are in its document and its references are known', () => {
  const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
  const ids = loggedIds(atlas);
  const earlier: Reading[] = [];
  const problems: string[] = [];
  for (const f of readdirSync(READINGS).filter((x) => x.endsWith('.yaml')).sort()) {
    const r = readReading(join(READINGS, f));
    problems.push(...checkReading(r, atlas, definedBy(earlier), ids));
    earlier.push(r);
  }
  assert.ok(earlier.length >= 100, `${earlier.length} readings`);
  assert.deepEqual(problems, []);
});

test('a relation whose end is of a kind its type does not take is named before the session', () => {
  const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
  const r = readReading(join(READINGS, 'd3-09-us-usao-dnm-turab-lookman-pleads-guilty-2020.yaml'));
  const quote = r.relations[0]!.claims;
  const wrong: Reading = { ...r, relations: [{ subject: 'prog-thousand-talents', type: 'recruits', object: 'person-turab-lookman', claims: quote }] };
  assert.deepEqual(checkReading(wrong, atlas, definedBy([])).filter((p) => p.includes('relation')), [
    "d3-09-us-usao-dnm-turab-lookman-pleads-guilty-2020.yaml: relation prog-thousand-talents recruits person-turab-lookman: its subject is a programme; 'recruits' takes organisation or person",
  ]);
  assert.deepEqual(checkReading(r, atlas, definedBy([])).filter((p) => p.includes('relation')), []);
});
