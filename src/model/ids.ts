/**
 * @module model/ids
 * Kind-prefixed identifiers: `org-mss`, `person-xu-yanjun`, `case-xu-yanjun`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export function prefixedId(prefix: string) {
  return z
    .string()
    .regex(
      new RegExp(`^${prefix}-[a-z0-9]+(?:-[a-z0-9]+)*$`),
      `the id must be '${prefix}-' followed by a kebab-case slug`,
    );
}

/**
 * A new record's id: the base with a short hash of `seed`, so that it never collides with a
 * record, seen or unseen, and its form tells nothing of what else exists.
 */
export function hashedId(base: string, seed: string): string {
  return `${base}-${createHash('sha256').update(seed).digest('hex').slice(0, 6)}`;
}
