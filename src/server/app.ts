/**
 * @module server/app
 * The explorer's server: the API under /api (its OpenAPI description at /api/openapi.json) and
 * the web app. Every API request passes, in order: a limit on its body, a time limit, who is
 * asking (auth), a look for changes by other processes, and a rate limit per account.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { rateLimiter } from 'hono-rate-limiter';
import { apiRoutes } from './api.ts';
import { LOCAL_ACCOUNT, authenticate, presentedToken, type AuthEnv, type Mode } from './auth.ts';
import { drawGraph } from '../drawing/draw.ts';
import { cors } from 'hono/cors';
import { NAVIGATOR_PATH } from './routes/navigator.ts';
import { TAXII_PATH, taxiiOnError, taxiiRoutes } from './routes/taxii.ts';
import { MAX_CONTENT_LENGTH } from '../interop/taxii.ts';
import { clientAddress, trustedProxySet, type TrustedProxies } from './client-address.ts';
import { hostCheck } from './host-check.ts';
import { inputGuard } from './input-guard.ts';
import { parseToken } from '../store/secrets.ts';
import { onError } from './errors.ts';
import { FAILED_PER_ADDRESS_FACTOR, FAILED_PER_ADDRESS_MAX, FAILED_PER_TOKEN, MAX_BODY, MAX_CSV_BODY, REQUEST_TIMEOUT_MS } from './limits.ts';
import type { Views } from './views.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface AppOptions {
  mode: Mode;
  /** Requests per minute per account; failed sign-ins are limited from it (see limits.ts); 0 turns every limit off. */
  rateLimit?: number;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies?: string[];
  /** Host names answered besides loopback ones: always checked in embedded mode, in server mode when given. */
  allowedHosts?: string[];
  webDir?: string;
}

/** The address a request comes from, believing X-Forwarded-For only from a trusted proxy. */
function addressOf(c: Context<AuthEnv>, trusted: TrustedProxies): string {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined; // in-process requests (tests) have no socket
  }
  return clientAddress(remote, c.req.header('x-forwarded-for'), trusted);
}

/**
 * What is worth making before the first visitor: the explorer opens on the whole system, so an
 * embedded server lays it out before it listens. (A team server's readers differ in clearance;
 * each clearance's drawing is made at its first visit.)
 */
/** The paths behind sign-in: the API, and the TAXII feed. */
const SIGNED_IN = ['/api/*', `${TAXII_PATH}/*`];

export async function warmUp(views: Views, mode: Mode): Promise<void> {
  if (mode === 'embedded') await drawGraph(views.for(LOCAL_ACCOUNT.clearance).atlas, { kind: 'all' });
}

