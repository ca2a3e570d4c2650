/**
 * @module interop/stix/extension
 * greyzone's STIX 2.1 property extension: what STIX has no place for travels here — the record as
 * the atlas holds it (so a greyzone reader rebuilds it exactly) and every claim's provenance
 * (quote, code-point offsets, standing, the source's likelihood words, Admiralty grades). One zod
 * schema gives the type, the check on import and the JSON Schema published in the definition.
 */
import { z } from 'zod';
import { claimSchema } from '../../model/claim.ts';
import { stixId } from '../../util/stix-id.ts';

export const EXTENSION_ID = stixId('extension-definition', 'greyzone-provenance');
export const GREYZONE_IDENTITY = stixId('identity', 'greyzone');
/** Fixed, so that the definition itself is identical in every export. */
export const EXTENSION_CREATED = '2026-11-28T00:00:00.000Z';

/** One claim as it travels: the complete claim, its source as a STIX reference, its confidence. */
export const provenanceSchema = claimSchema.extend({
  source_ref: z.string().meta({ description: 'The report (source) the quote is taken from' }),
  admiralty: z.string().regex(/^[A-F][1-6]$/).meta({ description: 'Reliability and credibility, e.g. B2' }),
  confidence: z.int().min(0).max(100).optional().meta({ description: 'The credibility on the STIX Admiralty scale; absent for 6' }),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export const greyzoneExtensionSchema = z
  .strictObject({
    extension_type: z.literal('property-extension'),
    kind: z.string().meta({ description: 'The greyzone record kind (organisation, case, …)' }),
    id: z.string().meta({ description: 'The stable greyzone id' }),
    record: z.record(z.string(), z.unknown()).optional().meta({ description: 'The record as the atlas holds it; absent on objects derived from another record' }),
    derived_from: z.string().optional().meta({ description: 'For objects made from a field of a record (a case’s actors, an organisation’s country): that record' }),
    text: z.string().optional().meta({ description: 'For reports: the carried text that claims’ offsets count into' }),
    claims: z.array(provenanceSchema).optional(),
  })
  .meta({ id: 'GreyzoneProvenanceExtension' });
export type GreyzoneExtension = z.infer<typeof greyzoneExtensionSchema>;

/** The extension-definition object, with its normative JSON Schema as plain text (STIX allows either). */
export function extensionDefinition(): Record<string, unknown> {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: EXTENSION_ID,
    created_by_ref: GREYZONE_IDENTITY,
    created: EXTENSION_CREATED,
    modified: EXTENSION_CREATED,
    name: 'greyzone provenance',
    description:
      'The greyzone record behind an object and the provenance of every claim about it: the quote, its code-point offsets in the source text, the standing (reported … convicted), the likelihood words of the source (ICD 203) and the Admiralty grades.',
    schema: JSON.stringify(z.toJSONSchema(greyzoneExtensionSchema, { io: 'input' })),
    version: '1.0.0',
    extension_types: ['property-extension'],
  };
}
