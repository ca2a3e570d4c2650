/**
 * @module cli/store
 * How commands find their store: `--db FILE | --db postgres://…`, else $GREYZONE_DB, else an
 * embedded SQLite file in the user's data folder. A store that holds no atlas yet is filled with
 * the bundled one on first use.
 */
import { mkdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { BUNDLED_ATLAS, loadAtlas } from '../atlas/load.ts';
import { Store } from '../store/store.ts';
import { CliError } from './error.ts';

export const dbArg = {
  db: { type: 'string' as const, description: 'Store: a SQLite file or a postgres:// URL (default: $GREYZONE_DB or the embedded file)', valueHint: 'FILE|URL' },
};

export function defaultDb(): string {
  if (process.env.GREYZONE_DB) return process.env.GREYZONE_DB;
  const data = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'greyzone', 'greyzone.sqlite');
}

/** A store ready to use; the caller closes it. */
export async function openStore(db: string | undefined): Promise<Store> {
  const address = db ?? defaultDb();
  if (!/^postgres(?:ql)?:\/\//.test(address)) mkdirSync(dirname(address), { recursive: true });
  let store: Store;
  try {
    store = await Store.open(address);
  } catch (e) {
    throw new CliError(`cannot open the store ${redact(address)}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!(await store.meta())) {
    const { atlas, issues } = loadAtlas(BUNDLED_ATLAS);
    if (issues.length) throw new CliError(`the bundled atlas has ${issues.length} problem(s); run greyzone validate`);
    await store.importAtlas(atlas, cliActor());
  }
  return store;
}

/**
 * Runs `fn` on the store, closing it after; an error of one of the `refusals` classes (a refusal
 * meant for the user) becomes its one line.
 */
export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>, refusals: (abstract new (...args: never[]) => Error)[] = []): Promise<T> {
  const store = await openStore(db);
  try {
    return await fn(store);
  } catch (e) {
    if (refusals.some((r) => e instanceof r)) throw new CliError((e as Error).message);
    throw e;
  } finally {
    await store.close();
  }
}

/** Who the audit log names for a change made from the command line. */
export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

/** A database URL without its password, for messages. */
export function redact(address: string): string {
  return address.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
