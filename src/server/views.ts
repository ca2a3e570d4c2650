/**
 * @module server/views
 * What routes read. The store's whole content is held as one atlas; for each clearance the atlas
 * redacted to it, with the indexes built on it (names, screening, approaches), is made when first
 * asked for. Everything a route sends comes from the view of the asker's clearance, so no route
 * can leak what the clearance does not cover. Views are rebuilt when the store changes: at once
 * after an edit here, within a second after one by another server process on the same store; and
 * each rebuild brings the watchlists up to it (watch/watcher), sending the alerts it raises.
 */
import type { Atlas } from '../atlas/load.ts';
import { redactAtlas } from '../atlas/redact.ts';
import type { Tlp } from '../model/vocab.ts';
import { nameIndex } from '../names/search.ts';
import { ApproachScreener } from '../screen/approach.ts';
import { atlasIndexOf, type AtlasIndex } from '../screen/atlas-index.ts';
import { atlasFromStore } from '../store/as-atlas.ts';
import type { Store } from '../store/store.ts';
import { Watcher, type ViewSource } from '../watch/watcher.ts';
import { deliverDue, type DeliveryOptions } from '../watch/webhook.ts';

/** One clearance's view. Its indexes are built when a route first needs them, so an edit, which
 * replaces every view, costs the next page view only the redaction. */
export class ServerContext {
  readonly atlas: Atlas;
  private cache: { names?: ReturnType<typeof nameIndex>; atlasIndex?: AtlasIndex; approaches?: ApproachScreener; claimIds?: ReadonlySet<string> } = {};

  constructor(
    readonly store: Store,
    readonly clearance: Tlp,
    full: Atlas,
  ) {
    this.atlas = redactAtlas(full, clearance);
  }

  get names(): ReturnType<typeof nameIndex> {
    return (this.cache.names ??= nameIndex(this.atlas));
  }

  get atlasIndex(): AtlasIndex {
    return (this.cache.atlasIndex ??= atlasIndexOf(this.atlas));
  }

  get approaches(): ApproachScreener {
    return (this.cache.approaches ??= new ApproachScreener(this.atlas));
  }

  /** Ids of the claims this clearance may see, to filter what the store's full-text search finds. */
  get claimIds(): ReadonlySet<string> {
    return (this.cache.claimIds ??= new Set(this.atlas.claims.map((c) => c.claim.id)));
  }
}

const RECHECK_MS = 1000;

export class Views {
  private contexts = new Map<Tlp, ServerContext>();
  private checkedAt = 0;
  private reloading: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  /** The watchlists' catch-up with the latest views, and the deliveries of what it raised. */
  private watching: Promise<unknown> = Promise.resolve();
  /** Building the lists' row indexes: what is shown does not wait for it, closing the store does. */
  private warming: Promise<unknown> = Promise.resolve();
  readonly watcher: Watcher;
  /** How webhook deliveries are made (tests shorten the back-off). */
  deliveryOptions: DeliveryOptions = {};

  private constructor(
    readonly store: Store,
    private full: Atlas,
    private versions: Map<string, number>,
    private updated: Map<string, string>,
    private mark: number,
  ) {
    this.watcher = new Watcher(store);
    this.watch();
    this.warmWatchlists();
  }

  /** Builds, in the background, what re-screening a list needs (its row index) before the first change does. */
  warmWatchlists(): void {
    this.warming = this.warming
      .then(() => this.watching)
      .then(() => this.watcher.warm())
      .catch((e: unknown) => console.error(`greyzone: indexing the watchlists failed: ${(e as Error).message}`));
  }

  /** The views of this snapshot, as screening a watchlist reads them: each clearance's taken once, so one catch-up sees one state. */
  currentSource(): ViewSource {
    const taken = new Map<Tlp, ServerContext>();
    return {
      mark: this.mark,
      view: (clearance) => {
        let ctx = taken.get(clearance);
        if (!ctx) taken.set(clearance, (ctx = this.for(clearance)));
        return { atlas: ctx.atlas, atlasIndex: ctx.atlasIndex };
      },
    };
  }

