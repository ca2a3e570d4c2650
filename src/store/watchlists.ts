/**
 * @module store/watchlists
 * Watchlists as stored: a team's rows with their current matches, the alerts raised as those
 * matches change, and the webhook deliveries of the alerts. What a match or an alert holds is the
 * watch layer's business; here they are JSON. Every change a person makes is audited under the
 * watchlist's clearance; re-screening lands whole or not at all, and only if no other process
 * re-screened the same list meanwhile (its `mark` is compared and set in one statement).
 */
import { tlpsAllowedBy, type Tlp } from '../model/vocab.ts';
import { appendAudit } from './audit.ts';
import type { SqlDriver, SqlExec } from './driver.ts';

export interface NewWatchlist {
  id: string;
  name: string;
  owner: string;
  clearance: Tlp;
  threshold: number;
  name_only_alerts: boolean;
  /** The file's own columns, in order, to give a row back as it came. */
  columns: string[];
  mark: number;
  state: unknown;
}

export interface WatchlistRecord extends Omit<NewWatchlist, 'state' | 'mark'> {
  row_count: number;
  created_at: string;
  /** When a change the list may see last re-screened it (or its upload). */
  screened_at: string;
  hits: number;
  new_alerts: number;
  webhook: WebhookStatus | null;
}

export interface WebhookStatus {
  url: string;
  pending: number;
  failed: number;
  delivered: number;
  last_error: string | null;
}

export interface StoredRow {
  row: number;
  cells: Record<string, string>;
  result: unknown;
  hit: boolean;
  /** The entities the row matches (at any score the screening reports): the rows a change to one of them touches. */
  entities: string[];
}

export interface NewAlert {
  row: number;
  query: string;
  entity: string;
  entity_name: string;
  change: 'new' | 'changed' | 'withdrawn';
  before: unknown;
  after: unknown;
  claims: unknown;
}

