/**
 * @module atlas/part-marking
 * The marking of one part of an export — a CSV row, a MISP cluster value: the lowest clearance
 * whose view of the atlas still yields that part exactly as written. A part built from a CLEAR
 * record may still carry a RED alias, a relation to a RED body, or a count that includes a RED
 * claim, so the record's own `tlp` is not enough. Asking redaction, rather than adding up markings
 * here, keeps the rules of what each reader sees in one place (atlas/redact).
 */
import { TLP_LEVELS, type Tlp } from '../model/vocab.ts';
import type { Atlas } from './load.ts';
import { redactAtlas } from './redact.ts';

/**
 * Each part's marking. `parts` builds the parts of an atlas by a stable key; it is called on the
 * atlas and on each lower clearance's view of it, and parts are compared as JSON.
 */
export function partMarkings(atlas: Atlas, parts: (atlas: Atlas) => ReadonlyMap<string, unknown>): Map<string, Tlp> {
  const full = new Map([...parts(atlas)].map(([key, part]) => [key, JSON.stringify(part)]));
  const markings = new Map<string, Tlp>();
  for (const level of TLP_LEVELS) {
    if (markings.size === full.size) break;
    const seen = level === 'red' ? undefined : parts(redactAtlas(atlas, level));
    for (const [key, json] of full) {
      if (markings.has(key)) continue;
      if (!seen || JSON.stringify(seen.get(key)) === json) markings.set(key, level);
    }
  }
  return markings;
}
