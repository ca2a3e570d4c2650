/**
 * How approach screening is scored against a labelled set: technique and tactic micro-precision
 * and recall, exact risk, and the two hard rules (no control rated high; every threat rated high).
 *
 * A reported technique is right when the labels hold it, one of its sub-techniques (a
 * sub-technique is a kind of its parent) or its parent (reported more precisely than labelled);
 * a labelled technique is found when it or one of its sub-techniques is reported.
 */
import type { ApproachInput, ApproachResult } from '../../src/screen/approach.ts';

export interface Labelled {
  id: string;
  text: string;
  techniques: string[];
  risk: string;
  kind?: string;
  channel?: string;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const parentOf = (id: string) => id.split('.')[0]!;
const ratio = (a: number, b: number) => (b ? a / b : 1);

export interface Scores {
  techniques: { precision: number; recall: number } & Counts;
  tactics: { precision: number; recall: number } & Counts;
  risk: { accuracy: number; right: number; total: number };
  controlsHigh: string[];
  threatsNotHigh: string[];
  errors: string[];
}

export function score(items: Labelled[], screen: (input: ApproachInput) => ApproachResult, tacticsOf: (id: string) => string[]): Scores {
  const t: Counts = { tp: 0, fp: 0, fn: 0 };
  const k: Counts = { tp: 0, fp: 0, fn: 0 };
  let right = 0;
  const errors: string[] = [];
  const controlsHigh: string[] = [];
  const threatsNotHigh: string[] = [];
  for (const e of items) {
    const result = screen({ text: e.text, ...(e.channel ? { channel: e.channel } : {}) });
    const found = new Set(result.techniques.map((x) => x.id));
    const expected = new Set(e.techniques);
    for (const id of found) {
      const ok = expected.has(id) || expected.has(parentOf(id)) || [...expected].some((x) => parentOf(x) === id);
      if (ok) t.tp++;
      else {
        t.fp++;
        errors.push(`${e.id}: extra ${id}`);
      }
    }
    for (const id of expected) {
      if (found.has(id) || [...found].some((x) => parentOf(x) === id && x !== id)) continue;
      t.fn++;
      errors.push(`${e.id}: missed ${id}`);
    }
    const expectedTactics = new Set([...expected].flatMap(tacticsOf));
    const foundTactics = new Set([...found].flatMap(tacticsOf));
    for (const x of foundTactics) {
      if (expectedTactics.has(x)) k.tp++;
      else k.fp++;
    }
    for (const x of expectedTactics) if (!foundTactics.has(x)) k.fn++;
    if (result.risk.level === e.risk) right++;
    else errors.push(`${e.id}: risk ${result.risk.level}, labelled ${e.risk}`);
    if ((e.kind === 'benign' || e.kind === 'negated') && result.risk.level === 'high') controlsHigh.push(e.id);
    if (e.kind === 'threat' && result.risk.level !== 'high') threatsNotHigh.push(e.id);
  }
  return {
    techniques: { ...t, precision: ratio(t.tp, t.tp + t.fp), recall: ratio(t.tp, t.tp + t.fn) },
    tactics: { ...k, precision: ratio(k.tp, k.tp + k.fp), recall: ratio(k.tp, k.tp + k.fn) },
    risk: { accuracy: ratio(right, items.length), right, total: items.length },
    controlsHigh,
    threatsNotHigh,
    errors,
  };
}
