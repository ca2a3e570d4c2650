/**
 * Scores name screening on a split of the blind evaluation set (test/fixtures/name-blind): recall
 * (the right entity first), precision (of what was reported, how much was right), per category.
 *
 *   tsx scripts/eval-names.ts [--split train|dev|test] [--misses]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { blindAtlasIndex, scoreNames, type NameCase } from '../test/helpers/name-metrics.ts';

const { values } = parseArgs({ options: { split: { type: 'string', default: 'dev' }, misses: { type: 'boolean' } } });
const cases = parse(readFileSync(new URL(`../test/fixtures/name-blind/${values.split}.csv`, import.meta.url)), { columns: true }) as NameCase[];
const s = scoreNames(blindAtlasIndex(loadAtlas(BUNDLED_ATLAS).atlas), cases);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`${cases.length} queries (${values.split}): recall ${pct(s.recall)}, precision ${pct(s.precision)}, false positives ${s.falsePositives}`);
for (const [category, c] of Object.entries(s.byCategory).sort()) console.log(`  ${category.padEnd(20)} ${c.right}/${c.total}`);
if (values.misses) for (const m of s.misses) console.log(`  ${m}`);
