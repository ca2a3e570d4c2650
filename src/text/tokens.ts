/**
 * @module text/tokens
 * English text as sentences and words with their exact character offsets, and the comparison
 * keys of a word: its Porter stem after lemmatising it as a verb, a noun and an adjective, so
 * that "paid", "pays" and "paying" all meet the cue "pay".
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


/** Words recur; their keys are worked out once per written form (the cache is emptied when it grows large). */
const cache = new Map<string, string[]>();
const CACHE_LIMIT = 100_000;

export function wordKeys(word: string): string[] {
  let keys = cache.get(word);
  if (!keys) {
    const w = word.toLowerCase().replace(/['’]s$/, '');
    keys = [...new Set([w, stemmer(w), stemmer(lemmatizer.verb(w)), stemmer(lemmatizer.noun(w)), stemmer(lemmatizer.adjective(w))])];
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, keys);
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
      const cut = cutPoint(text.slice(at, at + MAX_PIECE));
      yield { start: at, end: at + cut };
      at += cut;
    }
    yield { start: at, end: lineEnd };
    at = lineEnd;
  }
}

/** Where to cut a window of MAX_PIECE characters: after its last sentence end in the second half, else its last space, else at the limit (never between a surrogate pair). */
function cutPoint(window: string): number {
  let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! ')) + 2;
  if (cut < MAX_PIECE / 2) cut = window.lastIndexOf(' ') + 1;
  if (cut < MAX_PIECE / 2) cut = MAX_PIECE - (/[\ud800-\udbff]/.test(window.at(-1)!) ? 1 : 0);
  return cut;
}

/** ICU's segments of a text, piece by piece (see {@link pieces}), with offsets into the whole text. */
export function* segmentLines(segmenter: Intl.Segmenter, text: string): Generator<{ segment: string; index: number }> {
  for (const { start, end } of pieces(text)) {
    for (const s of segmenter.segment(text.slice(start, end))) yield { segment: s.segment, index: start + s.index };
  }
}

/** A word as ICU's word segmenter takes it: letters and digits, joined by an apostrophe or a full stop between them, or a comma between digits ("didn't", "U.S", "3.5", "2,000"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’.]|,(?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Where a sentence may end: a run of full stops, question or exclamation marks and the quotes or
 * brackets that close them, before white space (with the spaces and one line break after it); or a
 * line break alone.
 */
const END = /([.!?…]+)["'’”»)\]]*(?=\s|$)[^\S\n]*(?:\r?\n)?|\n/g;

/** Anything but a letter or a terminator, then a lower-case letter. */
const GOES_ON = /[^\p{L}.!?…\n]*\p{Ll}/uy;

/** The end (exclusive) of the sentence that starts at `from`: after its terminator, or the text's end. */
function sentenceEnd(text: string, from: number): number {
  END.lastIndex = from;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    const end = m.index + m[0].length;
    // After a full stop a sentence goes on when its next letter is lower case ("e.g. the", "Dr. L. (electronics)"), as in ICU's rules.
    if (m[1] && !/[?!]/.test(m[1]) && !m[0].endsWith('\n')) {
      GOES_ON.lastIndex = end;
      if (GOES_ON.test(text)) continue;
    }
    if (end > from) return end;
  }
  return text.length;
}

/**
 * A text's sentences one by one, so a long text can be read a little at a time. Sentences end as
 * ICU's sentence rules end them in ordinary prose (a terminator before a capital or a line break);
 * words are ICU's word-like segments. Two regular expressions do it in one pass: ICU's segmenter,
 * used before, took as long as the whole screening besides.
 */
export function* sentencesIn(text: string): Generator<Sentence> {
  let start = 0;
  // Its own copy: the generator pauses between sentences, and another may run meanwhile.
  const word = new RegExp(WORD);
  let m = word.exec(text);
  while (start < text.length) {
    // A "sentence" longer than MAX_PIECE (a text without full stops) is read in pieces, so that a reader can pause between them.
    let end = sentenceEnd(text, start);
    if (end - start > MAX_PIECE) end = start + cutPoint(text.slice(start, start + MAX_PIECE));
    const ws: Word[] = [];
    while (m && m.index < end) {
      const w = m[0];
      ws.push({ text: w, lower: w.toLowerCase(), start: m.index, end: m.index + w.length, keys: wordKeys(w) });
      m = word.exec(text);
    }
    yield { start, end, words: ws };
    start = end;
  }
}

export function splitText(text: string): Sentence[] {
  return [...sentencesIn(text)];
}
