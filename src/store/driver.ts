/**
 * @module store/driver
 * The little that differs between SQLite and PostgreSQL, behind one shape: run a statement, read
 * rows, run a function in a transaction. SQL is written once with `?` placeholders; the
 * PostgreSQL driver numbers them.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface SqlExec {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one statement; returns how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
  /** Runs several statements without parameters (a migration). */
  script(sql: string): Promise<void>;
}

export interface SqlDriver extends SqlExec {
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: (tx: SqlExec) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` → `$1, $2 …` for PostgreSQL. Our SQL never has a `?` inside a literal. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
