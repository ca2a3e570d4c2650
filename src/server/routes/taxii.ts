/**
 * @module server/routes/taxii
 * A TAXII 2.1 server inside a team server (`greyzone serve --server`), so that OpenCTI, MISP and
 * other TAXII clients can subscribe: discovery at /taxii2/, one API root (/taxii2/greyzone/), its
 * collections (interop/taxii), objects with added_after, match[id|type|version|spec_version],
 * limit and next paging, the manifest, an object's versions, and adding objects (analysts; the
 * import's all-or-nothing checks, answered with a status resource). Every request signs in with
 * the account's token — Bearer, or Basic with the account's name and the token as password, as
 * TAXII clients send it — never with the explorer's cookie; the account's clearance decides what a
 * collection holds, exactly as on every other path. Errors are TAXII error messages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { v4 as uuidv4 } from 'uuid';
import { roleAllows } from '../../store/accounts.ts';
import { importStix, StixImportError } from '../../interop/stix/import.ts';
import { API_ROOT, ATLAS_COLLECTION, DEFAULT_LIMIT, MAX_CONTENT_LENGTH, MAX_LIMIT, TAXII_MEDIA, TaxiiQueryError, collectionEntries, collectionName, collectionsOf, queryEntries, type ObjectQuery } from '../../interop/taxii.ts';
import { accountOf, type AuthEnv } from '../auth.ts';
import type { Views } from '../views.ts';

export const TAXII_PATH = '/taxii2';
/** Where other producers' objects posted to the atlas collection are kept. */
const POSTED_COLLECTION = 'taxii';
const STATUSES_KEPT = 1000;

interface Status {
  owner: string;
  resource: Record<string, unknown>;
}

/** A TAXII error message (section 3.6.1) with its HTTP status. */
export function taxiiError(c: Context, status: number, title: string, description?: string): Response {
  return c.body(JSON.stringify({ title, ...(description ? { description } : {}), http_status: String(status) }), status as never, { 'content-type': TAXII_MEDIA });
}

const TITLES: Record<number, string> = { 400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 406: 'Not acceptable', 413: 'Too large', 415: 'Unsupported media type', 429: 'Too many requests', 503: 'Unavailable' };

/** Any error on a TAXII path, as a TAXII error message; an unexpected one is logged and said plainly. */
export function taxiiOnError(e: Error, c: Context): Response {
  if (e instanceof TaxiiQueryError) return taxiiError(c, 400, 'Bad request', e.message);
  if (e instanceof HTTPException) return taxiiError(c, e.status, TITLES[e.status] ?? 'Error', e.message);
  console.error(e);
  return taxiiError(c, 500, 'Internal error');
}

const taxii = (c: Context, body: unknown, status = 200, headers: Record<string, string> = {}) => c.body(JSON.stringify(body), status as never, { 'content-type': TAXII_MEDIA, ...headers });

/** Whether an Accept header takes TAXII 2.1 JSON (a missing one, or one of any type, does). */
function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';').map((p) => p.trim());
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return !version || version === 'version=2.1';
  });
}

