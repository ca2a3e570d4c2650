/**
 * @module ingest/spans
 * What every extractor finds: a stretch of the document's text. Extractors work in UTF-16 offsets
 * (JavaScript's); extraction turns them into the code-point offsets that claims use at the end.
 */
import { segmentLines } from '../text/tokens.ts';

export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Keeps the longest of overlapping spans (leftmost on ties), in text order. */
export function longestFirst<T extends Span>(spans: T[]): T[] {
  const byStart = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  // Overlaps are local: settle each run of mutually reachable spans on its own.
  for (let i = 0; i < byStart.length; ) {
    let end = byStart[i]!.end;
    let j = i + 1;
    while (j < byStart.length && byStart[j]!.start < end) end = Math.max(end, byStart[j++]!.end);
    const cluster = byStart.slice(i, j).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: T[] = [];
    for (const s of cluster) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
    out.push(...kept.sort((a, b) => a.start - b.start));
    i = j;
  }
  return out;
}

const WORD = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** Whether text[start, end) stands as whole words (Han characters need no spaces around them). */
export function isWholeWord(text: string, start: number, end: number): boolean {
  const first = text[start] ?? '';
  const last = text[end - 1] ?? '';
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  const okBefore = HAN.test(first) || !WORD.test(before);
  const okAfter = HAN.test(last) || !WORD.test(after);
  return okBefore && okAfter;
}

/** Paragraphs (separated by blank lines) with their offsets. */
export function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const m of text.matchAll(re)) if (m[0].trim()) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });

/** A "sentence" ICU ends at an initial or a common abbreviation ("Matthew G.", "U.S.", "Mr.") goes on. */
const NOT_AN_END = /(?:\b[A-Z]|\b(?:U\.S|U\.K|Mr|Ms|Mrs|Dr|Jr|Sr|St|No|Gen|Lt|Col|Sgt|Prof|Rep|Sen|Gov|Inc|Corp|Co|Ltd|Dept|Nr|Abs|bzw|ca|vgl|z\.B))\.["”’]?\s*$/;

/** Sentences with their offsets (ICU's segmentation, mended at initials and abbreviations). */
export function sentencesOf(text: string): Span[] {
  const out: Span[] = [];
  for (const s of segmentLines(SEGMENTER, text)) {
    const prev = out.at(-1);
    if (prev && NOT_AN_END.test(prev.text) && !/\n\s*\n/.test(prev.text)) {
      prev.text += s.segment;
      prev.end = s.index + s.segment.length;
    } else out.push({ text: s.segment, start: s.index, end: s.index + s.segment.length });
  }
  return out;
}
