/**
 * The readings the atlas's cases and institutions were entered from (docs/atlas-review/) stay
 * checkable: each parses, every quote stands in its document, every reference is known.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { checkReading, definedBy } from '../scripts/review-session/check.ts';
import { READINGS, readReading, type Reading } from '../scripts/review-session/reading.ts';

test('every reading checks: its quotes are in its document and its references are known', () => {
  const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
  const earlier: Reading[] = [];
  const problems: string[] = [];
  for (const f of readdirSync(READINGS).filter((x) => x.endsWith('.yaml')).sort()) {
    const r = readReading(join(READINGS, f));
    problems.push(...checkReading(r, atlas, definedBy(earlier)));
    earlier.push(r);
  }
  assert.ok(earlier.length >= 100, `${earlier.length} readings`);
  assert.deepEqual(problems, []);
});