export interface StoredAlert extends NewAlert {
  watchlist: string;
  watchlist_name: string;
  n: number;
  raised_at: string;
  status: 'new' | 'acknowledged';
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

export interface Delivery {
  watchlist: string;
  n: number;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/** A refused change to a watchlist: the message is for the person who asked. */
export class WatchlistError extends Error {}

/** Rows written per statement: well under both engines' limits on parameters. */
const BATCH = 200;

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export class Watchlists {
  constructor(private readonly db: SqlDriver) {}

  /**
   * Stores a new list with its rows screened, in one transaction. Its name must be new among the
   * lists `adder` (a clearance) can see; a list above it may have the same name, unseen.
   */
  async create(w: NewWatchlist, rows: StoredRow[], actor: string, adder: Tlp): Promise<void> {
    const now = new Date().toISOString();
    const allowed = tlpsAllowedBy(adder);
    await this.db.transaction(async (tx) => {
      const taken = await tx.all<{ id: string }>(`SELECT id FROM watchlists WHERE id = ? OR (name = ? AND clearance IN (${inList(allowed.length)}))`, [w.id, w.name, ...allowed]);
      if (taken.length) throw new WatchlistError(`a watchlist named '${w.name}' exists already`);
      await tx.run(
        `INSERT INTO watchlists (id, name, owner, clearance, threshold, name_only_alerts, columns, row_count, created_at, screened_at, mark, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [w.id, w.name, w.owner, w.clearance, w.threshold, w.name_only_alerts ? 1 : 0, JSON.stringify(w.columns), rows.length, now, now, w.mark, JSON.stringify(w.state)],
      );
      await this.writeRows(tx, w.id, rows);
      await appendAudit(tx, { actor, action: 'watchlist.add', target: w.name, tlp: w.clearance, before: null, after: { rows: rows.length, clearance: w.clearance, threshold: w.threshold, owner: w.owner } }, now);
    });
  }

  private async writeRows(tx: SqlExec, id: string, rows: StoredRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      await tx.run(`INSERT INTO watchlist_rows (watchlist, row_no, cells, result, hit) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, chunk.flatMap((r) => [id, r.row, JSON.stringify(r.cells), JSON.stringify(r.result), r.hit ? 1 : 0]));
      const links = chunk.flatMap((r) => [...new Set(r.entities)].map((e) => [id, e, r.row]));
      for (let k = 0; k < links.length; k += BATCH) {
        const part = links.slice(k, k + BATCH);
        await tx.run(`INSERT INTO watchlist_matches (watchlist, entity, row_no) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`, part.flat());
      }
    }
  }

  /** The lists a clearance covers, by name. */
  async list(clearance: Tlp): Promise<WatchlistRecord[]> {
    const allowed = tlpsAllowedBy(clearance);
    const rows = await this.db.all<WatchlistRow>(`${SUMMARY} WHERE w.clearance IN (${inList(allowed.length)}) ORDER BY w.name`, allowed);
    return Promise.all(rows.map((r) => this.summary(r)));
  }

  /** One list by its id or name, if the clearance covers it; a name two lists it covers bear is refused. */
  async get(idOrName: string, clearance: Tlp): Promise<WatchlistRecord | undefined> {
    const allowed = tlpsAllowedBy(clearance);
    const rows = await this.db.all<WatchlistRow>(`${SUMMARY} WHERE (w.id = ? OR w.name = ?) AND w.clearance IN (${inList(allowed.length)}) ORDER BY w.id`, [idOrName, idOrName, ...allowed]);
    const row = rows.find((r) => r.id === idOrName) ?? rows[0];
    if (rows.length > 1 && row?.id !== idOrName) throw new WatchlistError(`${rows.length} watchlists are named '${idOrName}'; name one by its id (${rows.map((r) => r.id).join(', ')})`);
    return row && this.summary(row);
  }

  private async summary(r: WatchlistRow): Promise<WatchlistRecord> {
    const [counts] = await this.db.all<{ hits: number | null }>('SELECT SUM(hit) AS hits FROM watchlist_rows WHERE watchlist = ?', [r.id]);
    const [alerts] = await this.db.all<{ n: number }>("SELECT COUNT(*) AS n FROM alerts WHERE watchlist = ? AND status = 'new'", [r.id]);
    return {
      id: r.id,
      name: r.name,
      owner: r.owner,
      clearance: r.clearance,
      threshold: Number(r.threshold),
      name_only_alerts: Number(r.name_only_alerts) === 1,
      columns: JSON.parse(r.columns) as string[],
      row_count: Number(r.row_count),
      created_at: r.created_at,
      screened_at: r.screened_at,
      hits: Number(counts?.hits ?? 0),
      new_alerts: Number(alerts?.n ?? 0),
      webhook: r.webhook_url ? await this.webhookStatus(r.id, r.webhook_url) : null,
    };
  }

  private async webhookStatus(id: string, url: string): Promise<WebhookStatus> {
    const counts = await this.db.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM webhook_deliveries WHERE watchlist = ? GROUP BY status', [id]);
    const count = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
    const [last] = await this.db.all<{ last_error: string | null }>('SELECT last_error FROM webhook_deliveries WHERE watchlist = ? AND last_error IS NOT NULL ORDER BY n DESC LIMIT 1', [id]);
    return { url, pending: count('pending') + count('sending'), failed: count('failed'), delivered: count('delivered'), last_error: last?.last_error ?? null };
  }

  /** What re-screening needs of a list: its options, the state it was last screened at, and its mark. */
  async screeningState(id: string): Promise<{ mark: number; state: unknown; threshold: number; name_only_alerts: boolean; clearance: Tlp } | undefined> {
    const [r] = await this.db.all<{ mark: number; state: string; threshold: number; name_only_alerts: number; clearance: Tlp }>('SELECT mark, state, threshold, name_only_alerts, clearance FROM watchlists WHERE id = ?', [id]);
    return r && { mark: Number(r.mark), state: JSON.parse(r.state), threshold: Number(r.threshold), name_only_alerts: Number(r.name_only_alerts) === 1, clearance: r.clearance };
  }

  /** Every list's id, whatever its clearance: for re-screening, never for showing. */
  async ids(): Promise<string[]> {
    return (await this.db.all<{ id: string }>('SELECT id FROM watchlists ORDER BY id')).map((r) => r.id);
  }

  /** Rows in order, a page at a time; `hitsOnly` keeps the rows with a hit. */
  async rows(id: string, page: { offset?: number; limit?: number; hitsOnly?: boolean } = {}): Promise<StoredRow[]> {
    const rows = await this.db.all<{ row_no: number; cells: string; result: string; hit: number }>(
      `SELECT row_no, cells, result, hit FROM watchlist_rows WHERE watchlist = ? ${page.hitsOnly ? 'AND hit = 1' : ''} ORDER BY row_no LIMIT ? OFFSET ?`,
      [id, page.limit ?? 1_000_000_000, page.offset ?? 0],
    );
    return rows.map(parseRow);
  }

  /** These rows of a list (asked in chunks, so a long list is no problem). */
  async rowsNumbered(id: string, numbers: number[]): Promise<StoredRow[]> {
    const out: StoredRow[] = [];
    for (let i = 0; i < numbers.length; i += 500) {
      const chunk = numbers.slice(i, i + 500);
      const rows = await this.db.all<{ row_no: number; cells: string; result: string; hit: number }>(`SELECT row_no, cells, result, hit FROM watchlist_rows WHERE watchlist = ? AND row_no IN (${inList(chunk.length)})`, [id, ...chunk]);
      out.push(...rows.map(parseRow));
    }
    return out.sort((a, b) => a.row - b.row);
  }

  /** The rows that match any of these entities. */
  async rowsMatching(id: string, entities: string[]): Promise<number[]> {
    const found = new Set<number>();
    for (let i = 0; i < entities.length; i += 500) {
      const chunk = entities.slice(i, i + 500);
      for (const r of await this.db.all<{ row_no: number }>(`SELECT row_no FROM watchlist_matches WHERE watchlist = ? AND entity IN (${inList(chunk.length)})`, [id, ...chunk])) found.add(Number(r.row_no));
    }
    return [...found];
  }

  /**
   * Lands one re-screening: the list's new state and mark, the rows screened again, the alerts
   * they raise and their webhook delivery — only if the list is still at `expectedMark` and the new
   * mark is ahead of it; returns
   * whether it landed. `screened` is false when the list's view did not change: then only the mark
   * moves, and nothing a reader sees does.
   */
  async commitScreening(id: string, expectedMark: number, next: { mark: number; state: unknown; screened: boolean; again?: boolean }, rows: StoredRow[], alerts: NewAlert[], delivery?: (numbered: StoredAlert[]) => string): Promise<boolean> {
    const now = new Date().toISOString();
    return this.db.transaction(async (tx) => {
      // Only forward: a view older than the one the list was screened against would roll it back (a
      // whole re-screening, `again`, may land at the same state).
      const forward = next.again ? 'mark <= ?' : 'mark < ?';
      const { changes } = next.screened
        ? await tx.run(`UPDATE watchlists SET mark = ?, state = ?, screened_at = ? WHERE id = ? AND mark = ? AND ${forward}`, [next.mark, JSON.stringify(next.state), now, id, expectedMark, next.mark])
        : await tx.run(`UPDATE watchlists SET mark = ? WHERE id = ? AND mark = ? AND ${forward}`, [next.mark, id, expectedMark, next.mark]);
      if (!changes) return false;
      for (let i = 0; i < rows.length; i += 500) {
        const numbers = rows.slice(i, i + 500).map((r) => r.row);
        await tx.run(`DELETE FROM watchlist_rows WHERE watchlist = ? AND row_no IN (${inList(numbers.length)})`, [id, ...numbers]);
        await tx.run(`DELETE FROM watchlist_matches WHERE watchlist = ? AND row_no IN (${inList(numbers.length)})`, [id, ...numbers]);
      }
      await this.writeRows(tx, id, rows);
      if (!alerts.length) return true;
      const [{ n } = { n: 0 }] = await tx.all<{ n: number | null }>('SELECT MAX(n) AS n FROM alerts WHERE watchlist = ?', [id]);
      const [w] = await tx.all<{ name: string; webhook_url: string | null }>('SELECT name, webhook_url FROM watchlists WHERE id = ?', [id]);
      const numbered: StoredAlert[] = alerts.map((a, k) => ({ ...a, watchlist: id, watchlist_name: w?.name ?? id, n: Number(n ?? 0) + k + 1, raised_at: now, status: 'new', acknowledged_by: null, acknowledged_at: null }));
      for (const a of numbered) {
        await tx.run('INSERT INTO alerts (watchlist, n, row_no, query, entity, entity_name, change, before, after, claims, raised_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          id, a.n, a.row, a.query, a.entity, a.entity_name, a.change, JSON.stringify(a.before ?? null), JSON.stringify(a.after ?? null), JSON.stringify(a.claims), now, 'new',
        ]);
      }
      // Sent only where a webhook is set now, in this transaction: one cleared meanwhile gets nothing.
      if (delivery && w?.webhook_url) {
        const [{ d } = { d: 0 }] = await tx.all<{ d: number | null }>('SELECT MAX(n) AS d FROM webhook_deliveries WHERE watchlist = ?', [id]);
        await tx.run("INSERT INTO webhook_deliveries (watchlist, n, body, status, attempts, next_at, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)", [id, Number(d ?? 0) + 1, delivery(numbered), now, now]);
      }
      return true;
    });
  }

  async remove(idOrName: string, clearance: Tlp, actor: string, mayRemove: (w: WatchlistRecord) => boolean): Promise<void> {
    const w = await this.get(idOrName, clearance);
    if (!w) throw new WatchlistError(`no watchlist named '${idOrName}'`);
    if (!mayRemove(w)) throw new WatchlistError(`only ${w.owner} (its owner) or an admin may remove the watchlist '${w.name}'`);
    await this.db.transaction(async (tx) => {
      // Children first: SQLite's foreign keys cascade, but the order keeps PostgreSQL's work small too.
      for (const table of ['webhook_deliveries', 'alerts', 'watchlist_matches', 'watchlist_rows']) await tx.run(`DELETE FROM ${table} WHERE watchlist = ?`, [w.id]);
      await tx.run('DELETE FROM watchlists WHERE id = ?', [w.id]);
      await appendAudit(tx, { actor, action: 'watchlist.remove', target: w.name, tlp: w.clearance, before: { rows: w.row_count, owner: w.owner }, after: null });
    });
  }

  /** Sets (or with null clears) a list's webhook; the secret signs every delivery. */
  async setWebhook(id: string, webhook: { url: string; secret: string } | null, actor: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [w] = await tx.all<{ name: string; clearance: Tlp; webhook_url: string | null }>('SELECT name, clearance, webhook_url FROM watchlists WHERE id = ?', [id]);
      if (!w) throw new WatchlistError(`no watchlist '${id}'`);
      await tx.run('UPDATE watchlists SET webhook_url = ?, webhook_secret = ? WHERE id = ?', [webhook?.url ?? null, webhook?.secret ?? null, id]);
      // Deliveries to an address that was replaced are not sent there.
      await tx.run("UPDATE webhook_deliveries SET status = 'failed', last_error = 'the webhook was changed before delivery' WHERE watchlist = ? AND status IN ('pending', 'sending')", [id]);
      await appendAudit(tx, { actor, action: 'watchlist.webhook', target: w.name, tlp: w.clearance, before: { url: w.webhook_url }, after: { url: webhook?.url ?? null } });
    });
  }

