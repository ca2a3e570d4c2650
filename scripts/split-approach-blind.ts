/**
 * Splits the blind approach descriptions into train / dev / test (60/20/20), stratified by the
 * first technique of each description's labels (controls form their own stratum): within a
 * stratum, descriptions are ordered by the SHA-256 of their id and dealt out in fives — three to
 * train, one to dev, one to test — the deal running on from one stratum to the next. Run once when the set was assembled; the test split is frozen.
 *
 *   tsx scripts/split-approach-blind.ts LABELLED.yaml OUT_DIR
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const [input, out] = process.argv.slice(2);
if (!input || !out) throw new Error('usage: split-approach-blind.ts LABELLED.yaml OUT_DIR');
const items = parse(readFileSync(input, 'utf8')) as { id: string; techniques: string[] }[];
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const strata = new Map<string, typeof items>();
for (const e of items) {
  const key = e.techniques[0] ?? 'control';
  strata.set(key, [...(strata.get(key) ?? []), e]);
}
const splits: Record<'train' | 'dev' | 'test', typeof items> = { train: [], dev: [], test: [] };
const DEAL = ['train', 'train', 'train', 'dev', 'test'] as const;
// One deal runs on through the strata, so that small strata do not all start (and end) in train.
let dealt = 0;
for (const [, group] of [...strata].sort(([a], [b]) => a.localeCompare(b))) {
  for (const e of group.sort((a, b) => sha(a.id).localeCompare(sha(b.id)))) splits[DEAL[dealt++ % 5]!].push(e);
}
for (const [name, list] of Object.entries(splits)) {
  list.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  writeFileSync(join(out, `${name}.yaml`), stringify(list, { lineWidth: 100 }));
  console.log(name, list.length);
}
