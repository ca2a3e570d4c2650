/**
 * The bundled atlas, checked without the validator's code: every quote is read back from the
 * carried document at its offsets, and every cited document is carried with its provenance.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../src/atlas/load.ts';

const { atlas } = loadAtlas(BUNDLED_ATLAS);
const sources = recordsOf(atlas, 'source');

test('every claim quotes its carried document exactly at its offsets', () => {
  const texts = new Map(sources.map((s) => [s.id, Array.from(readFileSync(join(BUNDLED_ATLAS, 'sources', s.data.text), 'utf8'))]));
  assert.ok(atlas.claims.length > 0);
  const wrong = atlas.claims
    .filter(({ claim }) => texts.get(claim.source)?.slice(claim.start, claim.end).join('') !== claim.quote)
    .map(({ claim, file, line }) => `${file}:${line} ${claim.id}`);
  assert.deepEqual(wrong, []);
});

test('every carried document has its address, date, licence and pinned hash', () => {
  for (const s of sources) {
    const bytes = readFileSync(join(BUNDLED_ATLAS, 'sources', s.data.text));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), s.data.sha256, s.id);
    assert.match(s.data.url, /^https?:\/\//, s.id);
    assert.ok(s.data.licence.length > 10, `${s.id} states its licence`);
    // A date as precise as the document gives it: a fragment may show only the year or the month.
    assert.match(s.data.published, /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, `${s.id} has a publication date`);
  }
});

test('every document the atlas carries is cited by at least one claim', () => {
  const cited = new Set(atlas.claims.map((c) => c.claim.source));
  assert.deepEqual(sources.map((s) => s.id).filter((id) => !cited.has(id)), []);
});

test('hedged claims keep the source’s likelihood words inside their quote', () => {
  const hedged = atlas.claims.filter((c) => c.claim.likelihood !== null);
  assert.ok(hedged.length > 0, 'the NTA hedges ("highly likely"); the atlas must keep that');
  for (const { claim } of hedged) assert.ok(claim.quote.toLowerCase().includes(claim.likelihood!.toLowerCase()), claim.id);
});

test('claim ids are unique: one assertion from one span is one claim', () => {
  const ids = atlas.claims.map((c) => c.claim.id);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dupes, []);
});
