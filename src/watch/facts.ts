/**
 * @module watch/facts
 * What one view of the atlas says of each entity screening can match — its names, its part in the
 * atlas, its chain to the system, its ties — and the claims that say it, with a fingerprint of all
 * of it, so that two views can be compared entity by entity. A view is the atlas redacted to one
 * clearance: a change that clearance cannot see changes no fingerprint.
 */
import { createHash } from 'node:crypto';
import type { Atlas } from '../atlas/load.ts';
import type { AtlasIndex } from '../screen/atlas-index.ts';

export interface ClaimRef {
  id: string;
  quote: string;
  source: string;
  standing: string;
}

export interface EntityFacts {
  fp: string;
  kind: string;
  names: string[];
  claims: ClaimRef[];
}

/** Entity id → its facts in one view. */
export type ViewState = Record<string, EntityFacts>;

const claimKey = (c: ClaimRef) => `${c.id}:${c.standing}`;

export function viewState(atlas: Atlas, atlasIndex: AtlasIndex): ViewState {
  const about = new Map<string, ClaimRef[]>();
  const add = (id: string | null, c: ClaimRef) => {
    if (id) about.set(id, [...(about.get(id) ?? []), c]);
  };
  for (const { claim } of atlas.claims) {
    const ref = { id: claim.id, quote: claim.quote, source: claim.source, standing: claim.standing };
    add(claim.subject, ref);
    if (claim.object !== claim.subject) add(claim.object, ref);
  }
  const state: ViewState = {};
  for (const e of atlasIndex.entities) {
    const links = atlasIndex.graph.linksOf(e.id);
    // A chain's further steps are claims about other entities: they bear on this one too.
    const chain = (links.chain ?? []).flatMap((s) => s.claims.map((c) => ({ id: c.id, quote: c.quote, source: c.source, standing: c.standing })));
    const claims = [...new Map([...(about.get(e.id) ?? []), ...chain].map((c) => [claimKey(c), c])).values()].sort((a, b) => claimKey(a).localeCompare(claimKey(b)));
    const said = {
      kind: e.kind,
      country: e.country ?? null,
      names: e.names.map((n) => `${n.type}:${n.text}`).sort(),
      role: atlasIndex.roles.get(e.id) ?? null,
      links: { core: links.is_core, standing: links.standing, statement: links.statement, steps: (links.chain ?? []).map((s) => s.relation) },
      ties: [...(atlasIndex.ties.get(e.id) ?? [])].sort(),
      claims: claims.map(claimKey),
    };
    state[e.id] = { fp: createHash('sha256').update(JSON.stringify(said)).digest('base64url').slice(0, 22), kind: e.kind, names: e.names.map((n) => n.text), claims };
  }
  return state;
}

/** The entities whose facts differ between two views: changed, added or gone. */
export function changedEntities(before: ViewState, after: ViewState): string[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids].filter((id) => before[id]?.fp !== after[id]?.fp).sort();
}

/** The claims that one view has of an entity and the other has not. */
export function claimsOnlyIn(these: EntityFacts | undefined, other: EntityFacts | undefined): ClaimRef[] {
  const there = new Set((other?.claims ?? []).map(claimKey));
  return (these?.claims ?? []).filter((c) => !there.has(claimKey(c)));
}
