/**
 * @module server/routes/watchlists
 * Watchlists and their alerts. Anyone signed in may add a list (theirs, at most at their own
 * clearance) and sees the lists their clearance covers; the owner or an admin removes one; only an
 * admin sets where its alerts are sent. Every answer waits for the watchlists to be screened
 * against the latest change, so what it shows is current.
 */
import { Readable } from 'node:stream';
import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { TLP_LEVELS, type Tlp } from '../../model/vocab.ts';
import { CsvInputError } from '../../screen/csv.ts';
import { roleAllows, type Account } from '../../store/accounts.ts';
import type { WatchlistRecord } from '../../store/watchlists.ts';
import { WatchlistError } from '../../watch/watcher.ts';
import { checkWebhookHost, checkWebhookUrl, newWebhookSecret, WebhookError } from '../../watch/webhook.ts';
import { accountOf, requireRole, type AuthEnv } from '../auth.ts';
import { badRequest, notFound } from '../errors.ts';
import { MAX_WATCHLIST_ROWS } from '../limits.ts';
import { jsonOk, newRouter } from '../router.ts';
import type { Views } from '../views.ts';

const listParam = z.object({ id: z.string().min(1).max(300).openapi({ param: { name: 'id', in: 'path' }, example: 'partners-2026' }) });

/** A webhook's address may hold a secret of the receiver's (a token in its path): only admins see it whole. */
function shown(w: WatchlistRecord, account: Account): WatchlistRecord {
  if (!w.webhook || roleAllows(account.role, 'admin')) return w;
  return { ...w, webhook: { ...w.webhook, url: new URL(w.webhook.url).origin } };
}

