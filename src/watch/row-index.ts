/**
 * @module watch/row-index
 * A watchlist's rows as a name index of their own, turned round: asked with a name the atlas has
 * just learned, it finds the rows that name may match — "the changed name's neighbours" — so a
 * change re-screens those rows, not the whole list. Screening a row splits its name into the
 * names it holds (brackets, "aka", commas); each row is filed under all of them, and asked
 * below the screening threshold, so that the turn-round misses no row the forward screening would
 * match (test/watchlists.test.ts compares the two on whole lists).
 */
import { NameIndex, variants, type IndexedEntity } from '../names/match.ts';

/** How far below a list's threshold the neighbours are looked for. */
const MARGIN = 0.2;

export class RowIndex {
  private readonly index: NameIndex;

  constructor(rows: { row: number; name: string; kind?: string | undefined }[]) {
    const entities: IndexedEntity[] = [];
    for (const r of rows) {
      const name = r.name.trim();
      if (!name) continue;
      const kind = r.kind?.trim().toLowerCase() === 'person' ? 'person' : 'organisation';
      entities.push({ id: String(r.row), name, kind, names: [name, ...variants(name)].map((text, i) => ({ text, type: i ? 'alias' : 'primary' })) });
    }
    this.index = new NameIndex(entities);
  }

  /** The rows a name of an entity of this kind may match at `threshold`. */
  near(name: string, kind: string, threshold: number): number[] {
    const matches = this.index.match(name, { threshold: Math.max(0, threshold - MARGIN), neighbours: true, limit: Number.MAX_SAFE_INTEGER, ...(kind === 'person' ? { kind: 'person' as const } : {}) });
    return matches.map((m) => Number(m.id));
  }
}
