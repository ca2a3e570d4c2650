import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serialiseSvg } from './svg.ts';

test('names are written as text: markup is escaped, characters XML cannot hold are left out', () => {
  const svg = serialiseSvg({ tag: 'text', attrs: { 'data-id': 'a"b<c' }, children: ['<script>alert(1)</script> & \u0007bell'] });
  assert.equal(svg, '<text data-id="a&quot;b&lt;c">&lt;script&gt;alert(1)&lt;/script&gt; &amp; bell</text>');
});
