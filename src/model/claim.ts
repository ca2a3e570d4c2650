/**
 * @module model/claim
 * A claim is one assertion with the exact words of a public document behind it (DESIGN principle 1).
 *
 * In atlas files a claim is written where it belongs — under the entity, name, relation or case
 * detail it supports — as a {@link claimEntrySchema}: the source, the span and the grading. The
 * loader completes it into a {@link claimSchema}, filling subject, predicate and object from its
 * place, and the grades from the source's defaults.
 *
 * Offsets count Unicode code points (as the W3C Web Annotation TextPositionSelector does), from 0,
 * end exclusive, into the source's carried text.
 */
import { z } from 'zod';
import { anyIdSchema, idSchema, partialDateSchema, slugSchema } from './common.ts';
import { credibilitySchema, reliabilitySchema, standingSchema, tlpSchema } from './vocab.ts';

const span = {
  source: idSchema.meta({ description: 'Id of the source document (src-…)' }),
  quote: z.string().min(1).meta({ description: 'The exact words of the source at [start, end)' }),
  start: z.int().nonnegative().meta({ description: 'Code-point offset of the first quoted character' }),
  end: z.int().positive().meta({ description: 'Code-point offset just past the last quoted character' }),
};

const grading = {
  standing: standingSchema.optional(),
  likelihood: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "The source's own likelihood words, e.g. 'highly likely' (ICD 203)" }),
  reliability: reliabilitySchema.optional().meta({ description: "Default: the source's reliability" }),
  credibility: credibilitySchema.optional().meta({ description: "Default: the source's credibility" }),
  valid_from: partialDateSchema.optional(),
  valid_to: partialDateSchema.optional(),
  recorded_at: z.iso.date().optional().meta({ description: 'Default: the atlas default' }),
  recorded_by: z.string().min(1).optional().meta({ description: 'Person or extractor version; default: the atlas default' }),
  tlp: tlpSchema.optional(),
};

/** A claim as written inside a record. */
export const claimEntrySchema = z
  .strictObject({
    ...span,
    ...grading,
    predicate: slugSchema.optional().meta({ description: 'Overrides the predicate implied by where the claim stands' }),
    value: z.union([z.string(), z.number()]).optional().meta({ description: 'The attribute value asserted, if any' }),
    note: z.string().optional().meta({ description: "An editor's remark; not part of the assertion" }),
  })
  .meta({ id: 'ClaimEntry', description: 'A claim as written in an atlas record' });
export type ClaimEntry = z.infer<typeof claimEntrySchema>;

export const claimEntriesSchema = z.array(claimEntrySchema).min(1, 'at least one claim is required');

/** A complete claim, as the store keeps it and every interface shows it. */
export const claimSchema = z
  .strictObject({
    id: z.string().regex(/^clm-[0-9a-f]{16}$/),
    subject: anyIdSchema,
    predicate: slugSchema,
    object: anyIdSchema.nullable(),
    value: z.union([z.string(), z.number()]).nullable(),
    ...span,
    standing: standingSchema,
    likelihood: z.string().nullable(),
    reliability: reliabilitySchema,
    credibility: credibilitySchema,
    valid_from: partialDateSchema.nullable(),
    valid_to: partialDateSchema.nullable(),
    recorded_at: z.iso.date(),
    recorded_by: z.string().min(1),
    tlp: tlpSchema,
    record: anyIdSchema.meta({ description: 'The atlas record whose file holds the claim' }),
    note: z.string().nullable(),
  })
  .meta({ id: 'Claim' });
export type Claim = z.infer<typeof claimSchema>;