export function createApp(views: Views, options: AppOptions): OpenAPIHono<AuthEnv> {
  const webDir = options.webDir ?? WEB_DIST;
  const app = new OpenAPIHono<AuthEnv>();
  // A TAXII client is answered in TAXII's own error format, whoever refused it.
  app.onError((err, c) => (c.req.path === TAXII_PATH || c.req.path.startsWith(`${TAXII_PATH}/`) ? taxiiOnError(err, c) : onError(err, c)));
  if (options.mode === 'embedded' || options.allowedHosts?.length) app.use('*', hostCheck(options.allowedHosts));
  app.use(
    '*',
    secureHeaders({
      // A response that sets its own policy keeps it (a briefing: its styles inline, nothing else).
      overwrite: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    }),
  );
  const limitBody = (maxSize: number) => bodyLimit({ maxSize, onError: () => { throw new HTTPException(413, { message: `the request body is larger than ${maxSize} bytes` }); } });
  const [bodyOfCsv, bodyOfOther] = [limitBody(MAX_CSV_BODY), limitBody(MAX_BODY)];
  const isCsvUpload = (c: Context) => (c.req.path === '/api/screen/csv' || c.req.path === '/api/watchlists') && /^text\/csv\b/i.test(c.req.header('content-type') ?? '');
  app.use('/api/*', (c, next) => (isCsvUpload(c) ? bodyOfCsv(c, next) : bodyOfOther(c, next)));
  app.use('/api/*', timeout(REQUEST_TIMEOUT_MS, () => new HTTPException(503, { message: `the request took longer than ${REQUEST_TIMEOUT_MS / 1000} s and was stopped` })));
  // What Navigator reads may be read by another site's page (routes/navigator says what it holds); the browser asks first.
  app.use(`/api${NAVIGATOR_PATH}/*`, cors({ origin: '*', allowMethods: ['GET'], allowHeaders: ['Authorization'], maxAge: 600 }));
  // Only a cookie can be sent by another site's page; requests with a token header need no check.
  const sameOrigin = csrf();
  app.use('/api/*', async (c, next) => {
    if (c.req.header('authorization')) return next();
    try {
      return await sameOrigin(c, next);
    } catch (e) {
      if (e instanceof HTTPException && e.status === 403) throw new HTTPException(403, { message: 'a request from another site is refused' });
      throw e;
    }
  });
  const perMinute = options.rateLimit ?? 0;
  const trusted = trustedProxySet(options.trustedProxies);
  /** At most `max` requests a minute per key (only failed sign-ins if `failures`); over it, 429 saying `over`. */
  const limit = (key: (c: Context<AuthEnv>) => string, max: number, over: string, failures: boolean, skip = (_c: Context<AuthEnv>) => false) =>
    rateLimiter<AuthEnv>({
      skip,
      windowMs: 60_000,
      limit: max,
      skipSuccessfulRequests: failures,
      // A token that failed counts even where an open route still answered it (GET /api/session).
      requestWasSuccessful: (c) => !c.get('authFailed') && c.res.status !== 401,
      standardHeaders: failures ? false : 'draft-7',
      keyGenerator: key,
      handler: () => {
        throw new HTTPException(429, { message: `${over}; wait a little` });
      },
    });
  if (perMinute > 0) {
    // Failed sign-ins are counted per token id, so guessing at one account's token is slowed
    // without locking out anyone else; per address only under a much higher ceiling, so one
    // client cannot lock out everyone who shares its address (a proxy, an office's NAT).
    const perToken = Math.min(perMinute, FAILED_PER_TOKEN);
    const perAddress = Math.min(perMinute * FAILED_PER_ADDRESS_FACTOR, FAILED_PER_ADDRESS_MAX);
    // A token that does not parse costs no hash and names no id: the address's ceiling is its limit.
    // A token already shown to be good passes, so guessing at an id cannot lock out its owner.
    const tokenId = (c: Context<AuthEnv>) => parseToken(presentedToken(c)?.token ?? '')?.id;
    const provenGood = (c: Context<AuthEnv>) => views.store.accounts.verifiedBefore(presentedToken(c)?.token ?? '');
    const byAddress = limit((c) => `address:${addressOf(c, trusted)}`, perAddress, `more than ${perAddress} failed sign-ins in a minute from this address`, true);
    const byToken = limit((c) => `token:${tokenId(c)}`, perToken, `more than ${perToken} failed sign-ins in a minute with this token`, true, (c) => !tokenId(c) || provenGood(c));
    for (const signedIn of SIGNED_IN) app.use(signedIn, byAddress, byToken);
  }
  // A TAXII client signs in on every request with its token; the explorer's cookie never opens the feed.
  app.use(`${TAXII_PATH}/*`, bodyLimit({ maxSize: MAX_CONTENT_LENGTH, onError: () => { throw new HTTPException(413, { message: `the request body is larger than ${MAX_CONTENT_LENGTH} bytes` }); } }));
  app.use(`${TAXII_PATH}/*`, async (c, next) => {
    if (options.mode === 'server' && !c.req.header('authorization')) throw new HTTPException(401, { message: 'sign in with Authorization: Bearer <token>, or Basic with your account name and token' });
    return next();
  });
  const perAccount = perMinute > 0 ? limit((c) => `account:${c.get('account')?.name ?? addressOf(c, trusted)}`, perMinute, `more than ${perMinute} requests in a minute from this account`, false) : undefined;
  for (const signedIn of SIGNED_IN) {
    app.use(signedIn, authenticate(views.store, options.mode));
    app.use(signedIn, async (_c, next) => {
      await views.refreshIfChanged();
      await next();
    });
    if (perAccount) app.use(signedIn, perAccount);
  }
  app.route('/', taxiiRoutes(views));
  // Bodies are looked into only for someone signed in (or an open route), within their own limit.
  app.use('/api/*', inputGuard());
  const api = apiRoutes(views);
  api.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'greyzone API', version: '0.1.0', description: 'The sourced atlas, its approach matrix and name screening' } });
  app.route('/api', api);
  app.all('/api/*', () => {
    throw new HTTPException(404, { message: 'no such API route; see /api/openapi.json' });
  });

  app.use('/assets/*', serveStatic({ root: webDir }));
  const index = join(webDir, 'index.html');
  // Every other path is a view of the single-page app; the app reads the path itself.
  app.get('*', (c) => {
    if (!existsSync(index)) return c.text('The web app is not built: run npm run build:web', 503);
    return c.html(readFileSync(index, 'utf8'));
  });
  return app;
}
