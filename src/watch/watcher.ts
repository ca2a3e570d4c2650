/**
 * @module watch/watcher
 * Watchlists that keep watching: a list is screened whole when it is added, under its clearance;
 * after every change to the atlas, each list's view is compared with the view it was last screened
 * against (watch/facts), and only the rows the change can touch are screened again — the rows that
 * matched a changed entity, and the rows a changed entity's names may now match (watch/row-index).
 * What changed in a row's hits is raised as alerts, with the claims that made the difference, in
 * the same transaction as the new results. A list learns only what its own view shows: a change
 * its clearance cannot see changes nothing it holds, not even when it was last screened.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Atlas } from '../atlas/load.ts';
import { redactAtlas } from '../atlas/redact.ts';
import { tlpAllows, type Tlp } from '../model/vocab.ts';
import { DEFAULT_THRESHOLD } from '../names/match.ts';
import { atlasIndexOf, type AtlasIndex } from '../screen/atlas-index.ts';
import { CsvInputError, screenCsvRows } from '../screen/csv.ts';
import { screenRow } from '../screen/names.ts';
import { atlasFromStore } from '../store/as-atlas.ts';
import type { Store } from '../store/store.ts';
import { WatchlistError, type NewAlert, type StoredAlert, type StoredRow, type WatchlistRecord } from '../store/watchlists.ts';
import { changedEntities, claimsOnlyIn, viewState, type ViewState } from './facts.ts';
import { RowIndex } from './row-index.ts';
import { keptResult, matchChanges, screenRowOf, type RowResult } from './rows.ts';

export { WatchlistError } from '../store/watchlists.ts';

/** What re-screening reads of a list. */
type ScreeningState = NonNullable<Awaited<ReturnType<Store['watchlists']['screeningState']>>>;

/** The atlas as one clearance sees it, with the index screening uses. */
export interface AtlasView {
  atlas: Atlas;
  atlasIndex: AtlasIndex;
}

/** The views of one state of the store: `mark` is the store's change mark they were read at (or before). */
export interface ViewSource {
  mark: number;
  view(clearance: Tlp): AtlasView;
}

/** The store's views, read now: for a process that keeps none (the command line). */
export async function storeViews(store: Store): Promise<ViewSource> {
  // The mark is read first: the atlas read after it is at least as new.
  const mark = await store.changeMark();
  const full = await atlasFromStore(store);
  const views = new Map<Tlp, AtlasView>();
  return {
    mark,
    view(clearance) {
      let v = views.get(clearance);
      if (!v) {
        const atlas = redactAtlas(full, clearance);
        views.set(clearance, (v = { atlas, atlasIndex: atlasIndexOf(atlas) }));
      }
      return v;
    },
  };
}

export interface AddOptions {
  name: string;
  owner: string;
  /** The owner's own clearance: a list's clearance is at most that. */
  ownerClearance: Tlp;
  clearance?: Tlp;
  threshold?: number;
  nameOnlyAlerts?: boolean;
  /** The most rows accepted (a server's request has a limit; the command line has none). */
  maxRows?: number;
  /** Called after each row is screened, for a progress bar. */
  onRow?: (rows: number) => void;
}

export interface CatchUpReport {
  /** Lists whose view had changed. */
  changed: number;
  /** Rows screened again. */
  rows: number;
  alerts: number;
}

const MAX_NAME = 200;

/** The readable part of a list's id: its name in lower-case ASCII, where it has any. */
function idOf(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'watchlist';
}

/** The body of a webhook delivery: the list and the alerts just raised. */
export function deliveryBody(alerts: StoredAlert[]): string {
  const first = alerts[0]!;
  return JSON.stringify({ type: 'greyzone.alerts', watchlist: { id: first.watchlist, name: first.watchlist_name }, alerts });
}

export class Watcher {
  /** Each list's rows as a name index, by list and upload: building one costs about a second per 10,000 rows. */
  private readonly rowIndexes = new Map<string, Promise<RowIndex>>();
  private running: Promise<unknown> = Promise.resolve();

