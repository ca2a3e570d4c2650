/**
 * @module atlas/checks
 * Rules that span records: references resolve to the right kinds, names belong to one entity,
 * every quote is exactly its source's text at its offsets, and nobody's standing is stated more
 * firmly than a claim supports.
 */
import { comparePartialDates } from '../model/common.ts';
import { KINDS, type KindDef, type RecordOf } from '../model/kinds.ts';
import type { Name } from '../model/name.ts';
import { likelihoodLevel } from '../model/vocab.ts';
import type { AtlasIssue } from './issue.ts';
import type { Atlas, LoadedRecord } from './load.ts';
import { refsOf } from './refs.ts';
import { checkMatrix } from './matrix-checks.ts';
import { codePointLength, sliceCodePoints } from './text.ts';

/** The form in which two names count as the same name: NFKC, case-folded, spaces collapsed. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function checkAtlas(atlas: Atlas, broken: ReadonlySet<string> = new Set()): AtlasIssue[] {
  const issues: AtlasIssue[] = [];
  const at = (rec: LoadedRecord, path: (string | number)[], message: string) =>
    issues.push({ file: rec.file, line: rec.lineOf(path), message });

  const nameOwners = new Map<string, LoadedRecord>();
  for (const rec of atlas.records.values()) {
    for (const ref of refsOf(rec.kind, rec.data)) {
      const target = atlas.records.get(ref.id);
      if (!target) {
        if (!broken.has(ref.id)) at(rec, ref.path, `${ref.path.join('.')}: unknown id '${ref.id}'`);
      } else if (!(ref.kinds as readonly string[]).includes(target.kind)) {
        at(rec, ref.path, `${ref.path.join('.')}: '${ref.id}' is a ${target.kind}; expected ${ref.kinds.join(' or ')}`);
      }
    }
    const timed = rec.data as { valid_from?: string; valid_to?: string };
    if (timed.valid_from && timed.valid_to && comparePartialDates(timed.valid_from, timed.valid_to) > 0) {
      at(rec, ['valid_to'], 'valid_to is before valid_from');
    }
    const names = (rec.data as { names?: Name[] }).names;
    if (names) checkNames(rec, names, nameOwners, at);
    if (names && (KINDS[rec.kind] as KindDef).noTranslatedNames) {
      names.forEach((n, i) => {
        if (n.type === 'translation') at(rec, ['names', i], `name '${n.text}': a ${rec.kind}'s name is not translated; give it a claim`);
      });
    }
    if (rec.kind === 'case') checkCase(rec as LoadedRecord<'case'>, at);
  }

  issues.push(...checkMatrix(atlas));

  for (const { claim, file, line } of atlas.claims) {
    const text = atlas.texts.get(claim.source);
    const where = { file, line };
    if (claim.end <= claim.start) issues.push({ ...where, message: `claim span ${claim.start}–${claim.end} is empty or reversed` });
    else if (text !== undefined) {
      const length = codePointLength(text);
      if (claim.end > length) {
        issues.push({ ...where, message: `claim span ${claim.start}–${claim.end} runs past the end of ${claim.source} (${length} characters)` });
      } else {
        const actual = sliceCodePoints(text, claim.start, claim.end);
        if (actual !== claim.quote) {
          issues.push({ ...where, message: `quote does not match ${claim.source} at ${claim.start}–${claim.end}: the source has "${clip(actual)}"` });
        }
      }
    }
    if (claim.likelihood !== null) {
      if (!likelihoodLevel(claim.likelihood)) {
        issues.push({ ...where, message: `likelihood '${claim.likelihood}' is not ICD 203 estimative language` });
      } else if (!claim.quote.toLowerCase().includes(claim.likelihood.toLowerCase())) {
        issues.push({ ...where, message: `likelihood words '${claim.likelihood}' are not in the quote` });
      }
    }
    if (claim.valid_from && claim.valid_to && comparePartialDates(claim.valid_from, claim.valid_to) > 0) {
      issues.push({ ...where, message: 'claim valid_to is before valid_from' });
    }
  }
  return issues;
}

function checkNames(
  rec: LoadedRecord,
  names: Name[],
  owners: Map<string, LoadedRecord>,
  at: (rec: LoadedRecord, path: (string | number)[], message: string) => void,
): void {
  const primaries = names.filter((n) => n.type === 'primary').length;
  if (primaries !== 1) at(rec, ['names'], `an entity has exactly one primary name (found ${primaries})`);
  const own = new Set<string>();
  names.forEach((n, i) => {
    const needsEvidence = n.type !== 'primary' && n.type !== 'translation' && n.derived_from === undefined;
    if (needsEvidence && !n.claims) at(rec, ['names', i], `name '${n.text}' (${n.type}) needs a claim or derived_from`);
    if (n.derived_from !== undefined && !names.some((m) => m.text === n.derived_from)) {
      at(rec, ['names', i, 'derived_from'], `derived_from '${n.derived_from}' is not a name of this entity`);
    }
    const key = nameKey(n.text);
    if (own.has(key)) {
      at(rec, ['names', i], `name '${n.text}' is listed twice`);
      return;
    }
    own.add(key);
    const owner = owners.get(key);
    if (owner && owner.id !== rec.id) at(rec, ['names', i], `name '${n.text}' is also claimed by ${owner.id} (${owner.file})`);
    else owners.set(key, rec);
  });
}

function checkCase(rec: LoadedRecord<'case'>, at: (rec: LoadedRecord, path: (string | number)[], message: string) => void): void {
  const c: RecordOf<'case'> = rec.data;
  c.people.forEach((p, i) => {
    if (!p.claims.some((cl) => (cl.standing ?? 'reported') === p.standing)) {
      at(rec, ['people', i, 'standing'], `standing '${p.standing}' is not the standing of any of its claims`);
    }
  });
  c.events.forEach((e, i) => {
    if (e.date_to && comparePartialDates(e.date, e.date_to) > 0) at(rec, ['events', i, 'date_to'], 'date_to is before date');
  });
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
