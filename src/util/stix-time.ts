/**
 * @module util/stix-time
 * STIX timestamps compared as instants: `…00.1001Z` is later than `…00.100Z`, and `.000Z` and
 * `.0000Z` are the same instant, which comparing the strings gets wrong.
 */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/** -1, 0 or 1 as `a` is before, at or after `b`; undefined if either is not a STIX timestamp. */
export function compareTimestamps(a: unknown, b: unknown): number | undefined {
  const ma = typeof a === 'string' ? TIMESTAMP.exec(a) : null;
  const mb = typeof b === 'string' ? TIMESTAMP.exec(b) : null;
  if (!ma || !mb) return undefined;
  if (ma[1] !== mb[1]) return ma[1]! < mb[1]! ? -1 : 1;
  const width = Math.max(ma[2]?.length ?? 0, mb[2]?.length ?? 0);
  const fa = (ma[2] ?? '').padEnd(width, '0');
  const fb = (mb[2] ?? '').padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** A version's key for comparing and grouping: the instant, written one way. Objects without `modified` share ''. */
export function versionKey(modified: unknown): string {
  const m = typeof modified === 'string' ? TIMESTAMP.exec(modified) : null;
  return m ? `${m[1]}.${(m[2] ?? '').replace(/0+$/, '')}` : '';
}
