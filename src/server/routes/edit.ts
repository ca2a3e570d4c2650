/**
 * @module server/routes/edit
 * Editing a record: analysts edit, admins also change markings. The edit names the version it was
 * made on; if the record has moved on since, it is refused (409), never merged blindly.
 */
import { isDeepStrictEqual } from 'node:util';
import { type OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { markingChange } from '../../atlas/marking-change.ts';
import { tlpAllows, type Tlp } from '../../model/vocab.ts';
import { roleAllows } from '../../store/accounts.ts';
import { KINDS, RECORD_KINDS, type RecordKind } from '../../model/kinds.ts';
import { createRecord, EditError, editRecord } from '../../store/edit.ts';
import { ConflictError } from '../../store/store.ts';
import { requireRole, type AuthEnv } from '../auth.ts';
import { badRequest, notFound } from '../errors.ts';
import { newRouter } from '../router.ts';
import type { Views } from '../views.ts';

const markingsIn = (data: unknown): Tlp[] => {
  const found: Tlp[] = [];
  JSON.stringify(data, (key, value: unknown) => {
    if (key === 'tlp' && typeof value === 'string') found.push(value as Tlp);
    return value;
  });
  return found;
};

export function editRoutes(views: Views): OpenAPIHono<AuthEnv> {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'put',
      path: '/entities/{id}',
      summary: 'Replace a record (analysts; markings: admins), naming the version the edit was made on',
      request: {
        params: z.object({ id: z.string().min(1).max(200) }),
        body: { content: { 'application/json': { schema: z.object({ version: z.number().int().min(1), record: z.record(z.string(), z.unknown()) }) } } },
      },
      responses: {
        200: { description: 'The new version', content: { 'application/json': { schema: z.object({ id: z.string(), version: z.number() }) } } },
        409: { description: 'Someone else changed the record since that version' },
      },
    }),
    async (c) => {
      const account = requireRole(c, 'analyst', 'editing a record');
      const { id } = c.req.valid('param');
      const { version, record } = c.req.valid('json');
      const full = views.atlas.records.get(id);
      const seen = views.for(account.clearance).atlas.records.get(id);
      if (!full || !seen) throw notFound(`no record with id '${id}'`);
      // An edit replaces the whole record, so its author must see the whole record.
      if (!isDeepStrictEqual(seen.data, full.data)) throw new HTTPException(403, { message: `editing '${id}' needs a higher clearance than ${account.clearance.toUpperCase()}` });
      // Any marking changed — the record's or a part's, where it sits or what it covers — is an admin's decision.
      const change = markingChange(views.atlas, id, record, (level) => views.for(level).atlas);
      if (change && !roleAllows(account.role, 'admin')) throw new HTTPException(403, { message: `changing a marking needs the admin role: ${change}` });
      const above = markingsIn(record).find((t) => !tlpAllows(account.clearance, t));
      if (above) throw new HTTPException(403, { message: `you cannot mark anything above your clearance (${account.clearance.toUpperCase()})` });
      try {
        // Judged first by what the editor can see: a reference to a record beyond it reads as unknown.
        const result = await editRecord(views.store, views.atlas, id, record, version, account.name, views.for(account.clearance).atlas);
        await views.reload();
        return c.json({ id, version: result.version }, 200);
      } catch (e) {
        if (e instanceof ConflictError) throw new HTTPException(409, { message: e.message });
        if (e instanceof EditError) throw badRequest(e.message);
        throw e;
      }
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/entities',
      summary: 'Create a record (analysts): claims need only source and quote; the id asked for gets a short hash',
      request: {
        body: { content: { 'application/json': { schema: z.object({ kind: z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]), record: z.record(z.string(), z.unknown()) }) } } },
      },
      responses: { 201: { description: 'The new record', content: { 'application/json': { schema: z.object({ id: z.string(), version: z.number() }) } } } },
    }),
    async (c) => {
      const account = requireRole(c, 'analyst', 'creating a record');
      const { kind, record } = c.req.valid('json');
      if (typeof record.id !== 'string' || !record.id.startsWith(`${KINDS[kind].prefix}-`)) throw badRequest(`id: a ${kind}'s id starts with '${KINDS[kind].prefix}-'`);
      if (markingsIn(record).length && !roleAllows(account.role, 'admin')) throw new HTTPException(403, { message: 'marking a record needs the admin role' });
      const above = markingsIn(record).find((t) => !tlpAllows(account.clearance, t));
      if (above) throw new HTTPException(403, { message: `you cannot mark anything above your clearance (${account.clearance.toUpperCase()})` });
      try {
        const result = await createRecord(views.store, views.atlas, kind, record, account.name, views.for(account.clearance).atlas);
        await views.reload();
        return c.json({ id: result.id, version: result.version }, 201);
      } catch (e) {
        if (e instanceof EditError) throw badRequest(e.message);
        throw e;
      }
    },
  );
  return app;
}
