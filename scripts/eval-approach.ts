/**
 * Scores approach screening on a split of the blind evaluation set (test/fixtures/approach-blind),
 * optionally with parts of the reading switched off, for the ablation table.
 *
 *   tsx scripts/eval-approach.ts [--split train|dev|test] [--window N] [--lexicon off|synonyms|narrower] [--threats off] [--model none|FILE] [--errors]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { ApproachScreener } from '../src/screen/approach.ts';
import type { CueOptions } from '../src/screen/cues.ts';
import type { Model } from '../src/screen/learned.ts';
import { score, type Labelled } from '../test/helpers/approach-metrics.ts';

const { values } = parseArgs({ options: { split: { type: 'string', default: 'dev' }, window: { type: 'string' }, lexicon: { type: 'string' }, threats: { type: 'string' }, errors: { type: 'boolean' }, file: { type: 'string' }, model: { type: 'string' } } });
const options: Partial<CueOptions> = {};
if (values.window) options.window = Number(values.window);
if (values.lexicon) options.lexicon = values.lexicon as CueOptions['lexicon'];
if (values.threats) options.threats = values.threats !== 'off';
const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
// --model none: the cues alone decide (one indicator met suffices), as before the model; --model FILE: another model.
const model = values.model === 'none' ? null : values.model ? (JSON.parse(readFileSync(values.model, 'utf8')) as Model) : undefined;
const screener = new ApproachScreener(atlas, { ...options, ...(model !== undefined ? { model } : {}) });
const file = values.file ?? new URL(`../test/fixtures/approach-blind/${values.split}.yaml`, import.meta.url);
const items = parse(readFileSync(file, 'utf8')) as Labelled[];
const s = score(items, (i) => screener.screen(i), (id) => (atlas.records.get(id)?.data as { tactics?: string[] } | undefined)?.tactics ?? []);
const pct = (x: number) => (x * 100).toFixed(1);
console.log(`${items.length} descriptions (${values.file ?? values.split}), options ${JSON.stringify(options)}`);
console.log(`techniques: precision ${pct(s.techniques.precision)}%, recall ${pct(s.techniques.recall)}%  (tp ${s.techniques.tp}, fp ${s.techniques.fp}, fn ${s.techniques.fn})`);
console.log(`tactics:    precision ${pct(s.tactics.precision)}%, recall ${pct(s.tactics.recall)}%`);
console.log(`risk exact: ${pct(s.risk.accuracy)}% (${s.risk.right}/${s.risk.total}); controls rated high: ${s.controlsHigh.length}; threats not rated high: ${s.threatsNotHigh.length}`);
if (values.errors) for (const e of s.errors) console.log(`  ${e}`);
