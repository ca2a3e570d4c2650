/**
 * @module server/routes/review
 * The review of ingested documents (analysts): the drafts, each document with its proposals, and
 * the decisions — accept (with edits), reject, merge into an existing entity, undo. A document
 * above the asker's clearance does not exist for them; an entity they cannot see cannot be named
 * in a decision.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ORGANISATION_SUBTYPES } from '../../model/entity.ts';
import { STANDINGS, tlpAllows } from '../../model/vocab.ts';
import { ProposalConflict, Review, ReviewError, type Edits } from '../../ingest/review.ts';
import { EditError } from '../../store/edit.ts';
import { ConflictError } from '../../store/store.ts';
import { requireRole, type AuthEnv } from '../auth.ts';
import { badRequest, notFound } from '../errors.ts';
import { jsonOk, newRouter } from '../router.ts';
import type { Views } from '../views.ts';

const editsSchema = z
  .object({
    entity_id: z.string().max(200),
    standing: z.enum(STANDINGS),
    reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
    credibility: z.number().int().min(1).max(6),
    name: z.string().min(1).max(300),
    kind: z.enum(['organisation', 'person']),
    subtype: z.enum(ORGANISATION_SUBTYPES),
    actor: z.string().max(200),
    subject: z.string().max(200),
    object: z.string().max(200),
  })
  .partial()
  .strict();
const decision = z.object({ version: z.number().int().min(1), edits: editsSchema.optional() });
const idParam = z.object({ id: z.string().min(1).max(200) });

export function reviewRoutes(views: Views): OpenAPIHono<AuthEnv> {
  const app = newRouter();
  const review = new Review(views.store, () => views.atlas);
  const analyst = (c: Context<AuthEnv>) => requireRole(c, 'analyst', 'reviewing ingested documents');

  /** Every entity a decision names must be one the asker can see. */
  const checkVisible = (c: Context<AuthEnv>, ids: (string | undefined)[]) => {
    const seen = views.for(analyst(c).clearance).atlas;
    for (const id of ids) if (id !== undefined && !seen.records.has(id)) throw notFound(`no entity with id '${id}'`);
  };
  /** The proposal, if its document is within the asker's clearance. */
  const proposalFor = async (c: Context<AuthEnv>, id: string) => {
    const p = await views.store.documents.proposal(id);
    const doc = p && (await views.store.documents.get(p.document));
    if (!p || !doc || !tlpAllows(analyst(c).clearance, doc.tlp)) throw notFound(`no proposal with id '${id}'`);
    return p;
  };
  const decide = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (e) {
      if (e instanceof ProposalConflict || e instanceof ConflictError) throw new HTTPException(409, { message: e.message });
      if (e instanceof ReviewError || e instanceof EditError) throw badRequest(e.message);
      throw e;
    }
    await views.reload();
  };

  app.openapi(createRoute({ method: 'get', path: '/documents', summary: 'Ingested documents with their proposals counted by status (analysts)', responses: jsonOk('Documents') }), async (c) => {
    return c.json({ items: await views.store.documents.list(analyst(c).clearance) }, 200);
  });

  app.openapi(
    createRoute({ method: 'get', path: '/documents/{id}', summary: 'A document: its text, pages, what extraction found, and its proposals (analysts)', request: { params: idParam }, responses: jsonOk('The document') }),
    async (c) => {
      const { id } = c.req.valid('param');
      const doc = await views.store.documents.get(id);
      if (!doc || !tlpAllows(analyst(c).clearance, doc.tlp)) throw notFound(`no document with id '${id}'`);
      return c.json({ document: doc, proposals: await views.store.documents.proposals(id) } as unknown as Record<string, unknown>, 200);
    },
  );

  const action = (name: 'accept' | 'reject' | 'merge' | 'undo', summary: string, body: z.ZodType) =>
    createRoute({ method: 'post', path: `/proposals/{id}/${name}`, summary, request: { params: idParam, body: { content: { 'application/json': { schema: body } } } }, responses: jsonOk('The proposal after the decision') });

  app.openapi(action('accept', 'Accept a proposal, with edits to its entity, standing and grades', decision), async (c) => {
    const { id } = c.req.valid('param');
    const { version, edits = {} } = c.req.valid('json') as { version: number; edits?: Edits };
    const account = analyst(c);
    await proposalFor(c, id);
    checkVisible(c, [edits.entity_id, edits.actor, edits.subject, edits.object]);
    await decide(() => review.accept(id, version, edits, account.name));
    return c.json((await views.store.documents.proposal(id)) as unknown as Record<string, unknown>, 200);
  });

  app.openapi(action('reject', 'Reject a proposal', z.object({ version: z.number().int().min(1) })), async (c) => {
    const { id } = c.req.valid('param');
    const account = analyst(c);
    await proposalFor(c, id);
    await decide(() => review.reject(id, (c.req.valid('json') as { version: number }).version, account.name));
    return c.json((await views.store.documents.proposal(id)) as unknown as Record<string, unknown>, 200);
  });

  app.openapi(action('merge', 'Merge a candidate new entity into an existing one (its name becomes an alias)', decision.extend({ into: z.string().min(1).max(200) })), async (c) => {
    const { id } = c.req.valid('param');
    const { version, into, edits = {} } = c.req.valid('json') as { version: number; into: string; edits?: Edits };
    const account = analyst(c);
    await proposalFor(c, id);
    checkVisible(c, [into]);
    await decide(() => review.merge(id, version, into, edits, account.name));
    return c.json((await views.store.documents.proposal(id)) as unknown as Record<string, unknown>, 200);
  });

  app.openapi(action('undo', 'Undo a decision: what it changed is restored, and the proposal is open again', z.object({ version: z.number().int().min(1) })), async (c) => {
    const { id } = c.req.valid('param');
    const account = analyst(c);
    await proposalFor(c, id);
    await decide(() => review.undo(id, (c.req.valid('json') as { version: number }).version, account.name));
    return c.json((await views.store.documents.proposal(id)) as unknown as Record<string, unknown>, 200);
  });
  return app;
}
