/**
 * @module store/as-atlas
 * The store's content as an in-memory atlas, so that the views built for atlas files (a record's
 * page, the matrix, the exports) serve the store's data unchanged.
 */
import { completeClaims } from '../atlas/claims.ts';
import type { Atlas, LoadedRecord } from '../atlas/load.ts';
import type { Store } from './store.ts';

/** The store's atlas; `versions` and `updated`, when given, are filled with each record's version and last write from the same read. */
export async function atlasFromStore(store: Store, versions?: Map<string, number>, updated?: Map<string, string>): Promise<Atlas> {
  const meta = await store.meta();
  if (!meta) throw new Error('the store holds no atlas');
  const records = new Map<string, LoadedRecord>();
  const texts = new Map<string, string>();
  for (const r of await store.records()) {
    records.set(r.id, { kind: r.kind, id: r.id, file: `store:${r.id}`, data: r.data as never, lineOf: () => 1 });
    versions?.set(r.id, r.version);
    updated?.set(r.id, r.updated_at);
    if (r.kind === 'source') {
      const text = await store.sourceText(r.id);
      if (text !== undefined) texts.set(r.id, text);
    }
  }
  // Claims are completed from the records again (not read from the claims table) so that each
  // keeps its place in its record, which redaction needs.
  const atlas: Atlas = { dir: 'store', meta, records, texts, claims: [], kept: await store.kept() };
  atlas.claims = completeClaims(atlas, []);
  return atlas;
}
