import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../atlas/load.ts';
import { findCountries } from './countries.ts';
import { findDates, referenceOf } from './dates.ts';
import { Extractor } from './extract.ts';
import { KnownNames } from './known-names.ts';
import { findMoney } from './money.ts';
import { buildProposals, standingFor, standingOf } from './proposals.ts';
import { legalSubjects } from './relations.ts';
import { sentencesOf } from './spans.ts';

const { atlas } = loadAtlas(BUNDLED_ATLAS);
const known = new KnownNames(atlas);
const REF = new Date('2021-11-05T12:00:00Z');

test('known names: every script, either order for a person, whole words only, acronyms in capitals', () => {
  const found = known.find('Yanjun Xu of the MSS met 国家安全部 staff; the mss-like Amssterdam is not it.');
  assert.deepEqual(found.map((m) => [m.text, m.entity_id]), [['Yanjun Xu', 'person-xu-yanjun'], ['MSS', 'org-mss'], ['国家安全部', 'org-mss']]);
});

test('known names: offsets point at the words, and the longest name wins', () => {
  const text = 'The Jiangsu Province Ministry of State Security recruited him.';
  const [m] = known.find(text);
  assert.equal(text.slice(m!.start, m!.end), 'Jiangsu Province Ministry of State Security');
  assert.equal(m!.entity_id, 'org-jiangsu-ssd');
});

test('money: signs, codes and words, scales, and German number formats', () => {
  assert.deepEqual(
    findMoney('He took $1.5 million, USD 20,000, 5.000 Euro, €2,5 Mio., 300 yuan and £40.').map((m) => [m.text, m.amount, m.currency]),
    [['$1.5 million', 1_500_000, 'USD'], ['USD 20,000', 20_000, 'USD'], ['5.000 Euro', 5000, 'EUR'], ['€2,5 Mio', 2_500_000, 'EUR'], ['300 yuan', 300, 'CNY'], ['£40', 40, 'GBP']],
  );
  assert.deepEqual(findMoney('In 2018 he served 20 years.'), [], 'years and counts are not money');
});

test('dates: absolute, month, relative to the document, bare years; durations are not dates', () => {
  const d = findDates('On November 5, 2021 a jury convicted him; in 2016 and last July he travelled; yesterday he spoke; for the next 37 months he waits.', 'en', REF);
  assert.deepEqual(d.map((x) => [x.text, x.value]), [['November 5, 2021', '2021-11-05'], ['2016', '2016'], ['last July', '2021-07'], ['yesterday', '2021-11-04']]);
  assert.deepEqual(findDates('Am 28. Juli 2023 warnte das Amt.', 'de', REF).map((x) => [x.text, x.value]), [['28. Juli 2023', '2023-07-28']]);
});

test('countries: names, codes and the adjective of a state; never the origin of a person', () => {
  const t = 'A Chinese intelligence officer met U.S. companies in Germany; a Chinese national of Chinese descent, Chinese-born, with Chinese passports, is none of it. New Jersey is a state.';
  assert.deepEqual(findCountries(t).map((c) => [c.text, c.iso, c.how]), [['Chinese', 'CN', 'adjective'], ['U.S.', 'US', 'code'], ['Germany', 'DE', 'name']]);
  assert.deepEqual(findCountries('die chinesischen Behörden in Deutschland').map((c) => c.iso), ['CN', 'DE']);
});

test('sentences are not cut at initials or abbreviations', () => {
  const s = sentencesOf('said Assistant Attorney General Matthew G. Olsen of the U.S. Department of Justice. Then he left.');
  assert.equal(s.length, 2);
  assert.match(s[0]!.text, /Olsen of the U\.S\. Department of Justice\.\s*$/);
});

test('a sentence’s own words give its standing: a charge is never a conviction', () => {
  assert.equal(standingOf('Xu was charged with conspiring to commit economic espionage.'), 'charged');
  assert.equal(standingOf('A federal jury convicted Xu.'), 'convicted');
  assert.equal(standingOf('He pleaded guilty to making false statements.'), 'pleaded-guilty');
  assert.equal(standingOf('The complaint alleges that he acted for the MSS.'), 'alleged');
  assert.equal(standingOf('The MSS runs agents abroad.'), 'reported');
});

test('extraction: candidates screened against the atlas, coreferences, relations and events, offsets in code points', () => {
  const x = new Extractor(atlas).extract('𝐀 Yanjun Xu, a Jiangsu State Security Department officer, was arrested. Judge Timothy S. Black presided. Later Xu was sentenced to 20 years in prison.', '2021-11-05');
  const byText = new Map(x.mentions.map((m) => [m.text, m]));
  assert.equal(byText.get('Yanjun Xu')?.entity_id, 'person-xu-yanjun');
  assert.equal(byText.get('Xu')?.how, 'coreference');
  assert.equal(byText.get('Timothy S. Black')?.how, 'candidate');
  const xu = byText.get('Yanjun Xu')!;
  assert.equal(xu.start, 2, 'the astral 𝐀 counts as one code point');
  assert.ok(x.events.some((e) => e.type === 'sentence' && e.term === 'P20Y'));
  assert.ok(x.events.some((e) => e.type === 'arrest'));
});

