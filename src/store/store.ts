/**
 * @module store/store
 * One Store over SQLite (embedded, the default) and PostgreSQL (server mode). Everything that
 * persists goes through it; the two dialects differ only in their drivers, migrations and search.
 */
import { createHash } from 'node:crypto';
import type { Atlas } from '../atlas/load.ts';
import { emptyKept, type Kept } from '../atlas/kept.ts';
import type { AtlasMeta } from '../model/atlas-meta.ts';
import type { Claim } from '../model/claim.ts';
import type { RecordKind } from '../model/kinds.ts';
import type { SqlDriver, SqlExec } from './driver.ts';
import { migrate } from './migrations.ts';
import { openPostgres } from './postgres-driver.ts';
import { openSqlite } from './sqlite-driver.ts';
import { Accounts } from './accounts.ts';
import { Documents } from './documents.ts';
import { Watchlists } from './watchlists.ts';
import { CLAIM_COLUMNS, RecordWriter } from './record-writer.ts';
export { ConflictError } from './record-writer.ts';
import { appendAudit, readAudit, type AuditEntry, type AuditQuery } from './audit.ts';
import { mostRestrictive, tlpsAllowedBy, type Tlp } from '../model/vocab.ts';
import { groupBy } from '../util/group-by.ts';

export interface StoredRecord {
  id: string;
  kind: RecordKind;
  data: unknown;
  tlp: string;
  version: number;
  /** When the record was last written (ISO 8601). */
  updated_at: string;
}

export interface StoreSearchHit {
  id: string;
  kind: RecordKind;
  /** The name or the claim quote that matched. */
  text: string;
  field: 'name' | 'quote';
  /** For a quote: the claim it belongs to. */
  claim?: string;
}

interface ClaimRow {
  id: string;
  record: string;
  subject: string;
  predicate: string;
  object: string | null;
  value: string | null;
  source: string;
  span_start: number;
  span_end: number;
  quote: string;
  standing: Claim['standing'];
  likelihood: string | null;
  reliability: Claim['reliability'];
  credibility: number;
  valid_from: string | null;
  valid_to: string | null;
  recorded_at: string;
  recorded_by: string;
  tlp: Claim['tlp'];
  note: string | null;
}

function claimFromRow(r: ClaimRow): Claim {
  const { span_start, span_end, value, ...rest } = r;
  return { ...rest, start: Number(span_start), end: Number(span_end), credibility: Number(r.credibility), value: value === null ? null : (JSON.parse(value) as string | number) };
}

/** Audit actions that change nothing the atlas holds (see changeMark). */
const NOT_ATLAS_ACTIONS = ['user.%', 'session.%', 'watchlist.%', 'alert.%'];

/** The most pages of quotes one search reads, looking for quotes its reader may see. */
const MAX_PAGES = 10;

export class Store {
  readonly accounts: Accounts;
  readonly documents: Documents;
  readonly watchlists: Watchlists;

  private constructor(private readonly db: SqlDriver) {
    this.accounts = new Accounts(db);
    this.documents = new Documents(db);
    this.watchlists = new Watchlists(db);
  }

  /** Opens a store by its address: a `postgres://` URL or a SQLite file path; runs pending migrations. */
  static async open(address: string): Promise<Store> {
    const postgres = /^postgres(?:ql)?:\/\//.test(address);
    const db = postgres ? openPostgres(address) : openSqlite(address);
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
    return new Store(db);
  }

