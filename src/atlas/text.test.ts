import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointLength, firstInvalidUtf8, sliceCodePoints } from './text.ts';

test('offsets count code points: a character outside the BMP is one', () => {
  assert.equal(sliceCodePoints('a𠀀bc', 1, 3), '𠀀b');
  assert.equal(codePointLength('a𠀀bc'), 4);
});
test('without astral characters code points and UTF-16 agree', () => assert.equal(sliceCodePoints('国家安全部', 2, 4), '安全'));
test('the first invalid UTF-8 byte is found after valid multi-byte text', () => {
  assert.equal(firstInvalidUtf8(Buffer.concat([Buffer.from('国a'), Buffer.from([0xe9, 0x41])])), 4);
});
test('a truncated sequence at the end is invalid', () => assert.equal(firstInvalidUtf8(Buffer.from([0x41, 0xe5, 0x9b])), 1));
