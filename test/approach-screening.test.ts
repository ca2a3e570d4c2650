/**
 * Approach screening on the bundled atlas: a labelled set of described approaches written for
 * greyzone (test/fixtures/approach-eval.yaml), the fairness invariance, exact evidence spans,
 * and bad input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { ApproachInputError, ApproachScreener, ApproachTimeout, type ApproachInput } from '../src/screen/approach.ts';

interface Labelled {
  id: string;
  text: string;
  channel?: string;
  expected: string[];
  risk: string;
}

const screener = new ApproachScreener(loadAtlas(BUNDLED_ATLAS).atlas);
const set = parse(readFileSync(new URL('fixtures/approach-eval.yaml', import.meta.url), 'utf8')) as Labelled[];
const run = (e: Labelled) => screener.screen({ text: e.text, ...(e.channel ? { channel: e.channel } : {}) } as ApproachInput);
const results = new Map(set.map((e) => [e.id, run(e)]));

test('the labelled set is large and covers every technique', () => {
  assert.ok(set.length >= 40, `${set.length} descriptions`);
  const techniques = loadAtlas(BUNDLED_ATLAS).atlas;
  const covered = new Set(set.flatMap((e) => e.expected));
  const missing = [...techniques.records.values()].filter((r) => r.kind === 'technique' && !covered.has(r.id)).map((r) => r.id);
  assert.deepEqual(missing, []);
});

test('per-technique recall and precision do not regress', () => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perTactic = new Map<string, { tp: number; fp: number; fn: number }>();
  const tacticsOf = (id: string) => (loadAtlas(BUNDLED_ATLAS).atlas.records.get(id)?.data as { tactics: string[] }).tactics;
  const bump = (id: string, key: 'tp' | 'fp' | 'fn') => {
    for (const t of tacticsOf(id)) {
      const s = perTactic.get(t) ?? { tp: 0, fp: 0, fn: 0 };
      s[key]++;
      perTactic.set(t, s);
    }
  };
  const errors: string[] = [];
  for (const e of set) {
    const found = new Set(results.get(e.id)!.techniques.map((t) => t.id));
    const expected = new Set(e.expected);
    for (const id of found) {
      // Finding a parent technique where its sub-technique was expected (or the reverse) is not an error.
      const related = [...expected].some((x) => x.split('.')[0] === id.split('.')[0]);
      if (expected.has(id)) {
        tp++;
        bump(id, 'tp');
      } else if (!related) {
        fp++;
        bump(id, 'fp');
        errors.push(`${e.id}: extra ${id}`);
      }
    }
    for (const id of expected) {
      if (found.has(id)) continue;
      fn++;
      bump(id, 'fn');
      errors.push(`${e.id}: missed ${id}`);
    }
  }
  const recall = tp / (tp + fn);
  const precision = tp / (tp + fp);
  console.log(`approach screening: ${set.length} descriptions; recall ${(recall * 100).toFixed(1)}%, precision ${(precision * 100).toFixed(1)}%`);
  for (const [t, s] of [...perTactic].sort()) console.log(`  ${t}: recall ${((s.tp / Math.max(1, s.tp + s.fn)) * 100).toFixed(0)}%, precision ${((s.tp / Math.max(1, s.tp + s.fp)) * 100).toFixed(0)}%`);
  for (const e of errors) console.log(`  ${e}`);
  assert.ok(recall >= RECALL_FLOOR, `recall ${recall}`);
  assert.ok(precision >= PRECISION_FLOOR, `precision ${precision}`);
});

test('risk levels match the labels', () => {
  const wrong = set.filter((e) => results.get(e.id)!.risk.level !== e.risk).map((e) => `${e.id}: ${results.get(e.id)!.risk.level}, labelled ${e.risk}`);
  console.log(`risk: ${set.length - wrong.length}/${set.length} as labelled`);
  for (const w of wrong) console.log(`  ${w}`);
  assert.ok((set.length - wrong.length) / set.length >= RISK_FLOOR, wrong.join('\n'));
});

test('benign descriptions raise no high risk', () => {
  const benign = set.filter((e) => e.expected.length === 0);
  assert.ok(benign.length >= 6);
  assert.deepEqual(benign.filter((e) => results.get(e.id)!.risk.level === 'high').map((e) => e.id), []);
});

test('every evidence span is exactly the text it shows', () => {
  for (const e of set) {
    for (const t of results.get(e.id)!.techniques) {
      for (const ev of t.evidence) if (ev.field === 'text') assert.equal(e.text.slice(ev.start, ev.end), ev.text, `${e.id} ${t.id}`);
    }
  }
});

/** Names and nationality words of one origin, swapped for another's. */
const SWAPS: [RegExp, string][] = [
  [/\b(Chinese)\b/g, 'Norwegian'],
  [/\b(German|Lithuanian|Estonian|Indian|British|American|Russian|Taiwanese|Tibetan|Uyghur|Hong Konger)\b/g, 'Chilean'],
  [/\b(Wang|Li|Zhang|Chen|Liu|Zhao|Huang|Zhou|Wu|Xu|Sun|Hu|Lin|Guo|Ma|Zhu|Song|Tang|Yang|Gao)\b/g, 'Okafor'],
  [/\b(Wei|Ming|Jun|Lei|Fang|Hui|Jing|Min|Yan|Tao|Qiang|Xin|Hao|Bo|Ling)\b/g, 'Ingrid'],
  [/\b(Smith|Johnson|Brown|Taylor|Miller|Müller|Schmidt|Weber|Kazlauskas|Petrauskas|Jankauskas|Tamm|Saar|Kask|Sharma|Kumar|Patel|Singh|Ivanov|Petrov)\b/g, 'Nakamura'],
  [/\b(John|David|Michael|Peter|Anna|Maria|Sarah|Thomas|Markus|Hans|Jonas|Tomas|Rasa|Priya|Rajesh|Arjun|Kati|Mart|Olga|Dmitri)\b/g, 'Kwame'],
];

