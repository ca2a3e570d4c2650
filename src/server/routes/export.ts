/**
 * @module server/routes/export
 * Downloads, each made from the asker's view of the atlas: what a clearance cannot see is not in
 * its exports either.
 */
import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { matrixBundle, navigatorLayer, scopeProblem, type LayerScope } from '../../interop/navigator.ts';
import { accountOf, type AuthEnv } from '../auth.ts';
import { badRequest, notFound } from '../errors.ts';
import { jsonOk, newRouter } from '../router.ts';
import type { Views } from '../views.ts';

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
    createRoute({ method: 'get', path: '/export/matrix-bundle', summary: "The matrix as a STIX 2.1 bundle (Navigator's custom data)", responses: jsonOk('A STIX bundle') }),
    (c) => c.json(matrixBundle(views.for(accountOf(c).clearance).atlas), 200),
  );
  return app;
}