test('issue 23: a legal standing is its subject’s — the person nearest the legal word on its grammatical side; others get what the charge alleges', () => {
  const ex = new Extractor(atlas);
  const roe = 'Jane Roe, an engineer, was charged with conspiring to act as an agent of the Ministry of State Security.';
  const x = ex.extract(roe, '2024-01-10');
  assert.deepEqual(x.events.map((e) => [e.type, e.person.text]), [['charge', 'Jane Roe']]);
  const proposals = buildProposals(roe, x);
  assert.deepEqual(proposals.filter((p) => p.kind !== 'relation').map((p) => [p.data.entity_id ?? p.data.name, p.data.standing]), [['Jane Roe', 'charged'], ['org-mss', 'alleged']]);
  assert.equal(standingFor('A jury convicted Xu of acting as an agent of the MSS.', false), 'reported', 'what a conviction establishes of another is reported, not convicted');
  assert.equal(standingFor('The charges against him were dismissed.', true), 'dismissed');
  // Two people: the one the sentence says was charged, not the officer named beside her.
  const two = 'Prosecutors say John Smith, an MSS officer, recruited Jane Roe, who was charged in 2023.';
  const people = [{ text: 'John Smith', start: 16, end: 26, kind: 'person', entity_id: null }, { text: 'Jane Roe', start: 55, end: 63, kind: 'person', entity_id: null }];
  assert.deepEqual(legalSubjects(two, 0, people, false).map((p) => p.text), ['Jane Roe']);
  assert.deepEqual(legalSubjects('A federal jury convicted Jane Roe after John Smith testified.', 0, [{ text: 'Jane Roe', start: 25, end: 33, kind: 'person', entity_id: null }, { text: 'John Smith', start: 40, end: 50, kind: 'person', entity_id: null }], false).map((p) => p.text), ['Jane Roe']);
  assert.deepEqual(legalSubjects('Jane Roe and John Smith were indicted.', 0, [{ text: 'Jane Roe', start: 0, end: 8, kind: 'person', entity_id: null }, { text: 'John Smith', start: 13, end: 23, kind: 'person', entity_id: null }], false).map((p) => p.text), ['Jane Roe', 'John Smith']);
});

test('issue 23: relative dates are read against the document’s date, only at its precision, and never against 1970 or today', () => {
  const t = 'Last year he travelled; yesterday he spoke; on 5 May 2020 it began.';
  const at = (date: string | null) => findDates(t, 'en', referenceOf(date)).map((d) => [d.text, d.value]);
  assert.deepEqual(at('2021-11-05'), [['Last year', '2020'], ['yesterday', '2021-11-04'], ['5 May 2020', '2020-05-05']]);
  assert.deepEqual(at('2021'), [['Last year', '2020'], ['yesterday', null], ['5 May 2020', '2020-05-05']], 'a year says which year was last, not which day was yesterday');
  assert.deepEqual(at(null), [['Last year', null], ['yesterday', null], ['5 May 2020', '2020-05-05']]);
  assert.deepEqual(new Extractor(atlas).extract(t).dates.map((d) => d.value), [null, null, '2020-05-05']);
});

test('issue 23: a run of capitals across a sentence’s end is not one candidate', () => {
  const text = 'Roe worked for Northwind Avionics Corporation in Ohio. The Northwind Avionics Corporation said it cooperated.';
  const x = new Extractor(atlas).extract(text);
  assert.deepEqual(x.mentions.map((m) => m.text), ['Northwind Avionics Corporation', 'Northwind Avionics Corporation']);
  assert.deepEqual(buildProposals(text, x).map((p) => [p.kind, p.data.name]), [['new-entity', 'Northwind Avionics Corporation']]);
});

test('two legal events and two people in one sentence: no one is given either standing, the analyst decides', () => {
  const extractor = new Extractor(loadAtlas(BUNDLED_ATLAS).atlas);
  for (const text of ['The charges against Zhu Feng were dismissed, while Michael McMahon was convicted.', 'Li Minjun, an officer of the Ministry of Public Security, was arrested, and Michael McMahon was convicted.']) {
    const standings = buildProposals(text, extractor.extract(text, '2021-01-01')).map((p) => p.data.standing as string);
    assert.ok(standings.length > 0);
    for (const s of standings) assert.ok(!['convicted', 'dismissed', 'charged', 'pleaded-guilty', 'acquitted'].includes(s), `${text}: ${standings.join(', ')}`);
  }
  const one = 'Michael McMahon was convicted and sentenced to 18 months.';
  assert.deepEqual(buildProposals(one, extractor.extract(one, '2021-01-01')).map((p) => p.data.standing), ['convicted']);
});
