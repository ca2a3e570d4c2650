/**
 * @module model/case
 * A documented case: what happened, to whom, by whom, with which methods, and how it ended —
 * every detail carrying the claims that state it.
 */
import { z } from 'zod';
import { claimEntriesSchema } from './claim.ts';
import { currencySchema, idSchema, partialDateSchema, slugSchema, techniqueIdSchema } from './common.ts';
import { prefixedId } from './ids.ts';
import { standingSchema, tlpSchema } from './vocab.ts';

export const EVENT_TYPES = [
  'approach',
  'contact',
  'payment',
  'arrest',
  'extradition',
  'charge',
  'indictment',
  'plea',
  'trial',
  'conviction',
  'sentence',
  'acquittal',
  'dismissal',
  'warning',
  'intervention',
  'other',
] as const;

const eventSchema = z.strictObject({
  date: partialDateSchema,
  date_to: partialDateSchema.optional().meta({ description: 'End of a span, e.g. activity 2016–2019' }),
  type: z.enum(EVENT_TYPES),
  person: prefixedId('person').optional(),
  term: z
    .string()
    .regex(/^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?$/, 'a term is an ISO 8601 duration such as P20Y')
    .optional()
    .meta({ description: 'For a sentence: its length as an ISO 8601 duration' }),
  description: z.string().min(1),
  claims: claimEntriesSchema,
});

const personRoleSchema = z.strictObject({
  person: prefixedId('person'),
  role: slugSchema.meta({ description: 'e.g. defendant, intelligence-officer, recruited-source, subject-of-warning' }),
  standing: standingSchema.meta({ description: 'Exactly as the sources give it; must match one of the claims below' }),
  claims: claimEntriesSchema,
});

const actorSchema = z.strictObject({
  entity: idSchema,
  role: slugSchema.meta({ description: 'e.g. perpetrator, employer, cover, prosecutor, warning-agency, victim' }),
  claims: claimEntriesSchema,
});

const techniqueUseSchema = z.strictObject({
  technique: techniqueIdSchema,
  by: idSchema.optional().meta({ description: 'Who used it, where the sources say' }),
  claims: claimEntriesSchema,
});

const amountSchema = z.strictObject({
  amount: z.number().positive(),
  currency: currencySchema,
  approximate: z.boolean().default(false),
  what: z.string().min(1),
  claims: claimEntriesSchema,
});


export const caseSchema = z
  .strictObject({
    id: prefixedId('case'),
    title: z.string().min(1),
    summary: z.string().min(1).meta({ description: "Editors' summary in greyzone's own words" }),
    date: partialDateSchema.meta({ description: 'The date by which the case is known (e.g. of the sentence)' }),
    tlp: tlpSchema.default('clear'),
    countries: z.array(
      z.strictObject({ country: prefixedId('country'), role: slugSchema, claims: claimEntriesSchema }),
    ),
    people: z.array(personRoleSchema).default([]),
    actors: z.array(actorSchema).default([]),
    events: z.array(eventSchema).min(1, 'a case has at least one dated event'),
    techniques: z.array(techniqueUseSchema).default([]),
    sectors: z.array(z.strictObject({ sector: prefixedId('sector'), claims: claimEntriesSchema })).default([]),
    target_groups: z.array(z.strictObject({ target_group: prefixedId('tg'), claims: claimEntriesSchema })).default([]),
    amounts: z.array(amountSchema).default([]),
    outcome: z.strictObject({ text: z.string().min(1), claims: claimEntriesSchema }),
    claims: claimEntriesSchema,
  })
  .meta({ id: 'Case' });
export type Case = z.infer<typeof caseSchema>;
