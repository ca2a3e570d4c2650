/**
 * @module server/auth
 * Who is asking. In embedded mode (one analyst, on loopback) every request is the local account,
 * with every right. In server mode a request names its account by an API token
 * (`Authorization: Bearer gz_…`) or by the session cookie the web app gets when its user signs in
 * with that token; anything else gets 401. Roles and clearances are then checked per route.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { roleAllows, type Account, type Role } from '../store/accounts.ts';
import type { Store } from '../store/store.ts';

export type Mode = 'embedded' | 'server';

export const SESSION_COOKIE = 'gz_session';

/** The one user of an embedded explorer. */
export const LOCAL_ACCOUNT: Account = { name: 'local', role: 'admin', clearance: 'red', created_at: '1970-01-01T00:00:00.000Z', revoked_at: null };

export interface AuthEnv {
  /** `authFailed`: a token was presented and did not hold, even where an open route still answers. */
  Variables: { account: Account; mode: Mode; authFailed: boolean };
}

/** Routes that answer before anyone has signed in: the web app asks who it is, and signs in. */
const OPEN_ROUTES = new Set(['GET /api/session', 'POST /api/session', 'GET /api/openapi.json']);

/** The token a request presents, and where: a header names any token, the cookie only a session. */
/**
 * The token a request presents: `Authorization: Bearer <token>`; or HTTP Basic with the account's
 * name and the token as password, as TAXII clients and Navigator's configured authentication send
 * it (the name must then be the token's account's); or the session cookie.
 */
export function presentedToken(c: Context): { token: string; from: 'header' | 'cookie'; name?: string } | undefined {
  const header = c.req.header('authorization');
  const basic = header && /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (basic) {
    const pair = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    if (colon > 0) return { token: pair.slice(colon + 1), from: 'header', name: pair.slice(0, colon) };
  }
  if (header) return { token: /^Bearer\s+(.+)$/i.exec(header)?.[1] ?? header, from: 'header' };
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, from: 'cookie' } : undefined;
}

export function bearerOrCookie(c: Context): string | undefined {
  return presentedToken(c)?.token;
}

export function authenticate(store: Store, mode: Mode): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set('mode', mode);
    if (mode === 'embedded') {
      c.set('account', LOCAL_ACCOUNT);
      return next();
    }
    const presented = presentedToken(c);
    // An API token never travels as a cookie: one found there was put there by someone else.
    const found = presented ? await store.accounts.authenticate(presented.token, presented.from === 'cookie' ? 'session' : undefined) : undefined;
    const account = found && (presented?.name === undefined || presented.name === found.name) ? found : undefined;
    if (account) c.set('account', account);
    else if (presented) c.set('authFailed', true);
    if (!account && !OPEN_ROUTES.has(`${c.req.method} ${c.req.path}`)) {
      throw new HTTPException(401, { message: presented ? 'the token or session is not valid (wrong, expired or revoked); sign in again' : 'sign in first: send Authorization: Bearer <token>' });
    }
    return next();
  };
}

/** The account asking; routes after `authenticate` always have one, except the open ones. */
export function accountOf(c: Context<AuthEnv>): Account {
  const account = c.get('account');
  if (!account) throw new HTTPException(401, { message: 'sign in first' });
  return account;
}

export function requireRole(c: Context<AuthEnv>, needed: Role, what: string): Account {
  const account = accountOf(c);
  if (!roleAllows(account.role, needed)) throw new HTTPException(403, { message: `${what} needs the ${needed} role; ${account.name} is a ${account.role}` });
  return account;
}
