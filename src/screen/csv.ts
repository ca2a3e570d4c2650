/**
 * @module screen/csv
 * Screening a CSV of names as a stream: the bytes checked as UTF-8, the header checked for a
 * `name` column, every row screened as it arrives — bounded memory for any size of file. The
 * command and the API both read CSV through here.
 */
import { pipeline, Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { screenRow, type ScreenResult } from './names.ts';
import type { Watchlist } from './watchlist.ts';

/** A problem with the file as a whole (not with one row): it stops the screening. */
export class CsvInputError extends Error {}

const COLUMNS = ['name', 'kind', 'country', 'id'];
/** A record larger than this is not a row of names. */
const MAX_RECORD = 1 << 20;

/** Passes bytes through while checking they are UTF-8; fails with the offsets of the bad chunk. */
function utf8Guard(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(new CsvInputError(`the input is not valid UTF-8 (in bytes ${offset}–${offset + chunk.length}); save it as UTF-8`));
      }
      offset += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        done(new CsvInputError('the input ends in the middle of a UTF-8 character'));
      }
    },
  });
}

/** The rows of a CSV of names, in order, as records of the known columns. Throws CsvInputError for a file it cannot read. */
async function* rowsOf(input: Readable): AsyncGenerator<Record<string, string>> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const cols = header.map((h) => h.trim().toLowerCase());
      if (!cols.includes('name')) throw new CsvInputError(`the CSV has no 'name' column (its columns: ${cols.join(', ') || 'none'})`);
      return cols.map((c) => (COLUMNS.includes(c) ? c : false));
    },
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD,
  });
  // pipeline() carries an error from any stage to the parser, where the loop below meets it.
  pipeline(input, utf8Guard(), parser, () => undefined);
  try {
    yield* parser as AsyncIterable<Record<string, string>>;
  } catch (e) {
    const cause = e instanceof CsvInputError ? e : (e as { cause?: unknown }).cause;
    if (cause instanceof CsvInputError) throw cause;
    const line = (e as { lines?: number }).lines;
    throw new CsvInputError(`the CSV cannot be read${line ? ` at line ${line}` : ''}: ${(e as Error).message}`);
  }
}

/** Every row of the CSV, screened, in order. Throws CsvInputError for a file it cannot read. */
export async function* screenCsv(input: Readable, watchlist: Watchlist, threshold?: number): AsyncGenerator<ScreenResult> {
  let row = 0;
  for await (const record of rowsOf(input)) yield screenRow(watchlist, record, ++row, threshold);
}

/** Reads a whole CSV without screening it: how many rows it has, or the CsvInputError that screening it would meet. */
export async function countCsvRows(input: Readable, max = Infinity): Promise<number> {
  let rows = 0;
  for await (const _ of rowsOf(input)) {
    if (++rows > max) throw new CsvInputError(`the CSV has more than ${max} rows; split it, or screen it with the greyzone screen names command`);
    // Parsing a large file takes seconds: let other work run between slices of it.
    if (rows % 5000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

export const CSV_REPORT_HEADER = ['row', 'id', 'query', 'error', 'rank', 'match_id', 'match_name', 'match_kind', 'score', 'matched_name', 'feature', 'link_to_system'];

/** The report goes to spreadsheets: a query such as `=HYPERLINK(…)` must come back as text, not a formula. */
const REPORT_OPTIONS = { escape_formulas: true } as const;

/** One result as CSV report lines: one line per match, or one line saying there is none. */
export function csvReportLines(r: ScreenResult): string {
  const head = [String(r.row), r.id ?? '', r.query];
  if (r.error) return stringify([[...head, r.error, '', '', '', '', '', '', '', '']], REPORT_OPTIONS);
  if (!r.matches?.length) return stringify([[...head, '', '', '', '', '', '', '', '', '']], REPORT_OPTIONS);
  return stringify(
    r.matches.map((m, i) => {
      const first = m.reasons[0] as { feature?: string };
      const chain = m.links.is_core ? 'is a service or party body' : m.links.chain ? m.links.chain.map((s) => `${s.label} ${s.to_name}`).join(', ') : 'none documented';
      return [...head, '', String(i + 1), m.id, m.name, m.kind, m.score.toFixed(3), m.matched_name, first.feature ?? '', chain];
    }),
    REPORT_OPTIONS,
  );
}
