/**
 * @module cli/commands/audit
 * `greyzone audit`: the store's audit log — every change, who made it, when, before and after —
 * read a page at a time, so a long log streams out in bounded memory.
 */
import { defineCommand } from 'citty';
import type { Tlp } from '../../model/vocab.ts';
import { CliError } from '../error.ts';
import { clearanceArg } from '../options.ts';
import { dbArg, openStore } from '../store.ts';

const PAGE = 1000;

export default defineCommand({
  meta: { name: 'audit', description: 'Print or export the audit log of a store (oldest first)' },
  args: {
    format: { type: 'enum', description: 'text: a line an entry; jsonl: one JSON object a line, with before and after', options: ['text', 'jsonl'], default: 'text' },
    after: { type: 'string', description: 'Only entries after this id', default: '0', valueHint: 'ID' },
    ...clearanceArg,
    ...dbArg,
  },
  async run({ args }) {
    let after = Number(args.after);
    if (!Number.isInteger(after) || after < 0) throw new CliError(`--after must be an entry id (a whole number), not '${args.after}'`);
    const store = await openStore(args.db);
    try {
      for (;;) {
        const page = await store.audit({ after, limit: PAGE, clearance: args.clearance as Tlp });
        for (const e of page) {
          process.stdout.write(args.format === 'jsonl' ? `${JSON.stringify(e)}\n` : `${String(e.id).padStart(6)} ${e.at} ${e.actor.padEnd(20)} ${e.action.padEnd(14)} ${e.target} [${e.tlp.toUpperCase()}]\n`);
        }
        if (page.length < PAGE) break;
        after = page.at(-1)!.id;
      }
    } finally {
      await store.close();
    }
    return 0;
  },
});
