/**
 * @module model/name
 * Multilingual names. Every entity has exactly one primary (English) name; names in Chinese
 * characters are tagged zh-Hans or zh-Hant; romanisations, acronyms, former names and weak
 * aliases (common names that may support a match but never make one alone) are kinds of name.
 */
import { z } from 'zod';
import { claimEntriesSchema } from './claim.ts';

export const NAME_TYPES = [
  'primary',
  'native',
  'translation',
  'romanisation',
  'acronym',
  'alias',
  'former',
  'weak-alias',
] as const;
export const nameTypeSchema = z.enum(NAME_TYPES);
export type NameType = z.infer<typeof nameTypeSchema>;

/** BCP 47 tags used by the atlas; `zh-Latn-pinyin` marks Hanyu Pinyin, `zh-Latn-wadegile` Wade–Giles. */
export const langSchema = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a language is a BCP 47 tag such as en, zh-Hans, zh-Hant')
  .meta({ description: 'BCP 47 language tag' });

export const nameSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(300),
    type: nameTypeSchema,
    lang: langSchema.default('en'),
    claims: claimEntriesSchema.optional().meta({
      description: 'Where the name is written; required for every name that is not primary, translation or derived',
    }),
    derived_from: z
      .string()
      .optional()
      .meta({ description: 'For a name made mechanically from another of the same entity (e.g. simplified → traditional)' }),
  })
  .meta({ id: 'Name' });
export type Name = z.infer<typeof nameSchema>;
export type NameInput = z.input<typeof nameSchema>;