export function taxiiRoutes(views: Views): Hono<AuthEnv> {
  // Mounted at the root: TAXII's addresses end in a slash, and the discovery address is TAXII_PATH/ itself.
  const app = new Hono<AuthEnv>();
  const statuses = new Map<string, Status>();

  app.use(`${TAXII_PATH}/*`, async (c, next) => {
    if (c.get('mode') !== 'server') return taxiiError(c, 404, 'Not found', 'TAXII is served by a team server: greyzone serve --server');
    if (!acceptsTaxii(c.req.header('accept'))) return taxiiError(c, 406, 'Not acceptable', `this server answers with ${TAXII_MEDIA}`);
    return next();
  });

  const base = (c: Context) => new URL(`${TAXII_PATH}/${API_ROOT}/`, c.req.url).href;
  app.get(`${TAXII_PATH}/`, (c) => taxii(c, { title: 'greyzone', description: 'The greyzone atlas as a TAXII 2.1 feed', default: base(c), api_roots: [base(c)] }));
  app.get(`${TAXII_PATH}/${API_ROOT}/`, (c) =>
    taxii(c, { title: 'greyzone', description: 'The atlas and the collections of other producers it keeps', versions: [TAXII_MEDIA], max_content_length: MAX_CONTENT_LENGTH }),
  );

  const viewOf = (c: Context<AuthEnv>) => views.for(accountOf(c).clearance).atlas;
  const mayWrite = (c: Context<AuthEnv>) => roleAllows(accountOf(c).role, 'analyst');
  app.get(`${TAXII_PATH}/${API_ROOT}/collections/`, (c) => taxii(c, { collections: collectionsOf(viewOf(c), mayWrite(c)) }));

  /** The collection a request names, in the asker's view; one it cannot see is not found, as one that does not exist. */
  const collectionOf = (c: Context<AuthEnv>) => {
    const name = collectionName(viewOf(c), c.req.param('id') ?? '');
    if (!name) throw new HTTPException(404, { message: `no collection '${(c.req.param('id') ?? '').slice(0, 100)}'` });
    return name;
  };
  app.get(`${TAXII_PATH}/${API_ROOT}/collections/:id/`, (c) => {
    collectionOf(c);
    return taxii(c, collectionsOf(viewOf(c), mayWrite(c)).find((x) => x.id === c.req.param('id')));
  });

  const query = (c: Context<AuthEnv>, ids?: string[]): ObjectQuery => {
    const list = (key: string) => {
      const values = c.req.queries(key)?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
      return values?.length ? values : undefined;
    };
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new TaxiiQueryError(`limit: '${limitText}' is not a whole number of at least 1`);
    return { addedAfter: c.req.query('added_after'), ids: ids ?? list('match[id]'), types: list('match[type]'), versions: list('match[version]'), specVersions: list('match[spec_version]'), limit: Math.min(limit, MAX_LIMIT), next: c.req.query('next') };
  };
  const page = (c: Context<AuthEnv>, ids?: string[]) => queryEntries(collectionEntries(viewOf(c), collectionOf(c), (id) => views.updatedAt(id)), query(c, ids));
  const dateHeaders = (items: { date_added: string }[]): Record<string, string> =>
    items.length ? { 'X-TAXII-Date-Added-First': items[0]!.date_added, 'X-TAXII-Date-Added-Last': items.at(-1)!.date_added } : {};
  const envelope = (c: Context<AuthEnv>, ids?: string[]) => {
    const { items, more, next } = page(c, ids);
    if (ids && !items.length && !c.req.query('next')) throw new HTTPException(404, { message: `no object '${ids[0]!.slice(0, 100)}' in this collection` });
    return taxii(c, { more, ...(next ? { next } : {}), ...(items.length ? { objects: items.map((e) => e.object) } : {}) }, 200, dateHeaders(items));
  };

  app.get(`${TAXII_PATH}/${API_ROOT}/collections/:id/objects/`, (c) => envelope(c));
  app.get(`${TAXII_PATH}/${API_ROOT}/collections/:id/objects/:object/`, (c) => envelope(c, [c.req.param('object')]));
  app.get(`${TAXII_PATH}/${API_ROOT}/collections/:id/objects/:object/versions/`, (c) => {
    const { items, more, next } = page(c, [c.req.param('object')]);
    if (!items.length) throw new HTTPException(404, { message: `no object '${c.req.param('object').slice(0, 100)}' in this collection` });
    return taxii(c, { more, ...(next ? { next } : {}), versions: items.map((e) => e.version) }, 200, dateHeaders(items));
  });
  app.get(`${TAXII_PATH}/${API_ROOT}/collections/:id/manifest/`, (c) => {
    const { items, more, next } = page(c);
    return taxii(c, { more, ...(next ? { next } : {}), ...(items.length ? { objects: items.map(({ object: _, ...m }) => m) } : {}) }, 200, dateHeaders(items));
  });

  app.post(`${TAXII_PATH}/${API_ROOT}/collections/:id/objects/`, async (c) => {
    const account = accountOf(c);
    const name = collectionOf(c);
    if (!roleAllows(account.role, 'analyst')) throw new HTTPException(403, { message: `adding objects needs the analyst role; ${account.name} is a ${account.role}` });
    if (!/^application\/taxii\+json\s*;\s*version=2\.1\s*$/i.test(c.req.header('content-type') ?? '')) throw new HTTPException(415, { message: `send the envelope as ${TAXII_MEDIA}` });
    const text = await c.req.text();
    let objects: unknown;
    try {
      objects = (JSON.parse(text) as { objects?: unknown }).objects;
    } catch {
      throw new HTTPException(400, { message: 'the body is not JSON' });
    }
    if (!Array.isArray(objects) || !objects.length) throw new HTTPException(400, { message: 'the envelope has no objects (an array of STIX 2.1 objects)' });
    const requested = new Date().toISOString();
    const listed = objects.map((o) => ({ id: typeof (o as { id?: unknown })?.id === 'string' ? String((o as { id: string }).id) : '', version: String((o as { modified?: unknown; created?: unknown })?.modified ?? (o as { created?: unknown })?.created ?? '') }));
    const dir = mkdtempSync(join(tmpdir(), 'greyzone-taxii-'));
    let failures: { id: string; version?: string; message: string }[] = [];
    try {
      const file = join(dir, 'envelope.json');
      writeFileSync(file, JSON.stringify({ type: 'bundle', id: `bundle--${uuidv4()}`, objects }));
      await importStix(views.store, file, { actor: account.name, collection: name === ATLAS_COLLECTION ? POSTED_COLLECTION : name, tlp: views.atlas.kept.collections.get(name) ?? 'clear', source: { title: `Objects added over TAXII by ${account.name}` } });
      await views.reload();
    } catch (e) {
      if (!(e instanceof StixImportError)) throw e;
      // All or nothing: every object fails, each with its own problem where it had one.
      const problems = new Map<string, string>();
      for (const p of e.problems) if (!problems.has(p.id)) problems.set(p.id, `${p.field ? `${p.field}: ` : ''}${p.message}`);
      const general = e.problems.length ? 'not added: another object of the envelope failed the checks' : e.message.replace(/^[^:]*: /, '');
      failures = listed.map((o, i) => ({ id: o.id || `objects[${i}]`, ...(o.version ? { version: o.version } : {}), message: problems.get(o.id) ?? problems.get(`objects[${i}]`) ?? general }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const id = uuidv4();
    const resource = {
      id,
      status: 'complete',
      request_timestamp: requested,
      total_count: listed.length,
      success_count: failures.length ? 0 : listed.length,
      successes: failures.length ? [] : listed.map((o) => ({ id: o.id, ...(o.version ? { version: o.version } : {}) })),
      failure_count: failures.length,
      failures,
      pending_count: 0,
      pendings: [],
    };
    statuses.set(id, { owner: account.name, resource });
    // Only the latest are kept: a status answers a client that has just posted.
    if (statuses.size > STATUSES_KEPT) statuses.delete(statuses.keys().next().value!);
    return taxii(c, resource, 202);
  });

  app.get(`${TAXII_PATH}/${API_ROOT}/status/:id/`, (c) => {
    const status = statuses.get(c.req.param('id'));
    if (!status || status.owner !== accountOf(c).name) throw new HTTPException(404, { message: `no status '${c.req.param('id').slice(0, 100)}'` });
    return taxii(c, status.resource);
  });

  app.all(`${TAXII_PATH}/*`, (c) => taxiiError(c, 404, 'Not found', 'no such TAXII endpoint'));
  app.all(TAXII_PATH, (c) => taxiiError(c, 404, 'Not found', `the discovery address is ${TAXII_PATH}/`));
  return app;
}

