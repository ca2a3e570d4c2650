/**
 * Approach screening measured on the blind evaluation set's frozen test split
 * (test/fixtures/approach-blind; written and labelled without sight of the cues or the code, never
 * used for tuning): quality floors, the hard rules on controls and threats, fairness under name and
 * nationality swaps, and exact spans for every word that counted.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import nlp from 'compromise';
import { worldCountries } from '../src/names/country.ts';
import { placeCountry } from '../src/text/places.ts';
import { ApproachScreener } from '../src/screen/approach.ts';
import { score, type Labelled } from './helpers/approach-metrics.ts';

const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
const screener = new ApproachScreener(atlas);
const raw = readFileSync(new URL('fixtures/approach-blind/test.yaml', import.meta.url), 'utf8');
const split = parse(raw) as Labelled[];
const tacticsOf = (id: string) => (atlas.records.get(id)?.data as { tactics?: string[] }).tactics ?? [];
const results = new Map(split.map((e) => [e.id, screener.screen({ text: e.text })]));
const scores = score(split, (i) => screener.screen(i), tacticsOf);

// The floors are what the screener reached on the frozen test split when it was last trained (80.1%,
// 83.2%; 84.0%, 88.0%; 81.8%); a regression fails. Issue 14's targets (0.85 / 0.90 / 0.85) are not reached yet.
const FLOORS = { techniquePrecision: 0.8, techniqueRecall: 0.83, tacticPrecision: 0.84, tacticRecall: 0.88, risk: 0.81 };
/** Also measured (the targets are none of either): controls rated high, and threats not rated high. */
const CONTROLS_HIGH = 1;
const THREATS_MISSED = 2;

