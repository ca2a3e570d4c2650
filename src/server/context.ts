/**
 * @module server/context
 * What every route reads: the store's content as an atlas, its name index for search and
 * screening, and the store itself. Built once at start; rebuilt when the store changes.
 */
import type { Atlas } from '../atlas/load.ts';
import { nameIndex } from '../names/search.ts';
import type { Watchlist } from '../screen/watchlist.ts';
import { ApproachScreener } from '../screen/approach.ts';
import { loadWatchlist } from '../screen/watchlist.ts';
import { atlasFromStore } from '../store/as-atlas.ts';
import type { Store } from '../store/store.ts';

export interface ServerContext {
  store: Store;
  atlas: Atlas;
  watchlist: Watchlist;
  names: ReturnType<typeof nameIndex>;
  approaches: ApproachScreener;
}

export async function loadContext(store: Store): Promise<ServerContext> {
  const atlas = await atlasFromStore(store);
  return { store, atlas, watchlist: await loadWatchlist(store), names: nameIndex(atlas), approaches: new ApproachScreener(atlas) };
}
