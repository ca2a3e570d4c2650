/**
 * @module store/migrations
 * The store's schema, as numbered forward-only migrations for each dialect. A migration runs
 * once, inside a transaction with its record in `schema_migrations`; running them again on every
 * start changes nothing. Never edit a migration that has shipped: add the next one.
 *
 * The record's own JSON (`records.data`) is the source of truth; claims, names and the search
 * indexes are derived from it whenever a record is written.
 */
import type { Dialect, SqlDriver } from './driver.ts';

interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

const COMMON_V1 = `
CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
  id TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  tlp TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT 'atlas',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX records_kind ON records (kind);
CREATE TABLE source_texts (
  source TEXT NOT NULL PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE claims (
  id TEXT NOT NULL,
  record TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  object TEXT,
  value TEXT,
  source TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  quote TEXT NOT NULL,
  standing TEXT NOT NULL,
  likelihood TEXT,
  reliability TEXT NOT NULL,
  credibility INTEGER NOT NULL,
  valid_from TEXT,
  valid_to TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  tlp TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (record, id)
);
CREATE INDEX claims_subject ON claims (subject);
CREATE INDEX claims_object ON claims (object);
CREATE INDEX claims_source ON claims (source);
CREATE TABLE names (
  record TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  type TEXT NOT NULL,
  lang TEXT NOT NULL
);
CREATE INDEX names_record ON names (record);
`;

const ACCOUNTS_V2 = `
CREATE TABLE users (
  name TEXT NOT NULL PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  clearance TEXT NOT NULL CHECK (clearance IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE tokens (
  id TEXT NOT NULL PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX tokens_user ON tokens (user_name);
`;

const AUDIT_COLUMNS = `
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  tlp TEXT NOT NULL,
  before TEXT,
  after TEXT
`;

const SESSIONS_V3 = `
ALTER TABLE tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'api';
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
`;

const KEPT_V5 = `
CREATE TABLE kept_collections (name TEXT NOT NULL PRIMARY KEY, tlp TEXT NOT NULL);
CREATE TABLE kept_objects (
  id TEXT NOT NULL PRIMARY KEY,
  collection TEXT NOT NULL REFERENCES kept_collections (name),
  type TEXT NOT NULL,
  tlp TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX kept_objects_collection ON kept_objects (collection);
`;

const DOCUMENTS_V4 = `
CREATE TABLE documents (
  sha256 TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  encoding TEXT NOT NULL,
  title TEXT,
  url TEXT,
  date TEXT,
  language TEXT NOT NULL,
  body TEXT NOT NULL,
  pages TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  tlp TEXT NOT NULL,
  extraction TEXT NOT NULL,
  proposal_count INTEGER NOT NULL,
  source TEXT,
  ingested_at TEXT NOT NULL,
  ingested_by TEXT NOT NULL
);
CREATE TABLE proposals (
  id TEXT NOT NULL PRIMARY KEY,
  document TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  quote TEXT NOT NULL,
  data TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'merged')),
  version INTEGER NOT NULL DEFAULT 1,
  decided_by TEXT,
  decided_at TEXT,
  changes TEXT
);
CREATE INDEX proposals_document ON proposals (document, seq);
`;

/** What ingestion captures of a document beyond its own metadata: its publisher and the grade set for it. */
/** When each kept object (or its latest version) came into the store: what a TAXII feed's added_after counts. */
const KEPT_ADDED_V7 = `
ALTER TABLE kept_objects ADD COLUMN added_at TEXT;
`;

const DOCUMENT_METADATA_V6 = `
ALTER TABLE documents ADD COLUMN publisher TEXT;
ALTER TABLE documents ADD COLUMN reliability TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F'));
ALTER TABLE documents ADD COLUMN credibility INTEGER CHECK (credibility BETWEEN 1 AND 6);
`;

/**
 * A team's watchlists: the rows as uploaded with each row's current matches (compact), which rows
 * match which entity (to find the rows a change touches), the alerts raised when a match appears,
 * changes or goes, and the webhook deliveries of those alerts. Alerts and deliveries are numbered
 * per watchlist: one sequence for all would count, in its gaps, the alerts of lists a reader may
 * not see; and a name is unique only among the lists one reader can see, so that a name taken
 * tells no one of a list above their clearance. A watchlist's `state` is what its view of the atlas said of each entity when it was
 * last screened; `mark` the store's change mark then (never shown: it moves with every change).
 */