  private watch(): void {
    const source = this.currentSource();
    this.watching = this.watching
      .then(() => this.watcher.catchUp(source))
      // Sent on the side: a slow receiver must not hold up what waits for the watchlists.
      .then((report) => void (report.alerts && this.deliverNow()))
      .catch((e: unknown) => console.error(`greyzone: re-screening the watchlists failed: ${(e as Error).message}`));
  }

  /** The deliveries that are due, sent now; its promise is for tests (what was raised has been tried once). */
  delivering: Promise<unknown> = Promise.resolve();
  private deliverNow(): void {
    this.delivering = this.delivering
      .then(() => deliverDue(this.store.watchlists, this.deliveryOptions))
      .catch((e: unknown) => console.error(`greyzone: sending webhook deliveries failed: ${(e as Error).message}`));
  }

  /** Sends, every `everyMs`, the webhook deliveries that are due (retries after a failure); returns the function that stops it. */
  startDeliveries(everyMs = 5000): () => void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      deliverDue(this.store.watchlists, this.deliveryOptions)
        .catch((e: unknown) => console.error(`greyzone: sending webhook deliveries failed: ${(e as Error).message}`))
        .finally(() => (busy = false));
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Resolves when the watchlists are screened against the latest views: what shows them waits for it. */
  async settled(): Promise<void> {
    for (let last: Promise<unknown> | undefined; last !== this.watching; ) await (last = this.watching);
  }

  /** Resolves when nothing runs in the background any more: the store may be closed. */
  async idle(): Promise<void> {
    for (let last: Promise<unknown> | undefined; last !== this.warming; ) {
      await (last = this.warming);
      await this.settled();
    }
  }

  static async load(store: Store): Promise<Views> {
    const mark = await store.changeMark();
    const versions = new Map<string, number>();
    const updated = new Map<string, string>();
    return new Views(store, await atlasFromStore(store, versions, updated), versions, updated, mark);
  }

  /** When a record was last written, in the same snapshot as the atlas (a TAXII feed's date_added). */
  updatedAt(id: string): string | undefined {
    return this.updated.get(id);
  }

  /** A record's version in the same snapshot as the atlas, so an edit made on what was shown is judged against it. */
  version(id: string): number | undefined {
    return this.versions.get(id);
  }

  /** The whole atlas, whatever its markings: for checking edits, never for sending. */
  get atlas(): Atlas {
    return this.full;
  }

  for(clearance: Tlp): ServerContext {
    let ctx = this.contexts.get(clearance);
    if (!ctx) {
      ctx = new ServerContext(this.store, clearance, this.full);
      this.contexts.set(clearance, ctx);
    }
    return ctx;
  }

  /**
   * Rebuilds from the store (after a change). The rebuild a caller waits for always starts after
   * the call, so it holds the caller's change; callers that come during a rebuild share the next.
   */
  reload(): Promise<void> {
    if (this.reloading) {
      this.next ??= this.reloading.catch(() => undefined).then(() => {
        this.next = undefined;
        return this.reload();
      });
      return this.next;
    }
    this.reloading = (async () => {
      const mark = await this.store.changeMark();
      const versions = new Map<string, number>();
      const updated = new Map<string, string>();
      this.full = await atlasFromStore(this.store, versions, updated);
      this.versions = versions;
      this.updated = updated;
      this.mark = mark;
      this.contexts = new Map();
      this.watch();
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  /** Picks up changes made by another process, looking at most once a second. */
  async refreshIfChanged(now = Date.now()): Promise<void> {
    if (now - this.checkedAt < RECHECK_MS) return;
    this.checkedAt = now;
    if ((await this.store.changeMark()) !== this.mark) await this.reload();
  }
}
