/**
 * @module server/routes/accounts
 * Signing in and out of the web app, and the audit log for admins.
 */
import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { SESSION_HOURS } from '../../store/accounts.ts';
import { bearerOrCookie, requireRole, SESSION_COOKIE, type AuthEnv } from '../auth.ts';
import { badRequest } from '../errors.ts';
import { jsonOk, newRouter } from '../router.ts';
import type { Views } from '../views.ts';

export function accountRoutes(views: Views): OpenAPIHono<AuthEnv> {
  const app = newRouter();
  const accounts = views.store.accounts;

  app.openapi(createRoute({ method: 'get', path: '/session', summary: 'Who is signed in, and whether this server needs signing in', responses: jsonOk('The account, or null') }), (c) => {
    const a = c.get('account');
    return c.json({ mode: c.get('mode'), account: a ? { name: a.name, role: a.role, clearance: a.clearance } : null }, 200);
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session',
      summary: `Sign in with an API token; sets a session cookie for ${SESSION_HOURS} hours`,
      request: { body: { content: { 'application/json': { schema: z.object({ token: z.string().min(1, 'the token is empty').max(200) }) } } } },
      responses: jsonOk('The account signed in'),
    }),
    async (c) => {
      if (c.get('mode') === 'embedded') throw badRequest('this explorer runs in embedded mode and needs no signing in');
      const account = await accounts.authenticate(c.req.valid('json').token, 'api');
      if (!account) c.set('authFailed', true);
      if (!account) throw new HTTPException(401, { message: 'that token is not valid (wrong, expired or revoked); sign in with an API token' });
      const { token, expires_at } = await accounts.startSession(account);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      return c.json({ account: { name: account.name, role: account.role, clearance: account.clearance }, expires_at }, 200);
    },
  );

  app.openapi(createRoute({ method: 'delete', path: '/session', summary: 'Sign out: ends the session', responses: jsonOk('Signed out') }), async (c) => {
    const token = bearerOrCookie(c);
    const account = c.get('account');
    if (token && account && c.get('mode') === 'server') await accounts.endSession(token, account);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ signed_out: true }, 200);
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      summary: 'The audit log (admins): every change, who made it, when, before and after; only entries within the clearance',
      request: { query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
      responses: jsonOk('Audit entries, oldest first; page with after=<last id>'),
    }),
    async (c) => {
      const admin = requireRole(c, 'admin', 'reading the audit log');
      const { after, limit } = c.req.valid('query');
      const items = await views.store.audit({ after, limit, clearance: admin.clearance });
      return c.json({ items, next: items.length === limit ? items.at(-1)!.id : null }, 200);
    },
  );
  return app;
}
