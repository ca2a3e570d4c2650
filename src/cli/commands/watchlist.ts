/**
 * @module cli/commands/watchlist
 * `greyzone watchlist add|list|show|remove|webhook`: a team's lists of names kept under watch in
 * the store. A list added here has no row limit (a progress bar on a terminal); it is re-screened
 * after every change to the atlas — by a server on the same store, or by the command that made
 * the change — and what changes in its hits becomes alerts (`greyzone alerts`).
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { defineCommand } from 'citty';
import { SingleBar } from 'cli-progress';
import { DEFAULT_THRESHOLD } from '../../names/match.ts';
import type { Tlp } from '../../model/vocab.ts';
import { CsvInputError } from '../../screen/csv.ts';
import type { Store } from '../../store/store.ts';
import type { WatchlistRecord } from '../../store/watchlists.ts';
import type { RowResult } from '../../watch/rows.ts';
import { storeViews, Watcher, WatchlistError } from '../../watch/watcher.ts';
import { checkWebhookHost, checkWebhookUrl, deliverDue, newWebhookSecret, WebhookError } from '../../watch/webhook.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { clearanceArg, formatArg } from '../options.ts';
import { cliActor, dbArg, withStore } from '../store.ts';

/** The store, with a refused list, file or address as one line. */
export const withWatchlists = <T>(db: string | undefined, fn: (store: Store) => Promise<T>) => withStore(db, fn, [WatchlistError, CsvInputError, WebhookError]);

function summary(w: WatchlistRecord): string {
  const hook = w.webhook ? ` · webhook ${w.webhook.url}: ${w.webhook.delivered} delivered, ${w.webhook.pending} pending, ${w.webhook.failed} failed${w.webhook.last_error ? ` (last error: ${w.webhook.last_error})` : ''}` : '';
  return `${w.name} [${w.id}] · ${w.clearance.toUpperCase()} · owner ${w.owner} · ${w.row_count} rows, ${w.hits} with a hit · ${w.new_alerts} new alert${w.new_alerts === 1 ? '' : 's'} · screened ${w.screened_at}${hook}`;
}

const add = defineCommand({
  meta: { name: 'add', description: 'Add a CSV of names (the columns of screen names) as a watchlist, screened now and again after every change to the atlas' },
  args: {
    file: { type: 'positional', description: 'CSV file, or - for standard input', required: true },
    name: { type: 'string', description: 'The watchlist’s name', required: true },
    clearance: { type: 'enum', description: 'Highest TLP marking the list is screened against (default: red)', options: [...clearanceArg.clearance.options], default: 'red' },
    owner: { type: 'string', description: 'Who owns it (default: the command line’s user)' },
    threshold: { type: 'string', description: `Lowest score that matches, 0–1 (default ${DEFAULT_THRESHOLD})`, valueHint: 'N' },
    'name-only-alerts': { type: 'boolean', description: 'Alert on a person’s name without a corroborating affiliation', default: false },
    ...dbArg,
    ...formatArg,
  },
  async run({ args }) {
    const threshold = args.threshold === undefined ? undefined : Number(args.threshold);
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new CliError(`--threshold must be a number from 0 to 1, not '${args.threshold}'`);
    let input: Readable = process.stdin;
    if (args.file !== '-') {
      try {
        statSync(args.file);
      } catch {
        throw new CliError(`cannot read ${args.file}`);
      }
      input = createReadStream(args.file);
    }
    const w = await withWatchlists(args.db, async (store) => {
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'screening {value} rows', stream: process.stderr, hideCursor: true, clearOnComplete: true }) : undefined;
      bar?.start(0, 0);
      try {
        return await new Watcher(store).add(
          input,
          { name: args.name, owner: args.owner ?? cliActor(), ownerClearance: 'red', clearance: args.clearance as Tlp, ...(threshold !== undefined ? { threshold } : {}), nameOnlyAlerts: args['name-only-alerts'], onRow: (n) => n % 100 === 0 && bar?.update(n) },
          await storeViews(store),
        );
      } catch (e) {
        if (e instanceof CsvInputError && args.file !== '-') throw new CliError(`${args.file}: ${e.message}`);
        throw e;
      } finally {
        bar?.stop();
      }
    });
    process.stdout.write(args.format === 'json' ? json(w) : `added ${summary(w)}\n`);
    return 0;
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'List the watchlists' },
  args: { ...dbArg, ...formatArg },
  async run({ args }) {
    const lists = await withWatchlists(args.db, (s) => s.watchlists.list('red'));
    process.stdout.write(args.format === 'json' ? json(lists) : lists.map((w) => `${summary(w)}\n`).join('') || 'no watchlists\n');
    return 0;
  },
});

