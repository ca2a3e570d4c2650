/**
 * @module store/secrets
 * API tokens: shown once, stored only as a slow salted hash (scrypt, from Node's crypto). A token
 * is `gz_<id>_<secret>`: the id finds the row, the secret is checked against the hash in constant
 * time. Hashing runs on libuv's thread pool, so a flood of wrong tokens never holds the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

const derive = (secret: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(secret, salt, length, options, (e, key) => (e ? reject(e) : resolve(key))));

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash no secret matches, checked when a token names no stored id: a wrong token then costs the
 * same whether or not its id exists, so timing cannot tell which ids do.
 */
export const DECOY_HASH = `scrypt$${N}$${R}$${P}$${randomBytes(16).toString('base64url')}$${randomBytes(KEY_LENGTH).toString('base64url')}`;

export function newToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  return { id, secret, token: `gz_${id}_${secret}` };
}

export function parseToken(token: string): { id: string; secret: string } | undefined {
  const m = /^gz_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(token.trim());
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}
