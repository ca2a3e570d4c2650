/**
 * @module util/compare
 * Code-unit order for ids and keys: unlike localeCompare, the same on every machine and in every
 * locale, so that exports sorted with it are byte-for-byte reproducible.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
