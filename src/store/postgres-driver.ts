/**
 * @module store/postgres-driver
 * node-postgres behind the driver shape: a pool for reads, one client per transaction.
 */
import pg from 'pg';
import { numberPlaceholders, type SqlDriver, type SqlExec } from './driver.ts';

function execOn(client: pg.Pool | pg.PoolClient): SqlExec {
  return {
    async all<T>(sql: string, params: unknown[] = []) {
      return (await client.query(numberPlaceholders(sql), params)).rows as T[];
    },
    async run(sql: string, params: unknown[] = []) {
      return { changes: (await client.query(numberPlaceholders(sql), params)).rowCount ?? 0 };
    },
    async script(sql: string) {
      await client.query(sql);
    },
  };
}

export function openPostgres(url: string): SqlDriver {
  const pool = new pg.Pool({ connectionString: url, max: 10, statement_timeout: 30_000 });
  // An idle connection the server closes (a restart, an administrator) must not end this process;
  // the pool opens a new one for the next query.
  pool.on('error', (e) => console.error(`greyzone: a PostgreSQL connection was closed: ${e.message}`));
  return {
    dialect: 'postgres',
    ...execOn(pool),
    async transaction<T>(fn: (tx: SqlExec) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(execOn(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
