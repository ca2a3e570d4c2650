/**
 * @module screen/approach
 * Approach screening: a description of what happened, in the person's own words, mapped onto the
 * matrix's techniques (with the exact words that show each), the documented cases most like it,
 * the actors whose methods it is consistent with, a risk level from named rules, and what to do.
 * Names and nationalities play no part: only the described behaviour is read.
 */
import { recordsOf, type Atlas } from '../atlas/load.ts';
import { displayName } from '../atlas/view.ts';
import type { Claim } from '../model/claim.ts';
import type { Technique } from '../model/technique.ts';
import { detectLanguage } from '../text/language.ts';
import { sentencesIn, splitText, type Sentence } from '../text/tokens.ts';
import { compileIndicators, findIndicators, type Span } from './cues.ts';
import { FIRST_STEPS, assessRisk, type RiskLevel } from './risk.ts';
import { groupBy } from '../util/group-by.ts';

/** The longest description screened (characters); a longer one is refused. Screening takes linear time, read in slices. */
export const MAX_TEXT = 1_000_000;

/** About this many characters are read between two chances for other work to run (see screenAsync). */
const SLICE = 16_000;

export class ApproachInputError extends Error {}

/** The screening did not finish by its deadline; nothing of it is returned. */
export class ApproachTimeout extends Error {}

export interface ApproachInput {
  text: string;
  channel?: string;
  approached_by?: string;
  claimed_affiliation?: string;
  offered?: string;
  asked?: string;
  target_role?: string;
  sector?: string;
}

export const CHANNELS: Record<string, string> = {
  'social-network': 'An unsolicited contact through a professional social network such as LinkedIn.',
  email: 'An unsolicited contact by email.',
  conference: 'A contact made at a conference.',
  'in-person': 'A contact made in person.',
  phone: 'A contact by phone.',
};

const FIELDS = ['approached_by', 'claimed_affiliation', 'offered', 'asked', 'target_role', 'sector'] as const;

export type Evidence = Span & { field: string };

export interface ApproachResult {
  language: { code: string; name: string; supported: boolean; message?: string };
  techniques: { id: string; name: string; score: number; tactics: string[]; indicators: string[]; evidence: Evidence[] }[];
  cases: { id: string; title: string; score: number; shared_techniques: string[]; text_similarity: number }[];
  actors: { id: string; name: string; score: number; statement: string; techniques: string[]; claims: Claim[] }[];
  risk: { level: RiskLevel | 'not-assessed'; reasons: { rule: string; level: string; description: string; techniques: string[] }[] };
  advice: { step: string; audience: string; text: string; technique?: string }[];
}

/** Per indicator found, the evidence grows more convincing; three independent signs are near-certain. */
const PER_INDICATOR = 0.6;

function tfidf(keys: string[], idf: Map<string, number>): Map<string, number> {
  const v = new Map<string, number>();
  for (const k of keys) v.set(k, (v.get(k) ?? 0) + (idf.get(k) ?? 0));
  return v;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    dot += x * (b.get(k) ?? 0);
  }
  for (const x of b.values()) nb += x * x;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** The stems of a text's longer words, for comparing it with the cases' claims. */
const contentKeys = (sentences: Sentence[]) => sentences.flatMap((s) => s.words.filter((w) => w.text.length > 3).map((w) => w.keys[1] ?? w.lower));

export class ApproachScreener {
  private readonly techniques: Map<string, Technique>;
  private readonly indicators: ReturnType<typeof compileIndicators>;
  private readonly caseVectors: { id: string; title: string; techniques: Set<string>; vector: Map<string, number> }[];
  private readonly idf = new Map<string, number>();
  private readonly claimsByRecord: Map<string, Claim[]>;

  constructor(private readonly atlas: Atlas) {
    this.techniques = new Map(recordsOf(atlas, 'technique').map((r) => [r.id, r.data]));
    this.indicators = compileIndicators([...this.techniques.values()]);
    this.claimsByRecord = groupBy(
      atlas.claims.map((c) => c.claim),
      (c) => c.record,
    );
    const cases = recordsOf(atlas, 'case');
    const docs = cases.map((c) => contentKeys(splitText([c.data.summary, ...(this.claimsByRecord.get(c.id) ?? []).map((x) => x.quote)].join(' '))));
    for (const doc of docs) for (const k of new Set(doc)) this.idf.set(k, (this.idf.get(k) ?? 0) + 1);
    for (const [k, n] of this.idf) this.idf.set(k, Math.log((1 + cases.length) / n));
    this.caseVectors = cases.map((c, i) => ({
      id: c.id,
      title: c.data.title,
      // A case that records a sub-technique records its parent's method too.
      techniques: new Set(c.data.techniques.flatMap((u) => [u.technique, u.technique.split('.')[0]!])),
      vector: tfidf(docs[i]!, this.idf),
    }));
  }

