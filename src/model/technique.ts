/**
 * @module model/technique
 * A method of approach, collection or influence: a cell of the approach matrix. The matrix issue
 * adds tactics, indicators, advice and mappings; here a technique is a named, sourced concept.
 */
import { z } from 'zod';
import { techniqueIdSchema } from './common.ts';
import { entityBase } from './entity.ts';

export const techniqueSchema = z
  .strictObject({
    ...entityBase(techniqueIdSchema),
    description: z.string().min(1).meta({ description: 'Definition in greyzone’s own words' }),
    parent: techniqueIdSchema.optional().meta({ description: 'The technique this one is a variant of' }),
  })
  .meta({ id: 'Technique' });
export type Technique = z.infer<typeof techniqueSchema>;
