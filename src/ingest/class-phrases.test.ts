import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findClassPhrases } from './class-phrases.ts';

const ATLAS: Record<string, string> = { 'chinese intelligence services': 'org-cn-intelligence-services', 'chinese government': 'org-cn-government', 'chinese government entities': 'org-cn-government-entities' };
const named = (name: string) => ATLAS[name.toLowerCase()];
const found = (text: string) => findClassPhrases(text, named).map((m) => [m.text, m.entity_id]);

test('German phrases for a collective body are read as the atlas’s English name', () => {
  assert.deepEqual(found('Die chinesischen Nachrichtendienste versuchen, Oppositionelle auszuforschen.'), [['chinesischen Nachrichtendienste', 'org-cn-intelligence-services']]);
  assert.deepEqual(found('Die Regierung der Volksrepublik China und staatliche chinesische Stellen'), [
    ['staatliche chinesische Stellen', 'org-cn-government-entities'],
    ['Regierung der Volksrepublik China', 'org-cn-government'],
  ]);
});

test('a phrase the atlas has no body for, or about another state, is left alone', () => {
  assert.deepEqual(found('Die russischen Nachrichtendienste und die deutsche Regierung'), []);
  assert.deepEqual(found('Die chinesischen Universitäten'), []);
});
