/**
 * @module model/technique
 * The approach matrix: tactics (the stages of an approach's life, as ordered columns) and
 * techniques (the methods, as cells), each technique with what a target or a security officer
 * can notice, what to do, and where it meets DISARM and ATT&CK.
 */
import { z } from 'zod';
import { claimEntrySchema } from './claim.ts';
import { slugSchema, techniqueIdSchema } from './common.ts';
import { entityBase } from './entity.ts';

export const tacticIdSchema = z
  .string()
  .regex(/^GZTA\d{2}$/, 'a tactic id looks like GZTA01')
  .meta({ id: 'TacticId', description: 'Stable greyzone tactic identifier' });

export const tacticSchema = z
  .strictObject({
    id: tacticIdSchema,
    name: z.string().min(1),
    shortname: slugSchema.meta({ description: 'Kill-chain phase name used in STIX and Navigator exports' }),
    order: z.int().positive().meta({ description: 'Column position in the matrix, from 1' }),
    description: z.string().min(1).meta({ description: 'Definition in greyzone’s own words' }),
  })
  .meta({ id: 'Tactic' });
export type Tactic = z.infer<typeof tacticSchema>;

/**
 * Something a target or a security officer could notice. `cues` is what approach screening
 * matches: each inner list is a set of interchangeable words or phrases (synonyms live here, in
 * the data, not in code); an indicator is present where every set is represented in one sentence.
 */
export const indicatorSchema = z
  .strictObject({
    text: z.string().min(1).meta({ description: 'The sign, as a person would describe it' }),
    cues: z
      .array(z.array(z.string().trim().min(1)).min(1, 'a cue set needs at least one word or phrase'))
      .min(1, 'an indicator needs at least one cue set')
      .meta({ description: 'Sets of interchangeable words or phrases; all sets must occur together' }),
  })
  .meta({ id: 'Indicator' });
export type Indicator = z.infer<typeof indicatorSchema>;

export const AUDIENCES = ['individual', 'security-officer', 'institution'] as const;
export const adviceSchema = z
  .strictObject({ audience: z.enum(AUDIENCES), text: z.string().min(1) })
  .meta({ id: 'Advice', description: 'A mitigation: what this audience should do' });

export const FRAMEWORKS = ['disarm', 'attack'] as const;
export type FrameworkName = (typeof FRAMEWORKS)[number];
export const mappingSchema = z
  .strictObject({
    framework: z.enum(FRAMEWORKS),
    id: z.string().regex(/^T\d{4}(?:\.\d{3})?$/, 'a mapped id looks like T0002 or T1566.001'),
    reason: z.string().min(1).meta({ description: 'One line: why this is a genuine fit' }),
  })
  .meta({ id: 'Mapping' });
export type Mapping = z.infer<typeof mappingSchema>;

export const techniqueSchema = z
  .strictObject({
    ...entityBase(techniqueIdSchema),
    description: z.string().min(1).meta({ description: 'Definition in greyzone’s own words' }),
    parent: techniqueIdSchema.optional().meta({ description: 'The technique this one is a variant of' }),
    tactics: z.array(tacticIdSchema).min(1, 'a technique serves at least one tactic'),
    indicators: z.array(indicatorSchema).min(3, 'a technique needs at least three indicators'),
    advice: z.array(adviceSchema).min(1, 'a technique needs at least one mitigation or piece of advice'),
    mappings: z.array(mappingSchema).default([]),
    // A technique of greyzone's own framework may be defined before a source shows it in use; the
    // validator then requires a procedure example from a case instead.
    claims: z.array(claimEntrySchema).default([]),
  })
  .meta({ id: 'Technique' });
export type Technique = z.infer<typeof techniqueSchema>;
