/**
 * @module atlas/anchor
 * Fills in the offsets of claims from their quotes, so an analyst writes the words and the tool
 * finds where they stand. A quote that differs from the source only in white space is replaced by
 * the source's exact words; a quote found twice is anchored at the first, or nearest a given `start`.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, parseDocument, visit, LineCounter, type YAMLMap } from 'yaml';
import type { AtlasIssue } from './issue.ts';
import { codePointLength, sliceCodePoints, writeFileAtomic } from './text.ts';

export interface AnchorResult {
  changed: number;
  issues: AtlasIssue[];
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) found.push(i);
  return found;
}

/** Occurrences of `quote` with any run of white space standing for any other; returns [index, exact text]. */
function looseOccurrences(text: string, quote: string): [number, string][] {
  const words = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(words.join('\\s+'), 'g');
  return [...text.matchAll(re)].map((m) => [m.index, m[0]]);
}

const toCodePoints = (text: string, utf16: number) => codePointLength(text.slice(0, utf16));

/** Where a quote stands in a text: its code-point offsets and the text's exact words; the first hit, or the one nearest `near`. */
export function findQuote(text: string, quote: string, near?: number): { start: number; end: number; quote: string } | undefined {
  let hits: [number, string][] = occurrences(text, quote).map((i) => [i, quote]);
  if (hits.length === 0) hits = looseOccurrences(text, quote);
  if (hits.length === 0) return undefined;
  let hit = hits[0]!;
  // The same words anywhere in the source are the same evidence; a given start picks the nearest.
  if (hits.length > 1 && near !== undefined) {
    hit = hits.reduce((best, h) => (Math.abs(toCodePoints(text, h[0]) - near) < Math.abs(toCodePoints(text, best[0]) - near) ? h : best));
  }
  const [at, exact] = hit;
  const start = toCodePoints(text, at);
  return { start, end: start + codePointLength(exact), quote: exact };
}

/**
 * A record with the offsets of its claims filled in from their quotes wherever they are missing
 * (an analyst writes the words, not the offsets); a quote not found is left for the checks to name.
 */
export function anchorClaims<T>(data: T, texts: ReadonlyMap<string, string>, notFound?: (source: string, quote: string) => void): T {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (!v || typeof v !== 'object') return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)])) as Record<string, unknown>;
    if (typeof o.source === 'string' && typeof o.quote === 'string' && (typeof o.start !== 'number' || typeof o.end !== 'number')) {
      const text = texts.get(o.source);
      const hit = text === undefined ? undefined : findQuote(text, o.quote);
      if (hit) return { ...o, quote: hit.quote, start: hit.start, end: hit.end };
      if (text !== undefined) notFound?.(o.source, o.quote);
    }
    return o;
  };
  return visit(data) as T;
}

export function anchorFile(file: string, texts: Map<string, string>): AnchorResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter });
  const issues: AtlasIssue[] = [];
  let changed = 0;
  visit(doc, {
    Map(_, node: YAMLMap) {
      if (!isMap(node)) return;
      const source = node.get('source');
      const quote = node.get('quote');
      if (typeof source !== 'string' || typeof quote !== 'string') return;
      const text = texts.get(source);
      if (text === undefined) return;
      const start = node.get('start');
      const end = node.get('end');
      if (typeof start === 'number' && typeof end === 'number' && sliceCodePoints(text, start, end) === quote) return;
      const line = lineCounter.linePos(node.range?.[0] ?? 0).line || 1;
      const hit = findQuote(text, quote, typeof start === 'number' ? start : undefined);
      if (!hit) {
        issues.push({ file, line, message: `quote not found in ${source}: "${quote.slice(0, 60)}"` });
        return;
      }
      if (hit.quote !== quote) {
        const q = node.get('quote', true);
        if (isScalar(q)) q.value = hit.quote;
      }
      node.set('start', hit.start);
      node.set('end', hit.end);
      changed++;
    },
  });
  if (changed > 0) {
    writeFileAtomic(file, doc.toString({ lineWidth: 0 }));
  }
  return { changed, issues };
}
