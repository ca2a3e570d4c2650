import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../atlas/load.ts';
import { DocumentFacts, spanFeatures, type ScoredSpan } from './entity-score.ts';
import { Extractor } from './extract.ts';

const atlas = loadAtlas(BUNDLED_ATLAS).atlas;

test('the entity model leaves out acronyms of a legal citation and keeps a body the document names again', () => {
  const text = 'Counsel appeared for the defendant. See R&R at 4 (ECF No. 12). The MSS recruited him, and the MSS paid him.';
  const candidates = (x: Extractor) => x.names(text).candidates.map((c) => c.text);
  assert.deepEqual(candidates(new Extractor(atlas, { entityModel: null })), ['R&R', 'ECF', 'MSS', 'MSS'], 'the rules alone take all four');
  assert.deepEqual(candidates(new Extractor(atlas)), ['MSS', 'MSS']);
});

test('a person’s features are the same whatever their name: only its shape and its surroundings count', () => {
  const features = (name: string) => {
    const text = `The court heard that ${name} had met the officer twice, and that ${name} said so.`;
    const start = text.indexOf(name);
    const span: ScoredSpan = { text: name, start, end: start + name.length, kind: 'person', why: 'capitalised words, not common ones', resembles: false };
    return spanFeatures(span, new DocumentFacts(text), 'en');
  };
  assert.deepEqual(features('Wang Lijun'), features('Jane Moore'));
  assert.deepEqual(features('Olena Kovalenko'), features('Ahmed Karimi'));
});