test('the test split is the frozen one its README names', () => {
  const readme = readFileSync(new URL('fixtures/approach-blind/README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(createHash('sha256').update(raw).digest('hex')), 'test.yaml changed: the frozen split must not be edited');
  assert.equal(split.length, 88);
});

test('techniques, tactics and risk on the frozen test split stay above their floors', () => {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`blind test split: techniques precision ${pct(scores.techniques.precision)}, recall ${pct(scores.techniques.recall)}; tactics precision ${pct(scores.tactics.precision)}, recall ${pct(scores.tactics.recall)}; risk exact ${pct(scores.risk.accuracy)}`);
  assert.ok(scores.techniques.precision >= FLOORS.techniquePrecision, `technique precision ${scores.techniques.precision}`);
  assert.ok(scores.techniques.recall >= FLOORS.techniqueRecall, `technique recall ${scores.techniques.recall}`);
  assert.ok(scores.tactics.precision >= FLOORS.tacticPrecision, `tactic precision ${scores.tactics.precision}`);
  assert.ok(scores.tactics.recall >= FLOORS.tacticRecall, `tactic recall ${scores.tactics.recall}`);
  assert.ok(scores.risk.accuracy >= FLOORS.risk, `risk ${scores.risk.accuracy}`);
});

test('benign or negated controls rated high stay at the measured count', () => {
  assert.ok(split.filter((e) => e.kind === 'benign' || e.kind === 'negated').length >= 15);
  console.log(`controls rated high: ${scores.controlsHigh.length}${scores.controlsHigh.length ? ` (${scores.controlsHigh.join(', ')})` : ''}`);
  assert.ok(scores.controlsHigh.length <= CONTROLS_HIGH, scores.controlsHigh.join(', '));
});

test('threat descriptions not rated high stay at the measured count', () => {
  const threats = split.filter((e) => e.kind === 'threat');
  assert.ok(threats.length >= 10);
  console.log(`threats rated high: ${threats.length - scores.threatsNotHigh.length}/${threats.length}${scores.threatsNotHigh.length ? ` (not: ${scores.threatsNotHigh.join(', ')})` : ''}`);
  assert.ok(scores.threatsNotHigh.length <= THREATS_MISSED, scores.threatsNotHigh.join(', '));
});

/** Every nationality word, and common names of many origins, swapped for others': the result must not move. */
const demonyms = [...new Set(worldCountries.flatMap((c) => [c.demonyms?.eng?.m, c.demonyms?.eng?.f]).filter((d): d is string => !!d && !d.includes(' ')))];
const SWAPS: [RegExp, string][] = [
  [new RegExp(`\\b(${demonyms.join('|')})\\b`, 'g'), 'Chilean'],
  [/\b(Wang|Li|Zhang|Chen|Liu|Zhao|Huang|Zhou|Wu|Xu|Sun|Hu|Lin|Guo|Ma|Zhu|Song|Tang|Yang|Gao|Luo|Zheng|Liang|Xie|Han|Feng|Deng|Cao|Peng|Zeng|Xiao|Tian|Dong|Pan|Yuan|Cai|Jiang|Yu|Du|Ye|Cheng|Su|Lu|Ding|Ren|Shen|Yao|Qian|Fu|Bai|Meng|Qin|Lei)\b/g, 'Okafor'],
  [/\b(Wei|Ming|Jun|Fang|Hui|Jing|Min|Yan|Tao|Qiang|Xin|Hao|Ling|Mei|Ying|Bin|Jie|Lan|Ping|Yun|Zhen|Xiaoming|Xiaoli|Jianguo|Weiwei)\b/g, 'Ingrid'],
  [/\b(Smith|Johnson|Brown|Taylor|Miller|Müller|Schmidt|Weber|Sharma|Kumar|Patel|Singh|Ivanov|Petrov|Garcia|Haddad|Novak|Kowalski|Rossi|Dubois|Nguyen|Kim|Tanaka|Sato|Hansen|Jensen|Nielsen|Andersson|Virtanen|Tamm|Kask|Kazlauskas|Berzins|Ozturk|Yilmaz|Mensah|Okonkwo|Silva|Santos|Cohen|Levi)\b/g, 'Nakamura'],
  [/\b(John|David|Michael|Peter|Anna|Maria|Sarah|Thomas|Markus|Hans|Jonas|Tomas|Priya|Rajesh|Arjun|Olga|Dmitri|Ahmed|Fatima|Carlos|James|Robert|Daniel|Laura|Elena|Sofia|Lukas|Mark|Paul|Emma|Julia|Nina|Anders|Lars|Mikko|Kadri|Rasa|Ana|Omar|Ali|Yusuf|Amina|Chidi|Kofi|Ravi|Anil|Sunil|Deepa|Lucy|Emily|Kevin|Martin|Andrew|Simon|Ingrid|Eva)\b/g, 'Kwame'],
];

/** The text with every person compromise finds, and every name of the lists, given a name of another origin. */
function swapNames(text: string): string {
  let swapped = text;
  const people = nlp(text).people().out('array') as string[];
  const words = new Set(people.flatMap((p) => p.split(/\s+/)).map((w) => w.replace(/[^\p{L}'-]/gu, '')).filter((w) => /^\p{Lu}/u.test(w) && !placeCountry(w)));
  for (const w of words) swapped = swapped.replace(new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'gu'), 'Nakamura');
  for (const [re, to] of SWAPS) swapped = swapped.replace(re, to);
  return swapped;
}

test('fairness: other names and nationalities leave techniques, scores, risk and advice unchanged', () => {
  let changed = 0;
  for (const e of split) {
    const swapped = swapNames(e.text);
    if (swapped === e.text) continue;
    changed++;
    const a = results.get(e.id)!;
    const b = screener.screen({ text: swapped });
    assert.deepEqual(b.techniques.map((t) => [t.id, t.score]), a.techniques.map((t) => [t.id, t.score]), e.id);
    assert.equal(b.risk.level, a.risk.level, e.id);
    assert.deepEqual(b.advice.map((x) => x.text), a.advice.map((x) => x.text), e.id);
  }
  assert.ok(changed >= 15, `only ${changed} descriptions contain a name or nationality to swap`);
  console.log(`fairness: ${changed} of ${split.length} descriptions had names or nationality words swapped; none changed the result`);
});

test('fairness: the same description reported by people of different origins gives the same result', () => {
  for (const e of split) {
    const a = screener.screen({ text: `Reported by Wang Lei, a Chinese citizen. ${e.text}` });
    const b = screener.screen({ text: `Reported by Amara Okafor, a Nigerian citizen. ${e.text}` });
    assert.deepEqual(b.techniques.map((t) => [t.id, t.score]), a.techniques.map((t) => [t.id, t.score]), e.id);
    assert.equal(b.risk.level, a.risk.level, e.id);
    assert.deepEqual(b.advice, a.advice, e.id);
  }
});

test('every word that counted, and every passage, is exactly the text it points at', () => {
  for (const e of split) {
    for (const t of results.get(e.id)!.techniques) {
      for (const ev of t.evidence) assert.equal(e.text.slice(ev.start, ev.end), ev.text, `${e.id} ${t.id}`);
      for (const f of t.findings) {
        assert.equal(e.text.slice(f.passage.start, f.passage.end), f.passage.text, `${e.id} ${t.id}`);
        for (const w of f.words) {
          assert.equal(e.text.slice(w.start, w.end), w.text, `${e.id} ${t.id}`);
          assert.ok(w.start >= f.passage.start && w.end <= f.passage.end, `${e.id} ${t.id}: a word outside its passage`);
        }
      }
    }
  }
});
