/**
 * @module text/tokens
 * English text as sentences and words with their exact character offsets, and the comparison
 * keys of a word: its Porter stem after lemmatising it as a verb, a noun and an adjective, so
 * that "paid", "pays" and "paying" all meet the cue "pay". Segmentation is ICU's (Intl.Segmenter).
 */
import { stemmer } from 'stemmer';
import lemmatizer from 'wink-lemmatizer';

export interface Word {
  text: string;
  lower: string;
  /** UTF-16 offsets into the input, end exclusive. */
  start: number;
  end: number;
  keys: string[];
}

export interface Sentence {
  start: number;
  end: number;
  words: Word[];
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const words = new Intl.Segmenter('en', { granularity: 'word' });

/** Words recur; their keys are worked out once (the cache is emptied when it grows large). */
const cache = new Map<string, string[]>();
const CACHE_LIMIT = 100_000;

export function wordKeys(word: string): string[] {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  let keys = cache.get(w);
  if (!keys) {
    keys = [...new Set([w, stemmer(w), stemmer(lemmatizer.verb(w)), stemmer(lemmatizer.noun(w)), stemmer(lemmatizer.adjective(w))])];
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(w, keys);
  }
  return keys;
}

/** The canonical key of a cue word: what every form of the word reduces to. */
export function cueKey(word: string): string {
  const w = word.toLowerCase();
  return stemmer(lemmatizer.verb(lemmatizer.noun(w)));
}

/** The longest piece of text handed to ICU at once; see {@link pieces}. */
export const MAX_PIECE = 4000;

/**
 * The text in pieces ICU segments quickly: its lines, and a line longer than {@link MAX_PIECE} cut
 * after its last sentence end within the limit (else its last space, else at the limit). V8's
 * segmenter slows down sharply on long strings — 0.1 MB/s on a 300 kB line, minutes on a
 * megabyte without a break — so no piece is ever long; a line break ends a sentence anyway.
 */
export function* pieces(text: string): Generator<{ start: number; end: number }> {
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    while (lineEnd - at > MAX_PIECE) {
      const window = text.slice(at, at + MAX_PIECE);
      let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! ')) + 2;
      if (cut < MAX_PIECE / 2) cut = window.lastIndexOf(' ') + 1;
      if (cut < MAX_PIECE / 2) cut = MAX_PIECE - (/[\ud800-\udbff]/.test(window.at(-1)!) ? 1 : 0); // never between a surrogate pair
      yield { start: at, end: at + cut };
      at += cut;
    }
    yield { start: at, end: lineEnd };
    at = lineEnd;
  }
}

/** ICU's segments of a text, piece by piece (see {@link pieces}), with offsets into the whole text. */
export function* segmentLines(segmenter: Intl.Segmenter, text: string): Generator<{ segment: string; index: number }> {
  for (const { start, end } of pieces(text)) {
    for (const s of segmenter.segment(text.slice(start, end))) yield { segment: s.segment, index: start + s.index };
  }
}

/** A text's sentences one by one, so a long text can be read a little at a time. */
export function* sentencesIn(text: string): Generator<Sentence> {
  for (const s of segmentLines(sentences, text)) {
    const ws: Word[] = [];
    for (const w of words.segment(s.segment)) {
      if (!w.isWordLike) continue;
      const start = s.index + w.index;
      ws.push({ text: w.segment, lower: w.segment.toLowerCase(), start, end: start + w.segment.length, keys: wordKeys(w.segment) });
    }
    yield { start: s.index, end: s.index + s.segment.length, words: ws };
  }
}

export function splitText(text: string): Sentence[] {
  return [...sentencesIn(text)];
}
