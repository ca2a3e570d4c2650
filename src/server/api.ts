/**
 * @module server/api
 * The HTTP API, described by OpenAPI from the same zod schemas that validate its inputs
 * (served at /api/openapi.json).
 */
import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { MAX_DEPTH, neighbourhood, shortestPath, systemGraph } from '../atlas/graph.ts';
import { recordsOf } from '../atlas/load.ts';
import { buildMatrix, type MatrixTechnique } from '../atlas/matrix.ts';
import { displayName, recordView } from '../atlas/view.ts';
import { drawGraph } from '../drawing/draw.ts';
import { graphScope, graphScopeQuery } from './graph-scope.ts';
import { KINDS, RECORD_KINDS, type RecordKind } from '../model/kinds.ts';
import { RELATION_TYPE_NAMES } from '../model/relation-types.ts';
import { searchNames } from '../names/search.ts';
import { Readable } from 'node:stream';
import { countCsvRows, CsvInputError, csvReportHeader, csvReportLine, screenCsv, screenCsvRows } from '../screen/csv.ts';
import { ApproachInputError, ApproachTimeout, CHANNELS, MAX_TEXT } from '../screen/approach.ts';
import { HTTPException } from 'hono/http-exception';
import { MAX_CSV_ROWS, REQUEST_TIMEOUT_MS } from './limits.ts';
import { screenRow } from '../screen/names.ts';
import { itemStream, jsonArrayStream } from './json-stream.ts';
import { accountOf, type AuthEnv } from './auth.ts';
import { badRequest, notFound } from './errors.ts';
import { jsonOk, newRouter } from './router.ts';
import { accountRoutes } from './routes/accounts.ts';
import { editRoutes } from './routes/edit.ts';
import { exportRoutes } from './routes/export.ts';
import { navigatorRoutes } from './routes/navigator.ts';
import { reviewRoutes } from './routes/review.ts';
import { watchlistRoutes } from './routes/watchlists.ts';
import { briefRoutes } from './routes/brief.ts';
import type { Views } from './views.ts';
import type { Context, TypedResponse } from 'hono';
import type { JSONValue } from 'hono/utils/types';

const idParam = z.object({ id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, example: 'org-mss' }) });
const list = (s: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

const MAX_BATCH = 10_000;

/**
 * A body as a stream of small chunks. Handed one large chunk, the CSV parser would turn all of it
 * into rows at once, ahead of the screening; in slices, it parses only as fast as rows are taken.
 */
const inSlices = (body: Buffer, size = 64 * 1024) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
    })(),
  );