const show = defineCommand({
  meta: { name: 'show', description: 'Show a watchlist and its rows with their current matches' },
  args: {
    name: { type: 'positional', description: 'The watchlist’s name or id', required: true },
    hits: { type: 'boolean', description: 'Only the rows with a hit', default: false },
    ...dbArg,
    ...formatArg,
  },
  async run({ args }) {
    const { w, rows } = await withWatchlists(args.db, async (s) => {
      const w = await s.watchlists.get(args.name, 'red');
      if (!w) throw new CliError(`no watchlist named '${args.name}'`);
      return { w, rows: (await s.watchlists.rows(w.id, { hitsOnly: args.hits })).map(({ entities: _, ...r }) => r) };
    });
    if (args.format === 'json') process.stdout.write(json({ watchlist: w, rows }));
    else {
      process.stdout.write(`${summary(w)}\n`);
      for (const r of rows) {
        const result = r.result as RowResult;
        const best = result.matches[0];
        const what = result.error ? `error: ${result.error}` : best ? `${result.alert ? 'HIT' : 'match'} ${best.name} (${best.id}) ${best.score.toFixed(2)} — ${best.role.replace(/-/g, ' ')}; ${best.statement}${best.namesake ? `; ${best.namesake}` : ''}` : 'not in the atlas';
        process.stdout.write(`${String(r.row).padStart(6)}  ${r.cells.name ?? ''} → ${what}\n`);
      }
    }
    return 0;
  },
});

const remove = defineCommand({
  meta: { name: 'remove', description: 'Remove a watchlist with its rows and alerts' },
  args: { name: { type: 'positional', description: 'The watchlist’s name or id', required: true }, ...dbArg },
  async run({ args }) {
    await withWatchlists(args.db, (s) => s.watchlists.remove(args.name, 'red', cliActor(), () => true));
    process.stdout.write(`removed ${args.name}\n`);
    return 0;
  },
});

const rescreen = defineCommand({
  meta: { name: 'rescreen', description: 'Screen every row of a watchlist again now, raising what changed as alerts (changes are re-screened anyway; this is to be sure)' },
  args: { name: { type: 'positional', description: 'The watchlist’s name or id', required: true }, ...dbArg },
  async run({ args }) {
    const report = await withWatchlists(args.db, async (s) => {
      const r = await new Watcher(s).rescreenAll(args.name, await storeViews(s));
      if (r.alerts) await deliverDue(s.watchlists);
      return r;
    });
    process.stdout.write(`screened ${report.rows} rows of ${args.name} again: ${report.alerts} new alert${report.alerts === 1 ? '' : 's'}\n`);
    return 0;
  },
});

const webhook = defineCommand({
  meta: { name: 'webhook', description: 'Send a watchlist’s alerts to an http(s) address, signed with HMAC-SHA256 (the secret is printed once); or stop with --clear' },
  args: {
    name: { type: 'positional', description: 'The watchlist’s name or id', required: true },
    url: { type: 'string', description: 'The receiver’s address', valueHint: 'URL' },
    clear: { type: 'boolean', description: 'Stop sending', default: false },
    ...dbArg,
  },
  async run({ args }) {
    if (!args.clear === !args.url) throw new CliError('give --url URL, or --clear');
    let url: string | null = null;
    try {
      if (args.url) {
        const checked = checkWebhookUrl(args.url);
        await checkWebhookHost(checked);
        url = checked.href;
      }
    } catch (e) {
      throw new CliError(`--url: ${e instanceof WebhookError ? e.message : `the host cannot be found (${(e as Error).message.split('\n')[0]})`}`);
    }
    const secret = url ? newWebhookSecret() : null;
    await withWatchlists(args.db, async (s) => {
      const w = await s.watchlists.get(args.name, 'red');
      if (!w) throw new CliError(`no watchlist named '${args.name}'`);
      await s.watchlists.setWebhook(w.id, url && secret ? { url, secret } : null, cliActor());
    });
    process.stdout.write(url ? `alerts of ${args.name} go to ${url}\nsigning secret (shown once; the receiver checks x-greyzone-signature with it): ${secret}\n` : `alerts of ${args.name} are no longer sent\n`);
    return 0;
  },
});

export default defineCommand({
  meta: { name: 'watchlist', description: 'Lists of names kept under watch: re-screened whenever the atlas changes, with alerts' },
  subCommands: { add, list, show, remove, rescreen, webhook },
});