const WATCHLISTS_V8 = `
CREATE TABLE watchlists (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  owner TEXT NOT NULL,
  clearance TEXT NOT NULL CHECK (clearance IN ('clear', 'green', 'amber', 'amber+strict', 'red')),
  threshold REAL NOT NULL,
  name_only_alerts INTEGER NOT NULL,
  columns TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  screened_at TEXT NOT NULL,
  mark BIGINT NOT NULL,
  state TEXT NOT NULL,
  webhook_url TEXT,
  webhook_secret TEXT
);
CREATE TABLE watchlist_rows (
  watchlist TEXT NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
  row_no INTEGER NOT NULL,
  cells TEXT NOT NULL,
  result TEXT NOT NULL,
  hit INTEGER NOT NULL,
  PRIMARY KEY (watchlist, row_no)
);
CREATE TABLE watchlist_matches (
  watchlist TEXT NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  row_no INTEGER NOT NULL,
  PRIMARY KEY (watchlist, entity, row_no)
);
CREATE TABLE alerts (
  watchlist TEXT NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  row_no INTEGER NOT NULL,
  query TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_name TEXT NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('new', 'changed', 'withdrawn')),
  before TEXT,
  after TEXT,
  claims TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('new', 'acknowledged')),
  acknowledged_by TEXT,
  acknowledged_at TEXT,
  PRIMARY KEY (watchlist, n)
);
CREATE INDEX alerts_raised ON alerts (raised_at);
CREATE TABLE webhook_deliveries (
  watchlist TEXT NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL,
  next_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  PRIMARY KEY (watchlist, n)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_at);
`;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'records, claims, names, source texts and full-text search',
    sql: {
      sqlite: `${COMMON_V1}
CREATE VIRTUAL TABLE names_fts USING fts5 (record UNINDEXED, text, tokenize = 'trigram remove_diacritics 1');
CREATE VIRTUAL TABLE claims_fts USING fts5 (record UNINDEXED, claim UNINDEXED, quote, tokenize = 'unicode61 remove_diacritics 2');
`,
      postgres: `${COMMON_V1}
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX names_text_trgm ON names USING gin (lower(text) gin_trgm_ops);
ALTER TABLE claims ADD COLUMN quote_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', quote)) STORED;
CREATE INDEX claims_quote_tsv ON claims USING gin (quote_tsv);
`,
    },
  },
  {
    version: 2,
    name: 'accounts and their API tokens',
    sql: { sqlite: ACCOUNTS_V2, postgres: ACCOUNTS_V2 },
  },
  {
    version: 3,
    name: 'an append-only audit log; browser sessions as expiring tokens',
    // The triggers make append-only a property of the database, not only of this program.
    sql: {
      sqlite: `CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, ${AUDIT_COLUMNS});
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
${SESSIONS_V3}`,
      postgres: `CREATE TABLE audit (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ${AUDIT_COLUMNS});
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
${SESSIONS_V3}`,
    },
  },
  {
    version: 4,
    name: 'ingested documents and the claims proposed from them, for review',
    sql: { sqlite: DOCUMENTS_V4, postgres: DOCUMENTS_V4 },
  },
  {
    version: 5,
    name: 'STIX objects of other producers, kept verbatim by collection',
    sql: { sqlite: KEPT_V5, postgres: KEPT_V5 },
  },
  {
    version: 6,
    name: 'an ingested document’s publisher and its Admiralty grade',
    sql: { sqlite: DOCUMENT_METADATA_V6, postgres: DOCUMENT_METADATA_V6 },
  },
  {
    version: 7,
    name: 'when each kept STIX object was added, for TAXII',
    sql: { sqlite: KEPT_ADDED_V7, postgres: KEPT_ADDED_V7 },
  },
  {
    version: 8,
    name: 'watchlists, their rows and matches, alerts and webhook deliveries',
    sql: { sqlite: WATCHLISTS_V8, postgres: WATCHLISTS_V8 },
  },
];

/** Applies the migrations not yet applied; returns their versions. */
export async function migrate(db: SqlDriver): Promise<number[]> {
  await db.script('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      // Checked inside the transaction: two processes starting at once apply each migration once.
      if (db.dialect === 'postgres') await tx.run('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
      const rows = await tx.all<{ version: number }>('SELECT version FROM schema_migrations WHERE version = ?', [m.version]);
      if (rows.length) return false;
      await tx.script(m.sql[db.dialect]);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