test('fairness: other names and nationalities leave techniques, risk and advice unchanged', () => {
  let changed = 0;
  for (const e of set) {
    let swapped = e.text;
    for (const [re, to] of SWAPS) swapped = swapped.replace(re, to);
    if (swapped === e.text) continue;
    changed++;
    const a = results.get(e.id)!;
    const b = screener.screen({ text: swapped, ...(e.channel ? { channel: e.channel } : {}) } as ApproachInput);
    assert.deepEqual(b.techniques.map((t) => t.id), a.techniques.map((t) => t.id), e.id);
    assert.equal(b.risk.level, a.risk.level, e.id);
    assert.deepEqual(b.advice.map((x) => x.text), a.advice.map((x) => x.text), e.id);
  }
  console.log(`fairness: ${changed} descriptions had names or nationality words swapped; none changed the result`);
  assert.ok(changed >= set.length / 4, `only ${changed} descriptions contain a name or nationality to swap`);
});

test('a negated or hypothetical offer is not evidence', () => {
  const r = screener.screen({ text: 'He did not offer me any money or a paid trip. If they ask me for documents, I will refuse.' });
  assert.deepEqual(r.techniques.map((t) => t.id), []);
  assert.equal(r.risk.level, 'low');
});

test('bad input: empty, huge, binary, another language — a clear answer each', () => {
  assert.throws(() => screener.screen({ text: '   ' }), (e: Error) => e instanceof ApproachInputError && e.message === 'the description is empty');
  assert.throws(() => screener.screen({ text: 'a '.repeat(2_600_000) }), /the description is 5200000 characters long; the limit is 1000000/);
  assert.throws(() => screener.screen({ text: '\u0000\u0001\u0002\ufffd'.repeat(100) }), /does not look like text/);
  const german = screener.screen({ text: 'Ein Mitarbeiter eines Think Tanks hat mich auf LinkedIn kontaktiert und mir Geld für Berichte angeboten.' });
  assert.equal(german.language.supported, false);
  assert.match(german.language.message!, /appears to be in German; approach screening reads English only/);
  const lithuanian = screener.screen({ text: 'Jis pasiūlė man pinigų už ataskaitas ir apmokėtą kelionę į Kiniją, bet prašė niekam nesakyti.' });
  assert.match(lithuanian.language.message!, /Lithuanian/);
});

test('greyzone screen approach prints DESIGN’s JSON shape', () => {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', 'screen', 'approach', '-', '--channel', 'social-network'], {
    input: "Last spring a man who said he worked for a policy institute in Shanghai messaged me on LinkedIn. He offered me 800 euros for each short report on our ministry's internal discussions and asked me to keep it between us. Later he invited me to a seminar there, all travel and hotel costs covered.",
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  for (const key of ['techniques', 'cases', 'actors', 'risk', 'advice']) assert.ok(key in out, key);
  const t = (out.techniques as { id: string; name: string; score: number; evidence: { start: number; end: number; text: string }[] }[])[0]!;
  assert.ok(t.id && t.name && t.score > 0 && t.evidence.length > 0);
  assert.ok((out.actors as { statement: string }[]).every((a) => a.statement.startsWith('consistent with the methods')));
});

