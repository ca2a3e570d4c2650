/**
 * @module store/edit
 * One record changed in place, by a person: the new data must pass its kind's schema and every
 * rule of the atlas (references, quotes at their offsets, standing backed by claims), exactly as
 * `greyzone validate` would judge it in a file. Only then is it written, if no one else has changed
 * the record since the version the editor read.
 */
import type { z } from 'zod';
import { checkAtlas } from '../atlas/checks.ts';
import { completeClaims } from '../atlas/claims.ts';
import type { AtlasIssue } from '../atlas/issue.ts';
import type { Atlas } from '../atlas/load.ts';
import { KINDS } from '../model/kinds.ts';
import type { Store } from './store.ts';

/** An edit that breaks a rule; the message names the field and the problem. */
export class EditError extends Error {}

const issueKey = (i: AtlasIssue) => `${i.file}\u0000${i.message}`;
const baselines = new WeakMap<Atlas, Set<string>>();

/** Problems the atlas has before any edit, so an edit is judged only by what it adds. */
function baseline(atlas: Atlas): Set<string> {
  let known = baselines.get(atlas);
  if (!known) {
    known = new Set(checkAtlas(atlas).map(issueKey));
    baselines.set(atlas, known);
  }
  return known;
}

export async function editRecord(store: Store, atlas: Atlas, id: string, data: unknown, version: number, actor: string): Promise<{ version: number; data: unknown }> {
  const current = atlas.records.get(id);
  if (!current) throw new EditError(`no record with id '${id}'`);
  const parsed = (KINDS[current.kind].schema as z.ZodType).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]].join('.') : issue.path.join('.');
    throw new EditError(`${id}: ${field ? `${field}: ` : ''}${issue.code === 'unrecognized_keys' ? 'unknown field (a typo?)' : issue.message}`);
  }
  const next = parsed.data as { id: string };
  if (next.id !== id) throw new EditError(`${id}: id: a record's id cannot change (it is cited by that id)`);

  const candidate: Atlas = { ...atlas, records: new Map(atlas.records).set(id, { ...current, data: next as never }), claims: [] };
  const issues: AtlasIssue[] = [];
  candidate.claims = completeClaims(candidate, issues);
  issues.push(...checkAtlas(candidate));
  const known = baseline(atlas);
  const added = issues.filter((i) => !known.has(issueKey(i)));
  if (added.length) throw new EditError(`${id}: ${added[0]!.message}${added.length > 1 ? ` (and ${added.length - 1} more problem(s))` : ''}`);

  const claims = candidate.claims.filter((c) => c.claim.record === id).map((c) => c.claim);
  return { version: await store.updateRecord(id, next, claims, version, actor), data: next };
}