  /** Alerts of the lists a clearance covers, newest first. */
  async alerts(q: { clearance: Tlp; since?: string; status?: 'new' | 'acknowledged'; watchlist?: string; limit?: number; offset?: number }): Promise<StoredAlert[]> {
    const allowed = tlpsAllowedBy(q.clearance);
    const where = [`w.clearance IN (${inList(allowed.length)})`];
    const params: unknown[] = [...allowed];
    const and = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (q.since) and('a.raised_at >= ?', q.since);
    if (q.status) and('a.status = ?', q.status);
    if (q.watchlist) and('(w.id = ? OR w.name = ?)', q.watchlist, q.watchlist);
    const rows = await this.db.all<AlertRow>(
      `SELECT a.*, w.name AS watchlist_name FROM alerts a JOIN watchlists w ON w.id = a.watchlist WHERE ${where.join(' AND ')} ORDER BY a.raised_at DESC, a.watchlist, a.n DESC LIMIT ? OFFSET ?`,
      [...params, q.limit ?? 1000, q.offset ?? 0],
    );
    return rows.map(parseAlert);
  }

  /** How many new alerts the lists a clearance covers hold: the explorer's header shows it. */
  async newAlertCount(clearance: Tlp): Promise<number> {
    const allowed = tlpsAllowedBy(clearance);
    const [r] = await this.db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM alerts a JOIN watchlists w ON w.id = a.watchlist WHERE a.status = 'new' AND w.clearance IN (${inList(allowed.length)})`, allowed);
    return Number(r?.n ?? 0);
  }

  async acknowledge(watchlist: string, n: number, clearance: Tlp, actor: string): Promise<StoredAlert> {
    const w = await this.get(watchlist, clearance);
    if (!w) throw new WatchlistError(`no watchlist named '${watchlist}'`);
    return this.db.transaction(async (tx) => {
      const now = new Date().toISOString();
      const { changes } = await tx.run("UPDATE alerts SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE watchlist = ? AND n = ? AND status = 'new'", [actor, now, w.id, n]);
      const [row] = await tx.all<AlertRow>('SELECT a.*, w.name AS watchlist_name FROM alerts a JOIN watchlists w ON w.id = a.watchlist WHERE a.watchlist = ? AND a.n = ?', [w.id, n]);
      if (!row) throw new WatchlistError(`the watchlist '${w.name}' has no alert ${n}`);
      if (changes) await appendAudit(tx, { actor, action: 'alert.acknowledge', target: `${w.name}#${n}`, tlp: w.clearance, before: { status: 'new' }, after: { status: 'acknowledged', entity: row.entity, row: Number(row.row_no) } }, now);
      return parseAlert(row);
    });
  }

  /**
   * Takes up to `limit` deliveries that are due, leasing each for `leaseMs` so that another process
   * does not send it too; a process that dies while sending leaves it due again when the lease ends.
   */
  async takeDueDeliveries(now: Date, leaseMs: number, limit = 20): Promise<Delivery[]> {
    const due = await this.db.all<{ watchlist: string; n: number; next_at: string }>(
      "SELECT watchlist, n, next_at FROM webhook_deliveries WHERE status IN ('pending', 'sending') AND next_at <= ? ORDER BY next_at LIMIT ?",
      [now.toISOString(), limit],
    );
    const taken: Delivery[] = [];
    for (const d of due) {
      const { changes } = await this.db.run("UPDATE webhook_deliveries SET status = 'sending', next_at = ? WHERE watchlist = ? AND n = ? AND next_at = ? AND status IN ('pending', 'sending')", [
        new Date(now.getTime() + leaseMs).toISOString(), d.watchlist, d.n, d.next_at,
      ]);
      if (!changes) continue;
      const [row] = await this.db.all<{ body: string; attempts: number; webhook_url: string | null; webhook_secret: string | null }>(
        'SELECT d.body, d.attempts, w.webhook_url, w.webhook_secret FROM webhook_deliveries d JOIN watchlists w ON w.id = d.watchlist WHERE d.watchlist = ? AND d.n = ?',
        [d.watchlist, d.n],
      );
      if (row?.webhook_url && row.webhook_secret) taken.push({ watchlist: d.watchlist, n: Number(d.n), body: row.body, attempts: Number(row.attempts), url: row.webhook_url, secret: row.webhook_secret });
    }
    return taken;
  }

  /** Records how a delivery went: delivered; or failed, to be tried again at `retryAt`, or given up (null). A delivery no longer being sent is left as it is. */
  async deliveryDone(d: Delivery, outcome: { delivered: true } | { delivered: false; error: string; retryAt: Date | null }): Promise<void> {
    const now = new Date().toISOString();
    if (outcome.delivered) {
      await this.db.run("UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL WHERE watchlist = ? AND n = ? AND status = 'sending'", [d.attempts + 1, now, d.watchlist, d.n]);
    } else {
      // Only a delivery still being sent: one failed meanwhile (its webhook replaced) stays failed.
      await this.db.run("UPDATE webhook_deliveries SET status = ?, attempts = ?, next_at = ?, last_error = ? WHERE watchlist = ? AND n = ? AND status = 'sending'", [
        outcome.retryAt ? 'pending' : 'failed', d.attempts + 1, (outcome.retryAt ?? new Date()).toISOString(), outcome.error.slice(0, 500), d.watchlist, d.n,
      ]);
    }
  }
}

