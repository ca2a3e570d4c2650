import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replacementShare, tidyText } from './tidy.ts';

test('one shape for every text: NFC, LF, no trailing spaces, single blank lines, final newline', () => {
  assert.equal(tidyText('a  \r\nb\rc\n\n\n\nd\t \n'), 'a\nb\nc\n\nd\n');
  assert.equal(tidyText('Cafe\u0301'), 'Caf\u00e9\n');
  assert.equal(tidyText('\n \n  indented\n\n'), '  indented\n');
  assert.equal(tidyText('line\u2028next\u2029para\fpage\u000bv'), 'line\nnext\n\npara\npage\nv\n');
  assert.equal(tidyText('no\u0000nul\u0007bell\u001bescape\u007f'), 'nonulbellescape\n');
  assert.equal(tidyText('keeps\ttabs inside'), 'keeps\ttabs inside\n');
  assert.equal(tidyText(' \n\t\n'), '');
});

test('the share of replacement characters among visible ones', () => {
  assert.equal(replacementShare(''), 0);
  assert.equal(replacementShare('   '), 0);
  assert.equal(replacementShare('ab\ufffd\ufffd'), 0.5);
  assert.equal(replacementShare('a \ufffd\n\ufffd \ufffd'), 0.75);
});
