import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseName } from './normalise.ts';
import { segmentPinyin } from './pinyin-syllables.ts';

const key = (s: string) => normaliseName(s).key;
const same = (a: string, b: string) => test(`${a} = ${b}`, () => {
  assert.equal(key(a), key(b));
  assert.equal(key(b), key(a));
});
const differ = (a: string, b: string) => test(`${a} ≠ ${b}`, () => assert.notEqual(key(a), key(b)));

// Each transformation, both directions.
same('Tarmo Kõuts', 'Tarmo Kouts'); // diacritics
same('XU YANJUN', 'xu yanjun'); // case
same('Xu Yan-jun', 'Xu Yanjun'); // hyphens
same('國家安全部', '国家安全部'); // traditional → simplified
same('Guojia Anquanbu', 'guo jia an quan bu'); // syllable segmentation
same('Yanjun Xu', 'Xu Yanjun'); // name order
same('Ministry for State Security of the PRC', 'Ministry of State Security'); // fillers and country suffix
same("China's Ministry of State Security", 'Ministry of State Security'); // country prefix
same('Hsu Yen', 'Xu Yan'); // Wade–Giles initials and finals
same('Wuhan University', '武汉大学'); // organisation words, characters → pinyin
same('Shanghai Center', 'Shanghai Centre'); // spelling variants
differ('Hu Ji', 'Hu Jintao');
differ('Xu Yang', 'Xu Yanjun');
differ('Wuhan University', 'Wuhan Public Security Bureau');

test('a name in characters keeps its plain pinyin as an alternative key', () => {
  assert.ok(normaliseName('国家安全部').alternatives.includes(key('Guojia Anquanbu')));
});
test('a country named in the name is set aside as a qualifier', () => {
  assert.equal(normaliseName('中华人民共和国国家安全部').country, 'cn');
  assert.equal(normaliseName('Ministry of State Security of the PRC').country, 'cn');
  assert.equal(normaliseName('Ministry of State Security').country, undefined);
});
test('the transformations a name took are named', () => {
  assert.deepEqual(normaliseName('國家安全部').via, ['folded', 'organisation word', 'pinyin']);
});
test('pinyin is cut into the fewest syllables: xian, not xi an', () => assert.deepEqual(segmentPinyin('xian'), ['xian']));
test('a word that is not pinyin is not cut', () => assert.equal(segmentPinyin('ministry'), undefined));
test('markup and punctuation leave only words', () => assert.equal(key('<b>MSS</b>'), 'b b mss'));
