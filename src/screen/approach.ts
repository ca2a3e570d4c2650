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
import { DEFAULT_CUE_OPTIONS, IndicatorReader, compileIndicators, type CompiledCues, type CueOptions, type CueWord, type Span } from './cues.ts';
import { adviceFor, assessRisk, type LearnedRisk, type RiskLevel } from './risk.ts';
import { CompiledModel, RISK_CLASSES, bundledModel, cueFeatures, wordFeatures, type FeatureSpans, type Features, type Model } from './learned.ts';

/** What the cue reading found for one technique. */
interface Found {
  indicators: Set<number>;
  single: Set<number>;
  texts: Set<string>;
  findings: Finding[];
  /** Per indicator, how many times it was met (only the first few are kept as findings). */
  times: Map<number, number>;
}
import { groupBy } from '../util/group-by.ts';

/** A long text meets the same sign again and again; the first few findings of each show it, the rest are counted. */
const FINDINGS_PER_INDICATOR = 3;

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

/** One indicator met: the passage that shows it (one sentence or a few) and every word that counted. */
export interface Finding {
  indicator: string;
  field: string;
  passage: Span;
  sentences: number;
  words: (CueWord & { field: string })[];
}

export interface ApproachResult {
  language: { code: string; name: string; supported: boolean; message?: string };
  techniques: { id: string; name: string; score: number; explanation: string; tactics: string[]; indicators: string[]; findings: Finding[]; evidence: Evidence[] }[];
  cases: { id: string; title: string; score: number; shared_techniques: string[]; text_similarity: number }[];
  actors: { id: string; name: string; score: number; statement: string; techniques: string[]; claims: Claim[] }[];
  risk: { level: RiskLevel | 'not-assessed'; reasons: { rule: string; level: string; description: string; techniques: string[] }[] };
  advice: { step: string; audience: string; text: string; technique?: string }[];
}

/** Per indicator found, the evidence grows more convincing; three independent signs are near-certain. */
const PER_INDICATOR = 0.6;

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number, what: string) => `${NUMBERS[n] ?? n} ${what}${n === 1 ? '' : 's'}`;

/** What the cue reading found, in words: how many of the technique's signs, and where. */
function explain(found: number, total: number, findings: Finding[], times: number): string {
  const across = findings.filter((f) => f.sentences > 1).length;
  const where = across ? `; ${count(across, 'finding')} read across neighbouring sentences` : '';
  const wordnet = findings.flatMap((f) => f.words).filter((w) => w.via);
  const lexical = wordnet.length ? `; ${wordnet.map((w) => `“${w.text}” read as “${w.cue}”`).join(', ')} (WordNet)` : '';
  const shown = times > findings.length ? ` (met ${times} times; the first ${FINDINGS_PER_INDICATOR} of each shown)` : '';
  return `${count(found, 'sign')} of ${total} of this method in the text${shown}${where}${lexical}.`;
}

/** Adds keys' TF-IDF weights to a vector; a key no case has weighs nothing. */
function addTerms(weights: Map<string, number>, keys: Iterable<string>, idf: Map<string, number>): void {
  for (const k of keys) {
    const w = idf.get(k);
    if (w) weights.set(k, (weights.get(k) ?? 0) + w);
  }
}

/** A TF-IDF vector with its norm. */
function vector(weights: Map<string, number>): { weights: Map<string, number>; norm: number } {
  let sum = 0;
  for (const x of weights.values()) sum += x * x;
  return { weights, norm: Math.sqrt(sum) };
}

function cosine(a: ReturnType<typeof vector>, b: ReturnType<typeof vector>): number {
  if (!a.norm || !b.norm) return 0;
  let dot = 0;
  for (const [k, x] of a.weights) dot += x * (b.weights.get(k) ?? 0);
  return dot / (a.norm * b.norm);
}

function termVector(keys: Iterable<string>, idf: Map<string, number>): ReturnType<typeof vector> {
  const weights = new Map<string, number>();
  addTerms(weights, keys, idf);
  return vector(weights);
}

/** The stems of a text's longer words, for comparing it with the cases' claims. */
function* contentKeys(sentences: Iterable<Sentence>): Generator<string> {
  for (const s of sentences) for (const w of s.words) if (w.text.length > 3) yield w.keys[1] ?? w.lower;
}

