/**
 * @module screen/links
 * An entity's documented links to the system: the shortest chain of relations that tie it to one
 * of the services or party bodies, each step with the claims that state it. Only edges that tie
 * an entity into the system count (the relation-type table's `link`); being targeted, warned
 * about or prosecuted is not a tie.
 */
import type { Claim } from '../model/claim.ts';
import { RELATION_TYPES, type RelationTypeName } from '../model/relation-types.ts';
import { groupBy } from '../util/group-by.ts';

export interface GraphRelation {
  id: string;
  type: RelationTypeName;
  subject: string;
  object: string;
  claims: Claim[];
}

export interface LinkStep {
  from: string;
  relation: string;
  /** The relation read from `from` to `to`, e.g. "works for" or "is tasked by". */
  label: string;
  to: string;
  to_name: string;
  claims: { id: string; quote: string; source: string; standing: string; likelihood: string | null }[];
}

export interface SystemLinks {
  /** The entity is itself a service or party body. */
  is_core: boolean;
  /** The shortest chain to a service or party body, or null when the atlas documents none. */
  chain: LinkStep[] | null;
}

interface Edge {
  to: string;
  relation: GraphRelation;
  label: string;
}

export class SystemGraph {
  private readonly ties = new Map<string, Edge[]>();

  constructor(
    relations: GraphRelation[],
    private readonly core: ReadonlySet<string>,
    private readonly names: ReadonlyMap<string, string>,
  ) {
    const edges = relations.flatMap((r) => {
      const type = RELATION_TYPES[r.type];
      const link = (type as { link?: 'up' | 'down' }).link;
      if (!link) return [];
      const [from, to, label] = link === 'up' ? [r.subject, r.object, type.label] : [r.object, r.subject, type.reverse];
      return [{ from, edge: { to, relation: r, label } }];
    });
    for (const [from, list] of groupBy(edges, (e) => e.from)) this.ties.set(from, list.map((e) => e.edge));
  }

  linksOf(id: string): SystemLinks {
    if (this.core.has(id)) return { is_core: true, chain: [] };
    const previous = new Map<string, { from: string; edge: Edge }>();
    const queue = [id];
    const seen = new Set([id]);
    while (queue.length) {
      const at = queue.shift()!;
      // Edges in id order: the same atlas always gives the same chain.
      for (const edge of [...(this.ties.get(at) ?? [])].sort((a, b) => a.relation.id.localeCompare(b.relation.id))) {
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        previous.set(edge.to, { from: at, edge });
        if (this.core.has(edge.to)) return { is_core: false, chain: this.walkBack(edge.to, previous) };
        queue.push(edge.to);
      }
    }
    return { is_core: false, chain: null };
  }

  private walkBack(end: string, previous: Map<string, { from: string; edge: Edge }>): LinkStep[] {
    const steps: LinkStep[] = [];
    for (let at = end; previous.has(at); ) {
      const { from, edge } = previous.get(at)!;
      steps.unshift({
        from,
        relation: edge.relation.id,
        label: edge.label,
        to: at,
        to_name: this.names.get(at) ?? at,
        claims: edge.relation.claims.map((c) => ({ id: c.id, quote: c.quote, source: c.source, standing: c.standing, likelihood: c.likelihood })),
      });
      at = from;
    }
    return steps;
  }
}
