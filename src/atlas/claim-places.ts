/**
 * @module atlas/claim-places
 * Where claims stand inside each kind of record, and what they assert by standing there: a claim
 * under a relation asserts the relation; one under a name asserts the name; one under a case's
 * event asserts the event. This is the only place that knows those meanings.
 */
import type { ClaimEntry } from '../model/claim.ts';
import type { RecordKind, RecordOf } from '../model/kinds.ts';

export interface ClaimPlace {
  /** Path of the `claims` array inside the record. */
  path: (string | number)[];
  entries: ClaimEntry[];
  subject: string;
  predicate: string;
  object: string | null;
  value: string | number | null;
}

type Names = { text: string; claims?: ClaimEntry[] | undefined }[];

function nameAndSelfPlaces(id: string, rec: { names: Names; claims: ClaimEntry[] }): ClaimPlace[] {
  const places: ClaimPlace[] = [
    { path: ['claims'], entries: rec.claims, subject: id, predicate: 'described-as', object: null, value: null },
  ];
  rec.names.forEach((n, i) => {
    if (n.claims) {
      places.push({ path: ['names', i, 'claims'], entries: n.claims, subject: id, predicate: 'has-name', object: null, value: n.text });
    }
  });
  return places;
}

function casePlaces(c: RecordOf<'case'>): ClaimPlace[] {
  const at = (field: string, i: number): (string | number)[] => [field, i, 'claims'];
  const id = c.id;
  return [
    { path: ['claims'], entries: c.claims, subject: id, predicate: 'described-as', object: null, value: null },
    { path: ['outcome', 'claims'], entries: c.outcome.claims, subject: id, predicate: 'outcome', object: null, value: c.outcome.text },
    ...c.countries.map((d, i) => ({ path: at('countries', i), entries: d.claims, subject: id, predicate: 'involved-country', object: d.country, value: d.role })),
    ...c.people.map((d, i) => ({ path: at('people', i), entries: d.claims, subject: d.person, predicate: 'role-in-case', object: id, value: d.role })),
    ...c.actors.map((d, i) => ({ path: at('actors', i), entries: d.claims, subject: d.entity, predicate: 'role-in-case', object: id, value: d.role })),
    ...c.events.map((d, i) => ({ path: at('events', i), entries: d.claims, subject: id, predicate: `event-${d.type}`, object: d.person ?? null, value: d.date })),
    ...c.techniques.map((d, i) => ({ path: at('techniques', i), entries: d.claims, subject: d.by ?? id, predicate: 'used-technique', object: d.technique, value: d.by ? id : null })),
    ...c.sectors.map((d, i) => ({ path: at('sectors', i), entries: d.claims, subject: id, predicate: 'targeted-sector', object: d.sector, value: null })),
    ...c.target_groups.map((d, i) => ({ path: at('target_groups', i), entries: d.claims, subject: id, predicate: 'targeted-group', object: d.target_group, value: null })),
    ...c.amounts.map((d, i) => ({ path: at('amounts', i), entries: d.claims, subject: id, predicate: 'amount', object: null, value: `${d.amount} ${d.currency}` })),
  ];
}

/** Every place in a record where claims stand; sources and tactics hold none. */
export function claimPlaces(kind: RecordKind, rec: unknown): ClaimPlace[] {
  switch (kind) {
    case 'source':
    case 'tactic':
      return [];
    case 'relation': {
      const r = rec as RecordOf<'relation'>;
      return [{ path: ['claims'], entries: r.claims, subject: r.subject, predicate: r.type, object: r.object, value: null }];
    }
    case 'case':
      return casePlaces(rec as RecordOf<'case'>);
    default: {
      const e = rec as { id: string; names: Names; claims: ClaimEntry[] };
      return nameAndSelfPlaces(e.id, e);
    }
  }
}
