/**
 * @module store/record-writer
 * Changes to records inside one transaction: create, update (only from the version the editor
 * read) and delete, each with its derived rows (names, claims, search entries) and its audit entry.
 * A change that spans several records — accepting a proposal that creates a source and adds a
 * claim — goes through one writer, so all of it lands or none.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { versionKey } from '../util/stix-time.ts';
import { withoutTlpMarkings, type KeptObject } from '../atlas/kept.ts';
import type { AtlasMeta } from '../model/atlas-meta.ts';
import type { Claim } from '../model/claim.ts';
import type { RecordKind } from '../model/kinds.ts';
import type { Name } from '../model/name.ts';
import { markingOf, mostRestrictive, TLP_LEVELS, type Tlp } from '../model/vocab.ts';
import { refsOf } from '../atlas/refs.ts';
import { appendAudit } from './audit.ts';
import type { Dialect, SqlExec } from './driver.ts';

/** An edit made against a version that is no longer the current one. */
export class ConflictError extends Error {
  constructor(readonly id: string, readonly current: number, readonly given: number) {
    super(`record '${id}' was changed by someone else since version ${given} (it is now at version ${current}); reload it and edit again`);
  }
}

export const CLAIM_COLUMNS = [
  'id', 'record', 'subject', 'predicate', 'object', 'value', 'source', 'span_start', 'span_end', 'quote', 'standing', 'likelihood',
  'reliability', 'credibility', 'valid_from', 'valid_to', 'recorded_at', 'recorded_by', 'tlp', 'note',
] as const;

function claimRow(c: Claim): unknown[] {
  // The value keeps its JSON type (a string or a number), so reading it back is exact.
  const row: Record<(typeof CLAIM_COLUMNS)[number], unknown> = { ...c, value: c.value === null ? null : JSON.stringify(c.value), span_start: c.start, span_end: c.end };
  return CLAIM_COLUMNS.map((k) => row[k] ?? null);
}


/** A kept STIX object arrived again with other content under the same id. */
export class KeptCollisionError extends Error {
  constructor(readonly id: string) {
    super(`${id}: the store already keeps another object with this id and the same modified time`);
  }
}

/** Rows per statement when keeping objects: well under SQLite's and PostgreSQL's limits on parameters. */
const KEEP_BATCH = 500;

export class RecordWriter {
  constructor(
    readonly tx: SqlExec,
    private readonly dialect: Dialect,
    private readonly actor: string,
    private readonly now = new Date().toISOString(),
  ) {}

  /** Names, claims and search entries derived from one record. */
  async writeDerived(id: string, data: unknown, claims: Claim[]): Promise<void> {
    for (const n of (data as { names?: Name[] }).names ?? []) {
      await this.tx.run('INSERT INTO names (record, text, type, lang) VALUES (?, ?, ?, ?)', [id, n.text, n.type, n.lang]);
      if (this.dialect === 'sqlite') await this.tx.run('INSERT INTO names_fts (record, text) VALUES (?, ?)', [id, n.text]);
    }
    const placeholders = CLAIM_COLUMNS.map(() => '?').join(', ');
    for (const c of claims) {
      await this.tx.run(`INSERT INTO claims (${CLAIM_COLUMNS.join(', ')}) VALUES (${placeholders})`, claimRow(c));
      if (this.dialect === 'sqlite') await this.tx.run('INSERT INTO claims_fts (record, claim, quote) VALUES (?, ?, ?)', [id, c.id, c.quote]);
    }
  }

  private async clearDerived(id: string): Promise<Tlp[]> {
    const old = await this.tx.all<{ tlp: Tlp }>('SELECT tlp FROM claims WHERE record = ?', [id]);
    await this.tx.run('DELETE FROM names WHERE record = ?', [id]);
    await this.tx.run('DELETE FROM claims WHERE record = ?', [id]);
    if (this.dialect === 'sqlite') {
      await this.tx.run('DELETE FROM names_fts WHERE record = ?', [id]);
      await this.tx.run('DELETE FROM claims_fts WHERE record = ?', [id]);
    }
    return old.map((c) => c.tlp);
  }

