/**
 * @module server/routes/export
 * Downloads, each made from the asker's view of the atlas: what a clearance cannot see is not in
 * its exports either.
 */
import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { matrixBundle, navigatorLayer, scopeProblem, type LayerScope } from '../../interop/navigator.ts';
import { stixBundle, stixScopeProblem, type StixScope } from '../../interop/stix/export.ts';
import { accountOf, type AuthEnv } from '../auth.ts';
import { badRequest, notFound } from '../errors.ts';
import { jsonOk, newRouter } from '../router.ts';
import type { Views } from '../views.ts';
import { drawGraph, drawingFile } from '../../drawing/draw.ts';
import { PngError, svgToPng } from '../../drawing/png.ts';
import { HTTPException } from 'hono/http-exception';
import { graphScope, graphScopeQuery } from '../graph-scope.ts';

export function exportRoutes(views: Views): OpenAPIHono<AuthEnv> {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/export/navigator',
      summary: 'The matrix as an ATT&CK Navigator layer (4.5), for all, one case, or one actor',
      request: { query: z.object({ case: z.string().max(200).optional(), actor: z.string().max(200).optional() }) },
      responses: jsonOk('A Navigator layer'),
    }),
    (c) => {
      const { atlas } = views.for(accountOf(c).clearance);
      const q = c.req.valid('query');
      if (q.case && q.actor) throw badRequest('give case or actor, not both');
      const scope: LayerScope = q.case ? { kind: 'case', id: q.case } : q.actor ? { kind: 'actor', id: q.actor } : { kind: 'all' };
      const problem = scopeProblem(atlas, scope);
      if (problem) throw notFound(problem);
      return c.json(navigatorLayer(atlas, scope) as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/export/stix',
      summary: 'The atlas as a STIX 2.1 bundle (docs/stix.md): whole, one entity with its neighbourhood, or one case',
      request: {
        query: z.object({
          entity: z.string().max(200).optional(),
          depth: z.coerce.number().int().min(0).max(4).optional(),
          case: z.string().max(200).optional(),
        }),
      },
      responses: jsonOk('A STIX bundle'),
    }),
    (c) => {
      const { atlas } = views.for(accountOf(c).clearance);
      const q = c.req.valid('query');
      if (q.entity && q.case) throw badRequest('give entity or case, not both');
      const scope: StixScope = q.entity ? { kind: 'entity', id: q.entity, depth: q.depth ?? 1 } : q.case ? { kind: 'case', id: q.case } : { kind: 'all' };
      const problem = stixScopeProblem(atlas, scope);
      if (problem) throw notFound(problem);
      return c.json(stixBundle(atlas, scope), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/export/graph',
      summary: 'The system view (or a part of it, as /graph/drawing takes) as an SVG or PNG picture with its legend and the short citations of its sources',
      request: { query: graphScopeQuery.extend({ format: z.enum(['svg', 'png']).default('svg') }) },
      responses: { 200: { description: 'The picture', content: { 'image/svg+xml': { schema: z.string() }, 'image/png': { schema: z.string() } } } },
    }),
    async (c) => {
      const { atlas } = views.for(accountOf(c).clearance);
      const q = c.req.valid('query');
      const scope = graphScope(atlas, q);
      const svg = drawingFile(await drawGraph(atlas, scope));
      const name = `greyzone-graph.${q.format}`;
      const headers = { 'content-disposition': `attachment; filename="${name}"` };
      if (q.format === 'png') {
        const png = await svgToPng(svg).catch((e: unknown) => {
          throw e instanceof PngError ? new HTTPException(500, { message: e.message }) : e;
        });
        return c.body(new Uint8Array(png), 200, { ...headers, 'content-type': 'image/png' }) as never;
      }
      return c.body(svg, 200, { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' }) as never;
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/export/matrix-bundle', summary: "The matrix as a STIX 2.1 bundle (Navigator's custom data)", responses: jsonOk('A STIX bundle') }),
    (c) => c.json(matrixBundle(views.for(accountOf(c).clearance).atlas), 200),
  );
  return app;
}
