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
import { authenticate, type AuthEnv, type Mode } from './auth.ts';
import { onError } from './errors.ts';
import type { Views } from './views.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const MAX_BODY = 5 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

export interface AppOptions {
  mode: Mode;
  /** Requests per minute per account (per address before signing in); 0 turns the limit off. */
  rateLimit?: number;
  webDir?: string;
}

/** Per account once signed in; before that (or for failures), per client address. */
function rateKey(c: Context<AuthEnv>, byAddress = false): string {
  const account = c.get('account');
  if (account && !byAddress) return `account:${account.name}`;
  try {
    return `address:${getConnInfo(c).remote.address ?? 'unknown'}`;
  } catch {
    return 'address:unknown'; // in-process requests (tests) have no socket
  }
}

export function createApp(views: Views, options: AppOptions): OpenAPIHono<AuthEnv> {
  const webDir = options.webDir ?? WEB_DIST;
  const app = new OpenAPIHono<AuthEnv>();
  app.onError(onError);
  app.use(
    '*',
    secureHeaders({
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
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY, onError: () => { throw new HTTPException(413, { message: `the request body is larger than ${MAX_BODY} bytes` }); } }));
  app.use('/api/*', timeout(REQUEST_TIMEOUT_MS, () => new HTTPException(503, { message: `the request took longer than ${REQUEST_TIMEOUT_MS / 1000} s and was stopped` })));
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
  /** At most `perMinute` requests a minute per key; over it, 429 with `what` in the message. */
  const limit = (key: (c: Context<AuthEnv>) => string, what: string, failuresOnly: boolean) =>
    rateLimiter<AuthEnv>({
      windowMs: 60_000,
      limit: perMinute,
      skipSuccessfulRequests: failuresOnly,
      standardHeaders: failuresOnly ? false : 'draft-7',
      keyGenerator: key,
      handler: () => {
        throw new HTTPException(429, { message: `more than ${perMinute} ${what} in a minute from this ${failuresOnly ? 'address' : 'account'}; wait a little` });
      },
    });
  // Failed requests (a wrong token, a bad request) are counted per client address before anyone
  // is known, so guessing tokens is slowed as much as using one.
  if (perMinute > 0) app.use('/api/*', limit((c) => rateKey(c, true), 'failed requests', true));
  app.use('/api/*', authenticate(views.store, options.mode));
  app.use('/api/*', async (_c, next) => {
    await views.refreshIfChanged();
    await next();
  });
  if (perMinute > 0) app.use('/api/*', limit(rateKey, 'requests', false));
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
