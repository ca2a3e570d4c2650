/**
 * @module model/entity
 * Nodes of the atlas. Every entity has an id, names, an optional editorial description and at
 * least one claim; each kind extends that base with its own fields.
 */
import { z } from 'zod';
import { claimEntriesSchema } from './claim.ts';
import { prefixedId } from './ids.ts';
import { nameSchema } from './name.ts';
import { industrySectorSchema, tlpSchema } from './vocab.ts';

/** The fields every entity shares; `id` is narrowed per kind. */
export function entityBase(id: z.ZodType<string>) {
  return {
    id,
    names: z.array(nameSchema).min(1, 'an entity needs at least its primary name'),
    description: z.string().optional().meta({ description: "Editors' summary in greyzone's own words" }),
    tlp: tlpSchema.default('clear'),
    claims: claimEntriesSchema.meta({ description: 'Where the entity is described' }),
  };
}

export const ORGANISATION_SUBTYPES = [
  'party-authority',
  'party',
  'party-body',
  'state-security-service',
  'public-security-service',
  'military-intelligence',
  'intelligence-community',
  'police',
  'military',
  'government',
  'government-body',
  'embassy',
  'university',
  'research-institute',
  'company',
  'law-firm',
  'think-tank',
  'ngo',
  'diaspora-association',
  'student-association',
  'media',
  'foreign-intelligence-service',
  'law-enforcement',
  'prosecutor',
  'court',
  'legislature',
  'funding-agency',
  'international-organisation',
  'industry',
  'association-of-municipalities',
] as const;

/**
 * The subtypes that make up the system's core — the services and the party bodies — to which
 * screening traces every match's documented links.
 */
export const SYSTEM_CORE_SUBTYPES: readonly (typeof ORGANISATION_SUBTYPES)[number][] = [
  'party-authority',
  'party-body',
  'state-security-service',
  'public-security-service',
  'military-intelligence',
  'intelligence-community',
];

export const organisationSchema = z
  .strictObject({
    ...entityBase(prefixedId('org')),
    subtype: z.enum(ORGANISATION_SUBTYPES),
    country: prefixedId('country').optional().meta({ description: 'Where the organisation is based' }),
    collective: z
      .boolean()
      .default(false)
      .meta({ description: 'A class of organisations the source speaks of together (e.g. “Chinese embassies”), not one body' }),
  })
  .meta({ id: 'Organisation' });

export const personSchema = z.strictObject({ ...entityBase(prefixedId('person')) }).meta({ id: 'Person' });
export const programmeSchema = z
  .strictObject({ ...entityBase(prefixedId('prog')), country: prefixedId('country').optional() })
  .meta({ id: 'Programme' });
export const operationSchema = z
  .strictObject({ ...entityBase(prefixedId('op')), country: prefixedId('country').optional() })
  .meta({ id: 'Operation' });
export const requirementSchema = z.strictObject({ ...entityBase(prefixedId('req')) }).meta({ id: 'Requirement' });
export const goalSchema = z.strictObject({ ...entityBase(prefixedId('goal')) }).meta({ id: 'Goal' });
export const sectorSchema = z
  .strictObject({
    ...entityBase(prefixedId('sector')),
    industry_sector: industrySectorSchema.optional().meta({ description: "The term of STIX's industry-sector vocabulary that fits the sector, where one does; exports file the sector under it" }),
  })
  .meta({ id: 'Sector' });
export const targetGroupSchema = z.strictObject({ ...entityBase(prefixedId('tg')) }).meta({ id: 'TargetGroup' });
export const countrySchema = z
  .strictObject({
    ...entityBase(prefixedId('country')),
    iso: z.string().regex(/^[A-Z]{2}$/, 'iso is an ISO 3166-1 alpha-2 code'),
  })
  .meta({ id: 'Country' });

export const intrusionSetSchema = z
  .strictObject({ ...entityBase(prefixedId('iset')) })
  .meta({ id: 'IntrusionSet', description: 'A cyber intrusion set as tracked by ATT&CK or another source' });

export type Organisation = z.infer<typeof organisationSchema>;
export type Person = z.infer<typeof personSchema>;
export type Country = z.infer<typeof countrySchema>;
