import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDates, referenceOf } from './dates.ts';

const values = (text: string, language: 'en' | 'de' | 'lt' | 'et' = 'en', date = '2024-04-22') => findDates(text, language, referenceOf(date)).map((d) => [d.text, d.value]);

test('Lithuanian and Estonian dates by their month names', () => {
  assert.deepEqual(values('Priimta 2021 m. gegužės 20 d. Vilniuje; 1998 metais pasirašyta.', 'lt'), [['2021 m. gegužės 20 d.', '2021-05-20'], ['1998 metais', '1998']]);
  assert.deepEqual(values('Otsus tehti 20. mail 2021 ja 2019. aastal.', 'et'), [['20. mail 2021', '2021-05-20'], ['2019. aastal', '2019']]);
});

test('the year in a statute’s or a report’s title, and a year cited in brackets', () => {
  assert.deepEqual(values('under the Human Rights Act 1998, as the Verfassungsschutzbericht 2023 and Bivens (1971) show'), [['1998', '1998'], ['2023', '2023'], ['1971', '1971']]);
});

test('a day glued to the word before it is still the day; numbers in a web address are not dates', () => {
  assert.deepEqual(values('Decision Date31 March 2021'), [['31 March 2021', '2021-03-31']]);
  assert.deepEqual(values('Quelle: https://example.org/2016-09-12/bericht.html', 'de'), []);
});

test('German numeric dates and months chrono passes over', () => {
  assert.deepEqual(values('Drucksache vom 21.01.2025; vor Juni 2022', 'de'), [['21.01.2025', '2025-01-21'], ['Juni 2022', '2022-06']]);
});