  /** The markings of the records `data` points at: an entry that names a RED record is itself RED. */
  private async referenced(kind: RecordKind, data: unknown): Promise<Tlp[]> {
    const ids = [...new Set(refsOf(kind, data).map((r) => r.id))];
    if (!ids.length) return [];
    return (await this.tx.all<{ tlp: Tlp }>(`SELECT tlp FROM records WHERE id IN (${ids.map(() => '?').join(', ')})`, ids)).map((r) => r.tlp);
  }

  /** A new record (a source with its text); returns version 1. */
  async create(kind: RecordKind, id: string, data: unknown, claims: Claim[], text?: string): Promise<number> {
    const taken = await this.tx.all<{ id: string }>('SELECT id FROM records WHERE id = ?', [id]);
    if (taken.length) throw new ConflictError(id, 1, 0);
    await this.tx.run('INSERT INTO records (id, kind, data, tlp, origin, version, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)', [id, kind, JSON.stringify(data), markingOf(data), 'atlas', this.now]);
    if (text !== undefined) await this.tx.run('INSERT INTO source_texts (source, sha256, body) VALUES (?, ?, ?)', [id, createHash('sha256').update(text).digest('hex'), text]);
    await this.writeDerived(id, data, claims);
    const marking = mostRestrictive([markingOf(data), ...claims.map((c) => c.tlp), ...(await this.referenced(kind, data))]);
    await appendAudit(this.tx, { actor: this.actor, action: 'record.create', target: id, tlp: marking, before: null, after: data }, this.now);
    return 1;
  }

  /** Replaces a record's data if it is still at `version`; returns the new version. */
  async update(id: string, data: unknown, claims: Claim[], version: number): Promise<number> {
    const [current] = await this.tx.all<{ kind: RecordKind; data: string; tlp: Tlp; version: number }>('SELECT kind, data, tlp, version FROM records WHERE id = ?', [id]);
    if (!current) throw new Error(`no record with id '${id}'`);
    // The version check and the write are one statement, so two writers cannot both pass it.
    const { changes } = await this.tx.run('UPDATE records SET data = ?, tlp = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?', [
      JSON.stringify(data), markingOf(data), this.now, id, version,
    ]);
    if (!changes) throw new ConflictError(id, Number(current.version), version);
    const old = await this.clearDerived(id);
    await this.writeDerived(id, data, claims);
    const before = JSON.parse(current.data) as unknown;
    const marking = mostRestrictive([current.tlp, markingOf(data), ...old, ...claims.map((c) => c.tlp), ...(await this.referenced(current.kind, before)), ...(await this.referenced(current.kind, data))]);
    await appendAudit(this.tx, { actor: this.actor, action: 'record.update', target: id, tlp: marking, before, after: data }, this.now);
    return Number(current.version) + 1;
  }

  /** Deletes a record (undoing its creation) if it is still at `version`. */
  async remove(id: string, version: number): Promise<void> {
    const [current] = await this.tx.all<{ kind: RecordKind; data: string; tlp: Tlp; version: number }>('SELECT kind, data, tlp, version FROM records WHERE id = ?', [id]);
    if (!current) throw new Error(`no record with id '${id}'`);
    if (Number(current.version) !== version) throw new ConflictError(id, Number(current.version), version);
    const old = await this.clearDerived(id);
    await this.tx.run('DELETE FROM records WHERE id = ?', [id]);
    const before = JSON.parse(current.data) as unknown;
    const marking = mostRestrictive([current.tlp, ...old, ...(await this.referenced(current.kind, before))]);
    await appendAudit(this.tx, { actor: this.actor, action: 'record.delete', target: id, tlp: marking, before, after: null }, this.now);
  }

  /** Sets the atlas's description if the store has none yet (an import into an empty store). */
  async setMetaIfMissing(meta: AtlasMeta): Promise<boolean> {
    if ((await this.tx.all('SELECT key FROM meta')).length) return false;
    for (const [key, value] of Object.entries(meta)) await this.tx.run('INSERT INTO meta (key, value) VALUES (?, ?)', [key, value]);
    return true;
  }

