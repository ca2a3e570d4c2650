/**
 * @module ingest/entity-score
 * The scored decision over the entity finder's spans: the rules in ingest/entities say why a span
 * may be a name ("acronym", "title: judge", "head: office"); a logistic regression over that reason
 * and what surrounds the span (how often the document repeats it, whether it is defined in
 * brackets, sits in a citation or a caption, is made of common words) says how likely an analyst
 * is to agree. Trained by scripts/train-extract.ts on the annotated training documents
 * (entity-model.json); the threshold is chosen by cross-validation over those documents.
 *
 * No feature looks at what a name's origin might be: only at its shape, its place in the text and
 * the words around it.
 */
import { readFileSync } from 'node:fs';
import { sigmoid } from '../util/logistic.ts';
import { isCommonWord, type EntityKind } from './entities.ts';
import type { Span } from './spans.ts';

export interface EntityModel {
  /** What it was trained on, for the record. */
  trained_on: string;
  threshold: number;
  bias: number;
  weights: Record<string, number>;
}

export interface ScoredSpan extends Span {
  kind: EntityKind;
  why: string;
  /** Whether the name screener found an atlas name like it. */
  resembles: boolean;
}

/** A legal citation nearby: "F.3d", "U.S.C.", "§ 1832", "No. 19-", "ECF", "at 12". */
const CITATION = /\b(?:F\.\s?(?:\dd|Supp)|U\.\s?S\.\s?C|Cir\.|ECF|Dkt|Doc\.|No\.\s?\d|at \d|Az\.)|§/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** What the document says about each span's text, gathered once per document. */
export class DocumentFacts {
  private readonly counts = new Map<string, number>();
  private readonly lineCaps = new Map<number, boolean>();

  constructor(readonly text: string) {}

  /** How many times the text holds these exact characters. */
  count(s: string): number {
    let n = this.counts.get(s);
    if (n === undefined) {
      n = 0;
      for (let at = this.text.indexOf(s); at >= 0 && n < 5; at = this.text.indexOf(s, at + s.length)) n++;
      this.counts.set(s, n);
    }
    return n;
  }

  /** Whether the line at an offset is mostly capitalised words: a caption, a heading, a list of counsel. */
  capsLine(at: number): boolean {
    const start = this.text.lastIndexOf('\n', at) + 1;
    let caps = this.lineCaps.get(start);
    if (caps === undefined) {
      const end = this.text.indexOf('\n', at);
      const words = this.text.slice(start, end < 0 ? this.text.length : end).match(/\p{L}{3,}/gu) ?? [];
      caps = words.length >= 2 && words.filter((w) => /^\p{Lu}/u.test(w)).length >= words.length * 0.7;
      this.lineCaps.set(start, caps);
    }
    return caps;
  }
}

const bucket = (n: number, top: number) => String(Math.min(n, top));

/** The features of one span: the rule's reason, the span's shape, and its surroundings. */
export function spanFeatures(span: ScoredSpan, facts: DocumentFacts, language: string): [string, number][] {
  const { text } = facts;
  const words = span.text.match(WORD) ?? [];
  const letters = span.text.replace(/[^\p{L}]/gu, '');
  const why = span.why.replace(/:.*$/u, '');
  const before = text.slice(Math.max(0, span.start - 40), span.start);
  const after = text.slice(span.end, span.end + 40);
  const common = words.filter((w) => isCommonWord(w.toLowerCase())).length;
  const f: string[] = [
    `why:${why}`,
    `kind:${span.kind}`,
    `lang:${language}`,
    `words:${bucket(words.length, 5)}`,
    `${span.kind}:words:${bucket(words.length, 4)}`,
    `repeats:${bucket(facts.count(span.text), 3)}`,
    `common:${common === 0 ? 'none' : common === words.length ? 'all' : 'some'}`,
  ];
  if (letters.length <= 3) f.push('short');
  if (letters && letters === letters.toUpperCase()) f.push(`${span.kind}:capitals`);
  if (/\p{Lu}/u.test(letters.slice(1)) && /\p{Ll}/u.test(letters) && words.length === 1) f.push('mixed-case');
  if (/\d/u.test(span.text)) f.push('digit');
  if (/[-&]/u.test(span.text)) f.push('joined');
  if (span.resembles) f.push(`${span.kind}:like-atlas`);
  if (text.includes(`(${span.text})`) || after.startsWith(' (')) f.push('defined');
  if (/\(\s*$/u.test(before) && /^\s*\)/u.test(after)) f.push('in-brackets');
  if (/\b(?:the|der|die|das|des|dem|den)\s+$/iu.test(before)) f.push('article');
  if (/^[’']s\b/u.test(after)) f.push('possessive');
  if (/^,\s+\p{Lu}/u.test(after)) f.push('comma-capital');
  if (/(?:^|[.!?:]\s|\n)\s*$/u.test(before)) f.push('opens');
  if (facts.capsLine(span.start)) f.push(`${span.kind}:caps-line`);
  if (CITATION.test(before.slice(-25)) || CITATION.test(after.slice(0, 25))) f.push(`${span.kind}:citation`);
  // The lower-case words right before and after it ("of", "said", "and"): what kind of slot it fills.
  const prev = /(?:^|[^\p{L}])(\p{Ll}+)[^\p{L}]*$/u.exec(before)?.[1];
  const next = /^[^\p{L}]*(\p{Ll}+)(?:[^\p{L}]|$)/u.exec(after)?.[1];
  if (prev) f.push(`prev:${prev}`);
  if (next) f.push(`next:${next}`);
  // A body's last word is its kind ("… LLP", "… Court"); a person's would be their family name, which never counts.
  if (words.length > 1 && span.kind !== 'person') f.push(`last:${words.at(-1)!.toLowerCase()}`);
  return f.map((x) => [x, 1]);
}

let bundled: EntityModel | undefined;
export function bundledEntityModel(): EntityModel {
  bundled ??= JSON.parse(readFileSync(new URL('./entity-model.json', import.meta.url), 'utf8')) as EntityModel;
  return bundled;
}

/** The chance that an analyst would agree the span is a name of its kind. */
export function spanProbability(model: EntityModel, features: [string, number][]): number {
  let z = model.bias;
  for (const [f, x] of features) z += (model.weights[f] ?? 0) * x;
  return sigmoid(z);
}
