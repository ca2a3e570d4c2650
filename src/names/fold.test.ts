import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compact, fold, pinyinKey } from './fold.ts';

test('case and diacritics fold: Kõuts = Kouts', () => assert.equal(fold('Tarmo KÕUTS'), 'tarmo kouts'));
test('hyphens and punctuation become spaces: Yan-jun', () => assert.equal(fold('XU Yan-jun'), 'xu yan jun'));
test('typographic and straight apostrophes fold alike', () => assert.equal(fold('People’s Republic'), fold("People's Republic")));
test('traditional characters fold to simplified', () => assert.equal(fold('國家安全部'), '国家安全部'));
test('full-width Latin folds to ASCII', () => assert.equal(fold('ＭＳＳ'), 'mss'));
test('pinyin key of a Chinese name, tones dropped', () => assert.equal(pinyinKey('国家安全部'), 'guo jia an quan bu'));
test('pinyin key of traditional characters equals that of simplified', () => assert.equal(pinyinKey('國家安全部'), pinyinKey('国家安全部')));
test('no pinyin key for a Latin name', () => assert.equal(pinyinKey('Ministry of State Security'), ''));
test('compact removes syllable boundaries', () => assert.equal(compact(fold('Guojia Anquanbu')), compact(pinyinKey('国家安全部'))));
test('markup is punctuation, not a name', () => assert.equal(fold('<b>MSS</b>'), 'b mss b'));
