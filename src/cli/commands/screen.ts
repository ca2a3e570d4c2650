/**
 * @module cli/commands/screen
 * `greyzone screen names FILE.csv|-`: every row of a CSV (a `name` column; `kind`, `country`, `id`
 * optional and echoed back) screened against the store, streamed so that any size of file runs
 * in bounded memory. One JSON object per row (default) or a CSV report; a progress bar on a
 * terminal; a summary at the end.
 */
import { createReadStream, statSync } from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import { defineCommand } from 'citty';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_THRESHOLD } from '../../names/match.ts';
import { screenRow, type ScreenResult } from '../../screen/names.ts';
import { loadWatchlist } from '../../screen/watchlist.ts';
import { CliError } from '../error.ts';
import { dbArg, openStore } from '../store.ts';

const COLUMNS = ['name', 'kind', 'country', 'id'];
/** A record larger than this is not a row of names. */
const MAX_RECORD = 1 << 20;

/** Passes bytes through while checking they are UTF-8; fails with the offset of the first bad byte. */
function utf8Guard(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(new CliError(`the input is not valid UTF-8 (in bytes ${offset}–${offset + chunk.length}); save it as UTF-8`));
      }
      offset += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        done(new CliError('the input ends in the middle of a UTF-8 character'));
      }
    },
  });
}

const CSV_HEADER = ['row', 'id', 'query', 'error', 'rank', 'match_id', 'match_name', 'match_kind', 'score', 'matched_name', 'feature', 'link_to_system'];

function csvLines(r: ScreenResult): string[][] {
  const head = [String(r.row), r.id ?? '', r.query];
  if (r.error) return [[...head, r.error, '', '', '', '', '', '', '', '']];
  if (!r.matches?.length) return [[...head, '', '', '', '', '', '', '', '', '']];
  return r.matches.map((m, i) => {
    const first = m.reasons[0] as { feature?: string };
    const chain = m.links.is_core ? 'is a service or party body' : m.links.chain ? m.links.chain.map((s) => `${s.label} ${s.to_name}`).join(', ') : 'none documented';
    return [...head, '', String(i + 1), m.id, m.name, m.kind, m.score.toFixed(3), m.matched_name, first.feature ?? '', chain];
  });
}

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
    const parser = parse({
      bom: true,
      columns: (header: string[]) => {
        const cols = header.map((h) => h.trim().toLowerCase());
        if (!cols.includes('name')) throw new CliError(`the CSV has no 'name' column (its columns: ${cols.join(', ') || 'none'})`);
        return cols.map((c) => (COLUMNS.includes(c) ? c : false));
      },
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD,
    });
    // pipeline() carries an error from any stage to the parser, where the loop below meets it.
    pipeline(input, utf8Guard(), parser, () => undefined);

    const totals = { rows: 0, matched: 0, errors: 0 };
    if (args.format === 'csv') await write(stringify([CSV_HEADER]));
    try {
      for await (const row of parser as AsyncIterable<Record<string, string>>) {
        totals.rows++;
        const result = screenRow(watchlist, row, totals.rows, threshold);
        if (result.error) totals.errors++;
        else if (result.matches?.length) totals.matched++;
        await write(args.format === 'csv' ? stringify(csvLines(result)) : `${JSON.stringify(result)}\n`);
        if (bar && totals.rows % 200 === 0) bar.update(bytes, { rows: totals.rows });
      }
    } catch (e) {
      bar?.stop();
      if (e instanceof CliError) throw e;
      const cause = (e as { cause?: unknown }).cause;
      if (cause instanceof CliError) throw cause;
      const where = (e as { lines?: number }).lines;
      throw new CliError(`the CSV cannot be read${where ? ` at line ${where}` : ''}: ${(e as Error).message}`);
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
