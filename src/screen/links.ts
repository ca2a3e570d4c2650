/**
 * @module screen/links
 * An entity's documented links to the system: the shortest chain of relations that tie it to one
 * of the services or party bodies, each step with the claims that state it. Only edges that tie
 * an entity into the system count (the relation-type table's `link`); being targeted, warned
 * about or prosecuted is not a tie.
 */
import type { Claim } from '../model/claim.ts';
import { RELATION_TYPES, type RelationTypeName } from '../model/relation-types.ts';
import { STANDING_STRENGTH, type Standing } from '../model/vocab.ts';
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
  /** How well the step is established: the best-established of its claims. */
  standing: Standing;
  /** That claim's own likelihood words, if it hedges. */
  likelihood: string | null;
  claims: StepClaim[];
}

export interface StepClaim {
  id: string;
  quote: string;
  source: string;
  standing: Standing;
  likelihood: string | null;
  /** Admiralty grade, e.g. B2: source reliability and information credibility. */
  admiralty: string;
}

export interface SystemLinks {
  /** The entity is itself a service or party body. */
  is_core: boolean;
  /** The shortest chain to a service or party body, or null when the atlas documents none. */
  chain: LinkStep[] | null;
  /** How well the chain is established: its weakest step's standing (null without a chain). */
  standing: Standing | null;
  /** The chain in words, its standing first: "alleged: is affiliated with United Front Work Department". */
  statement: string;
}

/** The best-established of a step's claims stands for the step. */
function strongest(claims: StepClaim[]): StepClaim | undefined {
  return [...claims].sort((a, b) => STANDING_STRENGTH[b.standing] - STANDING_STRENGTH[a.standing])[0];
}

/** A chain's standing and words; a chain resting on an allegation reads as one. */
function described(chain: LinkStep[] | null, isCore: boolean): Pick<SystemLinks, 'standing' | 'statement'> {
  if (isCore) return { standing: null, statement: 'is itself a service or party body' };
  if (!chain) return { standing: null, statement: 'no documented link to a service or party body' };
  const weakest = chain.reduce((w, s) => (STANDING_STRENGTH[s.standing] < STANDING_STRENGTH[w.standing] ? s : w));
  const hedge = weakest.likelihood ? ` (${weakest.likelihood})` : '';
  return { standing: weakest.standing, statement: `${weakest.standing}${hedge}: ${chain.map((s) => `${s.label} ${s.to_name}`).join(', then ')}` };
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
    /** Classes of bodies the sources speak of together ("Chinese universities"): what ties the class says nothing of one member, so no chain passes through one. */
    private readonly classes: ReadonlySet<string> = new Set(),
  ) {
    const edges = relations.flatMap((r) => {
      const type = RELATION_TYPES[r.type];
      const link = (type as { link?: 'up' | 'down' }).link;
      // A tie a court acquitted or a prosecutor dropped establishes nothing, whatever else is claimed of it.
      if (!link || r.claims.some((c) => STANDING_STRENGTH[c.standing] === 0)) return [];
      const [from, to, label] = link === 'up' ? [r.subject, r.object, type.label] : [r.object, r.subject, type.reverse];
      return [{ from, edge: { to, relation: r, label } }];
    });
    for (const [from, list] of groupBy(edges, (e) => e.from)) this.ties.set(from, list.map((e) => e.edge));
  }

  linksOf(id: string): SystemLinks {
    if (this.core.has(id)) return { is_core: true, chain: [], ...described([], true) };
    const previous = new Map<string, { from: string; edge: Edge }>();
    const queue = [id];
    const seen = new Set([id]);
    while (queue.length) {
      const at = queue.shift()!;
      if (at !== id && this.classes.has(at)) continue;
      // Edges in id order: the same atlas always gives the same chain.
      for (const edge of [...(this.ties.get(at) ?? [])].sort((a, b) => a.relation.id.localeCompare(b.relation.id))) {
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        previous.set(edge.to, { from: at, edge });
        if (this.core.has(edge.to)) {
          const chain = this.walkBack(edge.to, previous);
          return { is_core: false, chain, ...described(chain, false) };
        }
        queue.push(edge.to);
      }
    }
    return { is_core: false, chain: null, ...described(null, false) };
  }

  private walkBack(end: string, previous: Map<string, { from: string; edge: Edge }>): LinkStep[] {
    const steps: LinkStep[] = [];
    for (let at = end; previous.has(at); ) {
      const { from, edge } = previous.get(at)!;
      const claims = edge.relation.claims.map((c) => ({ id: c.id, quote: c.quote, source: c.source, standing: c.standing, likelihood: c.likelihood, admiralty: `${c.reliability}${c.credibility}` }));
      const best = strongest(claims);
      steps.unshift({ from, relation: edge.relation.id, label: edge.label, to: at, to_name: this.names.get(at) ?? at, standing: best?.standing ?? 'reported', likelihood: best?.likelihood ?? null, claims });
      at = from;
    }
    return steps;
  }
}
