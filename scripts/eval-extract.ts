/**
 * Scores extraction on hand-written gold: the blind set's splits (test/fixtures/extract-blind,
 * read from one reading or the adjudicated gold) or the eleven documents extraction was built on
 * (--set built), or the further training documents annotated once (--set train-extra,
 * test/fixtures/extract-train). Precision and recall per field; --misses lists what was missed and
 * what was extra.
 *
 *   tsx scripts/eval-extract.ts [--split train|dev|test|all] [--reading gold|reading-1|reading-2] [--set blind|built|train-extra] [--misses]
 */
import { parseArgs } from 'node:util';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { Extractor } from '../src/ingest/extract.ts';
import { corpusDocument } from '../test/helpers/corpus-document.ts';
import { blindSplit, FIELDS, readGold, scoreExtraction, type Split } from '../test/helpers/extract-metrics.ts';

const { values } = parseArgs({ options: { split: { type: 'string', default: 'dev' }, reading: { type: 'string', default: 'gold' }, set: { type: 'string', default: 'blind' }, misses: { type: 'boolean' } } });
const FOLDERS: Record<string, string> = { built: 'extract-gold', 'train-extra': 'extract-train' };
const docs = FOLDERS[values.set!]
  ? readGold(new URL(`../test/fixtures/${FOLDERS[values.set!]}/`, import.meta.url)).map((gold) => ({ gold, doc: corpusDocument(gold.document) }))
  : blindSplit(values.split as Split | 'all', values.reading);
const extractor = new Extractor(loadAtlas(BUNDLED_ATLAS).atlas);
const results = docs.map(({ gold, doc }) => ({ gold, x: extractor.extract(doc.text, /^\d{4}/.test(gold.date) ? gold.date : null) }));
const scores = scoreExtraction(results);
console.log(`${results.length} documents (${FOLDERS[values.set!] ? values.set : `${values.split}, ${values.reading}`})`);
for (const field of FIELDS) {
  const s = scores[field];
  console.log(`  ${field.padEnd(14)} precision ${(s.precision * 100).toFixed(1).padStart(5)}% (${s.tp}/${s.found})  recall ${(s.recall * 100).toFixed(1).padStart(5)}% (${s.tp}/${s.gold})`);
  if (values.misses) {
    if (s.misses.length) console.log(`      missed: ${s.misses.join(' | ')}`);
    if (s.extras.length) console.log(`      extra:  ${s.extras.join(' | ')}`);
  }
}
