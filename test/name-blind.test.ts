/**
 * Name screening on the blind evaluation set (test/fixtures/name-blind): names as news, partner
 * lists, sanctions lists, court records and Chinese-language sources write them, labelled by their
 * writers and by a second independent reading. The test split is frozen (its SHA-256 is asserted)
 * and never tuned on; the floors are what the matcher reaches on it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { blindAtlasIndex, scoreNames, type NameCase } from './helpers/name-metrics.ts';

const TEST_SHA256 = '8e535cee11028196b9e7f21b1ec30ae4fe090642a52e1ab018e4f463265a0887';
const file = (split: string) => readFileSync(new URL(`fixtures/name-blind/${split}.csv`, import.meta.url));
const cases = (split: string) => parse(file(split), { columns: true }) as NameCase[];
const atlasIndex = blindAtlasIndex(loadAtlas(BUNDLED_ATLAS).atlas);

test('the frozen test split is the one recorded', () => {
  assert.equal(createHash('sha256').update(file('test')).digest('hex'), TEST_SHA256);
});

test('the set is as large and as varied as promised: 600+ queries, 200+ negatives', () => {
  const all = ['train', 'dev', 'test'].flatMap(cases);
  assert.ok(all.length >= 600, `${all.length} queries`);
  assert.ok(all.filter((c) => !c.expected).length >= 200);
  assert.ok(new Set(all.map((c) => c.category)).size >= 12);
});

test('frozen test split: recall and precision do not fall below what was measured, and no negative is matched', () => {
  const s = scoreNames(atlasIndex, cases('test'));
  console.log(`name-blind test: ${s.size} queries, recall ${(s.recall * 100).toFixed(1)}%, precision ${(s.precision * 100).toFixed(1)}%, false positives ${s.falsePositives}`);
  assert.ok(s.recall >= 0.78, `recall ${s.recall}`);
  assert.ok(s.precision >= 0.98, `precision ${s.precision}`);
  assert.equal(s.falsePositives, 0, s.misses.filter((m) => m.includes('expected nothing')).join('\n'));
});