  get dialect(): SqlDriver['dialect'] {
    return this.db.dialect;
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** Replaces the atlas's records in the store with those of `atlas`, in one transaction. */
  async importAtlas(atlas: Atlas, actor: string): Promise<{ records: number; claims: number }> {
    const now = new Date().toISOString();
    const claimsByRecord = groupBy(
      atlas.claims.map((c) => c.claim),
      (c) => c.record,
    );
    return this.db.transaction(async (tx) => {
      const writer = new RecordWriter(tx, this.db.dialect, actor, now);
      await tx.run("DELETE FROM records WHERE origin = 'atlas'");
      await this.clearSearch(tx);
      await tx.run('DELETE FROM meta');
      for (const [key, value] of Object.entries(atlas.meta)) await tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', [key, value]);
      // Sources first: claims and texts refer to them.
      const ordered = [...atlas.records.values()].sort((a, b) => Number(b.kind === 'source') - Number(a.kind === 'source'));
      for (const rec of ordered) {
        const data = rec.data as { tlp?: string };
        await tx.run('INSERT INTO records (id, kind, data, tlp, origin, version, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)', [
          rec.id, rec.kind, JSON.stringify(rec.data), data.tlp ?? 'clear', 'atlas', now,
        ]);
        const text = atlas.texts.get(rec.id);
        if (text !== undefined) {
          await tx.run('INSERT INTO source_texts (source, sha256, body) VALUES (?, ?, ?)', [rec.id, createHash('sha256').update(text).digest('hex'), text]);
        }
        await writer.writeDerived(rec.id, rec.data, claimsByRecord.get(rec.id) ?? []);
      }
      await tx.run('DELETE FROM kept_objects');
      await tx.run('DELETE FROM kept_collections');
      for (const [name, tlp] of atlas.kept.collections) await writer.keepCollection(name, tlp);
      for (const k of atlas.kept.objects.values()) await writer.keep(k);
      const counts = { records: atlas.records.size, claims: atlas.claims.length };
      await appendAudit(tx, { actor, action: 'atlas.import', target: atlas.meta.name, tlp: mostRestrictive(atlas.claims.map((c) => c.claim.tlp)), before: null, after: counts }, now);
      return counts;
    });
  }

  /**
   * Replaces one record's data and its derived claims, if it is still at `version`; returns the
   * new version. The claims are completed by the caller, who checked the record against the atlas.
   */
  async updateRecord(id: string, data: unknown, claims: Claim[], version: number, actor: string): Promise<number> {
    return this.change(actor, (w) => w.update(id, data, claims, version));
  }

  /** Runs `fn` in one transaction with a writer of records: all of its changes land, or none. */
  async change<T>(actor: string, fn: (writer: RecordWriter) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new RecordWriter(tx, this.db.dialect, actor)));
  }

  async audit(q: AuditQuery): Promise<AuditEntry[]> {
    return readAudit(this.db, q);
  }

  /**
   * How many changes to what the atlas holds the audit log records: it moves whenever the atlas
   * changes, and not for a sign-in, an account or a watchlist. A count, not the newest id: on
   * PostgreSQL an id is taken when a row is written, not when its transaction commits, so a later
   * id can be seen before an earlier one — a count of committed rows of an append-only log only grows.
   */
  async changeMark(): Promise<number> {
    const others = NOT_ATLAS_ACTIONS.map(() => 'action NOT LIKE ?').join(' AND ');
    const [row] = await this.db.all<{ n: number | null }>(`SELECT COUNT(*) AS n FROM audit WHERE ${others}`, NOT_ATLAS_ACTIONS);
    return Number(row?.n ?? 0);
  }

  private async clearSearch(tx: SqlExec): Promise<void> {
    // PostgreSQL's indexes follow their tables; SQLite's FTS tables are kept by hand.
    if (this.db.dialect === 'sqlite') {
      await tx.run("DELETE FROM names_fts WHERE record NOT IN (SELECT id FROM records)");
      await tx.run("DELETE FROM claims_fts WHERE record NOT IN (SELECT id FROM records)");
    }
  }

  async meta(): Promise<AtlasMeta | undefined> {
    const rows = await this.db.all<{ key: string; value: string }>('SELECT key, value FROM meta');
    return rows.length ? (Object.fromEntries(rows.map((r) => [r.key, r.value])) as unknown as AtlasMeta) : undefined;
  }

  async record(id: string): Promise<StoredRecord | undefined> {
    const rows = await this.db.all<StoredRecord & { data: string }>('SELECT id, kind, data, tlp, version FROM records WHERE id = ?', [id]);
    return rows[0] && { ...rows[0], data: JSON.parse(rows[0].data), version: Number(rows[0].version) };
  }

  async records(kind?: RecordKind): Promise<StoredRecord[]> {
    const rows = await this.db.all<StoredRecord & { data: string }>(
      `SELECT id, kind, data, tlp, version, updated_at FROM records ${kind ? 'WHERE kind = ?' : ''} ORDER BY id`,
      kind ? [kind] : [],
    );
    return rows.map((r) => ({ ...r, data: JSON.parse(r.data), version: Number(r.version) }));
  }

  /** Every kept STIX object, with the collections they belong to. */
  async kept(): Promise<Kept> {
    const kept = emptyKept();
    for (const r of await this.db.all<{ name: string; tlp: Tlp }>('SELECT name, tlp FROM kept_collections ORDER BY name')) kept.collections.set(r.name, r.tlp);
    const rows = await this.db.all<{ id: string; collection: string; type: string; tlp: Tlp; body: string; added_at: string | null }>('SELECT id, collection, type, tlp, body, added_at FROM kept_objects ORDER BY id');
    for (const r of rows) kept.objects.set(r.id, { id: r.id, collection: r.collection, type: r.type, tlp: r.tlp, object: JSON.parse(r.body) as Record<string, unknown>, ...(r.added_at ? { added: r.added_at } : {}) });
    return kept;
  }

  /** Which of these ids the store keeps (asked in chunks, so a long list is no problem). */
  async keptAmong(ids: Iterable<string>): Promise<Set<string>> {
    const found = new Set<string>();
    const all = [...ids];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const rows = await this.db.all<{ id: string }>(`SELECT id FROM kept_objects WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const r of rows) found.add(r.id);
    }
    return found;
  }

  async sourceText(id: string): Promise<string | undefined> {
    return (await this.db.all<{ body: string }>('SELECT body FROM source_texts WHERE source = ?', [id]))[0]?.body;
  }

  /** Claims held by a record, or about an id as subject or object. */
  async claims(filter: { record?: string; about?: string }): Promise<Claim[]> {
    const rows = filter.record
      ? await this.db.all<ClaimRow>(`SELECT ${CLAIM_COLUMNS.join(', ')} FROM claims WHERE record = ? ORDER BY record, id`, [filter.record])
      : await this.db.all<ClaimRow>(`SELECT ${CLAIM_COLUMNS.join(', ')} FROM claims WHERE subject = ? OR object = ? ORDER BY record, id`, [filter.about, filter.about]);
    return rows.map(claimFromRow);
  }

  async allClaims(): Promise<Claim[]> {
    return (await this.db.all<ClaimRow>(`SELECT ${CLAIM_COLUMNS.join(', ')} FROM claims ORDER BY record, id`)).map(claimFromRow);
  }

  async counts(): Promise<{ records: Record<string, number>; claims: number }> {
    const kinds = await this.db.all<{ kind: string; n: number }>('SELECT kind, COUNT(*) AS n FROM records GROUP BY kind ORDER BY kind');
    const [claims] = await this.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM claims');
    return { records: Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)])), claims: Number(claims?.n ?? 0) };
  }

  /**
   * Full-text search over names (substrings, any script) and claim quotes (words). With a
   * clearance, only records, claims and sources it covers are searched: what it may not see never
   * takes a place among the results. `keep` judges each quote further (a caller's redacted view:
   * a CLEAR claim on a relation to a RED body is hidden too), and is applied before the limit, so
   * hidden claims never take the places of visible ones.
   */
  async search(text: string, limit = 20, clearance: Tlp = 'red', keep: (hit: StoreSearchHit) => boolean = () => true): Promise<StoreSearchHit[]> {
    const q = text.normalize('NFKC').trim();
    if (!q) return [];
    const allowed = tlpsAllowedBy(clearance);
    const within = (column: string) => `${column} IN (${allowed.map(() => '?').join(', ')})`;
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const names =
      this.db.dialect === 'sqlite' && [...q].length >= 3
        ? await this.db.all<StoreSearchHit>(
            `SELECT r.id, r.kind, f.text, 'name' AS field FROM names_fts f JOIN records r ON r.id = f.record WHERE names_fts MATCH ? AND ${within('r.tlp')} ORDER BY rank LIMIT ?`,
            [`"${q.replace(/"/g, '""')}"`, ...allowed, limit],
          )
        : await this.db.all<StoreSearchHit>(
            `SELECT r.id, r.kind, n.text, 'name' AS field FROM names n JOIN records r ON r.id = n.record WHERE lower(n.text) LIKE ? ESCAPE '\\' AND ${within('r.tlp')} ORDER BY length(n.text) LIMIT ?`,
            [like, ...allowed, limit],
          );
    const visibleClaim = `${within('c.tlp')} AND ${within('r.tlp')} AND ${within('s.tlp')}`;
    const page = (size: number, offset: number) =>
      this.db.dialect === 'sqlite'
        ? this.db.all<StoreSearchHit>(
            `SELECT r.id, r.kind, f.quote AS text, 'quote' AS field, f.claim FROM claims_fts f JOIN records r ON r.id = f.record
             JOIN claims c ON c.record = f.record AND c.id = f.claim JOIN records s ON s.id = c.source
             WHERE claims_fts MATCH ? AND ${visibleClaim} ORDER BY rank, c.id LIMIT ? OFFSET ?`,
            [q.split(/\s+/).map((w) => `"${w.replace(/"/g, '""')}"`).join(' '), ...allowed, ...allowed, ...allowed, size, offset],
          )
        : this.db.all<StoreSearchHit>(
            `SELECT r.id, r.kind, c.quote AS text, 'quote' AS field, c.id AS claim FROM claims c JOIN records r ON r.id = c.record JOIN records s ON s.id = c.source
             WHERE c.quote_tsv @@ plainto_tsquery('simple', ?) AND ${visibleClaim} ORDER BY ts_rank(c.quote_tsv, plainto_tsquery('simple', ?)) DESC, c.id LIMIT ? OFFSET ?`,
            [q, ...allowed, ...allowed, ...allowed, q, size, offset],
          );
    // Pages until `limit` kept quotes of distinct records are found, or there are no more — or
    // MAX_PAGES were read: a common word whose matches are mostly hidden costs a bounded search.
    const quotes: StoreSearchHit[] = [];
    const quoted = new Set<string>();
    const size = Math.max(limit * 4, 50);
    for (let offset = 0; quotes.length < limit && offset < MAX_PAGES * size; offset += size) {
      const rows = await page(size, offset);
      for (const h of rows) if (quotes.length < limit && !quoted.has(h.id) && keep(h) && quoted.add(h.id)) quotes.push(h);
      if (rows.length < size) break;
    }
    const seen = new Set<string>();
    return [...names, ...quotes].filter((h) => !seen.has(`${h.field}:${h.id}`) && seen.add(`${h.field}:${h.id}`)).slice(0, 2 * limit);
  }
}
