/**
 * @module model/entity-kinds
 * The kinds of node in the graph: the record kinds a relation may join. Declared apart from the
 * kinds table so that the relation types can name them without an import cycle.
 */
export const ENTITY_KINDS = [
  'organisation',
  'person',
  'programme',
  'operation',
  'requirement',
  'goal',
  'sector',
  'target-group',
  'country',
  'technique',
  'case',
  'intrusion-set',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
