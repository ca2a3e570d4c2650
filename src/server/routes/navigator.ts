/**
 * @module server/routes/navigator
 * What ATT&CK Navigator reads, at stable addresses and open to other sites' pages (CORS): the
 * matrix bundle Navigator draws greyzone's matrix from, and the layers — whole atlas, one case,
 * one actor — each naming that bundle as its custom data. An embedded explorer (one analyst,
 * cleared to everything) hands these only its TLP:CLEAR view, since any page the analyst visits
 * may ask; a team server hands each account its own view, by its token (Bearer, or Basic as
 * Navigator's configured authentication sends it).
 */
import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { matrixBundle, navigatorLayer, scopeProblem, type LayerScope } from '../../interop/navigator.ts';
import { accountOf, type AuthEnv } from '../auth.ts';
import { notFound } from '../errors.ts';
import { jsonOk, newRouter } from '../router.ts';
import type { Views } from '../views.ts';

export const NAVIGATOR_PATH = '/navigator';

export function navigatorRoutes(views: Views): OpenAPIHono<AuthEnv> {
  const app = newRouter();
  const atlasFor = (c: Context<AuthEnv>) => views.for(c.get('mode') === 'embedded' ? 'clear' : accountOf(c).clearance).atlas;
  /** Where this server serves the bundle, as the asker reached it. */
  const bundleUrl = (c: Context<AuthEnv>) => new URL(`/api${NAVIGATOR_PATH}/matrix.json`, c.req.url).href;

  app.openapi(
    createRoute({ method: 'get', path: `${NAVIGATOR_PATH}/matrix.json`, summary: "The matrix as the STIX bundle ATT&CK Navigator loads as custom data (CORS open; an embedded server's TLP:CLEAR view)", responses: jsonOk('A STIX bundle') }),
    (c) => c.json(matrixBundle(atlasFor(c)), 200),
  );
  const layer = (c: Context<AuthEnv>, scope: LayerScope) => {
    const atlas = atlasFor(c);
    const problem = scopeProblem(atlas, scope);
    if (problem) throw notFound(problem);
    return c.json(navigatorLayer(atlas, scope, bundleUrl(c)) as unknown as Record<string, unknown>, 200);
  };
  app.openapi(
    createRoute({ method: 'get', path: `${NAVIGATOR_PATH}/layers/all.json`, summary: 'A Navigator layer of the whole matrix, techniques scored by their number of cases', responses: jsonOk('A Navigator layer') }),
    (c) => layer(c, { kind: 'all' }),
  );
  const idParam = z.object({ id: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+\.json$/, 'the address ends in the id and .json').openapi({ param: { name: 'id', in: 'path' }, example: 'case-xu-yanjun.json' }) });
  for (const kind of ['case', 'actor'] as const) {
    app.openapi(
      createRoute({ method: 'get', path: `${NAVIGATOR_PATH}/layers/${kind}/{id}`, summary: `A Navigator layer marking what one ${kind} ${kind === 'case' ? 'records' : 'is recorded using'}`, request: { params: idParam }, responses: jsonOk('A Navigator layer') }),
      (c) => layer(c, { kind, id: c.req.valid('param').id.replace(/\.json$/, '') }),
    );
  }
  return app;
}
