/**
 * @module cli/commands/screen
 * `greyzone screen names FILE.csv|-`: every row of a CSV (a `name` column; `kind`, `country`, `id`
 * optional and echoed back) screened against the store, streamed so that any size of file runs
 * in bounded memory. One JSON object per row (default) or a CSV report; a progress bar on a
 * terminal; a summary at the end.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { defineCommand } from 'citty';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_THRESHOLD } from '../../names/match.ts';
import { CSV_REPORT_HEADER, CsvInputError, csvReportLines, screenCsv } from '../../screen/csv.ts';
import { loadWatchlist } from '../../screen/watchlist.ts';
import { CliError } from '../error.ts';
import { dbArg, openStore } from '../store.ts';

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

const names = defineCommand({
  meta: { name: 'names', description: 'Screen a CSV of names (column name; kind, country, id optional) against the atlas' },
  args: {
    file: { type: 'positional', description: 'CSV file, or - for standard input', required: true },
    threshold: { type: 'string', description: `Lowest score reported, 0–1 (default ${DEFAULT_THRESHOLD})`, valueHint: 'N' },
    format: { type: 'enum', description: 'Output: one JSON object per row, or a CSV report', options: ['json', 'csv'], default: 'json' },
    ...dbArg,
  },
  async run({ args }) {
    const threshold = args.threshold === undefined ? undefined : Number(args.threshold);
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new CliError(`--threshold must be a number from 0 to 1, not '${args.threshold}'`);
    let input: Readable;
    let size = 0;
    if (args.file === '-') input = process.stdin;
    else {
      try {
        size = statSync(args.file).size;
      } catch {
        throw new CliError(`cannot read ${args.file}`);
      }
      input = createReadStream(args.file);
    }
    const store = await openStore(args.db);
    const watchlist = await loadWatchlist(store).finally(() => store.close());

    const bar = size > 0 && process.stderr.isTTY ? new SingleBar({ format: 'screening {bar} {percentage}% | {rows} rows | {eta_formatted} left', stream: process.stderr, hideCursor: true }) : undefined;
    bar?.start(size, 0, { rows: 0 });
    let bytes = 0;
    input.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    const totals = { rows: 0, matched: 0, errors: 0 };
    if (args.format === 'csv') await write(stringify([CSV_REPORT_HEADER]));
    try {
      for await (const result of screenCsv(input, watchlist, threshold)) {
        totals.rows++;
        if (result.error) totals.errors++;
        else if (result.matches?.length) totals.matched++;
        await write(args.format === 'csv' ? csvReportLines(result) : `${JSON.stringify(result)}\n`);
        if (bar && totals.rows % 200 === 0) bar.update(bytes, { rows: totals.rows });
      }
    } catch (e) {
      bar?.stop();
      if (e instanceof CsvInputError) throw new CliError(e.message);
      throw e;
    }
    bar?.update(size, { rows: totals.rows });
    bar?.stop();
    process.stderr.write(
      `screened ${totals.rows} name${totals.rows === 1 ? '' : 's'}: ${totals.matched} with matches at or above ${threshold ?? DEFAULT_THRESHOLD}, ${totals.errors} with errors\n`,
    );
    return 0;
  },
});

export default defineCommand({
  meta: { name: 'screen', description: 'Screen names against the atlas' },
  subCommands: { names },
});
