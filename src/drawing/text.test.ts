import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textWidth, wrapText } from './text.ts';

test('a name is wrapped at word boundaries into lines no wider than the box', () => {
  const lines = wrapText('International Department of the Communist Party of China', 140, 12, 4);
  assert.equal(lines.join(''), 'International Department of the Communist Party of China', 'a line broken at a space keeps it');
  assert.ok(lines.length > 1);
  for (const l of lines) assert.ok(textWidth(l.trimEnd(), 12) <= 140, l);
});

test('a name too long for the lines it may take ends in an ellipsis, and still fits', () => {
  const lines = wrapText('China Aerospace Science and Technology Corporation 9th Academy 771st Research Institute', 140, 12, 2);
  assert.equal(lines.length, 2);
  assert.ok(lines[1]!.endsWith('…'), lines[1]);
  for (const l of lines) assert.ok(textWidth(l.trimEnd(), 12) <= 140, l);
});

test('Chinese characters count a whole em each and a run of them is cut where it must be', () => {
  assert.equal(Math.round(textWidth('国家安全部', 10) / 1.02), 50);
  const lines = wrapText('航天科技集团有限公司第九研究院第七七一研究所', 100, 12, 3);
  assert.ok(lines.length > 1);
  assert.equal(lines.join(''), '航天科技集团有限公司第九研究院第七七一研究所', 'no space is put inside a run of characters');
  for (const l of lines) assert.ok(textWidth(l, 12) <= 100, l);
});

test('capitals are wider than small letters, an accented letter as wide as its base', () => {
  assert.ok(textWidth('MMMM', 12) > textWidth('iiii', 12));
  assert.equal(textWidth('é', 12), textWidth('e', 12));
});

test('an empty name gives no lines', () => {
  assert.deepEqual(wrapText('', 100, 12, 3), []);
});
