import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DECOY_HASH, hashSecret, newToken, parseToken, verifySecret } from './secrets.ts';

test('a stored secret is a salted scrypt hash, not the secret', async () => {
  const { secret } = newToken();
  const a = await hashSecret(secret);
  const b = await hashSecret(secret);
  assert.match(a, /^scrypt\$16384\$8\$1\$/);
  assert.ok(!a.includes(secret));
  assert.notEqual(a, b, 'salted');
  assert.ok((await verifySecret(secret, a)) && (await verifySecret(secret, b)));
  assert.ok(!(await verifySecret(`${secret}x`, a)));
  assert.ok(!(await verifySecret(secret, DECOY_HASH)), 'the decoy matches no secret');
});
test('tokens parse only in their own shape', () => {
  const { token, id, secret } = newToken();
  assert.deepEqual(parseToken(token), { id, secret });
  for (const bad of ['', 'gz_', `${token}x`, token.replace('gz_', 'gx_'), "' OR 1=1 --"]) assert.equal(parseToken(bad), undefined, bad);
});

test('hashing leaves the event loop free', async () => {
  let turns = 0;
  const timer = setInterval(() => turns++, 0);
  await Promise.all([1, 2, 3, 4].map(() => hashSecret('x')));
  clearInterval(timer);
  assert.ok(turns > 0, 'timers ran while four hashes were computed');
});
