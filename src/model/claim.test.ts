import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimEntrySchema } from './claim.ts';
import { partialDateSchema } from './common.ts';
import { likelihoodLevel } from './vocab.ts';

const entry = { source: 'src-doc', quote: 'words', start: 0, end: 5 };

test('a claim entry needs only its source and span', () => assert.ok(claimEntrySchema.safeParse(entry).success));
test('a claim entry rejects unknown fields', () => assert.equal(claimEntrySchema.safeParse({ ...entry, standng: 'alleged' }).success, false));
test('standing is a closed vocabulary', () => assert.equal(claimEntrySchema.safeParse({ ...entry, standing: 'guilty' }).success, false));
test('Admiralty reliability is A–F', () => assert.equal(claimEntrySchema.safeParse({ ...entry, reliability: 'G' }).success, false));
test('Admiralty credibility is 1–6', () => assert.equal(claimEntrySchema.safeParse({ ...entry, credibility: 7 }).success, false));
test('a partial date may be a year, a month or a day', () => {
  for (const d of ['2021', '2021-05', '2021-05-14']) assert.equal(partialDateSchema.parse(d), d);
});
test('an unquoted YAML year is read as the year', () => assert.equal(partialDateSchema.parse(2021), '2021'));
test('an impossible month is refused', () => assert.equal(partialDateSchema.safeParse('2021-13').success, false));
test('ICD 203: "highly likely" is very likely', () => assert.equal(likelihoodLevel('Highly likely'), 'very-likely'));
test('"it is assessed" is not a likelihood', () => assert.equal(likelihoodLevel('it is assessed'), undefined));