  constructor(readonly store: Store) {}

  /** Screens a CSV (the columns of `screen names`) whole and stores it as a new list. */
  async add(input: Readable, o: AddOptions, source: ViewSource): Promise<WatchlistRecord> {
    const name = o.name.trim();
    if (!name) throw new WatchlistError('the watchlist needs a name');
    if ([...name].length > MAX_NAME) throw new WatchlistError(`the watchlist's name is longer than ${MAX_NAME} characters`);
    if (/\p{Cc}/u.test(name)) throw new WatchlistError("the watchlist's name holds a control character");
    const clearance = o.clearance ?? o.ownerClearance;
    if (!tlpAllows(o.ownerClearance, clearance)) throw new WatchlistError(`a watchlist's clearance is at most its owner's (${o.ownerClearance}), not ${clearance}`);
    const threshold = o.threshold ?? DEFAULT_THRESHOLD;
    if (!(threshold >= 0 && threshold <= 1)) throw new WatchlistError('the threshold is a number from 0 to 1');
    // A random part: an id made of the name alone would tell, by being taken, of a list the adder cannot see.
    const id = `${idOf(name)}-${randomBytes(3).toString('hex')}`;
    const { atlas, atlasIndex } = source.view(clearance);
    const rows: StoredRow[] = [];
    let columns: string[] = [];
    const max = o.maxRows ?? Infinity;
    for await (const { result, cells } of screenCsvRows(input, atlasIndex, { threshold, nameOnlyAlerts: o.nameOnlyAlerts ?? false }, (c) => (columns = c))) {
      if (rows.length >= max) throw new CsvInputError(`the CSV has more than ${max} rows; add a list this long with the greyzone watchlist add command`);
      const kept = keptResult(result);
      rows.push({ row: result.row, cells, result: kept, hit: kept.alert, entities: kept.matches.map((m) => m.id) });
      o.onRow?.(rows.length);
    }
    if (!rows.length) throw new CsvInputError(columns.length ? 'the CSV has a header but no rows' : 'the CSV is empty');
    await this.store.watchlists.create(
      { id, name, owner: o.owner, clearance, threshold, name_only_alerts: o.nameOnlyAlerts ?? false, columns, mark: source.mark, state: viewState(atlas, atlasIndex) },
      rows,
      o.owner,
      o.ownerClearance,
    );
    return (await this.store.watchlists.get(id, 'red'))!;
  }

