/**
 * @module server/routes/review
 * The review of ingested documents (analysts): the drafts, each document with its proposals, and
 * the decisions — accept (with edits), reject, merge into an existing entity, undo. A document
 * above the asker's clearance does not exist for them; an entity they cannot see cannot be named
 * in a decision (the review refuses it exactly as it refuses an id that does not exist).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ORGANISATION_SUBTYPES } from '../../model/entity.ts';
import { RELATION_TYPE_NAMES } from '../../model/relation-types.ts';
import { STANDINGS, tlpAllows } from '../../model/vocab.ts';
import { ProposalConflict, Review, ReviewError, type Edits, type SourceMeta } from '../../ingest/review.ts';
import type { Proposal } from '../../store/documents.ts';
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
    relation_type: z.enum(RELATION_TYPE_NAMES),
    related: z.string().max(200),
    related_is_subject: z.boolean(),
  })
  .partial()
  .strict();
/** Where proposals and extraction name a record: these fields hold ids, as do a decision's edits. */
const REFERENCE_FIELDS = new Set(['entity_id', 'actor', 'suggested_merge', 'merged_into', 'subject', 'object', 'technique', 'related']);
/** What is said of a match that only makes sense beside its record. */
const MATCH_FIELDS = ['score', 'matched_name'];

/** The value with every reference to a record not in `seen` made null, and a hidden match's score and name with it. */
function withoutHidden(value: unknown, seen: ReadonlyMap<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((x) => withoutHidden(x, seen));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  let hidden = false;
  for (const [k, v] of Object.entries(value)) {
    if (REFERENCE_FIELDS.has(k) && typeof v === 'string' && !seen.has(v)) {
      out[k] = null;
      hidden = true;
    } else out[k] = withoutHidden(v, seen);
  }
  if (hidden) for (const k of MATCH_FIELDS) if (k in out) out[k] = null;
  return out;
}

const decision = z.object({ version: z.number().int().min(1), edits: editsSchema.optional() });
const idParam = z.object({ id: z.string().min(1).max(200) });

export function reviewRoutes(views: Views): OpenAPIHono<AuthEnv> {
  const app = newRouter();
  const review = new Review(views.store, { full: () => views.atlas, view: (clearance) => views.for(clearance).atlas, version: (id) => views.version(id) });
  const analyst = (c: Context<AuthEnv>) => requireRole(c, 'analyst', 'reviewing ingested documents');

  // The role first, before anything is looked up: a viewer learns nothing of which documents exist.
  for (const path of ['/documents', '/documents/*', '/proposals/*']) {
    app.use(path, async (c, next) => {
      analyst(c);
      await next();
    });
  }

  /** The proposal, if its document is within the asker's clearance. */
  const proposalFor = async (c: Context<AuthEnv>, id: string) => {
    const p = await views.store.documents.proposal(id);
    const marking = p && (await views.store.documents.marking(p.document));
    if (!p || !marking || !tlpAllows(analyst(c).clearance, marking)) throw notFound(`no proposal with id '${id}'`);
    return p;
  };
  /**
   * A proposal as the asker may see it, judged now rather than at ingestion (a record may have been
   * marked higher since): an entity they cannot see is not named, nor how well it matched; what a
   * decision changed is named only where they can see the record, never with its earlier content.
   */
  const shown = (c: Context<AuthEnv>, p: Proposal): Record<string, unknown> => {
    const seen = views.for(analyst(c).clearance).atlas.records;
    return { ...p, data: withoutHidden(p.data, seen), changes: p.changes.filter((x) => seen.has(x.id)).map((x) => ({ id: x.id, version: x.version })) };
  };
  const answer = async (c: Context<AuthEnv>, id: string) => shown(c, (await views.store.documents.proposal(id))!);

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
      const seen = views.for(analyst(c).clearance).atlas.records;
      const document = { ...doc, extraction: withoutHidden(doc.extraction, seen) };
      return c.json({ document, proposals: (await views.store.documents.proposals(id)).map((p) => shown(c, p)) } as unknown as Record<string, unknown>, 200);
    },
  );

  const action = (name: 'accept' | 'reject' | 'merge' | 'undo', summary: string, body: z.ZodType) =>
    createRoute({ method: 'post', path: `/proposals/{id}/${name}`, summary, request: { params: idParam, body: { content: { 'application/json': { schema: body } } } }, responses: jsonOk('The proposal after the decision') });

  app.openapi(action('accept', 'Accept a proposal, with edits to its entity, standing and grades', decision), async (c) => {
    const { id } = c.req.valid('param');
    const { version, edits = {} } = c.req.valid('json') as { version: number; edits?: Edits };
    const account = analyst(c);
    await proposalFor(c, id);
    await decide(() => review.accept(id, version, edits, account.name, account.clearance));
    return c.json(await answer(c, id), 200);
  });

  app.openapi(action('reject', 'Reject a proposal', z.object({ version: z.number().int().min(1) })), async (c) => {
    const { id } = c.req.valid('param');
    const account = analyst(c);
    await proposalFor(c, id);
    await decide(() => review.reject(id, (c.req.valid('json') as { version: number }).version, account.name));
    return c.json(await answer(c, id), 200);
  });

  app.openapi(action('merge', 'Merge a candidate new entity into an existing one (its name becomes an alias)', decision.extend({ into: z.string().min(1).max(200) })), async (c) => {
    const { id } = c.req.valid('param');
    const { version, into, edits = {} } = c.req.valid('json') as { version: number; into: string; edits?: Edits };
    const account = analyst(c);
    await proposalFor(c, id);
    await decide(() => review.merge(id, version, into, edits, account.name, account.clearance));
    return c.json(await answer(c, id), 200);
  });

  const sourceMeta = z
    .object({
      title: z.string().min(1).max(1000),
      publisher: z.string().min(1).max(1000),
      url: z.string().min(1).max(2000),
      published: z.string().min(4).max(10),
      language: z.string().min(2).max(35),
      licence: z.string().min(1).max(1000),
      fragment: z.boolean(),
      reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
      credibility: z.number().int().min(1).max(6),
      note: z.string().min(1).max(2000),
    })
    .partial()
    .strict();
  app.openapi(
    createRoute({ method: 'post', path: '/documents/{id}/source', summary: 'Make a document an atlas source, to quote it by hand (analysts)', request: { params: idParam, body: { content: { 'application/json': { schema: sourceMeta } } } }, responses: jsonOk('The source') }),
    async (c) => {
      const { id } = c.req.valid('param');
      const account = analyst(c);
      const doc = await views.store.documents.get(id);
      if (!doc || !tlpAllows(account.clearance, doc.tlp)) throw notFound(`no document with id '${id}'`);
      let source = '';
      await decide(async () => {
        source = await review.makeSource(id, c.req.valid('json') as SourceMeta, account.name, account.clearance);
      });
      return c.json({ source }, 200);
    },
  );

  app.openapi(action('undo', 'Undo a decision: what it changed is restored, and the proposal is open again', z.object({ version: z.number().int().min(1) })), async (c) => {
    const { id } = c.req.valid('param');
    const account = analyst(c);
    await proposalFor(c, id);
    await decide(() => review.undo(id, (c.req.valid('json') as { version: number }).version, account.name, account.clearance));
    return c.json(await answer(c, id), 200);
  });
  return app;
}
