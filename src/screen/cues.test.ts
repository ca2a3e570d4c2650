import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Technique } from '../model/technique.ts';
import { DEFAULT_CUE_OPTIONS, compileIndicators, findIndicators, type CueOptions } from './cues.ts';

/** Two small techniques, one of pressure (its cues can make a conditional sentence a threat). */
const techniques = [
  { id: 'T1', tactics: ['GZTA07'], indicators: [{ text: 'paid for notes', cues: [['pay', 'fee'], ['note', 'report']] }] },
  { id: 'T2', tactics: ['GZTA08'], indicators: [{ text: 'relatives made to suffer', cues: [['sister', 'parent', 'family'], ['lose', 'happen', 'harm']] }] },
  { id: 'T3', tactics: ['GZTA09'], indicators: [{ text: 'documents asked for', cues: [['ask', 'request'], ['document']] }] },
  { id: 'T4', tactics: ['GZTA02'], indicators: [{ text: 'kept from the employer', cues: [['not disclose', 'without telling'], ['employer']] }] },
  { id: 'T5', tactics: ['GZTA07'], indicators: [{ text: 'events in China', cues: [['china'], ['conference']] }] },
] as unknown as Technique[];

const found = (text: string, options: Partial<CueOptions> = {}) => findIndicators(text, compileIndicators(techniques, { ...DEFAULT_CUE_OPTIONS, lexicon: 'off', ...options })).map((h) => h.technique);

test('an indicator is met across neighbouring sentences, and its passage spans them', () => {
  const text = 'A man introduced himself as a consultant. A week later he proposed paying her for briefing notes.';
  assert.deepEqual(found('He proposed paying her. Then we had lunch. She wrote the notes.'), ['T1']);
  const [hit] = findIndicators(text, compileIndicators(techniques, { ...DEFAULT_CUE_OPTIONS, lexicon: 'off' }));
  assert.equal(hit!.sentences, 1);
  const across = findIndicators('He proposed paying her. She wrote the notes.', compileIndicators(techniques, { ...DEFAULT_CUE_OPTIONS, lexicon: 'off' }))[0]!;
  assert.equal(across.sentences, 2);
  assert.deepEqual(across.passage, { start: 0, end: 44 });
  assert.deepEqual(across.evidence.map((w) => w.text), ['paying', 'notes']);
});

test('the window ends at a paragraph break and at its width', () => {
  assert.deepEqual(found('He proposed paying her.\n\nShe wrote the notes.'), []);
  assert.deepEqual(found('He proposed paying her. One. Two. Three. She wrote the notes.'), []);
  assert.deepEqual(found('He proposed paying her. She wrote the notes.', { window: 1 }), []);
});

test('a denial and a supposition hide what they govern', () => {
  assert.deepEqual(found('He did not offer to pay for the notes.'), []);
  assert.deepEqual(found('If anyone ever asks me for documents I will report it.'), []);
  assert.deepEqual(found('If they threaten my family with harm, I will go to the police.'), []);
});

test('a conditional threat is read whole: said by another, or about someone else', () => {
  assert.deepEqual(found('They said his sister would lose her job unless he came home.'), ['T2']);
  assert.deepEqual(found('If she stopped going to the demonstrations, nothing would happen to her parents.'), ['T2']);
  assert.deepEqual(found('He did not threaten her family.'), []);
});

test('"whether" asks a question: the request is real', () => {
  assert.deepEqual(found('He asked whether I could bring the documents.'), ['T3']);
});

test('a cue that says "not" itself is met by the denial it names, with filler words between', () => {
  assert.deepEqual(found('She did not disclose the post to her employer.'), ['T4']);
  assert.deepEqual(found('He took the post without telling his employer.'), ['T4']);
  assert.deepEqual(found("He didn't disclose it to his employer."), ['T4']);
});

test('a city stands for its country where a cue names the country; a nationality does not', () => {
  assert.deepEqual(found('She was invited to a conference at a university in Nanjing.'), ['T5']);
  assert.deepEqual(found('She was invited to a conference at a university in China.'), ['T5']);
  assert.deepEqual(found('She was invited to a conference by a Chinese university in Oslo.'), []);
});

test('WordNet widens a cue to its synonyms, and says which word it read', () => {
  const cues = compileIndicators(techniques, { ...DEFAULT_CUE_OPTIONS, lexicon: 'synonyms' });
  const [hit] = findIndicators('They offered remuneration for the report.', cues);
  assert.equal(hit?.technique, 'T1');
  assert.deepEqual(hit!.evidence.map((w) => [w.text, w.cue, w.via]), [['remuneration', 'pay', 'remuneration'], ['report', 'report', undefined]]);
  assert.deepEqual(found('They offered remuneration for the report.'), []);
});

test('every span is the text it points at', () => {
  const text = 'Über Nacht — he proposed paying her.  She wrote the notes. 你好';
  for (const h of findIndicators(text, compileIndicators(techniques))) {
    for (const w of h.evidence) assert.equal(text.slice(w.start, w.end), w.text);
  }
});
