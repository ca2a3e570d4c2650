/**
 * @module model/common
 * Field schemas that many records share: identifiers, partial dates, money.
 */
import { z } from 'zod';

/** A stable greyzone identifier: a kind prefix and a kebab-case slug, e.g. `org-mss`. */
export const idSchema = z
  .string()
  .regex(/^[a-z]+-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is a kind prefix and a kebab-case slug, e.g. org-mss')
  .meta({ id: 'Id', description: 'Stable greyzone identifier' });

/** Technique ids follow their own ATT&CK-like scheme: GZT0001, sub-techniques GZT0001.001. */
export const techniqueIdSchema = z
  .string()
  .regex(/^GZT\d{4}(?:\.\d{3})?$/, 'a technique id looks like GZT0001 or GZT0001.001')
  .meta({ id: 'TechniqueId', description: 'Stable greyzone technique identifier' });

export const anyIdSchema = z.union([idSchema, techniqueIdSchema]);

/** A date as precise as the source is: `2021`, `2021-05` or `2021-05-14` (ISO 8601 / EDTF level 0). */
export const partialDateSchema = z
  .union([
    z.string().regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD'),
    // YAML reads an unquoted year as a number; accept it as the year it is.
    z.int().min(1000).max(9999).transform(String),
  ])
  .meta({ id: 'PartialDate', description: 'YYYY, YYYY-MM or YYYY-MM-DD' });

/** ISO 4217 currency code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as USD');

/** kebab-case word used as a predicate or role. */
export const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case word');

/** Compare partial dates by their earliest instant; `2021` < `2021-05` < `2021-05-14`. */
export function comparePartialDates(a: string, b: string): number {
  return a.localeCompare(b);
}
