/**
 * @module cli/commands/matrix
 * `greyzone matrix`: the approach matrix in a terminal — tactics as columns, in bands that fit
 * the width (80 columns unless the terminal says otherwise), each cell a technique id, its number
 * of cases and its name wrapped to fit.
 */
import { defineCommand } from 'citty';
import Table from 'cli-table3';
import wrapAnsi from 'wrap-ansi';
import { loadAtlas } from '../../atlas/load.ts';
import { buildMatrix, type MatrixColumn, type MatrixTechnique } from '../../atlas/matrix.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { atlasArg, formatArg } from '../options.ts';

const MIN_COLUMN = 16;

/** Tactic columns per band and the width of each, for a terminal `width` characters wide. */
export function bandLayout(width: number, tactics: number): { perBand: number; column: number } {
  // A bordered table of n columns of content c needs n * (c + 3) + 1 characters.
  const perBand = Math.max(1, Math.min(tactics, Math.floor((width - 1) / (MIN_COLUMN + 3))));
  return { perBand, column: Math.floor((width - 1) / perBand) - 3 };
}

/** Wraps at spaces and after hyphens ("University-/employee"), hard-breaking only a word longer than a line. */
function wrap(text: string, width: number): string {
  // A zero-width mark tells our own break opportunities from spaces that were there already.
  return wrapAnsi(text.replace(/-(?=\S)/g, '-\u200b '), width, { hard: true, trim: true }).replace(/\u200b ?/g, '');
}

/** A technique's cell: its id (a sub-technique's as its suffix, indented) and case count, then its name. */
function cell(t: MatrixTechnique, width: number, sub = false): string {
  const id = sub ? `  ${t.id.slice(t.id.indexOf('.'))}` : t.id;
  // Hard wrap: a long word such as "University-employee" breaks rather than overflows the column.
  const pad = sub ? '  ' : '';
  const name = wrap(t.name, width - pad.length).split('\n').map((l) => pad + l).join('\n');
  return `${id} (${t.cases.length})\n${name}`;
}

export function renderMatrix(columns: MatrixColumn[], width: number): string {
  const { perBand, column } = bandLayout(width, columns.length);
  const out: string[] = [];
  for (let i = 0; i < columns.length; i += perBand) {
    const band = columns.slice(i, i + perBand);
    const table = new Table({
      head: band.map((c) => wrap(`${c.tactic.name} ${c.tactic.id}`, column)),
      colWidths: band.map(() => column + 2),
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    });
    const cells = band.map((c) => c.techniques.flatMap((t) => [cell(t, column), ...t.subtechniques.map((s) => cell(s, column, true))]));
    const rows = Math.max(...cells.map((c) => c.length));
    for (let r = 0; r < rows; r++) table.push(cells.map((c) => c[r] ?? ''));
    out.push(table.toString());
  }
  return out.join('\n');
}

export default defineCommand({
  meta: { name: 'matrix', description: 'Print the approach matrix: tactics as columns, techniques with their number of cases' },
  args: {
    width: { type: 'string', description: 'Terminal width (default: the terminal’s, or 80)', valueHint: 'N' },
    ...atlasArg,
    ...formatArg,
  },
  run({ args }) {
    const width = args.width === undefined ? (process.stdout.columns ?? 80) : Number(args.width);
    if (!Number.isInteger(width) || width < MIN_COLUMN + 4) throw new CliError(`--width must be a whole number of at least ${MIN_COLUMN + 4}`);
    const { atlas, issues } = loadAtlas(args.atlas);
    if (issues.length) throw new CliError(`the atlas has ${issues.length} problem(s); run greyzone validate`);
    const columns = buildMatrix(atlas);
    if (args.format === 'json') {
      const plain = (t: MatrixTechnique): unknown => ({ id: t.id, name: t.name, cases: t.cases, actors: t.actors, subtechniques: t.subtechniques.map(plain) });
      process.stdout.write(json(columns.map((c) => ({ tactic: { id: c.tactic.id, name: c.tactic.name, shortname: c.tactic.shortname }, techniques: c.techniques.map(plain) }))));
      return 0;
    }
    const count = new Set(columns.flatMap((c) => c.techniques.flatMap((t) => [t.id, ...t.subtechniques.map((s) => s.id)]))).size;
    process.stdout.write(`${wrap(`greyzone approach matrix: ${columns.length} tactics, ${count} techniques`, width)}\n`);
    process.stdout.write(`${wrap('(n) = number of cases recording the technique', width)}\n`);
    process.stdout.write(`${renderMatrix(columns, width)}\n`);
    return 0;
  },
});
