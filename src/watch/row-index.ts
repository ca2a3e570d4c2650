/**
 * @module watch/row-index
 * A watchlist's rows as a name index of their own, turned round: asked with a name the atlas has
 * just learned, it finds the rows that name may match — "the changed name's neighbours" — so a
 * change re-screens those rows, not the whole list. Screening a row splits its name into the
 * names it holds (brackets, "aka", commas); each row is filed under all of them, and asked
 * below the screening threshold, so that the turn-round misses no row the forward screening would
 * match (test/watchlists.test.ts compares the two on whole lists). The index is built in slices
 * of rows, one at a time, so that building it for a long list never holds a server's event loop
 * for long.
 */
import { NameIndex, variants, type IndexedEntity } from '../names/match.ts';

/** How far below a list's threshold the neighbours are looked for. */
const MARGIN = 0.2;
/** Rows per slice: a slice takes a fraction of a second to build. */
const SLICE = 2000;

export class RowIndex {
  private constructor(private readonly slices: NameIndex[]) {}

  static async build(rows: { row: number; name: string; kind?: string | undefined }[]): Promise<RowIndex> {
    const slices: NameIndex[] = [];
    for (let at = 0; at < rows.length; at += SLICE) {
      const entities: IndexedEntity[] = [];
      for (const r of rows.slice(at, at + SLICE)) {
        const name = r.name.trim();
        if (!name) continue;
        const kind = r.kind?.trim().toLowerCase() === 'person' ? 'person' : 'organisation';
        entities.push({ id: String(r.row), name, kind, names: [name, ...variants(name)].map((text, i) => ({ text, type: i ? 'alias' : 'primary' })) });
      }
      slices.push(new NameIndex(entities));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return new RowIndex(slices);
  }

  /** The rows a name of an entity of this kind may match at `threshold`. */
  near(name: string, kind: string, threshold: number): number[] {
    const options = { threshold: Math.max(0, threshold - MARGIN), neighbours: true, limit: Number.MAX_SAFE_INTEGER, ...(kind === 'person' ? { kind: 'person' as const } : {}) };
    return this.slices.flatMap((index) => index.match(name, options).map((m) => Number(m.id)));
  }
}
