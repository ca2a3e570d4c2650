/**
 * @module store/audit
 * The audit log: every change to the store (who, when, what, before and after), appended in the
 * same transaction as the change itself. The database refuses updates and deletes of its rows
 * (migration 3). Each entry carries the highest marking of what it shows, so an admin sees only
 * the entries their clearance covers.
 */
import { tlpsAllowedBy, type Tlp } from '../model/vocab.ts';
import type { SqlExec } from './driver.ts';

export interface AuditEntry {
  /** The entry's place in the log as the reader's clearance sees it (1 is the oldest it may see). */
  id: number;
  at: string;
  actor: string;
  /** `atlas.import`, `record.update`, `user.add`, `user.revoke`, `session.start`, `session.end`. */
  action: string;
  target: string;
  tlp: Tlp;
  before: unknown;
  after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export async function appendAudit(tx: SqlExec, entry: NewAuditEntry, at = new Date().toISOString()): Promise<void> {
  await tx.run('INSERT INTO audit (at, actor, action, target, tlp, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    at,
    entry.actor,
    entry.action,
    entry.target,
    entry.tlp,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  ]);
}

export interface AuditQuery {
  /** Only entries after this number (for paging forward). */
  after?: number;
  limit?: number;
  /** Only entries the clearance covers. */
  clearance: Tlp;
}

/**
 * The entries a clearance covers, oldest first, numbered 1, 2, 3 … within that clearance's view:
 * the log's own sequence ids would have gaps that count and date the entries hidden from it.
 */
export async function readAudit(db: SqlExec, q: AuditQuery): Promise<AuditEntry[]> {
  const allowed = tlpsAllowedBy(q.clearance);
  const rows = await db.all<Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null }>(
    `SELECT id, at, actor, action, target, tlp, before, after FROM (
       SELECT ROW_NUMBER() OVER (ORDER BY id) AS id, at, actor, action, target, tlp, before, after FROM audit WHERE tlp IN (${allowed.map(() => '?').join(', ')})
     ) seen WHERE id > ? ORDER BY id LIMIT ?`,
    [...allowed, q.after ?? 0, q.limit ?? 1000],
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}
