/**
 * @module watch/webhook
 * A watchlist's alerts sent to another system: an admin sets an http(s) address; each batch of
 * alerts is POSTed as JSON, signed with HMAC-SHA256 over the timestamp and the body (the scheme
 * Stripe and GitHub use, so a receiver can check both who sent it and that it is fresh), and tried
 * again with back-off until it is taken or given up. An address that is or resolves to a
 * link-local or cloud metadata address is refused — when it is set, and again at each delivery,
 * on the address actually connected to, so a name that changes what it resolves to gains nothing.
 * Only the status of the answer is waited for, and the whole exchange has a time limit.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { Delivery, Watchlists } from '../store/watchlists.ts';

/** A webhook address refused: the message says why. */
export class WebhookError extends Error {}

/** Link-local ranges (where every cloud's instance metadata lives) and the metadata addresses outside them. */
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud's metadata
FORBIDDEN.addAddress('0.0.0.0', 'ipv4');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6'); // AWS's metadata over IPv6
FORBIDDEN.addAddress('::', 'ipv6');
// IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms may carry a link-local address to the same place.
FORBIDDEN.addSubnet('::', 96, 'ipv6');
FORBIDDEN.addSubnet('64:ff9b::', 96, 'ipv6');
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/** Whether an address (v4, v6, or v4 mapped into v6) may not be sent to. */
export function forbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return FORBIDDEN.check(mapped, 'ipv4');
  const family = isIP(address);
  return family === 4 ? FORBIDDEN.check(address, 'ipv4') : family === 6 ? FORBIDDEN.check(address, 'ipv6') : false;
}

/** The address, checked: http(s), no credentials in it, and not a link-local or metadata address. */
export function checkWebhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new WebhookError(`'${text.slice(0, 100)}' is not an address (give one like https://alerts.example.org/greyzone)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookError(`a webhook is sent over http or https, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username || url.password) throw new WebhookError('a webhook address may not hold a user name or password; the body is signed instead');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (forbiddenAddress(host) || METADATA_NAMES.has(host)) throw new WebhookError(`${url.hostname} is a link-local or cloud metadata address; a webhook may not be sent there`);
  return url;
}

/** The address's host as it resolves now: refused if any of its addresses is link-local or metadata, or it does not resolve. */
export async function checkWebhookHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return;
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true }, (err, list) => (err ? reject(err) : resolve(list))));
  const bad = addresses.find((a) => forbiddenAddress(a.address));
  if (bad) throw new WebhookError(`${host} resolves to ${bad.address}, a link-local or metadata address; a webhook may not be sent there`);
}

export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The signature a receiver checks: HMAC-SHA256 of `timestamp.body` with the list's secret, in hex. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export interface DeliveryOptions {
  /** The first retry's wait; each further one waits twice as long (at most an hour). */
  retryBaseMs?: number;
  /** Attempts before a delivery is given up (and shown as failed). */
  maxAttempts?: number;
  timeoutMs?: number;
  now?: () => Date;
}

const HOUR = 3600_000;

/** A lookup that refuses a name resolving to a forbidden address, so the check holds for the connection made. */
function guardedLookup(hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => forbiddenAddress(a.address));
    if (bad) return callback(new WebhookError(`${hostname} resolves to ${bad.address}, a link-local or metadata address`), '');
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

/**
 * One POST; resolves with the status as soon as the receiver gives one, rejects on a network
 * failure — or when the whole exchange takes longer than `timeoutMs`, however slowly the receiver
 * trickles its answer.
 */
function post(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  if (forbiddenAddress(url.hostname.replace(/^\[|\]$/g, ''))) return Promise.reject(new WebhookError(`${url.hostname} is a link-local or metadata address`));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers }, lookup: guardedLookup as never, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      // The status is the answer; the rest of what the receiver sends is not waited for.
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.on('error', (e: Error) => reject(e.name === 'AbortError' || e.name === 'TimeoutError' ? new Error(`no answer within ${timeoutMs / 1000} s`) : e));
    req.end(body);
  });
}

/** Sends the deliveries that are due; returns how many were taken. Any number of processes may call it. */
export async function deliverDue(watchlists: Watchlists, o: DeliveryOptions = {}): Promise<number> {
  const now = o.now ?? (() => new Date());
  const base = o.retryBaseMs ?? 5000;
  const max = o.maxAttempts ?? 8;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const due = await watchlists.takeDueDeliveries(now(), timeoutMs * 3);
  await Promise.all(
    due.map(async (d: Delivery) => {
      const timestamp = String(Math.floor(now().getTime() / 1000));
      let error: string;
      try {
        const status = await post(new URL(d.url), d.body, {
          'x-greyzone-delivery': `${d.watchlist}:${d.n}`,
          'x-greyzone-timestamp': timestamp,
          'x-greyzone-signature': `sha256=${webhookSignature(d.secret, timestamp, d.body)}`,
        }, timeoutMs);
        if (status >= 200 && status < 300) return await watchlists.deliveryDone(d, { delivered: true });
        error = `the receiver answered ${status}`;
      } catch (e) {
        error = (e as Error).message;
      }
      const attempts = d.attempts + 1;
      const retryAt = attempts < max ? new Date(now().getTime() + Math.min(HOUR, base * 2 ** (attempts - 1))) : null;
      await watchlists.deliveryDone(d, { delivered: false, error, retryAt });
    }),
  );
  return due.length;
}