interface WatchlistRow {
  id: string;
  name: string;
  owner: string;
  clearance: Tlp;
  threshold: number;
  name_only_alerts: number;
  columns: string;
  row_count: number;
  created_at: string;
  screened_at: string;
  webhook_url: string | null;
}

const SUMMARY = 'SELECT w.id, w.name, w.owner, w.clearance, w.threshold, w.name_only_alerts, w.columns, w.row_count, w.created_at, w.screened_at, w.webhook_url FROM watchlists w';

interface AlertRow {
  watchlist: string;
  watchlist_name: string;
  n: number;
  row_no: number;
  query: string;
  entity: string;
  entity_name: string;
  change: NewAlert['change'];
  before: string | null;
  after: string | null;
  claims: string;
  raised_at: string;
  status: StoredAlert['status'];
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

function parseRow(r: { row_no: number; cells: string; result: string; hit: number }): StoredRow {
  return { row: Number(r.row_no), cells: JSON.parse(r.cells) as Record<string, string>, result: JSON.parse(r.result), hit: Number(r.hit) === 1, entities: [] };
}

function parseAlert(r: AlertRow): StoredAlert {
  return {
    watchlist: r.watchlist,
    watchlist_name: r.watchlist_name,
    n: Number(r.n),
    row: Number(r.row_no),
    query: r.query,
    entity: r.entity,
    entity_name: r.entity_name,
    change: r.change,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    claims: JSON.parse(r.claims),
    raised_at: r.raised_at,
    status: r.status,
    acknowledged_by: r.acknowledged_by,
    acknowledged_at: r.acknowledged_at,
  };
}
