/**
 * @module cli/commands/alerts
 * `greyzone alerts`: what changed in the watchlists' hits, newest first — a digest for a person
 * or, with --format json, for another program. The watchlists are brought up to the store's
 * latest change first, and the alerts that raises are sent to their webhooks.
 */
import { defineCommand } from 'citty';
import * as chrono from 'chrono-node';
import type { StoredAlert } from '../../store/watchlists.ts';
import { storeViews, Watcher } from '../../watch/watcher.ts';
import { deliverDue } from '../../watch/webhook.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { formatArg } from '../options.ts';
import { dbArg } from '../store.ts';
import { withWatchlists } from './watchlist.ts';

const CHANGE_WORDS = { new: 'NEW', changed: 'CHANGED', withdrawn: 'WITHDRAWN' } as const;

function line(a: StoredAlert): string {
  const after = a.after as { statement?: string; role?: string } | null;
  const before = a.before as { statement?: string } | null;
  const what = a.change === 'withdrawn' ? `no longer a hit${before?.statement ? ` (was: ${before.statement})` : ''}` : `${after?.role?.replace(/-/g, ' ') ?? ''}; ${after?.statement ?? ''}`;
  const claims = (a.claims as { quote: string; source: string }[]).slice(0, 3).map((c) => `\n      “${c.quote}” (${c.source})`).join('');
  return `${a.raised_at} ${a.watchlist_name} #${a.n} ${CHANGE_WORDS[a.change]}${a.status === 'acknowledged' ? ` (acknowledged by ${a.acknowledged_by})` : ''}: row ${a.row} '${a.query}' → ${a.entity_name} (${a.entity}) — ${what}${claims}\n`;
}

export default defineCommand({
  meta: { name: 'alerts', description: 'The watchlists’ alerts, newest first: hits that appeared, changed or were withdrawn, with the claims behind them' },
  args: {
    since: { type: 'string', description: 'Only alerts raised since then: a date, a time, or words such as "yesterday" or "3 days ago"', valueHint: 'WHEN' },
    watchlist: { type: 'string', description: 'Only this watchlist’s (name or id)' },
    status: { type: 'enum', description: 'Only new or only acknowledged alerts', options: ['new', 'acknowledged', 'all'], default: 'all' },
    ...dbArg,
    ...formatArg,
  },
  async run({ args }) {
    let since: string | undefined;
    if (args.since) {
      // The whole of it must be a date: chrono would otherwise take "the day after" out of "the day after never".
      const [found] = chrono.parse(args.since);
      if (!found || found.text.trim() !== args.since.trim()) throw new CliError(`--since: '${args.since}' is not a date or time`);
      since = found.start.date().toISOString();
    }
    const alerts = await withWatchlists(args.db, async (store) => {
      if ((await new Watcher(store).catchUp(await storeViews(store))).alerts) await deliverDue(store.watchlists);
      if (args.watchlist && !(await store.watchlists.get(args.watchlist, 'red'))) throw new CliError(`no watchlist named '${args.watchlist}'`);
      return store.watchlists.alerts({ clearance: 'red', ...(since ? { since } : {}), ...(args.watchlist ? { watchlist: args.watchlist } : {}), ...(args.status !== 'all' ? { status: args.status as 'new' | 'acknowledged' } : {}) });
    });
    process.stdout.write(args.format === 'json' ? json(alerts) : alerts.map(line).join('') || 'no alerts\n');
    return 0;
  },
});
