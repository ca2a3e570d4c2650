/**
 * @module atlas/graph
 * The atlas as a graph: the system view's nodes and edges, an entity's neighbourhood to a depth,
 * and the shortest chain of relations between two entities.
 */
import { SYSTEM_GROUPS, groupOf, type SystemGroup } from '../model/display.ts';
import { RELATION_TYPES, type RelationTypeName } from '../model/relation-types.ts';
import { recordsOf, type Atlas } from './load.ts';
import { displayName } from './view.ts';

export interface GraphNode {
  id: string;
  kind: string;
  subtype: string | null;
  name: string;
  group: SystemGroup | null;
}

export interface GraphEdge {
  id: string;
  /** A relation's type; 'grouped' for an overview's edge that stands for all the relations between two groups. */
  type: RelationTypeName | 'grouped';
  label: string;
  source: string;
  target: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface SystemGraph extends Graph {
  groups: typeof SYSTEM_GROUPS;
}

function node(atlas: Atlas, id: string): GraphNode | undefined {
  const rec = atlas.records.get(id);
  if (!rec || rec.kind === 'relation' || rec.kind === 'source' || rec.kind === 'tactic') return undefined;
  const d = rec.data as { subtype?: string; country?: string };
  return { id, kind: rec.kind, subtype: d.subtype ?? null, name: displayName(rec), group: groupOf(rec.kind, d) ?? null };
}

function edges(atlas: Atlas): GraphEdge[] {
  return recordsOf(atlas, 'relation').map((r) => ({
    id: r.id,
    type: r.data.type,
    label: RELATION_TYPES[r.data.type].label,
    source: r.data.subject,
    target: r.data.object,
  }));
}

const systemGraphs = new WeakMap<Atlas, SystemGraph>();

/** The system view: every entity drawn in a group, and the relations among them (made once per atlas view). */
export function systemGraph(atlas: Atlas): SystemGraph {
  let graph = systemGraphs.get(atlas);
  if (!graph) systemGraphs.set(atlas, (graph = makeSystemGraph(atlas)));
  return graph;
}

function makeSystemGraph(atlas: Atlas): SystemGraph {
  const nodes = [...atlas.records.keys()].map((id) => node(atlas, id)).filter((n): n is GraphNode => n?.group != null);
  const ids = new Set(nodes.map((n) => n.id));
  return { groups: SYSTEM_GROUPS, nodes, edges: edges(atlas).filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

export const MAX_DEPTH = 4;

/** An entity and everything within `depth` relations of it, optionally only of some kinds and types. */
export function neighbourhood(atlas: Atlas, id: string, depth: number, filter: { kinds?: string[]; types?: string[] } = {}): Graph {
  const all = edges(atlas).filter((e) => !filter.types?.length || filter.types.includes(e.type));
  const keep = (n: string) => n === id || !filter.kinds?.length || filter.kinds.includes(atlas.records.get(n)?.kind ?? '');
  const seen = new Set([id]);
  const found: GraphEdge[] = [];
  let frontier = [id];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const e of all) {
      for (const [from, to] of [[e.source, e.target], [e.target, e.source]] as const) {
        if (!frontier.includes(from) || !keep(to)) continue;
        if (!found.includes(e)) found.push(e);
        if (!seen.has(to)) {
          seen.add(to);
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  return { nodes: [...seen].map((n) => node(atlas, n)).filter((n): n is GraphNode => n !== undefined), edges: found };
}

/** The shortest chain of relations between two entities, in either direction; undefined if none. */
export function shortestPath(atlas: Atlas, from: string, to: string): Graph | undefined {
  const chain = chainOf(edges(atlas), from, to);
  if (!chain) return undefined;
  const ids = [from];
  for (const e of chain) ids.push(e.source === ids.at(-1) ? e.target : e.source);
  return { nodes: ids.map((n) => node(atlas, n)!).filter(Boolean), edges: chain };
}

/** The fewest edges that lead from one node to another (breadth first, either direction), in order. */
function chainOf(all: GraphEdge[], from: string, to: string): GraphEdge[] | undefined {
  const touching = new Map<string, GraphEdge[]>();
  for (const e of all) for (const n of [e.source, e.target]) (touching.get(n) ?? touching.set(n, []).get(n)!).push(e);
  const previous = new Map<string, GraphEdge>();
  const seen = new Set([from]);
  for (let queue = [from], i = 0; i < queue.length && !seen.has(to); i++) {
    const at = queue[i]!;
    for (const e of touching.get(at) ?? []) {
      const other = e.source === at ? e.target : e.source;
      if (seen.has(other)) continue;
      seen.add(other);
      previous.set(other, e);
      queue.push(other);
    }
  }
  if (!seen.has(to)) return undefined;
  const chain: GraphEdge[] = [];
  for (let at = to; at !== from; ) {
    const e = previous.get(at)!;
    chain.unshift(e);
    at = e.source === at ? e.target : e.source;
  }
  return chain;
}

/** A part of the system view to draw: the whole, some entities with their neighbours, a chain between two, or one group. */
export type GraphScope = { kind: 'all' } | { kind: 'around'; ids: string[] } | { kind: 'path'; from: string; to: string } | { kind: 'group'; group: string };

export const MAX_AROUND = 50;

/** A scope from its words (the API's query, the CLI's options); a string says what is wrong with them. */
export function parseGraphScope(q: { around?: string; from?: string; to?: string; group?: string }): GraphScope | string {
  const given = [q.around !== undefined, q.from !== undefined || q.to !== undefined, q.group !== undefined].filter(Boolean).length;
  if (given > 1) return 'give around, from and to, or group — one of them';
  if (q.around !== undefined) {
    const ids = [...new Set(q.around.split(',').map((s) => s.trim()).filter(Boolean))];
    if (!ids.length) return 'around: give at least one entity id';
    if (ids.length > MAX_AROUND) return `around: at most ${MAX_AROUND} entities`;
    return { kind: 'around', ids };
  }
  if (q.from !== undefined || q.to !== undefined) return q.from && q.to ? { kind: 'path', from: q.from, to: q.to } : 'give both from and to';
  if (q.group !== undefined) return { kind: 'group', group: q.group };
  return { kind: 'all' };
}

/** Why a scope cannot be drawn (an unknown or undrawable entity, no chain), or undefined. */
export function graphScopeProblem(system: SystemGraph, scope: GraphScope): string | undefined {
  const ids = new Set(system.nodes.map((n) => n.id));
  const named = scope.kind === 'around' ? scope.ids : scope.kind === 'path' ? [scope.from, scope.to] : [];
  const missing = named.find((id) => !ids.has(id));
  if (missing) return `no entity '${missing}' in the system view`;
  if (scope.kind === 'group' && !system.groups.some((g) => g.id === scope.group)) return `no group '${scope.group}'`;
  if (scope.kind === 'path' && !chainOf(system.edges, scope.from, scope.to)) return `no chain of relations joins ${scope.from} and ${scope.to}`;
  return undefined;
}

/**
 * The system view cut to a scope: for 'around', the entities, their neighbours and every relation
 * among them; for 'path', the shortest chain through the system's own entities; for 'group', the
 * group's members and the relations among them.
 */
export function scopedGraph(system: SystemGraph, scope: GraphScope): SystemGraph {
  if (scope.kind === 'all') return system;
  const byId = new Map(system.nodes.map((n) => [n.id, n]));
  if (scope.kind === 'path') {
    const chain = chainOf(system.edges, scope.from, scope.to) ?? [];
    const ids = new Set([scope.from, ...chain.flatMap((e) => [e.source, e.target])]);
    return { groups: system.groups, nodes: [...ids].map((id) => byId.get(id)!), edges: chain };
  }
  let keep: Set<string>;
  if (scope.kind === 'group') keep = new Set(system.nodes.filter((n) => n.group === scope.group).map((n) => n.id));
  else {
    keep = new Set(scope.ids);
    for (const e of system.edges) {
      if (scope.ids.includes(e.source)) keep.add(e.target);
      if (scope.ids.includes(e.target)) keep.add(e.source);
    }
  }
  return { groups: system.groups, nodes: system.nodes.filter((n) => keep.has(n.id)), edges: system.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}