export function apiRoutes(views: Views): OpenAPIHono<AuthEnv> {
  /** The view of the atlas that the asker's clearance allows: the only thing a route may send. */
  const ctx = (c: Context<AuthEnv>) => views.for(accountOf(c).clearance);
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/entities',
      summary: 'List records of one kind (or all)',
      request: { query: z.object({ kind: z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0) }) },
      responses: jsonOk('Records: id, kind and name'),
    }),
    (c) => {
      const { kind, limit, offset } = c.req.valid('query');
      const all = [...ctx(c).atlas.records.values()].filter((r) => (kind ? r.kind === kind : r.kind !== 'relation' && r.kind !== 'source'));
      all.sort((a, b) => a.id.localeCompare(b.id));
      return c.json({ total: all.length, items: all.slice(offset, offset + limit).map((r) => ({ id: r.id, kind: r.kind, name: displayName(r) })) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/entities/{id}', summary: 'A record with its names, relations, cases and claims', request: { params: idParam }, responses: jsonOk('The record view') }),
    async (c) => {
      const { id } = c.req.valid('param');
      const view = recordView(ctx(c).atlas, id);
      if (!view) throw notFound(`no record with id '${id}'`);
      // The version an edit must name: the one of the snapshot this page was made from.
      const version = views.version(id) ?? 1;
      return c.json({ ...view, version } as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/relations',
      summary: 'Relations, filtered by type and ends',
      request: { query: z.object({ type: z.enum(RELATION_TYPE_NAMES).optional(), subject: z.string().optional(), object: z.string().optional() }) },
      responses: jsonOk('Relations'),
    }),
    (c) => {
      const q = c.req.valid('query');
      const items = recordsOf(ctx(c).atlas, 'relation')
        .map((r) => r.data)
        .filter((r) => (!q.type || r.type === q.type) && (!q.subject || r.subject === q.subject) && (!q.object || r.object === q.object));
      return c.json({ total: items.length, items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/claims',
      summary: 'Claims held by a record, or about an entity',
      request: { query: z.object({ record: z.string().optional(), about: z.string().optional() }) },
      responses: jsonOk('Claims'),
    }),
    (c) => {
      const q = c.req.valid('query');
      if (!q.record && !q.about) throw badRequest('give record or about');
      const items = ctx(c)
        .atlas.claims.map((x) => x.claim)
        .filter((cl) => (q.record ? cl.record === q.record : cl.subject === q.about || cl.object === q.about));
      return c.json({ total: items.length, items }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/sources/{id}', summary: 'A source with its text and the claims that quote it', request: { params: idParam }, responses: jsonOk('The source') }),
    (c) => {
      const { id } = c.req.valid('param');
      const rec = ctx(c).atlas.records.get(id);
      if (!rec || rec.kind !== 'source') throw notFound(`no source with id '${id}'`);
      const claims = ctx(c).atlas.claims.map((x) => x.claim).filter((cl) => cl.source === id);
      return c.json({ source: rec.data as Record<string, unknown>, text: ctx(c).atlas.texts.get(id) ?? '', claims }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/matrix',
      summary: 'The approach matrix; with case or actor, the techniques that case or actor used are marked (selected), by the rule of atlas/matrix.ts; with the actors worth choosing',
      request: { query: z.object({ case: z.string().optional(), actor: z.string().optional() }) },
      responses: jsonOk('Tactics with their techniques, the cases, and the actors that used a technique'),
    }),
    (c) => {
      const q = c.req.valid('query');
      const atlas = ctx(c).atlas;
      if (q.case && atlas.records.get(q.case)?.kind !== 'case') throw notFound(`no case with id '${q.case}'`);
      if (q.actor && !atlas.records.get(q.actor)) throw notFound(`no actor with id '${q.actor}'`);
      const matrix = buildMatrix(atlas);
      // The one rule of atlas/matrix.ts (usedIn): a technique's cases and actors are those that used it,
      // a parent's including those of its sub-techniques — the Navigator layer marks the same.
      const selected = (t: MatrixTechnique): boolean | undefined => (q.case ? t.cases.includes(q.case) : q.actor ? t.actors.includes(q.actor) : undefined);
      const cell = (t: MatrixTechnique): Record<string, unknown> => ({
        id: t.id,
        name: t.name,
        cases: t.cases,
        actors: t.actors,
        selected: selected(t),
        subtechniques: t.subtechniques.map(cell),
      });
      const columns = matrix.map((col) => ({ tactic: col.tactic, techniques: col.techniques.map(cell) }));
      // Only bodies that used a technique are worth choosing: not the agency that investigated a case, nor its victim.
      const actorIds = [...new Set(matrix.flatMap((col) => col.techniques.flatMap((t) => [t, ...t.subtechniques]).flatMap((t) => t.actors)))].sort();
      const actors = actorIds.flatMap((id) => {
        const rec = atlas.records.get(id);
        return rec ? [{ id, kind: rec.kind, name: displayName(rec) }] : [];
      });
      return c.json({ columns, cases: recordsOf(atlas, 'case').map((r) => ({ id: r.id, title: r.data.title })), actors }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/cases', summary: 'Cases with their dates, countries, people and standings, outcome and events', responses: jsonOk('Cases') }),
    (c) => {
      const atlas = ctx(c).atlas;
      const nameOf = (id: string) => {
        const rec = atlas.records.get(id);
        return rec ? displayName(rec) : id;
      };
      const items = recordsOf(atlas, 'case').map((r) => ({
        id: r.id,
        title: r.data.title,
        date: r.data.date,
        countries: [...new Set(r.data.countries.map((x) => x.country))],
        // How it ended for each person, exactly as the case gives it: an acquittal shows as one.
        people: r.data.people.map((p) => ({ id: p.person, name: nameOf(p.person), role: p.role, standing: p.standing })),
        outcome: r.data.outcome.text,
        events: r.data.events.map((e) => ({ date: e.date, date_to: e.date_to ?? null, type: e.type, description: e.description })),
      }));
      return c.json({ total: items.length, items }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/countries', summary: 'Countries with their ISO codes', responses: jsonOk('Countries') }),
    (c) => c.json({ items: recordsOf(ctx(c).atlas, 'country').map((r) => ({ id: r.id, iso: r.data.iso, name: displayName(r) })) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      summary: 'Records by any of their names (English, Chinese characters, pinyin) and claims by their words',
      request: { query: z.object({ q: z.string().trim().min(1, 'the search text is empty').max(300, 'the search text is longer than 300 characters'), limit: z.coerce.number().int().min(1).max(100).default(20) }) },
      responses: jsonOk('Hits'),
    }),
    async (c) => {
      const { q, limit } = c.req.valid('query');
      const names = searchNames(ctx(c).names, q, limit);
      // The store searches every claim; only those this clearance's view holds are kept, before the limit.
      const { claimIds } = ctx(c);
      const named = new Set(names.map((n) => n.id));
      const quotes = (await ctx(c).store.search(q, limit, ctx(c).clearance, (h) => h.claim !== undefined && claimIds.has(h.claim) && !named.has(h.id)))
        .filter((h) => h.field === 'quote')
        .map(({ claim: _, ...hit }) => hit);
      return c.json({ query: q, names, quotes }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/graph', summary: 'The system view: entities in their groups and the relations among them', responses: jsonOk('Nodes and edges') }),
    (c) => c.json(systemGraph(ctx(c).atlas) as unknown as Record<string, unknown>, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/graph/drawing',
      summary: 'The system view laid out: the whole in bands by group, or a part (around entities, a chain between two, a group) by a layered layout; with the documents behind the drawn relations',
      request: { query: graphScopeQuery },
      responses: jsonOk('Bands, nodes with their boxes and label lines, edges with their lines and label boxes, sources'),
    }),
    async (c) => {
      const { atlas } = ctx(c);
      return c.json((await drawGraph(atlas, graphScope(atlas, c.req.valid('query')))) as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/neighbourhood/{id}',
      summary: `An entity and its relations to depth N (at most ${MAX_DEPTH}), filtered by kind and relation type`,
      request: {
        params: idParam,
        query: z.object({
          depth: z.coerce.number().int().min(1).max(MAX_DEPTH, `depth is at most ${MAX_DEPTH}`).default(1),
          kinds: z.string().default('').openapi({ description: 'Comma-separated record kinds' }),
          types: z.string().default('').openapi({ description: 'Comma-separated relation types' }),
        }),
      },
      responses: jsonOk('Nodes and edges'),
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const { depth, kinds, types } = c.req.valid('query');
      if (!ctx(c).atlas.records.get(id)) throw notFound(`no record with id '${id}'`);
      const badKind = list(kinds).find((k) => !(k in KINDS));
      if (badKind) throw badRequest(`unknown kind '${badKind}'`);
      const badType = list(types).find((t) => !(RELATION_TYPE_NAMES as string[]).includes(t));
      if (badType) throw badRequest(`unknown relation type '${badType}'`);
      return c.json(neighbourhood(ctx(c).atlas, id, depth, { kinds: list(kinds), types: list(types) }) as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/path',
      summary: 'The shortest chain of relations between two entities',
      request: { query: z.object({ from: z.string().min(1), to: z.string().min(1) }) },
      responses: jsonOk('Nodes and edges of the path'),
    }),
    (c) => {
      const { from, to } = c.req.valid('query');
      for (const id of [from, to]) if (!ctx(c).atlas.records.get(id)) throw notFound(`no record with id '${id}'`);
      const path = shortestPath(ctx(c).atlas, from, to);
      if (!path) throw notFound(`no chain of relations joins ${from} and ${to}`);
      return c.json(path as unknown as Record<string, unknown>, 200);
    },
  );

  const ScreenRowSchema = z.object({
    name: z.string().max(10_000),
    kind: z.string().optional(),
    country: z.string().optional(),
    id: z.string().max(200).optional(),
    affiliation: z.string().max(1000).optional().openapi({ description: "A person's employer or affiliation: what can corroborate the name" }),
  });
  const nameOnlyAlerts = { description: 'Alert on a person’s name without a corroborating fact (by default such a match is a possible namesake, kept below the threshold)' };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/screen/name',
      summary: 'Screen one name',
      request: { query: ScreenRowSchema.extend({ threshold: z.coerce.number().min(0).max(1).optional(), name_only_alerts: z.stringbool().optional().openapi(nameOnlyAlerts) }) },
      responses: jsonOk('Matches with their role, reasons and standing of their links to the system; or what the atlas covers'),
    }),
    (c) => {
      const { threshold, name_only_alerts, ...row } = c.req.valid('query');
      return c.json(screenRow(ctx(c).atlasIndex, row, 1, threshold, { nameOnlyAlerts: name_only_alerts ?? false }) as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/screen/names',
      summary: `Screen a batch of names (at most ${MAX_BATCH})`,
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ rows: z.array(ScreenRowSchema).min(1).max(MAX_BATCH), threshold: z.number().min(0).max(1).optional(), name_only_alerts: z.boolean().optional().openapi(nameOnlyAlerts) }) } },
        },
      },
      responses: jsonOk('One result per row'),
    }),
    (c) => {
      const { rows, threshold, name_only_alerts } = c.req.valid('json');
      return c.json({ results: rows.map((row, i) => screenRow(ctx(c).atlasIndex, row, i + 1, threshold, { nameOnlyAlerts: name_only_alerts ?? false })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/screen/csv',
      summary: `Screen a CSV of names (column name; kind, country, affiliation, id optional; comma, semicolon or tab), as uploaded: at most ${MAX_CSV_ROWS} rows; the answer is streamed — JSON, or with format=csv the file's own columns followed by each row's best match`,
      request: {
        query: z.object({
          format: z.enum(['json', 'csv']).default('json'),
          threshold: z.coerce.number().min(0).max(1).optional(),
          name_only_alerts: z.stringbool().optional().openapi(nameOnlyAlerts),
        }),
        body: { content: { 'text/csv': { schema: z.string().openapi({ example: 'name,kind\nXu Yanjun,person' }) } } },
      },
      responses: jsonOk('One result per row'),
    }),
    async (c) => {
      const { format, threshold, name_only_alerts } = c.req.valid('query');
      const body = Buffer.from(await c.req.arrayBuffer());
      try {
        // The file is read whole first, so a bad one is refused before any answer has begun.
        await countCsvRows(inSlices(body), MAX_CSV_ROWS);
      } catch (e) {
        if (e instanceof CsvInputError) throw badRequest(e.message);
        throw e;
      }
      // Streamed: memory stays bounded whatever the number of rows (c.json would build the whole answer).
      const options = { ...(threshold !== undefined ? { threshold } : {}), nameOnlyAlerts: name_only_alerts ?? false };
      if (format === 'csv') {
        let columns: string[] = [];
        const rows = screenCsvRows(inSlices(body), ctx(c).atlasIndex, options, (cols) => (columns = cols));
        // A byte-order mark, so a spreadsheet reads the file as UTF-8.
        const stream = itemStream(rows, { open: '\ufeff', render: (row, first) => `${first ? csvReportHeader(columns) : ''}${csvReportLine(columns, row)}`, close: (none) => (none ? csvReportHeader(columns) : '') });
        return c.body(stream, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="screening-results.csv"' }) as unknown as TypedResponse<JSONValue, 200, 'json'>;
      }
      const stream = jsonArrayStream('results', screenCsv(inSlices(body), ctx(c).atlasIndex, options));
      return c.body(stream, 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as TypedResponse<JSONValue, 200, 'json'>;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/screen/approach',
      summary: 'Screen a description of an approach: techniques with their evidence, similar cases, actors, risk and advice',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                text: z.string().max(MAX_TEXT, `the description is longer than ${MAX_TEXT} characters`),
                channel: z.enum(Object.keys(CHANNELS) as [string, ...string[]]).optional(),
                approached_by: z.string().max(5000).optional(),
                claimed_affiliation: z.string().max(5000).optional(),
                offered: z.string().max(5000).optional(),
                asked: z.string().max(5000).optional(),
                target_role: z.string().max(5000).optional(),
                sector: z.string().max(5000).optional(),
              }),
            },
          },
        },
      },
      responses: jsonOk('The assessment'),
    }),
    async (c) => {
      try {
        // Read a slice at a time, so other requests are answered meanwhile; stopped at the request's time limit.
        const result = await ctx(c).approaches.screenAsync(c.req.valid('json'), Date.now() + REQUEST_TIMEOUT_MS);
        return c.json(result as unknown as Record<string, unknown>, 200);
      } catch (e) {
        if (e instanceof ApproachInputError) throw badRequest(e.message);
        if (e instanceof ApproachTimeout) throw new HTTPException(503, { message: e.message });
        throw e;
      }
    },
  );

  app.route('/', accountRoutes(views));
  app.route('/', editRoutes(views));
  app.route('/', exportRoutes(views));
  app.route('/', navigatorRoutes(views));
  app.route('/', reviewRoutes(views));
  app.route('/', watchlistRoutes(views));
  app.route('/', briefRoutes(views));
  return app;
}