export class ApproachScreener {
  private readonly techniques: Map<string, Technique>;
  private readonly cues: CompiledCues;
  private readonly uses = new Map<string, { actor: string; claims: Claim[] }[]>();
  private readonly model: CompiledModel | undefined;
  private readonly caseVectors: { id: string; title: string; techniques: Set<string>; vector: ReturnType<typeof vector> }[];
  private readonly idf = new Map<string, number>();
  private readonly claimsByRecord: Map<string, Claim[]>;

  constructor(
    private readonly atlas: Atlas,
    options: Partial<CueOptions> & { model?: Model | null } = {},
  ) {
    const model = options.model === undefined ? bundledModel() : options.model;
    this.model = model ? new CompiledModel(model) : undefined;
    this.techniques = new Map(recordsOf(atlas, 'technique').map((r) => [r.id, r.data]));
    this.cues = compileIndicators([...this.techniques.values()], { ...DEFAULT_CUE_OPTIONS, ...options });
    this.claimsByRecord = groupBy(
      atlas.claims.map((c) => c.claim),
      (c) => c.record,
    );
    for (const r of recordsOf(atlas, 'relation')) {
      if (r.data.type !== 'uses-technique') continue;
      const list = this.uses.get(r.data.object) ?? [];
      list.push({ actor: r.data.subject, claims: this.claimsByRecord.get(r.id) ?? [] });
      this.uses.set(r.data.object, list);
    }
    const cases = recordsOf(atlas, 'case');
    const docs = cases.map((c) => [...contentKeys(splitText([c.data.summary, ...(this.claimsByRecord.get(c.id) ?? []).map((x) => x.quote)].join(' ')))]);
    for (const doc of docs) for (const k of new Set(doc)) this.idf.set(k, (this.idf.get(k) ?? 0) + 1);
    for (const [k, n] of this.idf) this.idf.set(k, Math.log((1 + cases.length) / n));
    this.caseVectors = cases.map((c, i) => ({
      id: c.id,
      title: c.data.title,
      // A case that records a sub-technique records its parent's method too.
      techniques: new Set(c.data.techniques.flatMap((u) => [u.technique, u.technique.split('.')[0]!])),
      vector: termVector(docs[i]!, this.idf),
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

  /** The screening as a generator that yields after each slice of work; `sink`, if given, receives the features the decision reads. */
  private *steps(input: ApproachInput, sink?: Features): Generator<void, ApproachResult> {
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

    const byTechnique = new Map<string, Found>();
    // Each sentence is read once, for the indicators, the words and the comparison with cases, then let go.
    const terms = new Map<string, number>();
    const features: Features = new Map();
    // Where each word feature stands in the description (the structured fields give no word features).
    const spans: FeatureSpans = new Map();
    let read = 0;
    for (const part of parts) {
      const reader = new IndicatorReader(part.text, this.cues);
      for (const sentence of sentencesIn(part.text)) {
        addTerms(terms, contentKeys([sentence]), this.idf);
        for (const hit of reader.read(sentence)) {
          const entry: Found = byTechnique.get(hit.technique) ?? { indicators: new Set(), single: new Set(), texts: new Set(), findings: [], times: new Map() };
          byTechnique.set(hit.technique, entry);
          entry.indicators.add(hit.indicator);
          if (hit.sentences === 1) entry.single.add(hit.indicator);
          entry.texts.add(hit.indicator_text);
          const times = (entry.times.get(hit.indicator) ?? 0) + 1;
          entry.times.set(hit.indicator, times);
          if (times > FINDINGS_PER_INDICATOR) continue;
          entry.findings.push({
            indicator: hit.indicator_text,
            field: part.field,
            passage: { start: hit.passage.start, end: hit.passage.end, text: part.text.slice(hit.passage.start, hit.passage.end) },
            sentences: hit.sentences,
            // Each hit's words are its own (a word serves an indicator once), so they take their field in place.
            words: hit.evidence.map((w) => Object.assign(w, { field: part.field })),
          });
        }
        if (part.field === 'text') wordFeatures([sentence], features, spans);
        read += sentence.end - sentence.start;
        if (read >= SLICE) {
          read = 0;
          yield;
        }
      }
    }
    cueFeatures(byTechnique, features);
    if (sink) for (const [f, x] of features) sink.set(f, x);
    const { techniques, learnedRisk } = this.decide(byTechnique, features, (f) => (spans.get(f) ?? []).map((x) => ({ start: x.start, end: x.end, field: 'text', text: text.slice(x.start, x.end) })));

    const detected = new Set(techniques.flatMap((t) => [t.id, t.id.split('.')[0]!]));
    const query = vector(terms);
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
    const risk = assessRisk(
      techniques.map((t) => ({ ...t, signs: t.findings.length })),
      learnedRisk,
    );
    const advice = adviceFor(
      risk.level,
      techniques,
      techniques.flatMap((t) => this.techniques.get(t.id)!.advice.map((a) => ({ audience: a.audience, text: a.text, technique: t.id }))),
    );
    return { language: { code: 'eng', name: 'English', supported: true }, techniques, cases, actors, risk, advice };
  }

  /** The features the decision reads, for training (scripts/train-approach.ts). */
  features(input: ApproachInput): Features {
    const features: Features = new Map();
    const steps = this.steps(input, features);
    while (!steps.next().done);
    return features;
  }

  /**
   * Which techniques the text shows: by the learned model where it has one for the technique
   * (its probability is the score), else by the cues alone (one indicator met suffices).
   */
  private decide(
    found: Map<string, Found>,
    features: Features,
    where: (feature: string) => Evidence[],
  ): { techniques: ApproachResult['techniques']; learnedRisk?: LearnedRisk } {
    const out: ApproachResult['techniques'] = [];
    const scores = this.model?.scores(features);
    const elevated = scores?.get(RISK_CLASSES.elevated);
    const high = scores?.get(RISK_CLASSES.high);
    const threat = scores?.get(RISK_CLASSES.threat);
    for (const [id, t] of this.techniques) {
      const e = found.get(id);
      const learned = scores?.get(id);
      let score: number;
      let counted: Evidence[] = [];
      let because = '';
      if (learned) {
        if (learned.p < this.model!.model.threshold) continue;
        score = Math.round(learned.p * 1000) / 1000;
        // The words that weighed most for it (the cue features stand for the findings, shown apart).
        const words: Evidence[][] = [];
        for (const f of learned.raisedBy()) {
          if (words.length >= 6) break;
          const list = where(f);
          if (list.length) words.push(list);
        }
        counted = words.flat();
        const said = words.map((list) => `“${list[0]!.text}”`);
        because = ` Weighed by a model trained on labelled descriptions: probability ${score.toFixed(2)}${said.length ? `; words that weighed most: ${said.join(', ')}` : ''}.`;
      } else {
        if (!e) continue;
        score = Math.round((1 - (1 - PER_INDICATOR) ** e.indicators.size) * 1000) / 1000;
      }
      const findings = e?.findings ?? [];
      // Every word that counted, once, in the order of the text.
      const evidence = new Map<string, Evidence>();
      for (const f of findings) for (const w of f.words) evidence.set(`${w.field}:${w.start}:${w.end}`, { start: w.start, end: w.end, text: w.text, field: w.field });
      for (const w of counted) evidence.set(`${w.field}:${w.start}:${w.end}`, w);
      out.push({
        id,
        name: t.names.find((n) => n.type === 'primary')?.text ?? id,
        score,
        explanation: explain(e?.indicators.size ?? 0, t.indicators.length, findings, e ? [...e.times.values()].reduce((a, b) => a + b, 0) : 0) + because,
        tactics: t.tactics,
        indicators: [...(e?.texts ?? [])],
        findings,
        evidence: [...evidence.values()].sort((a, b) => a.field.localeCompare(b.field) || a.start - b.start),
      });
    }
    const techniques = out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return elevated && high ? { techniques, learnedRisk: { elevated: elevated.p, high: high.p, ...(threat ? { threat: threat.p } : {}) } } : { techniques };
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
    for (const t of techniques) for (const u of this.uses.get(t.id) ?? []) add(u.actor, t.id, u.claims);
    return [...found]
      .filter(([id]) => ['organisation', 'intrusion-set', 'operation', 'programme'].includes(this.atlas.records.get(id)?.kind ?? ''))
      .map(([id, a]) => {
        const name = displayName(this.atlas.records.get(id)!);
        return { id, name, score: Math.round(a.score * 1000) / 1000, statement: `consistent with the methods the atlas attributes to ${name}`, techniques: [...a.techniques].sort(), claims: a.claims };
      })
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}
