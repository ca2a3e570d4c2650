import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret, newToken, parseToken, verifySecret } from './secrets.ts';

test('a stored secret is a salted scrypt hash, not the secret', () => {
  const { secret } = newToken();
  const a = hashSecret(secret);
  const b = hashSecret(secret);
  assert.match(a, /^scrypt\$16384\$8\$1\$/);
  assert.ok(!a.includes(secret));
  assert.notEqual(a, b, 'salted');
  assert.ok(verifySecret(secret, a) && verifySecret(secret, b));
  assert.ok(!verifySecret(`${secret}x`, a));
});
test('tokens parse only in their own shape', () => {
  const { token, id, secret } = newToken();
  assert.deepEqual(parseToken(token), { id, secret });
  for (const bad of ['', 'gz_', `${token}x`, token.replace('gz_', 'gx_'), "' OR 1=1 --"]) assert.equal(parseToken(bad), undefined, bad);
});
