/**
 * @module screen/csv
 * Screening a CSV of names as a stream: the bytes checked as UTF-8, the header checked for a
 * `name` column, every row screened as it arrives — bounded memory for any size of file. The
 * command and the API both read CSV through here.
 */
import { pipeline, Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { screenRow, type ScreenOptions, type ScreenResult } from './names.ts';
import type { AtlasIndex } from './atlas-index.ts';

/** A problem with the file as a whole (not with one row): it stops the screening. */
export class CsvInputError extends Error {}

/** The columns screening reads; any others are the user's own, given back in a report. */
const COLUMNS = ['name', 'kind', 'country', 'id', 'affiliation'];
/** The delimiter of a file with one column: the unit separator, a control character no list of names holds. */
const ONE_COLUMN = '\u001f';
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

/**
 * The rows of a CSV of names, in order, as records of the known columns. The delimiter is the
 * header's: the most frequent of comma, semicolon and tab outside quotes in the first line (comma
 * when none or on a tie), so a semicolon file a spreadsheet saved reads as one, and a comma in a
 * name further down stays in the name. Throws CsvInputError for a file it cannot read.
 */
async function* rowsOf(input: Readable, onHeader?: (columns: string[]) => void): AsyncGenerator<Record<string, string>> {
  const DELIMITERS = [',', ';', '\t'];
  const BYTES = [0x2c, 0x3b, 0x09];
  const bytes = utf8Guard();
  // pipeline() carries an error from any stage to the next, and so to the parser, where the loop below meets it.
  pipeline(input, bytes, () => undefined);
  const chunks = bytes[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    // Reads up to the end of the first line (all of it stays in `head`, for the parser); delimiters are ASCII, so bytes will do.
    const head: Buffer[] = [];
    const counts = [0, 0, 0];
    let quoted = false;
    let lineEnded = false;
    let inputEnded = false;
    let size = 0;
    while (!lineEnded && size <= MAX_RECORD) {
      const next = await chunks.next();
      if (next.done) {
        inputEnded = true;
        break;
      }
      head.push(next.value);
      size += next.value.length;
      for (const b of next.value) {
        if (b === 0x22) quoted = !quoted;
        else if (quoted) continue;
        else if (b === 0x0a || b === 0x0d) {
          lineEnded = true;
          break;
        } else if (BYTES.includes(b)) counts[BYTES.indexOf(b)]!++;
      }
    }
    const parser = parse({
      bom: true,
      // A header of one column has no delimiter: then none is used, so a comma in a name stays in it.
      delimiter: Math.max(...counts) === 0 ? ONE_COLUMN : DELIMITERS[counts.indexOf(Math.max(...counts))],
      // Every column is kept (a report gives the file's own columns back); the known ones by their lower-case name.
      columns: (header: string[]) => {
        const cols = header.map((h) => (COLUMNS.includes(h.trim().toLowerCase()) ? h.trim().toLowerCase() : h.trim()));
        if (!cols.includes('name')) throw new CsvInputError(`the CSV has no 'name' column (its columns: ${cols.join(', ') || 'none'})`);
        const kept = cols.map((c, i) => (c && cols.indexOf(c) === i ? c : false));
        onHeader?.(kept.filter((c): c is string => c !== false));
        return kept;
      },
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD,
    });
    async function* all(): AsyncGenerator<Buffer> {
      try {
        yield* head;
        for (let next = inputEnded ? undefined : await chunks.next(); next && !next.done; next = await chunks.next()) yield next.value;
      } finally {
        // A reader that stops early ends the input too.
        await chunks.return?.();
      }
    }
    pipeline(all(), parser, () => undefined);
    yield* parser as AsyncIterable<Record<string, string>>;
  } catch (e) {
    const cause = e instanceof CsvInputError ? e : (e as { cause?: unknown }).cause;
    if (cause instanceof CsvInputError) throw cause;
    const line = (e as { lines?: number }).lines;
    throw new CsvInputError(`the CSV cannot be read${line ? ` at line ${line}` : ''}: ${(e as Error).message}`);
  }
}

/** A screened row with the row's own cells, for a report that gives them back. */
export interface ScreenedCsvRow {
  result: ScreenResult;
  cells: Record<string, string>;
}

/** Every row of the CSV, screened, in order, with its own cells; `onHeader` gets the file's columns first. Throws CsvInputError for a file it cannot read. */
export async function* screenCsvRows(input: Readable, atlasIndex: AtlasIndex, options: ScreenOptions = {}, onHeader?: (columns: string[]) => void): AsyncGenerator<ScreenedCsvRow> {
  let row = 0;
  const { threshold, ...rest } = options;
  for await (const cells of rowsOf(input, onHeader)) yield { result: screenRow(atlasIndex, cells, ++row, threshold, rest), cells };
}

/** Every row of the CSV, screened, in order. Throws CsvInputError for a file it cannot read. */
export async function* screenCsv(input: Readable, atlasIndex: AtlasIndex, options: ScreenOptions = {}): AsyncGenerator<ScreenResult> {
  for await (const { result } of screenCsvRows(input, atlasIndex, options)) yield result;
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

/** What a report adds after the file's own columns: the row's best match, and what it means. */
export const CSV_REPORT_COLUMNS = [
  'screened_row', 'alert', 'match_id', 'match_name', 'match_kind', 'score', 'name_score', 'matched_name', 'role', 'role_basis', 'link_standing', 'link_to_system', 'namesake', 'other_matches', 'warnings', 'error', 'not_in_atlas',
];

/** The report goes to spreadsheets: a query such as `=HYPERLINK(…)` must come back as text, not a formula. */
const REPORT_OPTIONS = { escape_formulas: true } as const;

export function csvReportHeader(columns: string[]): string {
  return stringify([[...columns, ...CSV_REPORT_COLUMNS]], REPORT_OPTIONS);
}

/** One report line for every input row: its own cells first, then its best match (hits first) and what it means. */
export function csvReportLine(columns: string[], { result: r, cells }: ScreenedCsvRow): string {
  const own = columns.map((c) => cells[c] ?? '');
  const m = r.matches?.[0];
  const match = m
    ? [m.id, m.name, m.kind, m.score.toFixed(3), m.name_score.toFixed(3), m.matched_name, m.role.label, m.role.because, m.links.standing ?? '', m.links.statement, m.namesake ?? '', String(r.matches!.length - 1)]
    : ['', '', '', '', '', '', '', '', '', '', '', ''];
  return stringify([[...own, String(r.row), r.alert ? 'yes' : 'no', ...match, (r.warnings ?? []).join('; '), r.error ?? '', r.not_in_atlas ?? '']], REPORT_OPTIONS);
}
