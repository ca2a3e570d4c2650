/**
 * @module cli/commands/screen
 * `greyzone screen names FILE.csv|-`: every row of a CSV (a `name` column; `kind`, `country`, `id`
 * optional and echoed back) screened against the store, streamed so that any size of file runs
 * in bounded memory. One JSON object per row (default) or a CSV report; a progress bar on a
 * terminal; a summary at the end.
 */
import { groupBy } from '../../util/group-by.ts';
import { AUDIENCE_HEADINGS } from '../../screen/risk.ts';
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { defineCommand } from 'citty';
import { SingleBar } from 'cli-progress';
import { DEFAULT_THRESHOLD } from '../../names/match.ts';
import { CsvInputError, csvReportHeader, csvReportLine, screenCsvRows } from '../../screen/csv.ts';
import { loadAtlasIndex } from '../../screen/atlas-index.ts';
import { CliError } from '../error.ts';
import { dbArg, openStore } from '../store.ts';
import { atlasArg } from '../options.ts';
import { loadAtlas } from '../../atlas/load.ts';
import { ApproachInputError, ApproachScreener, CHANNELS } from '../../screen/approach.ts';

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

const names = defineCommand({
  meta: { name: 'names', description: 'Screen a CSV of names (column name; kind, country, id optional) against the atlas' },
  args: {
    file: { type: 'positional', description: 'CSV file, or - for standard input', required: true },
    threshold: { type: 'string', description: `Lowest score reported, 0–1 (default ${DEFAULT_THRESHOLD})`, valueHint: 'N' },
    format: { type: 'enum', description: 'Output: one JSON object per row, or a CSV report', options: ['json', 'csv'], default: 'json' },
    'name-only-alerts': { type: 'boolean', description: 'Alert on a person’s name without a corroborating affiliation (by default a possible namesake)', default: false },
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
    const atlasIndex = await loadAtlasIndex(store).finally(() => store.close());

    const bar = size > 0 && process.stderr.isTTY ? new SingleBar({ format: 'screening {bar} {percentage}% | {rows} rows | {eta_formatted} left', stream: process.stderr, hideCursor: true }) : undefined;
    bar?.start(size, 0, { rows: 0 });
    let bytes = 0;
    input.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    const totals = { rows: 0, matched: 0, alerts: 0, errors: 0 };
    let columns: string[] = [];
    try {
      const options = { ...(threshold !== undefined ? { threshold } : {}), nameOnlyAlerts: args['name-only-alerts'] };
      for await (const screened of screenCsvRows(input, atlasIndex, options, (cols) => (columns = cols))) {
        const result = screened.result;
        if (args.format === 'csv' && totals.rows === 0) await write(csvReportHeader(columns));
        totals.rows++;
        if (result.error) totals.errors++;
        else if (result.matches?.length) totals.matched++;
        if (result.alert) totals.alerts++;
        await write(args.format === 'csv' ? csvReportLine(columns, screened) : `${JSON.stringify(result)}\n`);
        if (bar && totals.rows % 200 === 0) bar.update(bytes, { rows: totals.rows });
      }
      if (args.format === 'csv' && totals.rows === 0) await write(csvReportHeader(columns));
    } catch (e) {
      bar?.stop();
      if (e instanceof CsvInputError) throw new CliError(e.message);
      throw e;
    }
    bar?.update(size, { rows: totals.rows });
    bar?.stop();
    process.stderr.write(
      `screened ${totals.rows} name${totals.rows === 1 ? '' : 's'}: ${totals.alerts} alert${totals.alerts === 1 ? '' : 's'}, ${totals.matched} with matches at or above ${threshold ?? DEFAULT_THRESHOLD}, ${totals.errors} with errors\n`,
    );
    return 0;
  },
});

/** Reads a whole text from a file or standard input, refusing more than `limit` bytes without reading them all. */
async function readText(file: string, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const input = file === '-' ? process.stdin : createReadStream(file);
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new CliError(`the description is larger than ${limit} bytes; give only the part that describes the approach`);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${file}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The evidence words of a text marked up for a terminal: underlined, or in [[brackets]] without colour. */
function highlight(text: string, spans: { start: number; end: number }[]): string {
  const colour = process.stdout.isTTY && !process.env.NO_COLOR;
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + (colour ? `\u001b[4;1m${text.slice(s.start, s.end)}\u001b[0m` : `[[${text.slice(s.start, s.end)}]]`);
    at = s.end;
  }
  return out + text.slice(at);
}

