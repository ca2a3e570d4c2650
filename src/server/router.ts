/**
 * @module server/router
 * What every group of API routes starts from: a router whose inputs are validated by zod (the
 * first problem answered as a 400 naming the field), and the shape of a JSON answer for OpenAPI.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AuthEnv } from './auth.ts';
import { rejectInvalid } from './errors.ts';

export function newRouter(): OpenAPIHono<AuthEnv> {
  return new OpenAPIHono<AuthEnv>({ defaultHook: rejectInvalid });
}

const Any = z.record(z.string(), z.unknown()).openapi('Object');

export function jsonOk(description: string, schema: z.ZodType = Any) {
  return { 200: { description, content: { 'application/json': { schema } } } };
}
