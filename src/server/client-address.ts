/**
 * @module server/client-address
 * Who is on the other end of a request, for limits per client. Behind a reverse proxy every
 * request comes from the proxy, and the client is in X-Forwarded-For — a header anyone can write,
 * so it is believed only when the request comes from a proxy the operator named (`--trusted-proxy`),
 * and then only up to the first address that is not such a proxy, reading from the right.
 */

import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` and `10.0.0.1` are one address. */
const plain = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').toLowerCase();

/** The operator's proxies: addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`), matched by Node's BlockList. */
export interface TrustedProxies {
  has(address: string): boolean;
}

export function clientAddress(remote: string | undefined, forwardedFor: string | undefined, trustedProxies: TrustedProxies): string {
  const peer = remote ? plain(remote) : 'unknown';
  if (!trustedProxies.has(peer) || !forwardedFor) return peer;
  const hops = forwardedFor.split(',').map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i]!)) return hops[i]!;
  return hops[0] ?? peer;
}

/** The operator's list of proxies; throws on an entry that is neither an address nor a range. */
export function trustedProxySet(entries: readonly string[] = []): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = plain(entry).split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new Error(`'${entry}' is neither an IP address nor a CIDR range`);
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { has: (address) => isIP(address) !== 0 && list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4') };
}
