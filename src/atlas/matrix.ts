/**
 * @module atlas/matrix
 * The approach matrix as data: tactics in column order, each with its techniques (sub-techniques
 * under their parent), and for each technique the cases and actors the atlas records using it.
 *
 * This module holds the one rule for "the techniques a case or an actor used", which the matrix
 * heat map, the API's selection, the explorer and the ATT&CK Navigator layer all apply:
 *
 * - a case used a technique when the case records it; an actor used it when a uses-technique
 *   relation says so or a case names the actor as the technique's `by`;
 * - a sub-technique is one way of carrying out its parent, so whoever used a sub-technique used
 *   its parent too: the parent is marked (and its heat counts the case) — but never the other way
 *   round, since using a parent says nothing about which of its sub-techniques.
 *
 * A technique that stands under several tactics is still one technique: counts are of distinct
 * technique ids ({@link distinctTechniques}), never of cells.
 */
import type { Tactic, Technique } from '../model/technique.ts';
import { recordsOf, type Atlas } from './load.ts';

export interface MatrixTechnique {
  id: string;
  name: string;
  technique: Technique;
  /** Cases that used this technique (by the rule above: for a parent, also through its sub-techniques). */
  cases: string[];
  /** Actors that used it: a uses-technique relation or a case's `by` (for a parent, also through its sub-techniques). */
  actors: string[];
  subtechniques: MatrixTechnique[];
}

export interface MatrixColumn {
  tactic: Tactic;
  techniques: MatrixTechnique[];
}

/** Everything, one case, or one actor. */
export type MatrixScope = { kind: 'all' } | { kind: 'case'; id: string } | { kind: 'actor'; id: string };

export function primaryName(t: Technique): string {
  return t.names.find((n) => n.type === 'primary')?.text ?? t.id;
}

export function buildMatrix(atlas: Atlas): MatrixColumn[] {
  const techniques = recordsOf(atlas, 'technique').map((r) => r.data);
  const parentOf = new Map(techniques.map((t) => [t.id, t.parent]));
  const casesUsing = new Map<string, Set<string>>();
  const actorsUsing = new Map<string, Set<string>>();
  /** Records that `value` used `technique` — and so its parent (see the module's rule). */
  const add = (map: Map<string, Set<string>>, technique: string, value: string) => {
    for (let id: string | undefined = technique; id !== undefined; id = parentOf.get(id) ?? parentId(id)) {
      map.set(id, (map.get(id) ?? new Set()).add(value));
    }
  };
  for (const c of recordsOf(atlas, 'case')) {
    for (const use of c.data.techniques) {
      add(casesUsing, use.technique, c.id);
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

/** A sub-technique id's parent by its form (GZT0003.001 → GZT0003), for a technique the atlas does not hold. */
function parentId(id: string): string | undefined {
  const dot = id.indexOf('.');
  return dot > 0 ? id.slice(0, dot) : undefined;
}

/** Each technique of the matrix once (a technique under two tactics is one technique), by id. */
export function distinctTechniques(columns: MatrixColumn[]): MatrixTechnique[] {
  const seen = new Map<string, MatrixTechnique>();
  for (const col of columns) for (const t of col.techniques) for (const x of [t, ...t.subtechniques]) seen.set(x.id, x);
  return [...seen.values()].sort(byId);
}

/** Whether a technique of the matrix was used within a scope — the module's one rule. */
export function usedIn(t: MatrixTechnique, scope: MatrixScope): boolean {
  return scope.kind === 'all' ? t.cases.length > 0 : scope.kind === 'case' ? t.cases.includes(scope.id) : t.actors.includes(scope.id);
}

/** Every actor that used some technique: the ones worth choosing in the matrix. */
export function matrixActors(columns: MatrixColumn[]): string[] {
  return [...new Set(distinctTechniques(columns).flatMap((t) => t.actors))].sort();
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id.localeCompare(b.id);
}
