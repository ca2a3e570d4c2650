/**
 * Trains the model approach screening decides with (src/screen/approach-model.json): one
 * L2-regularised logistic regression per technique over the features of screen/learned, fitted
 * on the blind set's train split and the older regression set — never on dev or test. The
 * threshold is chosen on dev. Deterministic: the same data gives the same file.
 *
 *   tsx scripts/train-approach.ts [--l2 X] [--iterations N] [--with-dev] [--threshold X] [--dry-run | --out FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../src/atlas/load.ts';
import { ApproachScreener } from '../src/screen/approach.ts';
import type { Model } from '../src/screen/learned.ts';
import { fitLogistic, namedWeights, toSparse } from '../src/util/logistic.ts';
import { score, type Labelled } from '../test/helpers/approach-metrics.ts';

const { values } = parseArgs({ options: { l2: { type: 'string', default: '0.002' }, iterations: { type: 'string', default: '400' }, rate: { type: 'string', default: '2' }, balance: { type: 'string', default: '5' }, lexicon: { type: 'string' }, 'min-df': { type: 'string', default: '3' }, 'with-dev': { type: 'boolean' }, threshold: { type: 'string' }, window: { type: 'string' }, 'dry-run': { type: 'boolean' }, out: { type: 'string' } } });
const L2 = Number(values.l2);
const ITERATIONS = Number(values.iterations);
const RATE = Number(values.rate);
/** A positive example weighs this many times a negative one at most: each technique has few. */
const BALANCE = Number(values.balance);

const fixture = (name: string) => parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));
const train: Labelled[] = [
  ...(fixture('approach-blind/train.yaml') as Labelled[]),
  ...(fixture('approach-blind/train-extra.yaml') as Labelled[]),
  ...(values['with-dev'] ? (fixture('approach-blind/dev.yaml') as Labelled[]) : []),
  ...(fixture('approach-eval.yaml') as { id: string; text: string; channel?: string; expected: string[]; risk: string }[]).map((e) => ({ ...e, techniques: e.expected })),
];
const dev = fixture('approach-blind/dev.yaml') as Labelled[];

const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
const cueOptions = { ...(values.lexicon ? { lexicon: values.lexicon as 'off' } : {}), ...(values.window ? { window: Number(values.window) } : {}) };
const reader = new ApproachScreener(atlas, { ...cueOptions, model: null });
const all = train.map((e) => ({ labels: new Set<string>(e.techniques), x: [...reader.features({ text: e.text, ...(e.channel ? { channel: e.channel } : {}) })] }));
// A feature seen in fewer than MIN_DF descriptions says more about one writer than about a method.
const MIN_DF = Number(values['min-df']);
const df = new Map<string, number>();
for (const r of all) for (const [f] of r.x) df.set(f, (df.get(f) ?? 0) + 1);
const rows = all.map((r) => ({ ...r, x: r.x.filter(([f]) => (df.get(f) ?? 0) >= MIN_DF) }));
// The risk classes are learned like techniques: "at least elevated" and "high".
train.forEach((e, i) => {
  if (e.risk !== 'low') rows[i]!.labels.add('risk:elevated');
  if (e.risk === 'high') rows[i]!.labels.add('risk:high');
  // A description written as a threat to someone: its own class, so that a threat is high whatever method it serves.
  if (e.kind === 'threat') rows[i]!.labels.add('risk:threat');
});

const { names, sparse } = toSparse(rows.map((r) => r.x));
const fit = (id: string) => namedWeights(fitLogistic(sparse, rows.map((r) => (r.labels.has(id) ? 1 : 0)), names.length, { iterations: ITERATIONS, rate: RATE, l2: L2, balance: BALANCE }), names);

const techniques: Model['techniques'] = {};
for (const t of recordsOf(atlas, 'technique')) techniques[t.id] = fit(t.id);
const risk = { elevated: fit('risk:elevated'), high: fit('risk:high'), threat: fit('risk:threat') };

// The threshold that gives the best F1 on dev, from a few round values.
const tacticsOf = (id: string) => (atlas.records.get(id)?.data as { tactics?: string[] } | undefined)?.tactics ?? [];
let best = { threshold: 0.5, f1: -1 };
for (const threshold of [0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
  const screener = new ApproachScreener(atlas, { ...cueOptions, model: { trained_on: '', threshold, techniques, risk } });
  const all = score(dev, (i) => screener.screen(i), tacticsOf);
  const s = all.techniques;
  const f1 = (2 * s.precision * s.recall) / (s.precision + s.recall);
  console.log(`threshold ${threshold}: dev precision ${(s.precision * 100).toFixed(1)}%, recall ${(s.recall * 100).toFixed(1)}%; risk ${(all.risk.accuracy * 100).toFixed(1)}%, controls high ${all.controlsHigh.length}, threats not high ${all.threatsNotHigh.length}`);
  if (f1 > best.f1) best = { threshold, f1 };
}
const threshold = values.threshold ? Number(values.threshold) : best.threshold;
const model: Model = { trained_on: `${values['with-dev'] ? 'train, train-extra and dev' : 'train and train-extra'} of test/fixtures/approach-blind, and test/fixtures/approach-eval.yaml (${rows.length} descriptions); l2 ${L2}, ${ITERATIONS} iterations, features in at least ${MIN_DF} descriptions; threshold ${threshold}`, threshold, techniques, risk };
if (!values['dry-run']) writeFileSync(values.out ?? new URL('../src/screen/approach-model.json', import.meta.url), `${JSON.stringify(model, null, 1)}\n`);
console.log(`threshold ${threshold}; ${Object.values(techniques).reduce((n, t) => n + Object.keys(t.weights).length, 0)} weights`);
