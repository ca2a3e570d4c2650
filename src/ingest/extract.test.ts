import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../atlas/load.ts';
import { findCountries } from './countries.ts';
import { findDates } from './dates.ts';
import { Extractor } from './extract.ts';
import { KnownNames } from './known-names.ts';
import { findMoney } from './money.ts';
import { standingOf } from './proposals.ts';
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
