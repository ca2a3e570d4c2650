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
  type: RelationTypeName;
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

/** The system view: every entity drawn in a group, and the relations among them. */
export function systemGraph(atlas: Atlas): SystemGraph {
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
  const all = edges(atlas);
  const previous = new Map<string, { at: string; edge: GraphEdge }>();
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === to) break;
    for (const e of all) {
      const other = e.source === at ? e.target : e.target === at ? e.source : undefined;
      if (other === undefined || seen.has(other)) continue;
      seen.add(other);
      previous.set(other, { at, edge: e });
      queue.push(other);
    }
  }
  if (!seen.has(to)) return undefined;
  const path: GraphEdge[] = [];
  const ids = [to];
  for (let at = to; previous.has(at); ) {
    const { at: back, edge } = previous.get(at)!;
    path.unshift(edge);
    ids.unshift(back);
    at = back;
  }
  return { nodes: ids.map((n) => node(atlas, n)!).filter(Boolean), edges: path };
}