  screen(input: ApproachInput): ApproachResult {
    const steps = this.steps(input);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The same screening, a slice at a time, letting other work run between slices: a server stays
   * responsive while a long text is read. Past `deadline` (epoch ms) it stops with ApproachTimeout.
   */
  async screenAsync(input: ApproachInput, deadline = Infinity): Promise<ApproachResult> {
    const steps = this.steps(input);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (Date.now() > deadline) throw new ApproachTimeout('the description took too long to screen and was stopped; shorten it to the part that describes the approach');
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The screening as a generator that yields after each slice of work. */
  private *steps(input: ApproachInput): Generator<void, ApproachResult> {
    const text = input.text ?? '';
    if (!text.trim() && !FIELDS.some((f) => input[f]?.trim())) throw new ApproachInputError('the description is empty');
    if (text.length > MAX_TEXT) throw new ApproachInputError(`the description is ${text.length} characters long; the limit is ${MAX_TEXT} — split it into the part that describes the approach`);
    // Control characters (other than white space) and undecodable bytes mark binary input.
    // eslint-disable-next-line no-control-regex
    const controls = (text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g) ?? []).length;
    if (controls > Math.max(3, text.length / 200)) throw new ApproachInputError('the input does not look like text (control characters or undecodable bytes)');

    const lang = detectLanguage(text);
    if (lang.reliable && lang.code !== 'eng') {
      return {
        language: { code: lang.code, name: lang.name, supported: false, message: `The text appears to be in ${lang.name}; approach screening reads English only. Describe the approach in English, or translate the text.` },
        techniques: [],
        cases: [],
        actors: [],
        risk: { level: 'not-assessed', reasons: [] },
        advice: [],
      };
    }

    // The description, and each structured field, read the same way; evidence says where it was found.
    const parts: { field: string; text: string }[] = [{ field: 'text', text }];
    if (input.channel && CHANNELS[input.channel]) parts.push({ field: 'channel', text: CHANNELS[input.channel]! });
    for (const f of FIELDS) if (input[f]?.trim()) parts.push({ field: f, text: input[f]!.slice(0, 5000) });

    const byTechnique = new Map<string, { indicators: Set<number>; texts: Set<string>; evidence: Evidence[]; spans: Set<string> }>();
    // Each part is split into sentences once, for the indicators and for the comparison with cases.
    const split: Sentence[][] = parts.map(() => []);
    let read = 0;
    for (const [i, part] of parts.entries()) {
      for (const sentence of sentencesIn(part.text)) {
        split[i]!.push(sentence);
        for (const hit of findIndicators(part.text, this.indicators, [sentence])) {
          const entry = byTechnique.get(hit.technique) ?? { indicators: new Set(), texts: new Set(), evidence: [], spans: new Set() };
          entry.indicators.add(hit.indicator);
          entry.texts.add(hit.indicator_text);
          for (const e of hit.evidence) {
            const key = `${part.field}:${e.start}:${e.end}`;
            if (!entry.spans.has(key)) entry.evidence.push({ ...e, field: part.field });
            entry.spans.add(key);
          }
          byTechnique.set(hit.technique, entry);
        }
        read += sentence.end - sentence.start;
        if (read >= SLICE) {
          read = 0;
          yield;
        }
      }
    }
    const techniques = [...byTechnique]
      .map(([id, e]) => {
        const t = this.techniques.get(id)!;
        return {
          id,
          name: t.names.find((n) => n.type === 'primary')?.text ?? id,
          score: Math.round((1 - (1 - PER_INDICATOR) ** e.indicators.size) * 1000) / 1000,
          tactics: t.tactics,
          indicators: [...e.texts],
          evidence: e.evidence.sort((a, b) => a.field.localeCompare(b.field) || a.start - b.start),
        };
      })
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));

    const detected = new Set(techniques.flatMap((t) => [t.id, t.id.split('.')[0]!]));
    const query = tfidf(contentKeys(split.flat()), this.idf);
    const cases = this.caseVectors
      .map((c) => {
        const shared = [...c.techniques].filter((t) => detected.has(t)).sort();
        const overlap = detected.size ? shared.length / new Set([...c.techniques, ...detected]).size : 0;
        const similarity = cosine(query, c.vector);
        return { id: c.id, title: c.title, score: Math.round((0.7 * overlap + 0.3 * similarity) * 1000) / 1000, shared_techniques: shared, text_similarity: Math.round(similarity * 1000) / 1000 };
      })
      .filter((c) => c.shared_techniques.length > 0)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));

    const actors = this.actorsFor(techniques);
    const risk = assessRisk(techniques);
    const advice = [
      ...FIRST_STEPS[risk.level].map((s) => ({ ...s, audience: 'individual' })),
      ...techniques.flatMap((t) => this.techniques.get(t.id)!.advice.map((a) => ({ step: 'specific', audience: a.audience, text: a.text, technique: t.id }))),
    ];
    return { language: { code: 'eng', name: 'English', supported: true }, techniques, cases, actors, risk, advice };
  }

  /** Actors recorded as using the detected techniques, weighted by the techniques' scores, with their claims. */
  private actorsFor(techniques: ApproachResult['techniques']): ApproachResult['actors'] {
    const weight = new Map(techniques.map((t) => [t.id, t.score]));
    const found = new Map<string, { score: number; techniques: Set<string>; claims: Claim[] }>();
    const add = (actor: string, technique: string, claims: Claim[]) => {
      const a = found.get(actor) ?? { score: 0, techniques: new Set(), claims: [] };
      if (!a.techniques.has(technique)) a.score += weight.get(technique)!;
      a.techniques.add(technique);
      a.claims.push(...claims);
      found.set(actor, a);
    };
    for (const r of recordsOf(this.atlas, 'relation')) {
      if (r.data.type === 'uses-technique' && weight.has(r.data.object)) add(r.data.subject, r.data.object, this.claimsByRecord.get(r.id) ?? []);
    }
    return [...found]
      .filter(([id]) => ['organisation', 'intrusion-set', 'operation', 'programme'].includes(this.atlas.records.get(id)?.kind ?? ''))
      .map(([id, a]) => {
        const name = displayName(this.atlas.records.get(id)!);
        return { id, name, score: Math.round(a.score * 1000) / 1000, statement: `consistent with the methods the atlas attributes to ${name}`, techniques: [...a.techniques].sort(), claims: a.claims };
      })
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}
