/**
 * @module util/stix-id
 * Deterministic STIX identifiers: a UUIDv5 of greyzone's stable id, so that every export of the
 * same record carries the same STIX id and partners can deduplicate.
 */
import { v5 as uuidv5 } from 'uuid';

/** greyzone's UUIDv5 namespace (a random UUID fixed once; never change it). */
export const GREYZONE_NAMESPACE = '5b0a3c1e-8f7d-4b8e-9a61-2f4c7d9e0b13';

export function stixId(type: string, greyzoneId: string): string {
  return `${type}--${uuidv5(`${type}:${greyzoneId}`, GREYZONE_NAMESPACE)}`;
}
