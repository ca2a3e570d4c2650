/**
 * @module store/sqlite-driver
 * better-sqlite3 behind the driver shape: one file, WAL, foreign keys on. The library is
 * synchronous; transactions are serialised so that no other call runs inside one.
 */
import Database from 'better-sqlite3';
import type { SqlDriver, SqlExec } from './driver.ts';

export function openSqlite(path: string): SqlDriver {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const exec: SqlExec = {
    async all<T>(sql: string, params: unknown[] = []) {
      return db.prepare(sql).all(...params) as T[];
    },
    async run(sql: string, params: unknown[] = []) {
      return { changes: db.prepare(sql).run(...params).changes };
    },
    async script(sql: string) {
      db.exec(sql);
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    dialect: 'sqlite',
    ...exec,
    transaction<T>(fn: (tx: SqlExec) => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(exec);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          db.exec('ROLLBACK');
          throw e;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      await queue;
      db.close();
    },
  };
}
