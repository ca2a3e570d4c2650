import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportCues } from './report-cues.ts';

const found = (text: string) => [...new ReportCues().find(text)].map((h) => h.technique);

test('a cue written with a possessive ("china s narrativ") meets the word as written, with either apostrophe', () => {
  assert.deepEqual(found('He founded a group to covertly advance the PRC’s agenda in Boston.'), ['GZT0020']);
  assert.deepEqual(found("He founded a group to covertly advance the PRC's agenda in Boston."), ['GZT0020']);
  assert.deepEqual(found('He founded a group to advance local charities in Boston.'), []);
});

test('German verbs split around their object ("spähte … aus") are read as the whole verb', () => {
  assert.deepEqual(found('In den Jahren 2023 und 2024 spähte er zudem chinesische Oppositionelle und Dissidenten in Deutschland aus.'), ['GZT0009']);
  assert.deepEqual(found('Er spähte aus dem Fenster auf die Straße.'), []);
});

test('a threat to a target and their family is read in a parliamentary record’s words', () => {
  assert.deepEqual(found('A diplomat of the People’s Republic of China sought to target me and my family.'), ['GZT0011']);
});
