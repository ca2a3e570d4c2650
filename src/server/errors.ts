/**
 * @module server/errors
 * Every error leaves the server as JSON with a message, and never with a stack trace.
 */
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';

export function notFound(what: string): HTTPException {
  return new HTTPException(404, { message: what });
}

export function badRequest(message: string): HTTPException {
  return new HTTPException(400, { message });
}

/** The routers' validation hook: the first problem with the request, as a 400 naming the field. */
export function rejectInvalid(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): void {
  const issue = result.success ? undefined : result.error?.issues[0];
  if (issue) throw badRequest(`${issue.path.map(String).join('.') || 'request'}: ${issue.message}`);
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
  // Unexpected: logged for the operator, a plain message for the client.
  console.error(err);
  return c.json({ error: 'internal error' }, 500);
}
