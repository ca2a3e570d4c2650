/**
 * @module cli/commands/user
 * `greyzone user add|list|revoke`: the accounts of a team's store. A new account's API token is
 * printed once and kept only as a slow hash.
 */
import { defineCommand } from 'citty';
import { AccountError, type Role } from '../../store/accounts.ts';
import type { Tlp } from '../../model/vocab.ts';
import { TLP_LEVELS } from '../../model/vocab.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { formatArg } from '../options.ts';
import { cliActor, dbArg, withStore } from '../store.ts';
import type { Store } from '../../store/store.ts';

/** The store, with an account refused as one line. */
const withAccounts = <T>(db: string | undefined, fn: (store: Store) => Promise<T>) => withStore(db, fn, [AccountError]);

const add = defineCommand({
  meta: { name: 'add', description: 'Add an account; its API token is printed once' },
  args: {
    name: { type: 'positional', description: 'Account name (letters, digits, . _ -)', required: true },
    role: { type: 'enum', description: 'viewer reads; analyst ingests, reviews, edits; admin manages accounts and markings', options: ['viewer', 'analyst', 'admin'], default: 'viewer' },
    clearance: { type: 'enum', description: 'Highest TLP marking the account may see', options: [...TLP_LEVELS], default: 'green' },
    ...dbArg,
  },
  async run({ args }) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(args.name)) throw new CliError(`an account name is 1–64 letters, digits, '.', '_' or '-', not '${args.name}'`);
    const { user, token } = await withAccounts(args.db, (s) => s.accounts.add(args.name, args.role as Role, args.clearance as Tlp, cliActor()));
    process.stdout.write(`added ${user.name} (${user.role}, clearance ${user.clearance.toUpperCase()})\ntoken (shown once; keep it secret): ${token}\n`);
    return 0;
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'List the accounts (never their tokens)' },
  args: { ...dbArg, ...formatArg },
  async run({ args }) {
    const users = await withAccounts(args.db, (s) => s.accounts.list());
    if (args.format === 'json') process.stdout.write(json(users));
    else for (const u of users) process.stdout.write(`${u.name.padEnd(24)} ${u.role.padEnd(8)} ${u.clearance.padEnd(12)} ${u.revoked_at ? `revoked ${u.revoked_at}` : 'active'}\n`);
    return 0;
  },
});

const revoke = defineCommand({
  meta: { name: 'revoke', description: 'Revoke an account and all its tokens' },
  args: { name: { type: 'positional', description: 'Account name', required: true }, ...dbArg },
  async run({ args }) {
    await withAccounts(args.db, (s) => s.accounts.revoke(args.name, cliActor()));
    process.stdout.write(`revoked ${args.name}\n`);
    return 0;
  },
});

export default defineCommand({
  meta: { name: 'user', description: 'Manage the accounts of a team store' },
  subCommands: { add, list, revoke },
});
