/**
 * @module store/edit
 * One record changed in place, by a person: the new data must pass its kind's schema and every
 * rule of the atlas (references, quotes at their offsets, standing backed by claims), exactly as
 * `greyzone validate` would judge it in a file. Only then is it written, if no one else has changed
 * the record since the version the editor read.
 */
import type { z } from 'zod';
import { anchorClaims } from '../atlas/anchor.ts';
import { checkAtlas } from '../atlas/checks.ts';
import { completeClaims } from '../atlas/claims.ts';
import type { AtlasIssue } from '../atlas/issue.ts';
import type { Atlas } from '../atlas/load.ts';
import type { Claim } from '../model/claim.ts';
import { hashedId } from '../model/ids.ts';
import { KINDS, type RecordKind } from '../model/kinds.ts';
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

/** A record as a change would leave it: new data, or null when the change deletes it. */
export interface PlannedRecord {
  id: string;
  kind: RecordKind;
  data: unknown;
  /** A new source's text. */
  text?: string;
}

/**
 * Checks records as a change would leave them, against their schemas and every atlas rule, and
 * completes their claims. Throws an EditError naming the first problem the change adds.
 */
export function checkChanges(atlas: Atlas, planned: PlannedRecord[]): Map<string, { data: unknown; claims: Claim[] }> {
  const records = new Map(atlas.records);
  const texts = new Map(atlas.texts);
  const parsed = new Map<string, unknown>();
  for (const p of planned) {
    if (p.data === null) {
      records.delete(p.id);
      continue;
    }
    const result = (KINDS[p.kind].schema as z.ZodType).safeParse(p.data);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]].join('.') : issue.path.join('.');
      throw new EditError(`${p.id}: ${field ? `${field}: ` : ''}${issue.code === 'unrecognized_keys' ? 'unknown field (a typo?)' : issue.message}`);
    }
    const next = result.data as { id: string };
    if (next.id !== p.id) throw new EditError(`${p.id}: id: a record's id cannot change (it is cited by that id)`);
    const current = atlas.records.get(p.id);
    records.set(p.id, { kind: p.kind, id: p.id, file: current?.file ?? `store:${p.id}`, lineOf: current?.lineOf ?? (() => 1), data: next as never });
    if (p.text !== undefined) texts.set(p.id, p.text);
    parsed.set(p.id, next);
  }
  const candidate: Atlas = { ...atlas, records, texts, claims: [] };
  const issues: AtlasIssue[] = [];
  candidate.claims = completeClaims(candidate, issues);
  issues.push(...checkAtlas(candidate));
  // The same claim twice (same words of the same source saying the same thing) is one claim.
  for (const p of planned) {
    const ids = new Set<string>();
    for (const c of candidate.claims) {
      if (c.claim.record !== p.id) continue;
      if (ids.has(c.claim.id)) throw new EditError(`${p.id}: the claim "${c.claim.quote.slice(0, 60)}" (${c.claim.source}) is given twice`);
      ids.add(c.claim.id);
    }
  }
  const known = baseline(atlas);
  const added = issues.filter((i) => !known.has(issueKey(i)));
  if (added.length) {
    const first = added[0]!;
    const id = first.file.replace(/^store:/, '');
    throw new EditError(`${id}: ${first.message}${added.length > 1 ? ` (and ${added.length - 1} more problem(s))` : ''}`);
  }
  return new Map([...parsed].map(([id, data]) => [id, { data, claims: candidate.claims.filter((c) => c.claim.record === id).map((c) => c.claim) }]));
}

/**
 * Runs a check against the whole atlas after the same change passed the editor's view of it: a
 * problem found only now lies in what they cannot see, so it is reported without naming it.
 */
export function checkedBeyondView<T>(viewIsPartial: boolean, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (viewIsPartial && e instanceof EditError) throw new EditError('the change conflicts with records beyond your clearance; ask someone cleared to see them');
    throw e;
  }
}

const quoteNotFound = (id: string) => (source: string, quote: string) => {
  throw new EditError(`${id}: quote not found in ${source}: "${quote.slice(0, 60)}"`);
};

/**
 * An edit's claims need only their quotes: offsets left out are found in the source's text. Judged
 * first by what the editor can see (`view`), so a problem never names a record they cannot.
 */
export async function editRecord(store: Store, atlas: Atlas, id: string, data: unknown, version: number, actor: string, view: Atlas = atlas): Promise<{ version: number; data: unknown }> {
  const current = atlas.records.get(id);
  if (!current) throw new EditError(`no record with id '${id}'`);
  data = anchorClaims(data, view.texts, quoteNotFound(id));
  if (view !== atlas) checkChanges(view, [{ id, kind: current.kind, data }]);
  const checked = checkedBeyondView(view !== atlas, () => checkChanges(atlas, [{ id, kind: current.kind, data }])).get(id)!;
  return { version: await store.updateRecord(id, checked.data, checked.claims, version, actor), data: checked.data };
}

/**
 * A new record (not a source: those come from documents), checked like an edit. Its id is the one
 * asked for with a short hash of its content, so that it never collides with a record, seen or
 * unseen, and its form tells nothing of what else exists.
 */
export async function createRecord(store: Store, atlas: Atlas, kind: RecordKind, data: Record<string, unknown>, actor: string, view: Atlas = atlas): Promise<{ id: string; version: number; data: unknown }> {
  if (kind === 'source') throw new EditError('a source is made from an ingested document, not created');
  const asked = typeof data.id === 'string' ? data.id : '';
  // A country's id is its ISO code, which says nothing the code does not.
  const id = kind === 'country' && typeof data.iso === 'string' ? `country-${data.iso.toLowerCase()}` : hashedId(asked, JSON.stringify(data));
  if (view.records.has(id)) throw new EditError(`${id}: already in the atlas`);
  const anchored = anchorClaims({ ...data, id }, view.texts, quoteNotFound(id));
  // Judged first by what the analyst can see, so no problem names a record they cannot.
  if (view !== atlas) checkChanges(view, [{ id, kind, data: anchored }]);
  const checked = checkedBeyondView(view !== atlas, () => checkChanges(atlas, [{ id, kind, data: anchored }])).get(id)!;
  const version = await store.change(actor, (w) => w.create(kind, id, checked.data, checked.claims));
  return { id, version, data: checked.data };
}
