/**
 * @module store/accounts
 * Accounts, their API tokens and browser sessions. A session is a token of kind `session` that
 * expires; both are stored only as slow hashes. Every change is audited.
 */
import { createHash } from 'node:crypto';
import type { Tlp } from '../model/vocab.ts';
import { appendAudit } from './audit.ts';
import type { SqlDriver } from './driver.ts';
import { DECOY_HASH, hashSecret, newToken, parseToken, verifySecret } from './secrets.ts';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` may do what `needed` may: admin ⊃ analyst ⊃ viewer. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface Account {
  name: string;
  role: Role;
  clearance: Tlp;
  created_at: string;
  revoked_at: string | null;
}

/** A refused change to accounts: the message is for the person who asked. */
export class AccountError extends Error {}

/** A browser session lasts a working day. */
export const SESSION_HOURS = 12;
const VERIFIED_CACHE_LIMIT = 10_000;

export class Accounts {
  /**
   * Tokens already checked against their stored hash: scrypt is slow on purpose, too slow to run
   * on every request. The account row is still read each time, so a revocation takes effect at once.
   */
  private readonly verified = new Map<string, string>();

  constructor(private readonly db: SqlDriver) {}

  /** Adds an account and its first API token; the token is returned once and stored only as a hash. */
  async add(name: string, role: Role, clearance: Tlp, actor: string): Promise<{ user: Account; token: string }> {
    const now = new Date().toISOString();
    const { id, secret, token } = newToken();
    const hash = await hashSecret(secret);
    await this.db.transaction(async (tx) => {
      const taken = await tx.all<{ name: string }>('SELECT name FROM users WHERE name = ?', [name]);
      if (taken.length) throw new AccountError(`an account named '${name}' exists already`);
      await tx.run('INSERT INTO users (name, role, clearance, created_at) VALUES (?, ?, ?, ?)', [name, role, clearance, now]);
      await tx.run("INSERT INTO tokens (id, user_name, secret_hash, created_at, kind) VALUES (?, ?, ?, ?, 'api')", [id, name, hash, now]);
      await appendAudit(tx, { actor, action: 'user.add', target: name, tlp: 'clear', before: null, after: { role, clearance } }, now);
    });
    return { user: { name, role, clearance, created_at: now, revoked_at: null }, token };
  }

  async list(): Promise<Account[]> {
    return this.db.all<Account>('SELECT name, role, clearance, created_at, revoked_at FROM users ORDER BY name');
  }

  async hasActiveAdmin(): Promise<boolean> {
    return (await this.db.all("SELECT name FROM users WHERE role = 'admin' AND revoked_at IS NULL")).length > 0;
  }

  /** Revokes an account and all its tokens and sessions; the rows stay, for the record. */
  async revoke(name: string, actor: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      const found = await tx.all<{ name: string }>('SELECT name FROM users WHERE name = ? AND revoked_at IS NULL', [name]);
      if (!found.length) throw new AccountError(`no active account named '${name}'`);
      await tx.run('UPDATE users SET revoked_at = ? WHERE name = ?', [now, name]);
      await tx.run('UPDATE tokens SET revoked_at = ? WHERE user_name = ? AND revoked_at IS NULL', [now, name]);
      await appendAudit(tx, { actor, action: 'user.revoke', target: name, tlp: 'clear', before: null, after: null }, now);
    });
  }

  /**
   * The active account a token or session belongs to, or undefined for a wrong, unknown, expired
   * or revoked one. `only` accepts one kind alone: a session cannot open another session, and a
   * session cookie holds only a session. A wrong token costs one scrypt whether or not its id
   * exists, so the time of the answer tells nothing of which ids do.
   */
  async authenticate(token: string, only?: 'api' | 'session'): Promise<Account | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    const rows = await this.db.all<Account & { secret_hash: string }>(
      `SELECT u.name, u.role, u.clearance, u.created_at, u.revoked_at, t.secret_hash FROM tokens t JOIN users u ON u.name = t.user_name
       WHERE t.id = ? AND t.revoked_at IS NULL AND u.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?) ${only ? 'AND t.kind = ?' : ''}`,
      [parsed.id, new Date().toISOString(), ...(only ? [only] : [])],
    );
    const row = rows[0];
    const key = createHash('sha256').update(token.trim()).digest('base64url');
    if (!row || this.verified.get(key) !== row.secret_hash) {
      if (!(await verifySecret(parsed.secret, row?.secret_hash ?? DECOY_HASH)) || !row) {
        this.verified.delete(key); // a revoked or expired token is no longer proven good
        return undefined;
      }
      if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
      this.verified.set(key, row.secret_hash);
    }
    const { secret_hash: _, ...account } = row;
    return account;
  }

  /** Whether this very token has been verified before (and is cached): a check that costs no hash. */
  verifiedBefore(token: string): boolean {
    if (!parseToken(token)) return false;
    return this.verified.has(createHash('sha256').update(token.trim()).digest('base64url'));
  }

  /** Opens a browser session for an account that has shown its API token; returns the session token. */
  async startSession(account: Account): Promise<{ token: string; expires_at: string }> {
    const now = new Date();
    const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
    const { id, secret, token } = newToken();
    const hash = await hashSecret(secret);
    await this.db.transaction(async (tx) => {
      await tx.run("INSERT INTO tokens (id, user_name, secret_hash, created_at, kind, expires_at) VALUES (?, ?, ?, ?, 'session', ?)", [
        id, account.name, hash, now.toISOString(), expires,
      ]);
      await appendAudit(tx, { actor: account.name, action: 'session.start', target: account.name, tlp: 'clear', before: null, after: { expires_at: expires } }, now.toISOString());
    });
    return { token, expires_at: expires };
  }

  async endSession(token: string, account: Account): Promise<void> {
    const parsed = parseToken(token);
    if (!parsed) return;
    await this.db.transaction(async (tx) => {
      const { changes } = await tx.run("UPDATE tokens SET revoked_at = ? WHERE id = ? AND kind = 'session' AND user_name = ? AND revoked_at IS NULL", [
        new Date().toISOString(), parsed.id, account.name,
      ]);
      if (changes) await appendAudit(tx, { actor: account.name, action: 'session.end', target: account.name, tlp: 'clear', before: null, after: null });
    });
  }
}
