/**
 * @module atlas/matrix
 * The approach matrix as data: tactics in column order, each with its techniques (sub-techniques
 * under their parent), and for each technique the cases and actors the atlas records using it.
 */
import type { Tactic, Technique } from '../model/technique.ts';
import { recordsOf, type Atlas } from './load.ts';

export interface MatrixTechnique {
  id: string;
  name: string;
  technique: Technique;
  /** Cases that record this technique, or for a parent any of its sub-techniques. */
  cases: string[];
  /** Actors with a uses-technique relation to it, or named as its user in a case. */
  actors: string[];
  subtechniques: MatrixTechnique[];
}

export interface MatrixColumn {
  tactic: Tactic;
  techniques: MatrixTechnique[];
}

export function primaryName(t: Technique): string {
  return t.names.find((n) => n.type === 'primary')?.text ?? t.id;
}

export function buildMatrix(atlas: Atlas): MatrixColumn[] {
  const techniques = recordsOf(atlas, 'technique').map((r) => r.data);
  const casesUsing = new Map<string, Set<string>>();
  const actorsUsing = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => map.set(key, (map.get(key) ?? new Set()).add(value));
  for (const c of recordsOf(atlas, 'case')) {
    for (const use of c.data.techniques) {
      add(casesUsing, use.technique, c.id);
      const parent = use.technique.split('.')[0]!;
      if (parent !== use.technique) add(casesUsing, parent, c.id);
      if (use.by) add(actorsUsing, use.technique, use.by);
    }
  }
  for (const r of recordsOf(atlas, 'relation')) {
    if (r.data.type === 'uses-technique') add(actorsUsing, r.data.object, r.data.subject);
  }
  const cell = (t: Technique): MatrixTechnique => ({
    id: t.id,
    name: primaryName(t),
    technique: t,
    cases: [...(casesUsing.get(t.id) ?? [])].sort(),
    actors: [...(actorsUsing.get(t.id) ?? [])].sort(),
    subtechniques: techniques.filter((s) => s.parent === t.id).sort(byId).map(cell),
  });
  return recordsOf(atlas, 'tactic')
    .map((r) => r.data)
    .sort((a, b) => a.order - b.order)
    .map((tactic) => ({
      tactic,
      techniques: techniques
        .filter((t) => t.parent === undefined && t.tactics.includes(tactic.id))
        .sort(byId)
        .map(cell),
    }));
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id.localeCompare(b.id);
}
