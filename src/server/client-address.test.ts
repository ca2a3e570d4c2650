import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientAddress, trustedProxySet } from './client-address.ts';

const proxies = trustedProxySet(['10.0.0.5', '::1', '192.168.7.0/24']);

test('without a trusted proxy the peer is the client, whatever X-Forwarded-For says', () => {
  assert.equal(clientAddress('203.0.113.9', '198.51.100.1', proxies), '203.0.113.9');
  assert.equal(clientAddress('203.0.113.9', undefined, trustedProxySet()), '203.0.113.9');
  assert.equal(clientAddress(undefined, '198.51.100.1', proxies), 'unknown');
});

test('from a trusted proxy, the rightmost address that is not a proxy is the client', () => {
  assert.equal(clientAddress('10.0.0.5', '198.51.100.1', proxies), '198.51.100.1');
  // A client that writes its own header cannot choose its address: the proxy appends the real one.
  assert.equal(clientAddress('10.0.0.5', '1.2.3.4, 198.51.100.1', proxies), '198.51.100.1');
  assert.equal(clientAddress('::ffff:10.0.0.5', '198.51.100.1, ::1', proxies), '198.51.100.1');
  assert.equal(clientAddress('10.0.0.5', undefined, proxies), '10.0.0.5');
});

test('proxies may be given as ranges; anything else is refused', () => {
  assert.equal(clientAddress('192.168.7.20', '198.51.100.1', proxies), '198.51.100.1');
  assert.equal(clientAddress('192.168.8.20', '198.51.100.1', proxies), '192.168.8.20');
  assert.throws(() => trustedProxySet(['proxy.example.org']), /neither an IP address nor a CIDR range/);
  assert.throws(() => trustedProxySet(['10.0.0.0/33']), /neither/);
});
