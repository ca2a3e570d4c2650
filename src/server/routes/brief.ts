/**
 * @module server/routes/brief
 * An organisation's exposure from its profile, the briefing made of it (HTML to print, or a PDF
 * printed by Chromium on the server), and the Navigator layer of it — each from the atlas as the
 * asker's clearance sees it. A profile is checked as the command line checks it, the first
 * problem answered as a 400 naming its field.
 */
import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { exposureOf } from '../../atlas/exposure.ts';
import { recordsOf } from '../../atlas/load.ts';
import { checkProfile } from '../../atlas/profile-file.ts';
import { displayName } from '../../atlas/view.ts';
import { briefingHtml } from '../../brief/briefing.ts';
import { NoChromium, printPdf } from '../../brief/pdf.ts';
import { exposureLayer } from '../../interop/navigator.ts';
import { DIASPORA_COMMUNITIES, STAFF_ROLES, type Profile } from '../../model/profile.ts';
import { accountOf, type AuthEnv } from '../auth.ts';
import { badRequest } from '../errors.ts';
import { jsonOk, newRouter } from '../router.ts';
import type { Views } from '../views.ts';

/** A briefing carries its own styles and drawing, and runs nothing. */
const BRIEFING_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

const profileBody = { body: { content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi({ example: { organisation: 'A technical university', country: 'EE', sectors: ['Semiconductors'], staff: ['researchers'], travel: ['CN'] } }) } } } };

export function briefRoutes(views: Views): OpenAPIHono<AuthEnv> {
  const app = newRouter();
  const atlasOf = (c: Context<AuthEnv>) => views.for(accountOf(c).clearance).atlas;
  /** The request's profile, checked against the asker's view of the atlas. */
  const checkedProfile = (c: Context<AuthEnv>, data: unknown): Profile => {
    const checked = checkProfile(data, atlasOf(c));
    if ('profile' in checked) return checked.profile;
    throw badRequest(checked.message);
  };
  const profileOf = async (c: Context<AuthEnv>) => checkedProfile(c, await c.req.json().catch(() => undefined));

  app.openapi(createRoute({ method: 'get', path: '/profile/options', summary: 'What a profile may name: the atlas’s sectors, the kinds of staff and the communities among members', responses: jsonOk('The choices') }), (c) =>
    c.json(
      {
        sectors: recordsOf(atlasOf(c), 'sector').map((s) => ({ id: s.id, name: displayName(s) })),
        staff: Object.entries(STAFF_ROLES).map(([id, r]) => ({ id, label: r.label })),
        diaspora: Object.entries(DIASPORA_COMMUNITIES).map(([id, d]) => ({ id, label: d.label })),
      },
      200,
    ),
  );

  app.openapi(createRoute({ method: 'post', path: '/exposure', summary: 'What bears on an organisation: methods, cases and actors, ranked, each with its reasons and their claims (atlas/exposure)', request: profileBody, responses: jsonOk('The exposure') }), async (c) =>
    c.json(exposureOf(atlasOf(c), await profileOf(c)) as unknown as Record<string, unknown>, 200),
  );

  app.openapi(createRoute({ method: 'post', path: '/exposure/layer', summary: 'An organisation’s exposure as an ATT&CK Navigator layer', request: profileBody, responses: jsonOk('The layer') }), async (c) => {
    const atlas = atlasOf(c);
    const layer = exposureLayer(atlas, exposureOf(atlas, await profileOf(c)));
    return c.json(layer as unknown as Record<string, unknown>, 200, { 'content-disposition': 'attachment; filename="greyzone-exposure-layer.json"' });
  });

  /** The briefing as HTML (its own styles inline, nothing else allowed) or as a PDF. */
  const briefing = async (c: Context<AuthEnv>, profile: Profile, format: 'html' | 'pdf') => {
    const atlas = atlasOf(c);
    const html = await briefingHtml(atlas, profile, exposureOf(atlas, profile));
    if (format === 'html') return c.html(html, 200, { 'content-security-policy': BRIEFING_CSP });
    try {
      const pdf = await printPdf(html);
      return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="greyzone-briefing.pdf"' });
    } catch (e) {
      if (e instanceof NoChromium) throw new HTTPException(503, { message: e.message });
      throw e;
    }
  };
  const format = z.enum(['html', 'pdf']).default('html');
  const briefed = { 200: { description: 'The briefing', content: { 'text/html': { schema: z.string() }, 'application/pdf': { schema: z.string() } } } };

  app.openapi(
    createRoute({ method: 'post', path: '/brief', summary: 'The briefing: HTML to print, or a PDF printed by Chromium on the server (503 where it has none)', request: { ...profileBody, query: z.object({ format }) }, responses: briefed }),
    async (c) => briefing(c, await profileOf(c), c.req.valid('query').format) as never,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/brief',
      summary: 'The same, with the profile as base64url JSON in the address: what the explorer opens in a tab to print, and downloads',
      request: { query: z.object({ profile: z.string().min(1).max(20_000), format }) },
      responses: briefed,
    }),
    async (c) => {
      const q = c.req.valid('query');
      let data: unknown;
      try {
        data = JSON.parse(Buffer.from(q.profile, 'base64url').toString('utf8'));
      } catch {
        throw badRequest('profile: not base64url-encoded JSON');
      }
      return briefing(c, checkedProfile(c, data), q.format) as never;
    },
  );
  return app;
}