const approach = defineCommand({
  meta: { name: 'approach', description: 'Screen a description of an approach (English text) against the approach matrix' },
  args: {
    file: { type: 'positional', description: 'Text file, or - for standard input', required: false, default: '-' },
    channel: { type: 'enum', description: 'How the contact came', options: Object.keys(CHANNELS) },
    'approached-by': { type: 'string', description: 'Who approached (as they presented themselves)' },
    'claimed-affiliation': { type: 'string', description: 'Whom they claimed to represent' },
    offered: { type: 'string', description: 'What was offered' },
    asked: { type: 'string', description: 'What was asked for' },
    'target-role': { type: 'string', description: 'The role of the person approached' },
    sector: { type: 'string', description: 'Their sector' },
    format: { type: 'enum', description: 'Output: JSON or a readable report', options: ['json', 'text'], default: 'json' },
    ...atlasArg,
  },
  async run({ args }) {
    if (args.file === '-' && process.stdin.isTTY) throw new CliError('give a text FILE, or pipe the description in');
    const text = await readText(args.file ?? '-', 8 << 20);
    const { atlas, issues } = loadAtlas(args.atlas);
    if (issues.length) throw new CliError(`the atlas has ${issues.length} problem(s); run greyzone validate`);
    let result;
    try {
      result = new ApproachScreener(atlas).screen({
        text,
        ...(args.channel ? { channel: args.channel } : {}),
        ...(args['approached-by'] ? { approached_by: args['approached-by'] } : {}),
        ...(args['claimed-affiliation'] ? { claimed_affiliation: args['claimed-affiliation'] } : {}),
        ...(args.offered ? { offered: args.offered } : {}),
        ...(args.asked ? { asked: args.asked } : {}),
        ...(args['target-role'] ? { target_role: args['target-role'] } : {}),
        ...(args.sector ? { sector: args.sector } : {}),
      });
    } catch (e) {
      if (e instanceof ApproachInputError) throw new CliError(e.message);
      throw e;
    }
    if (args.format === 'json') {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const out: string[] = [];
    if (!result.language.supported) {
      process.stdout.write(`${result.language.message}\n`);
      return 0;
    }
    out.push(`Risk: ${result.risk.level.toUpperCase()}`, ...result.risk.reasons.map((r) => `  - ${r.description}${r.techniques.length ? ` (${r.techniques.join(', ')})` : ''}`), '');
    out.push(result.techniques.length ? 'Methods the description shows:' : 'No documented method is shown in the description.');
    for (const t of result.techniques) {
      out.push(`  ${t.id} ${t.name} — ${t.score.toFixed(2)}`, `      ${t.explanation}`);
      for (const f of t.findings) out.push(`      · ${f.indicator}${f.sentences > 1 ? ` (across ${f.sentences} sentences)` : ''}: “${f.passage.text.replace(/\s+/g, ' ')}”`);
    }
    const fromText = result.techniques.flatMap((t) => t.evidence.filter((e) => e.field === 'text'));
    if (fromText.length) out.push('', 'The words that show them:', highlight(text.trim().length === text.length ? text : text, fromText));
    if (result.cases.length) out.push('', 'Documented cases most like it:', ...result.cases.slice(0, 5).map((c) => `  ${c.title} — shares ${c.shared_techniques.join(', ')}`));
    if (result.actors.length) out.push('', 'Consistent with the methods the atlas attributes to:', ...result.actors.slice(0, 5).map((a) => `  ${a.name} (${a.techniques.join(', ')})`));
    out.push('', 'What to do:');
    for (const [audience, list] of groupBy(result.advice, (a) => a.audience)) out.push(`  ${AUDIENCE_HEADINGS[audience] ?? audience}:`, ...list.map((a) => `    - ${a.step === 'specific' ? '' : `${a.step}: `}${a.text}`));
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
});

export default defineCommand({
  meta: { name: 'screen', description: 'Screen names or a described approach against the atlas' },
  subCommands: { names, approach },
});
