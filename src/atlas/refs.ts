/**
 * @module atlas/refs
 * Every reference from one record to another, with the kinds it may point to. The validator
 * checks them; the graph follows them.
 */
import type { EntityKind, RecordKind, RecordOf } from '../model/kinds.ts';
import { RELATION_TYPES } from '../model/relation-types.ts';

export interface Ref {
  path: (string | number)[];
  id: string;
  kinds: readonly RecordKind[];
}

const ANY_ACTOR: EntityKind[] = ['organisation', 'person', 'programme', 'operation', 'country'];
/** Who acts in a case: any actor, or an intrusion set in a case of cyber espionage. */
const CASE_ACTOR: EntityKind[] = [...ANY_ACTOR, 'intrusion-set'];

export function refsOf(kind: RecordKind, rec: unknown): Ref[] {
  const refs: Ref[] = [];
  const add = (path: (string | number)[], id: string | undefined, kinds: readonly RecordKind[]) => {
    if (id !== undefined) refs.push({ path, id, kinds });
  };
  const any = rec as { country?: string; parent?: string };
  add(['country'], any.country, ['country']);
  if (kind === 'technique') {
    const t = rec as RecordOf<'technique'>;
    add(['parent'], t.parent, ['technique']);
    t.tactics.forEach((id, i) => add(['tactics', i], id, ['tactic']));
  }
  if (kind === 'relation') {
    const r = rec as RecordOf<'relation'>;
    const type = RELATION_TYPES[r.type];
    add(['subject'], r.subject, type.subject);
    add(['object'], r.object, type.object);
  }
  if (kind === 'case') {
    const c = rec as RecordOf<'case'>;
    c.countries.forEach((d, i) => add(['countries', i, 'country'], d.country, ['country']));
    c.people.forEach((d, i) => add(['people', i, 'person'], d.person, ['person']));
    c.actors.forEach((d, i) => add(['actors', i, 'entity'], d.entity, CASE_ACTOR));
    c.events.forEach((d, i) => add(['events', i, 'person'], d.person, ['person']));
    c.techniques.forEach((d, i) => {
      add(['techniques', i, 'technique'], d.technique, ['technique']);
      add(['techniques', i, 'by'], d.by, CASE_ACTOR);
    });
    c.sectors.forEach((d, i) => add(['sectors', i, 'sector'], d.sector, ['sector']));
    c.target_groups.forEach((d, i) => add(['target_groups', i, 'target_group'], d.target_group, ['target-group']));
  }
  return refs;
}
