/**
 * @module server/app
 * The explorer's server: the API under /api (its OpenAPI description at /api/openapi.json) and
 * the web app, with a strict Content Security Policy and a limit on request bodies.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { apiRoutes } from './api.ts';
import type { ServerContext } from './context.ts';
import { onError } from './errors.ts';
import { HTTPException } from 'hono/http-exception';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const MAX_BODY = 5 * 1024 * 1024;

export function createApp(ctx: () => ServerContext, options: { webDir?: string } = {}): OpenAPIHono {
  const webDir = options.webDir ?? WEB_DIST;
  const app = new OpenAPIHono();
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
      },
    }),
  );
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY, onError: () => { throw new HTTPException(413, { message: `the request body is larger than ${MAX_BODY} bytes` }); } }));
  const api = apiRoutes(ctx);
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
