/**
 * @module model/relation
 * An edge is a record of its own (FollowTheMoney's interval edges): two ends, a type from
 * {@link RELATION_TYPES}, valid time, and the claims that state it.
 */
import { z } from 'zod';
import { claimEntriesSchema } from './claim.ts';
import { anyIdSchema, partialDateSchema } from './common.ts';
import { prefixedId } from './ids.ts';
import { RELATION_TYPE_NAMES } from './relation-types.ts';
import { tlpSchema } from './vocab.ts';

export const relationSchema = z
  .strictObject({
    id: prefixedId('rel'),
    type: z.enum(RELATION_TYPE_NAMES),
    subject: anyIdSchema,
    object: anyIdSchema,
    valid_from: partialDateSchema.optional(),
    valid_to: partialDateSchema.optional(),
    tlp: tlpSchema.default('clear'),
    note: z.string().optional().meta({ description: "An editor's remark on the relation" }),
    claims: claimEntriesSchema,
  })
  .meta({ id: 'Relation' });
export type Relation = z.infer<typeof relationSchema>;
