/**
 * @module screen/learned
 * The decision which techniques a description shows: one logistic regression per technique over
 * what the cue reading found (how many of the technique's indicators, in one sentence or across
 * neighbouring ones) and the words of the text (each content word and each pair in a row), trained on the train split of the blind
 * evaluation set (scripts/train-approach.ts writes approach-model.json). The weights are data;
 * this module only reads the features and applies them.
 *
 * Fairness by construction: a word counts only as written in lower case — names, and nationality
 * words, are written with a capital — and never a country's name or a nationality even so; places
 * count only as the country they are in (a technique such as "events in China" is defined by one).
 */
import { readFileSync } from 'node:fs';
import { countryCode, worldCountries } from '../names/country.ts';
import { placeCountry } from '../text/places.ts';
import { cueKey, type Sentence } from '../text/tokens.ts';
import { sigmoid } from '../util/logistic.ts';

export type Features = Map<string, number>;

export interface TechniqueModel {
  bias: number;
  weights: Record<string, number>;
}

export interface Model {
  /** What it was trained on, for the record. */
  trained_on: string;
  threshold: number;
  techniques: Record<string, TechniqueModel>;
  /** The chance that analysts would rate the description at least elevated, and high; and that it describes a threat to someone. */
  risk?: { elevated: TechniqueModel; high: TechniqueModel; threat?: TechniqueModel };
}

/** The names the risk models go by beside the techniques. */
export const RISK_CLASSES = { elevated: 'risk:elevated', high: 'risk:high', threat: 'risk:threat' } as const;

/** Words too common to say anything about a method. */
const STOP = new Set(
  'the a an and or but of to in on at for with by from as is was were be been being are am it its this that these those he she they we you i me him her them us my his their our your who whom which what when where why how not no nor so than then there here into over after before about also just only very can could would should will shall may might must do does did have has had said told asked'.split(' '),
);

let demonyms: Set<string> | undefined;
/** Nationality words, which never count (whatever their case). */
function isNationality(word: string): boolean {
  demonyms ??= new Set(worldCountries.flatMap((c) => [c.demonyms?.eng?.m, c.demonyms?.eng?.f]).filter((d): d is string => !!d).map((d) => d.toLowerCase()));
  return demonyms.has(word) || (word.length > 3 && countryCode(word) !== undefined);
}

const keys = new Map<string, string | null>();
/** The feature a word gives: its key; lower-case content words only, never a nationality. */
function wordFeature(word: string): string | null {
  let f = keys.get(word);
  if (f === undefined) {
    f = word.length < 3 || STOP.has(word) || /\d/.test(word) || isNationality(word) ? null : `w:${cueKey(word)}`;
    if (keys.size > 100_000) keys.clear();
    keys.set(word, f);
  }
  return f;
}

/** A word that recurs through a long text is shown where it first stands, a few times; it counts once anyway. */
export const SPANS_PER_FEATURE = 3;

/** Where each feature's words stand in the text (for explaining what counted; the first {@link SPANS_PER_FEATURE} of each). */
export type FeatureSpans = Map<string, { start: number; end: number }[]>;

/** The word features of a text: each lower-case content word's key, and the countries of the places it names. */
export function wordFeatures(sentences: Iterable<Sentence>, into: Features = new Map(), where?: FeatureSpans): Features {
  const note = (f: string, start: number, end: number) => {
    into.set(f, 1);
    if (!where) return;
    const list = where.get(f);
    if (!list) where.set(f, [{ start, end }]);
    else if (list.length < SPANS_PER_FEATURE) list.push({ start, end });
  };
  for (const s of sentences) {
    let previous: { key: string; start: number } | undefined;
    for (const w of s.words) {
      const place = placeCountry(w.text);
      const f = place ? `place:${place}` : w.text === w.lower ? wordFeature(w.lower) : null;
      if (f) note(f, w.start, w.end);
      // Two content words in a row ("speaking fee", "costs covered"), stop words skipped.
      const key = f?.startsWith('w:') ? f.slice(2) : undefined;
      if (key && previous) note(`b:${previous.key}_${key}`, previous.start, w.end);
      if (key) previous = { key, start: w.start };
      else if (!STOP.has(w.lower)) previous = undefined;
    }
  }
  return into;
}


/** The cue features: per technique, how many distinct indicators were met, and how many within one sentence. */
export function cueFeatures(found: Map<string, { indicators: Set<number>; single: Set<number> }>, into: Features = new Map()): Features {
  for (const [id, f] of found) {
    into.set(`ind:${id}`, Math.min(3, f.indicators.size));
    if (f.single.size) into.set(`one:${id}`, Math.min(3, f.single.size));
  }
  return into;
}


/**
 * A model laid out by feature: reading a text's hundred-odd features touches only the techniques
 * each one weighs on, instead of every technique's whole table.
 */
export class CompiledModel {
  private readonly ids: string[];
  private readonly biases: Float64Array;
  /** Per feature, the techniques (by position in `ids`) it weighs on and how much. */
  private readonly postings = new Map<string, { at: Int32Array; weight: Float64Array }>();

  constructor(readonly model: Model) {
    const classes: Record<string, TechniqueModel> = { ...model.techniques };
    if (model.risk) Object.assign(classes, { [RISK_CLASSES.elevated]: model.risk.elevated, [RISK_CLASSES.high]: model.risk.high }, model.risk.threat ? { [RISK_CLASSES.threat]: model.risk.threat } : {});
    this.ids = Object.keys(classes);
    this.biases = Float64Array.from(this.ids.map((id) => classes[id]!.bias));
    const lists = new Map<string, [number, number][]>();
    this.ids.forEach((id, i) => {
      for (const [f, w] of Object.entries(classes[id]!.weights)) {
        const list = lists.get(f) ?? [];
        list.push([i, w]);
        lists.set(f, list);
      }
    });
    for (const [f, list] of lists) this.postings.set(f, { at: Int32Array.from(list.map((x) => x[0])), weight: Float64Array.from(list.map((x) => x[1])) });
  }

  /** Each technique's (and each risk class's) probability for a text's features, with the features that raised it most first. */
  scores(features: Features): Map<string, { p: number; raisedBy: () => string[] }> {
    const z = Float64Array.from(this.biases);
    for (const [f, x] of features) {
      const p = this.postings.get(f);
      if (p) for (let k = 0; k < p.at.length; k++) z[p.at[k]!]! += p.weight[k]! * x;
    }
    return new Map(this.ids.map((id, i) => [id, { p: sigmoid(z[i]!), raisedBy: () => this.raisedBy(i, features) }]));
  }

  /** The features that raised one technique's score, most first (worked out only for the techniques reported). */
  private raisedBy(i: number, features: Features): string[] {
    const raised: [string, number][] = [];
    for (const [f, x] of features) {
      const p = this.postings.get(f);
      const k = p ? p.at.indexOf(i) : -1;
      if (k >= 0 && p!.weight[k]! * x > 0) raised.push([f, p!.weight[k]! * x]);
    }
    return raised.sort((a, b) => b[1] - a[1]).map(([f]) => f);
  }
}

let bundled: Model | undefined;
/** The model trained on the blind set's train split, shipped beside this module. */
export function bundledModel(): Model {
  bundled ??= JSON.parse(readFileSync(new URL('approach-model.json', import.meta.url), 'utf8')) as Model;
  return bundled;
}
