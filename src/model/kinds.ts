/**
 * @module model/kinds
 * The one table of record kinds: where each lives in the atlas, its id prefix, its label and its
 * schema. Loaders, validators, the JSON Schema generator and the interfaces all read this table.
 */
import type { z } from 'zod';
import { caseSchema } from './case.ts';
import {
  countrySchema,
  intrusionSetSchema,
  goalSchema,
  operationSchema,
  organisationSchema,
  personSchema,
  programmeSchema,
  requirementSchema,
  sectorSchema,
  targetGroupSchema,
} from './entity.ts';
import { relationSchema } from './relation.ts';
import { sourceSchema } from './source.ts';
import { tacticSchema, techniqueSchema } from './technique.ts';

export interface KindDef {
  /** Folder under `atlas/` holding one file per record. */
  folder: string;
  /** Id prefix (techniques use their own GZT scheme). */
  prefix: string;
  label: string;
  plural: string;
  schema: z.ZodType;
  /**
   * Names may not be editorial translations: a person's name in another script is a fact about
   * the person (and a wrong one would make screening match someone else), so it needs a claim.
   */
  noTranslatedNames?: boolean;
}

export const KINDS = {
  source: { folder: 'sources', prefix: 'src', label: 'Source', plural: 'Sources', schema: sourceSchema },
  organisation: { folder: 'organisations', prefix: 'org', label: 'Organisation', plural: 'Organisations', schema: organisationSchema },
  person: { folder: 'people', prefix: 'person', label: 'Person', plural: 'People', schema: personSchema, noTranslatedNames: true },
  programme: { folder: 'programmes', prefix: 'prog', label: 'Programme', plural: 'Programmes', schema: programmeSchema },
  operation: { folder: 'operations', prefix: 'op', label: 'Operation', plural: 'Operations', schema: operationSchema },
  requirement: { folder: 'requirements', prefix: 'req', label: 'Requirement', plural: 'Requirements', schema: requirementSchema },
  goal: { folder: 'goals', prefix: 'goal', label: 'Goal', plural: 'Goals', schema: goalSchema },
  sector: { folder: 'sectors', prefix: 'sector', label: 'Sector', plural: 'Sectors', schema: sectorSchema },
  'target-group': { folder: 'target-groups', prefix: 'tg', label: 'Target group', plural: 'Target groups', schema: targetGroupSchema },
  country: { folder: 'countries', prefix: 'country', label: 'Country', plural: 'Countries', schema: countrySchema },
  'intrusion-set': { folder: 'intrusion-sets', prefix: 'iset', label: 'Intrusion set', plural: 'Intrusion sets', schema: intrusionSetSchema },
  tactic: { folder: 'tactics', prefix: 'GZTA', label: 'Tactic', plural: 'Tactics', schema: tacticSchema },
  technique: { folder: 'techniques', prefix: 'GZT', label: 'Technique', plural: 'Techniques', schema: techniqueSchema },
  case: { folder: 'cases', prefix: 'case', label: 'Case', plural: 'Cases', schema: caseSchema },
  relation: { folder: 'relations', prefix: 'rel', label: 'Relation', plural: 'Relations', schema: relationSchema },
} as const satisfies Record<string, KindDef>;

export type RecordKind = keyof typeof KINDS;
export type { EntityKind } from './entity-kinds.ts';
export const RECORD_KINDS = Object.keys(KINDS) as RecordKind[];

export type RecordOf<K extends RecordKind> = z.infer<(typeof KINDS)[K]['schema']>;
