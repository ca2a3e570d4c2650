// talisman ships no types; the one metric names/align uses.
declare module 'talisman/metrics/damerau-levenshtein.js' {
  const damerauLevenshtein: ((a: string, b: string) => number) & { limited(max: number, a: string, b: string): number };
  export default damerauLevenshtein;
}
