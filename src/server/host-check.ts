/**
 * @module server/host-check
 * An embedded explorer has no signing in and listens on loopback, but a web page elsewhere can
 * point a name it controls at 127.0.0.1 (DNS rebinding) and then read and write through it as a
 * same-origin page. Such a request still carries the attacker's name in its Host header, so the
 * explorer answers only to loopback names and addresses, and to names the operator allows.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

const LOOPBACK = /^(?:localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isLoopbackName(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Refuses requests whose Host is neither a loopback name nor one of `allowed` (names, without port). */
export function hostCheck(allowed: readonly string[] = []): MiddlewareHandler {
  const extra = new Set(allowed.map((h) => h.toLowerCase()));
  return async (c, next) => {
    const host = new URL(c.req.url).hostname.toLowerCase();
    if (!isLoopbackName(host) && !extra.has(host)) {
      throw new HTTPException(403, { message: `this explorer answers only to loopback names, and '${host.slice(0, 100)}' is not one (allow it with --allow-host)` });
    }
    await next();
  };
}