test('greyzone screen approach refuses an empty text in one line', () => {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', 'screen', 'approach', '-'], { input: '\n', encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'greyzone: the description is empty\n');
});

// The floors are the figures the screener reached on this set; a regression fails.
const RECALL_FLOOR = 0.66;
const PRECISION_FLOOR = 0.72;
const RISK_FLOOR = 0.7;

test('read a slice at a time, the screening is the same; past its deadline it stops with nothing', async () => {
  const text = 'A man wrote to me on LinkedIn as a consultant and offered money for briefing notes. '.repeat(400);
  assert.deepEqual(await screener.screenAsync({ text }), screener.screen({ text }));
  await assert.rejects(screener.screenAsync({ text }, Date.now() - 1), ApproachTimeout);
});

test('a place in China named without the country counts as China does', () => {
  const inCity = screener.screen({ text: 'She was invited to a conference at a university in Nanjing, with all travel and hotel expenses paid by the hosts.' });
  const inCountry = screener.screen({ text: 'She was invited to a conference at a university in China, with all travel and hotel expenses paid by the hosts.' });
  assert.deepEqual(inCity.techniques.map((t) => [t.id, t.score]), inCountry.techniques.map((t) => [t.id, t.score]));
  assert.ok(inCity.techniques.some((t) => t.id === 'GZT0012'), inCity.techniques.map((t) => t.id).join(' '));
});

test('a text mostly in a script greyzone does not read gets the "reads English only" answer, however short', () => {
  for (const text of ['国家安全部的人联系了我', '他们威胁我的父母', 'Мне угрожали', 'LinkedIn 上有人联系我，要我提供内部资料']) {
    const r = screener.screen({ text });
    assert.equal(r.language.supported, false, text);
    assert.match(r.language.message!, /approach screening reads English only/);
    assert.equal(r.risk.level, 'not-assessed');
  }
  assert.equal(screener.screen({ text: 'He works at 国家安全部 and wrote to me on LinkedIn offering money for reports.' }).language.supported, true);
});

test('the cash indicator needs cash: a bank transfer is not a hand-over in cash', () => {
  const cues = new ApproachScreener(loadAtlas(BUNDLED_ATLAS).atlas, { model: null });
  const byTransfer = cues.screen({ text: 'During his visit to Beijing they paid him 2,000 euros by bank transfer for the report.' });
  const cash = (r: typeof byTransfer) => r.techniques.flatMap((t) => t.findings.filter((f) => /in cash/.test(f.indicator)));
  assert.deepEqual(cash(byTransfer), []);
  assert.equal(cash(cues.screen({ text: 'During his visit to Beijing they handed him an envelope with 2,000 euros in cash.' })).length, 1);
});

test('advice is grouped by audience, each step once; a threat to a person or their family puts whom to call first', () => {
  const r = screener.screen({ text: 'They told him his sister would lose her job unless he came home, and that he should send them the names of the other students.' });
  assert.equal(r.risk.level, 'high');
  assert.equal(r.advice[0]!.step, 'safety');
  assert.match(r.advice[0]!.text, /call the police/);
  const order = ['individual', 'security-officer', 'institution'];
  const ranks = r.advice.map((a) => order.indexOf(a.audience));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  assert.equal(new Set(r.advice.map((a) => a.text)).size, r.advice.length);
  // Shown as "Stop: …", a step whose text starts with its own name would read "Stop: Stop …".
  for (const level of [r, screener.screen({ text: 'He offered money for internal reports and asked me to keep it quiet.' })]) {
    assert.ok(level.advice.every((a) => a.text.split(/\W/)[0]!.toLowerCase() !== a.step), level.advice.map((a) => `${a.step}: ${a.text}`).join('\n'));
  }
  const calm = screener.screen({ text: 'A recruiter messaged me on LinkedIn about a job at a software company.' });
  assert.ok(calm.advice.every((a) => a.step !== 'safety'));
});

test('every technique explains its score in words', () => {
  const r = screener.screen({ text: 'A man introduced himself on LinkedIn as a consultant. A week later he proposed paying her for briefing notes.' });
  assert.ok(r.techniques.length > 0);
  for (const t of r.techniques) assert.match(t.explanation, /sign/);
});
