/**
 * Extraction against gold annotations of the public documents in ../shared/corpus
 * (test/fixtures/extract-gold, written by hand): precision and recall per field, over all
 * documents, each at least the figure it reaches today. A person's origin is never reported as a
 * country.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { Extractor } from '../src/ingest/extract.ts';
import { corpusDocument } from './helpers/corpus-document.ts';
import { countriesInExcludedPhrases, readGold, scoreExtraction, type Field } from './helpers/extract-metrics.ts';

const GOLD = new URL('fixtures/extract-gold/', import.meta.url);

/** The floors: what extraction reaches on this corpus today, rounded down. A change that lowers one fails. */
const FLOORS: Partial<Record<Field, { precision: number; recall: number }>> = {
  organisations: { precision: 0.9, recall: 0.78 },
  people: { precision: 0.95, recall: 0.95 },
  dates: { precision: 0.95, recall: 0.9 },
  money: { precision: 0.95, recall: 0.95 },
  countries: { precision: 0.95, recall: 0.95 },
  techniques: { precision: 0.75, recall: 0.7 },
};

const golds = readGold(GOLD);
const extractor = new Extractor(loadAtlas(BUNDLED_ATLAS).atlas);
const results = golds.map((g) => {
  const doc = corpusDocument(g.document);
  return { gold: g, doc, x: extractor.extract(doc.text, g.date) };
});

test('the gold annotations cover every corpus document', () => {
  assert.equal(golds.length, 11);
});

test('per field, precision and recall over the corpus are at least their floors', (t) => {
  const fields = Object.keys(FLOORS) as Field[];
  const scores = scoreExtraction(results, fields);
  for (const field of fields) {
    const s = scores[field];
    t.diagnostic(`${field.padEnd(14)} precision ${s.precision.toFixed(3)} (${s.tp}/${s.found})  recall ${s.recall.toFixed(3)} (${s.tp}/${s.gold})`);
    if (process.env.GREYZONE_EXTRACT_DEBUG) t.diagnostic(`   missed: ${s.misses.join(', ')}\n   extra: ${s.extras.join(', ')}`);
    assert.ok(s.precision >= FLOORS[field]!.precision, `${field} precision ${s.precision.toFixed(3)} < ${FLOORS[field]!.precision}`);
    assert.ok(s.recall >= FLOORS[field]!.recall, `${field} recall ${s.recall.toFixed(3)} < ${FLOORS[field]!.recall}`);
  }
});

test('a phrase that describes a person’s origin is never reported as a country', () => {
  const phrases = countriesInExcludedPhrases(results);
  for (const p of phrases) assert.deepEqual(p.countries, [], p.where);
  assert.ok(phrases.length > 0, 'the corpus has such phrases, so this test can fail');
});
