/**
 * @module server/graph-scope
 * Which part of the system view a request asks to draw, read the same way by the drawing and its
 * export: `around` (entities and their neighbours), `from` and `to` (the chain between two), or
 * `group`; none of them — the whole.
 */
import { z } from '@hono/zod-openapi';
import { MAX_AROUND, graphScopeProblem, parseGraphScope, systemGraph, type GraphScope } from '../atlas/graph.ts';
import type { Atlas } from '../atlas/load.ts';
import { badRequest, notFound } from './errors.ts';

export const graphScopeQuery = z.object({
  around: z.string().max(10_000).optional().openapi({ description: `Comma-separated entity ids (at most ${MAX_AROUND}): draw them, their neighbours and the relations among them`, example: 'org-mss' }),
  from: z.string().max(200).optional().openapi({ description: 'With to: draw the shortest documented chain between two entities' }),
  to: z.string().max(200).optional(),
  group: z.string().max(50).optional().openapi({ description: 'Draw one group of the system view' }),
});

/** The scope a query names, checked against the asker's view: a 400 for a malformed ask, a 404 for what the view does not hold. */
export function graphScope(atlas: Atlas, q: z.infer<typeof graphScopeQuery>): GraphScope {
  const scope = parseGraphScope(q);
  if (typeof scope === 'string') throw badRequest(scope);
  const problem = graphScopeProblem(systemGraph(atlas), scope);
  if (problem) throw notFound(problem);
  return scope;
}
