/**
 * @module model/ids
 * Kind-prefixed identifiers: `org-mss`, `person-xu-yanjun`, `case-xu-yanjun`.
 */
import { z } from 'zod';

export function prefixedId(prefix: string) {
  return z
    .string()
    .regex(
      new RegExp(`^${prefix}-[a-z0-9]+(?:-[a-z0-9]+)*$`),
      `the id must be '${prefix}-' followed by a kebab-case slug`,
    );
}
