import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoDate, pdfDate } from './dates.ts';

test('ISO dates, whole or partial, keep the day as written (no shift to UTC)', () => {
  assert.equal(isoDate('2024-03-07'), '2024-03-07');
  assert.equal(isoDate(' 2024-03 '), '2024-03');
  assert.equal(isoDate('2024'), '2024');
  assert.equal(isoDate('2023-06-20T23:30:00-04:00'), '2023-06-20');
  assert.equal(isoDate('2023-06-20 10:00'), '2023-06-20');
});

test('anything else is no date', () => {
  for (const value of ['2023-02-30', '2023-13', '2023-6-5', '20 June 2023', '2023-06-20x', '0999', '', null, undefined]) {
    assert.equal(isoDate(value), null, String(value));
  }
  assert.equal(isoDate('2024-02-29'), '2024-02-29');
  assert.equal(isoDate('2023-02-29'), null);
});

test('PDF dates: D:YYYYMMDDHHmmSS with or without the prefix, parts missing or zero', () => {
  assert.equal(pdfDate("D:20210304050607+01'00'"), '2021-03-04');
  assert.equal(pdfDate('D:20210304050607Z'), '2021-03-04');
  assert.equal(pdfDate('20210304'), '2021-03-04');
  assert.equal(pdfDate('D:202103'), '2021-03');
  assert.equal(pdfDate('D:2021'), '2021');
  assert.equal(pdfDate('D:20210000'), '2021');
  assert.equal(pdfDate('D:20210300'), '2021-03');
  assert.equal(pdfDate('D:20211340'), null);
  assert.equal(pdfDate('Tue Mar 4 2021'), null);
});
