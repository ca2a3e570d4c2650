/**
 * @module model/atlas-meta
 * `atlas/atlas.yaml`: what the atlas is and the provenance defaults its claims inherit.
 */
import { z } from 'zod';

export const atlasMetaSchema = z
  .strictObject({
    name: z.string().min(1),
    licence: z.string().min(1),
    recorded_at: z.iso.date().meta({ description: 'Default recorded_at of claims that do not give one' }),
    recorded_by: z.string().min(1).meta({ description: 'Default recorded_by of claims that do not give one' }),
  })
  .meta({ id: 'AtlasMeta' });
export type AtlasMeta = z.infer<typeof atlasMetaSchema>;
