import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PIECE, pieces, splitText } from './tokens.ts';

const icuSentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const icuWords = new Intl.Segmenter('en', { granularity: 'word' });

const cover = (text: string) => [...pieces(text)];

test('pieces cover the text exactly, none longer than the limit', () => {
  for (const text of ['', 'one line', 'a\nb\n\nc', '. '.repeat(100_000), 'x'.repeat(3 * MAX_PIECE + 7), 'word '.repeat(5000), '😀'.repeat(MAX_PIECE)]) {
    const ps = cover(text);
    let at = 0;
    for (const p of ps) {
      assert.equal(p.start, at);
      assert.ok(p.end > p.start && p.end - p.start <= MAX_PIECE, `${p.start}–${p.end}`);
      at = p.end;
    }
    assert.equal(at, text.length);
  }
});

test('a long line is cut after a sentence end, else after a space, never inside a surrogate pair', () => {
  const sentence = 'A man wrote to me on LinkedIn. ';
  const first = cover(sentence.repeat(500))[0]!;
  assert.ok(sentence.repeat(500).slice(0, first.end).endsWith('LinkedIn. '));
  const words = 'abcdefg '.repeat(1000);
  assert.ok(words.slice(0, cover(words)[0]!.end).endsWith(' '));
  const emoji = 'a' + '😀'.repeat(MAX_PIECE);
  for (const p of cover(emoji)) assert.doesNotMatch(emoji.slice(p.start, p.end), /^[\udc00-\udfff]|[\ud800-\udbff]$/);
});

test('words keep their offsets into the whole text across pieces', () => {
  const text = 'pay '.repeat(3000);
  for (const s of splitText(text)) for (const w of s.words) assert.equal(text.slice(w.start, w.end), w.text);
});

test('sentences and words are cut where ICU cuts ordinary prose', () => {
  const texts = [
    'He paid $2,000 for the notes. She didn’t ask why; the U.S. office did.',
    'Is it true? Yes! It was, e.g. the second time.',
    'Visiting scholar Dr. L. (electronics) asked for the files. Nobody knew him.',
    '“Send it tonight.” Then he left.\nA new line starts here.\n\nAnd a new paragraph.',
    'The 3.5 million euros… were paid. O’Brien’s firm took first-class travel.',
  ];
  for (const text of texts) {
    const mine = splitText(text);
    assert.deepEqual(mine.map((s) => s.start), [...icuSentences.segment(text)].map((s) => s.index), text);
    assert.deepEqual(
      mine.flatMap((s) => s.words.map((w) => [w.start, w.text])),
      [...icuWords.segment(text)].filter((w) => w.isWordLike).map((w) => [w.index, w.segment]),
      text,
    );
  }
});

test('a text without sentence ends is read in bounded pieces, words whole and exact', () => {
  const text = 'a recruiter contacted me on LinkedIn and offered money for reports '.repeat(500);
  const sentences = splitText(text);
  assert.ok(sentences.length > 1);
  for (const s of sentences) assert.ok(s.end - s.start <= MAX_PIECE);
  for (const w of sentences.flatMap((s) => s.words)) assert.equal(text.slice(w.start, w.end), w.text);
  assert.equal(sentences.flatMap((s) => s.words).length, text.trim().split(' ').length);
});
