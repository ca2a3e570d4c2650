/**
 * @module atlas/view
 * Everything the atlas says about one record: its names, relations both ways (labelled from the
 * relation-type table), the cases it appears in, and every claim about it.
 */
import type { Claim } from '../model/claim.ts';
import { KINDS } from '../model/kinds.ts';
import { RELATION_TYPES } from '../model/relation-types.ts';
import type { Atlas, LoadedRecord } from './load.ts';
import { recordsOf } from './load.ts';
import { refsOf } from './refs.ts';
import { groupBy } from '../util/group-by.ts';
import { frameworkTechniques, frameworkUses, type FrameworkTechnique } from './frameworks.ts';
import type { RecordOf } from '../model/kinds.ts';

export interface RelationView {
  id: string;
  type: string;
  label: string;
  other: string;
  other_name: string;
  valid_from: string | null;
  valid_to: string | null;
  claims: Claim[];
}

export interface RecordView {
  id: string;
  kind: string;
  name: string;
  record: unknown;
  relations_out: RelationView[];
  relations_in: RelationView[];
  cases: { id: string; title: string }[];
  /** Claims in cases about this record: a person's role, an actor's part, a technique's procedure examples. */
  in_cases: { case: string; claims: Claim[] }[];
  claims: Claim[];
  /** For a technique: its mappings, named from the frameworks the atlas keeps. */
  mapped?: (FrameworkTechnique & { framework: string; reason: string })[];
  /** For an intrusion set: the techniques ATT&CK (as kept in the atlas) records it using. */
  framework_uses?: FrameworkTechnique[];
}

export function displayName(rec: LoadedRecord): string {
  const d = rec.data as { names?: { text: string; type: string }[]; title?: string; name?: string };
  return d.names?.find((n) => n.type === 'primary')?.text ?? d.title ?? d.name ?? rec.id;
}

export function recordView(atlas: Atlas, id: string): RecordView | undefined {
  const rec = atlas.records.get(id);
  if (!rec) return undefined;
  const claimsOf = (recordId: string) => atlas.claims.filter((c) => c.claim.record === recordId).map((c) => c.claim);
  const nameOf = (other: string) => {
    const r = atlas.records.get(other);
    return r ? displayName(r) : other;
  };
  const relations = recordsOf(atlas, 'relation');
  const view = (r: LoadedRecord<'relation'>, outgoing: boolean): RelationView => {
    const type = RELATION_TYPES[r.data.type];
    const other = outgoing ? r.data.object : r.data.subject;
    return {
      id: r.id,
      type: r.data.type,
      label: outgoing ? type.label : type.reverse,
      other,
      other_name: nameOf(other),
      valid_from: r.data.valid_from ?? null,
      valid_to: r.data.valid_to ?? null,
      claims: claimsOf(r.id),
    };
  };
  const cases = recordsOf(atlas, 'case')
    .filter((c) => c.id !== id && refsOf('case', c.data).some((ref) => ref.id === id))
    .map((c) => ({ id: c.id, title: c.data.title }));
  const inCases = groupBy(
    atlas.claims
      .map((c) => c.claim)
      .filter((c) => c.record !== id && atlas.records.get(c.record)?.kind === 'case' && (c.subject === id || c.object === id)),
    (c) => c.record,
  );
  return {
    id,
    kind: KINDS[rec.kind].label.toLowerCase(),
    name: displayName(rec),
    record: rec.data,
    relations_out: relations.filter((r) => r.data.subject === id).map((r) => view(r, true)),
    relations_in: relations.filter((r) => r.data.object === id).map((r) => view(r, false)),
    cases,
    in_cases: [...inCases].map(([c, claims]) => ({ case: c, claims })),
    claims: claimsOf(id),
    ...(rec.kind === 'technique'
      ? { mapped: (rec.data as RecordOf<'technique'>).mappings.map((m) => ({ ...(frameworkTechniques(atlas, m.framework).get(m.id) ?? { id: m.id, name: m.id, url: undefined }), framework: m.framework, reason: m.reason })) }
      : {}),
    ...(rec.kind === 'intrusion-set' ? { framework_uses: frameworkUses(atlas, rec.data) } : {}),
  };
}
