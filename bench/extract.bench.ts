/**
 * Ingestion benchmark: reading and extraction over a generated corpus of at least 50 MB (the
 * public corpus documents, recombined into 500 files), side by side with compromise (a general
 * NLP library) extracting people and organisations from the same text, and the recall of
 * known-entity mentions for both on the hand-annotated corpus. Run with `npm run bench`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nlp from 'compromise';
import YAML from 'yaml';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { readDocument, type DocumentText } from '../src/documents/read.ts';
import { Extractor } from '../src/ingest/extract.ts';
import { KnownNames } from '../src/ingest/known-names.ts';
import { fold } from '../src/names/fold.ts';
import { corpusDocument } from '../test/helpers/corpus-document.ts';

const TARGET_MB = Number(process.env.BENCH_EXTRACT_MB ?? 50);
const FILES = 500;
/** compromise reads about a tenth of a megabyte a second; it runs on a sample, and its rate is compared. */
const COMPROMISE_MB = Number(process.env.BENCH_COMPROMISE_MB ?? 3);

const corpusNames = readdirSync(new URL('../../shared/corpus/', import.meta.url)).filter((f) => f.endsWith('.txt')).sort();
const bodies = corpusNames.map((f) => corpusDocument(f).text);

// A deterministic corpus: each file a different rotation of the corpus bodies, until the target size.
const dir = mkdtempSync(join(tmpdir(), 'greyzone-extract-bench-'));
const perFile = (TARGET_MB * 1e6) / FILES;
let written = 0;
for (let i = 0; i < FILES; i++) {
  let text = `title: generated document ${i}\nsource: https://example.org/${i}\ndate: 2023-0${(i % 9) + 1}-15\n\n`;
  for (let j = 0; Buffer.byteLength(text) < perFile; j++) text += `${bodies[(i + j) % bodies.length]}\n`;
  writeFileSync(join(dir, `doc-${String(i).padStart(3, '0')}.txt`), text);
  written += Buffer.byteLength(text);
}
const mb = written / 1e6;
const rate = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

const { atlas } = loadAtlas(BUNDLED_ATLAS);
const extractor = new Extractor(atlas);
const known = new KnownNames(atlas);

// Reading.
let t = performance.now();
const docs: DocumentText[] = [];
for (const f of readdirSync(dir).sort()) docs.push(await readDocument(join(dir, f)));
const readMs = performance.now() - t;

// Known-entity scanning alone, and the whole extraction.
t = performance.now();
let mentions = 0;
for (const d of docs) mentions += known.find(d.text).length;
const scanMs = performance.now() - t;
t = performance.now();
let found = 0;
for (const d of docs) found += extractor.extract(d.text, d.date).mentions.length;
const extractMs = performance.now() - t;

// compromise on a sample of the same text.
let sample = '';
for (const d of docs) {
  if (Buffer.byteLength(sample) >= COMPROMISE_MB * 1e6) break;
  sample += d.text;
}
t = performance.now();
let compromiseFound = 0;
for (const chunk of sample.match(/[\s\S]{1,100000}/g) ?? []) {
  const doc = nlp(chunk);
  compromiseFound += doc.people().out('array').length + doc.organizations().out('array').length;
}
const compromiseMs = performance.now() - t;

// Recall of known-entity mentions on the hand-annotated corpus.
interface Gold { document: string; date: string; organisations: { name: string; id: string | null; also: string[] }[]; people: { name: string; id: string | null; also: string[] }[] }
const golds = readdirSync(new URL('../test/fixtures/extract-gold/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => YAML.parse(readFileSync(new URL(`../test/fixtures/extract-gold/${f}`, import.meta.url), 'utf8')) as Gold);
let goldKnown = 0;
let oursHit = 0;
let theirsHit = 0;
for (const g of golds) {
  const text = corpusDocument(g.document).text;
  const ours = new Set(extractor.extract(text, g.date).mentions.map((m) => m.entity_id));
  const doc = nlp(text);
  const theirs = [...doc.people().out('array'), ...doc.organizations().out('array')].map((s: string) => fold(s));
  for (const e of [...g.organisations, ...g.people].filter((x) => x.id)) {
    goldKnown++;
    if (ours.has(e.id)) oursHit++;
    const forms = [e.name, ...e.also].map(fold);
    if (theirs.some((x) => forms.some((f) => x === f || x.includes(f)))) theirsHit++;
  }
}

rmSync(dir, { recursive: true, force: true });
console.log(`\nIngestion: ${FILES} generated documents, ${mb.toFixed(1)} MB; compromise on a ${(Buffer.byteLength(sample) / 1e6).toFixed(1)} MB sample of the same text`);
console.table([
  { step: 'reading (decode, tidy, header)', system: 'greyzone', 'MB/s': rate(written, readMs).toFixed(1), found: docs.length, 'known-entity recall': '' },
  { step: 'known-entity scan (Aho–Corasick)', system: 'greyzone', 'MB/s': rate(written, scanMs).toFixed(1), found: mentions, 'known-entity recall': '' },
  { step: 'whole extraction', system: 'greyzone', 'MB/s': rate(written, extractMs).toFixed(2), found, 'known-entity recall': `${((100 * oursHit) / goldKnown).toFixed(1)}% (${oursHit}/${goldKnown})` },
  { step: 'people + organisations', system: 'compromise', 'MB/s': rate(Buffer.byteLength(sample), compromiseMs).toFixed(2), found: compromiseFound, 'known-entity recall': `${((100 * theirsHit) / goldKnown).toFixed(1)}% (${theirsHit}/${goldKnown})` },
]);