  /**
   * Brings every list up to the views of `source`: re-screens what a change touched and raises
   * alerts. Calls run one after another in this process; another process doing the same work
   * at the same time lands its result once (store/watchlists commitScreening).
   */
  catchUp(source: ViewSource): Promise<CatchUpReport> {
    const run = this.running.then(() => this.catchUpNow(source));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async catchUpNow(source: ViewSource): Promise<CatchUpReport> {
    const report: CatchUpReport = { changed: 0, rows: 0, alerts: 0 };
    const views = new Map<Tlp, { view: AtlasView; state: ViewState }>();
    for (const id of await this.store.watchlists.ids()) {
      const s = await this.store.watchlists.screeningState(id);
      // Nothing new, or a view older than the one the list was screened against (another process's, newer).
      if (!s || s.mark >= source.mark) continue;
      let taken = views.get(s.clearance);
      if (!taken) {
        const view = source.view(s.clearance);
        views.set(s.clearance, (taken = { view, state: viewState(view.atlas, view.atlasIndex) }));
      }
      const { view, state } = taken;
      const before = s.state as ViewState;
      const changed = changedEntities(before, state);
      if (!changed.length) {
        await this.store.watchlists.commitScreening(id, s.mark, { mark: source.mark, state: before, screened: false }, [], []);
        continue;
      }
      // The rows that matched a changed entity, and those its names may match now.
      const touched = new Set(await this.store.watchlists.rowsMatching(id, changed));
      const rowIndex = await this.rowIndex(id);
      for (const e of changed) for (const name of state[e]?.names ?? []) for (const r of rowIndex.near(name, state[e]!.kind, s.threshold)) touched.add(r);
      const landed = await this.screenAgain(id, s, source.mark, view, state, await this.store.watchlists.rowsNumbered(id, [...touched]));
      if (!landed) continue;
      report.changed++;
      report.rows += landed.rows;
      report.alerts += landed.alerts;
    }
    return report;
  }

  /**
   * Screens these rows of a list again against `view`, raises what changed in their hits, and lands
   * it with the view's state — if no other process re-screened the list meanwhile (else undefined).
   */
  private async screenAgain(id: string, s: ScreeningState, mark: number, view: AtlasView, state: ViewState, stored: StoredRow[], again = false): Promise<{ rows: number; alerts: number } | undefined> {
    const before = s.state as ViewState;
    const rows: StoredRow[] = [];
    const alerts: NewAlert[] = [];
    for (const row of stored) {
      // A change that touches many rows lets other work run between slices of them.
      if (rows.length % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      const result = keptResult(screenRow(view.atlasIndex, screenRowOf(row.cells), row.row, s.threshold, { nameOnlyAlerts: s.name_only_alerts }));
      rows.push({ ...row, result, hit: result.alert, entities: result.matches.map((m) => m.id) });
      for (const c of matchChanges(row.result as RowResult, result)) {
        const [now, then] = [state[c.entity], before[c.entity]];
        // The claims that made the difference; when none did (a change elsewhere in the list's view), those behind the match.
        const differ = c.change === 'withdrawn' ? claimsOnlyIn(then, now) : claimsOnlyIn(now, then);
        const claims = differ.length ? differ : ((c.change === 'withdrawn' ? then : now)?.claims ?? []);
        alerts.push({ row: row.row, query: row.cells.name ?? '', entity: c.entity, entity_name: c.entity_name, change: c.change, before: c.before, after: c.after, claims });
      }
    }
    const landed = await this.store.watchlists.commitScreening(id, s.mark, { mark, state, screened: true, again }, rows, alerts, deliveryBody);
    return landed ? { rows: rows.length, alerts: alerts.length } : undefined;
  }

  /**
   * Screens every row of one list again against the views of `source`, raising what changed as a
   * catch-up does: for a list its owner wants to be sure of, whatever the changes were.
   */
  rescreenAll(idOrName: string, source: ViewSource): Promise<CatchUpReport> {
    const run = this.running.then(async () => {
      const w = await this.store.watchlists.get(idOrName, 'red');
      if (!w) throw new WatchlistError(`no watchlist named '${idOrName}'`);
      const s = (await this.store.watchlists.screeningState(w.id))!;
      if (source.mark < s.mark) throw new WatchlistError(`the watchlist '${w.name}' was screened against a newer state of the atlas than this process holds; try again in a moment`);
      const view = source.view(s.clearance);
      const landed = await this.screenAgain(w.id, s, source.mark, view, viewState(view.atlas, view.atlasIndex), await this.store.watchlists.rows(w.id), true);
      return { changed: landed ? 1 : 0, rows: landed?.rows ?? 0, alerts: landed?.alerts ?? 0 };
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Builds the row indexes of every list not yet indexed here, so the first change after a start is as quick as the next. */
  async warm(): Promise<void> {
    for (const id of await this.store.watchlists.ids()) await this.rowIndex(id);
  }

  private async rowIndex(id: string): Promise<RowIndex> {
    const w = await this.store.watchlists.get(id, 'red');
    const key = `${id}@${w?.created_at}`;
    let index = this.rowIndexes.get(key);
    if (!index) {
      for (const k of this.rowIndexes.keys()) if (k.startsWith(`${id}@`)) this.rowIndexes.delete(k);
      index = this.store.watchlists.rows(id).then((rows) => RowIndex.build(rows.map((r) => ({ row: r.row, name: r.cells.name ?? '', kind: r.cells.kind }))));
      this.rowIndexes.set(key, index);
      index.catch(() => this.rowIndexes.delete(key));
    }
    return index;
  }
}