  /** Names a collection of kept objects; a second import may only raise its floor. */
  async keepCollection(name: string, tlp: Tlp): Promise<void> {
    const [row] = await this.tx.all<{ tlp: Tlp }>('SELECT tlp FROM kept_collections WHERE name = ?', [name]);
    if (!row) await this.tx.run('INSERT INTO kept_collections (name, tlp) VALUES (?, ?)', [name, tlp]);
    else if (mostRestrictive([row.tlp, tlp]) !== row.tlp) {
      await this.tx.run('UPDATE kept_collections SET tlp = ? WHERE name = ?', [tlp, name]);
      // The floor holds for every object in the collection, those kept before included.
      const below = TLP_LEVELS.slice(0, TLP_LEVELS.indexOf(tlp));
      await this.tx.run(`UPDATE kept_objects SET tlp = ? WHERE collection = ? AND tlp IN (${below.map(() => '?').join(', ')})`, [tlp, name, ...below]);
    }
  }

  /**
   * Keeps one object verbatim. STIX versions an object by `modified`: a later version replaces the
   * kept one, an earlier one is ignored, and other content under the same version is a collision.
   */
  async keep(k: KeptObject): Promise<'added' | 'same' | 'updated'> {
    const body = JSON.stringify(k.object);
    // Most objects are new: try the insert first, and compare only when the id is taken.
    const { changes } = await this.tx.run('INSERT INTO kept_objects (id, collection, type, tlp, body, added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [k.id, k.collection, k.type, k.tlp, body, this.now]);
    if (changes) return 'added';
    const [row] = await this.tx.all<{ body: string; tlp: Tlp }>('SELECT body, tlp FROM kept_objects WHERE id = ?', [k.id]);
    if (!row || row.body === body) return 'same';
    const old = JSON.parse(row.body) as Record<string, unknown>;
    // The same object handed back with the TLP marking greyzone added for its floor is the same object;
    // it keeps the stricter of the two markings.
    if (isDeepStrictEqual(withoutTlpMarkings(old), withoutTlpMarkings(k.object))) {
      if (mostRestrictive([row.tlp, k.tlp]) !== row.tlp) await this.tx.run('UPDATE kept_objects SET tlp = ? WHERE id = ?', [k.tlp, k.id]);
      return 'same';
    }
    const [was, now] = [versionKey(old.modified), versionKey(k.object.modified)];
    if (now < was) return 'same'; // versionKey orders as the instants do
    if (now === was) throw new KeptCollisionError(k.id);
    await this.tx.run('UPDATE kept_objects SET collection = ?, type = ?, tlp = ?, body = ?, added_at = ? WHERE id = ?', [k.collection, k.type, k.tlp, body, this.now, k.id]);
    return 'updated';
  }

  /** Forgets a collection that ended up holding nothing (an import whose every object was kept already). */
  async dropCollectionIfEmpty(name: string): Promise<void> {
    const [row] = await this.tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM kept_objects WHERE collection = ?', [name]);
    if (Number(row?.n ?? 0) === 0) await this.tx.run('DELETE FROM kept_collections WHERE name = ?', [name]);
  }

  /** Keeps many objects at once (one statement per batch for the new ones); counts the outcomes. */
  async keepMany(ks: readonly KeptObject[]): Promise<Record<'added' | 'same' | 'updated', number>> {
    const counts = { added: 0, same: 0, updated: 0 };
    for (let i = 0; i < ks.length; i += KEEP_BATCH) {
      const batch = ks.slice(i, i + KEEP_BATCH);
      const values = batch.flatMap((k) => [k.id, k.collection, k.type, k.tlp, JSON.stringify(k.object), this.now]);
      const inserted = await this.tx.all<{ id: string }>(
        `INSERT INTO kept_objects (id, collection, type, tlp, body, added_at) VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`,
        values,
      );
      const added = new Set(inserted.map((r) => r.id));
      counts.added += added.size;
      // Ids already kept (or twice in the batch) are judged one by one: same, a later version, or a collision.
      for (const k of batch) if (!added.delete(k.id)) counts[await this.keep(k)]++;
    }
    return counts;
  }

  /** An audit entry for a change made of many small writes (an import), told once. */
  async note(action: string, target: string, tlp: Tlp, after: unknown): Promise<void> {
    await appendAudit(this.tx, { actor: this.actor, action, target, tlp, before: null, after }, this.now);
  }
}