export function watchlistRoutes(views: Views): OpenAPIHono<AuthEnv> {
  const app = newRouter();
  const lists = views.store.watchlists;
  const refused = (e: unknown): never => {
    if (e instanceof WatchlistError || e instanceof CsvInputError || e instanceof WebhookError) throw badRequest(e.message);
    throw e;
  };
  const found = async (c: Context<AuthEnv>, id: string) => {
    await views.settled();
    const w = await lists.get(id, accountOf(c).clearance).catch(refused);
    if (!w) throw notFound(`no watchlist '${id}'`);
    return w;
  };

  app.openapi(createRoute({ method: 'get', path: '/watchlists', summary: 'The watchlists your clearance covers, with their rows, hits and new alerts', responses: jsonOk('Watchlists') }), async (c) => {
    await views.settled();
    const account = accountOf(c);
    return c.json({ items: (await lists.list(account.clearance)).map((w) => shown(w, account)) } as unknown as Record<string, unknown>, 200);
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/watchlists',
      summary: `Add a watchlist: a CSV with the columns of name screening (name; kind, country, affiliation, id optional), at most ${MAX_WATCHLIST_ROWS} rows here (the command line has no limit); screened at once under its clearance (yours, or lower), then again whenever the atlas changes`,
      request: {
        query: z.object({
          name: z.string().trim().min(1, 'the watchlist needs a name').max(200),
          clearance: z.enum(TLP_LEVELS).optional(),
          threshold: z.coerce.number().min(0).max(1).optional(),
          name_only_alerts: z.stringbool().optional(),
        }),
        body: { content: { 'text/csv': { schema: z.string().openapi({ example: 'name,kind,affiliation\nXu Yanjun,person,Jiangsu State Security Department' }) } } },
      },
      responses: { 201: { description: 'The watchlist, screened', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
    }),
    async (c) => {
      const account = accountOf(c);
      const q = c.req.valid('query');
      const body = Buffer.from(await c.req.arrayBuffer());
      await views.settled();
      const w = await views.watcher
        .add(Readable.from([body]), { name: q.name, owner: account.name, ownerClearance: account.clearance, ...(q.clearance ? { clearance: q.clearance as Tlp } : {}), ...(q.threshold !== undefined ? { threshold: q.threshold } : {}), nameOnlyAlerts: q.name_only_alerts ?? false, maxRows: MAX_WATCHLIST_ROWS }, views.currentSource())
        .catch(refused);
      views.warmWatchlists();
      return c.json(shown(w, account) as unknown as Record<string, unknown>, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/watchlists/{id}',
      summary: 'A watchlist with a page of its rows, each with its current matches',
      request: { params: listParam, query: z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100), hits: z.stringbool().optional() }) },
      responses: jsonOk('The watchlist and rows'),
    }),
    async (c) => {
      const w = await found(c, c.req.valid('param').id);
      const { offset, limit, hits } = c.req.valid('query');
      const rows = (await lists.rows(w.id, { offset, limit, hitsOnly: hits ?? false })).map(({ entities: _, ...r }) => r);
      return c.json({ watchlist: shown(w, accountOf(c)), rows } as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(createRoute({ method: 'delete', path: '/watchlists/{id}', summary: 'Remove a watchlist (its owner or an admin), its rows and alerts', request: { params: listParam }, responses: jsonOk('Removed') }), async (c) => {
    const account = accountOf(c);
    const w = await found(c, c.req.valid('param').id);
    await lists.remove(w.id, account.clearance, account.name, (x) => x.owner === account.name || roleAllows(account.role, 'admin')).catch((e: unknown) => {
      if (e instanceof WatchlistError) throw new HTTPException(403, { message: e.message });
      throw e;
    });
    return c.json({ removed: w.id }, 200);
  });

  app.openapi(
    createRoute({ method: 'post', path: '/watchlists/{id}/rescreen', summary: 'Screen every row of a watchlist again now (its owner or an admin); what changed becomes alerts', request: { params: listParam }, responses: jsonOk('How many rows, and the alerts raised') }),
    async (c) => {
      const account = accountOf(c);
      const w = await found(c, c.req.valid('param').id);
      if (w.owner !== account.name && !roleAllows(account.role, 'admin')) throw new HTTPException(403, { message: `only ${w.owner} (its owner) or an admin may re-screen the watchlist '${w.name}'` });
      const report = await views.watcher.rescreenAll(w.id, views.currentSource());
      return c.json({ rows: report.rows, alerts: report.alerts }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/watchlists/{id}/webhook',
      summary: 'Send this watchlist’s alerts to an http(s) address (admins): each POST is signed with HMAC-SHA256 (x-greyzone-signature: sha256=HMAC(secret, "<x-greyzone-timestamp>.<body>")); the secret is shown once',
      request: { params: listParam, body: { content: { 'application/json': { schema: z.object({ url: z.string().min(1).max(2000) }) } } } },
      responses: jsonOk('The address and the signing secret'),
    }),
    async (c) => {
      const admin = requireRole(c, 'admin', 'setting a webhook');
      const w = await found(c, c.req.valid('param').id);
      let url: string;
      try {
        const checked = checkWebhookUrl(c.req.valid('json').url);
        await checkWebhookHost(checked);
        url = checked.href;
      } catch (e) {
        if (e instanceof WebhookError) throw badRequest(e.message);
        throw badRequest(`the webhook's host cannot be found: ${(e as Error).message.split('\n')[0]}`);
      }
      const secret = newWebhookSecret();
      await lists.setWebhook(w.id, { url, secret }, admin.name);
      return c.json({ url, secret }, 200);
    },
  );

  app.openapi(createRoute({ method: 'delete', path: '/watchlists/{id}/webhook', summary: 'Stop sending this watchlist’s alerts (admins)', request: { params: listParam }, responses: jsonOk('Cleared') }), async (c) => {
    const admin = requireRole(c, 'admin', 'clearing a webhook');
    const w = await found(c, c.req.valid('param').id);
    await lists.setWebhook(w.id, null, admin.name);
    return c.json({ cleared: w.id }, 200);
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts',
      summary: 'Alerts of the watchlists your clearance covers, newest first: a hit that appeared, changed or was withdrawn, with the claims that caused it',
      request: {
        query: z.object({
          status: z.enum(['new', 'acknowledged']).optional(),
          since: z.iso.datetime({ offset: true }).optional(),
          watchlist: z.string().max(300).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: jsonOk('Alerts'),
    }),
    async (c) => {
      await views.settled();
      const q = c.req.valid('query');
      const items = await lists.alerts({ clearance: accountOf(c).clearance, ...q, ...(q.since ? { since: new Date(q.since).toISOString() } : {}) });
      return c.json({ items } as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(createRoute({ method: 'get', path: '/alerts/count', summary: 'How many new alerts the watchlists your clearance covers hold', responses: jsonOk('The count') }), async (c) => {
    await views.settled();
    return c.json({ new: await lists.newAlertCount(accountOf(c).clearance) }, 200);
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/watchlists/{id}/alerts/{n}/acknowledge',
      summary: 'Acknowledge an alert (audited)',
      request: { params: listParam.extend({ n: z.coerce.number().int().min(1).openapi({ param: { name: 'n', in: 'path' } }) }) },
      responses: jsonOk('The alert'),
    }),
    async (c) => {
      const account = accountOf(c);
      const { id, n } = c.req.valid('param');
      const w = await found(c, id);
      const alert = await lists.acknowledge(w.id, n, account.clearance, account.name).catch((e: unknown) => {
        if (e instanceof WatchlistError) throw notFound(e.message);
        throw e;
      });
      return c.json(alert as unknown as Record<string, unknown>, 200);
    },
  );
  return app;
}
