/**
 * @module cli/commands/matrix
 * `greyzone matrix`: the approach matrix in a terminal — tactics as columns, in bands that fit
 * the width (80 columns unless the terminal says otherwise), each cell a technique id, its number
 * of cases and its name wrapped to fit.
 */
import { defineCommand } from 'citty';
import Table from 'cli-table3';
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

function cell(t: MatrixTechnique, sub = false): string {
  const id = sub ? `  ${t.id.slice(t.id.indexOf('.'))}` : t.id;
  return `${id} (${t.cases.length})\n${sub ? '  ' : ''}${t.name}`;
}

export function renderMatrix(columns: MatrixColumn[], width: number): string {
  const { perBand, column } = bandLayout(width, columns.length);
  const out: string[] = [];
  for (let i = 0; i < columns.length; i += perBand) {
    const band = columns.slice(i, i + perBand);
    const table = new Table({
      head: band.map((c) => `${c.tactic.name} ${c.tactic.id}`),
      colWidths: band.map(() => column + 2),
      wordWrap: true,
      wrapOnWordBoundary: true,
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    });
    const cells = band.map((c) => c.techniques.flatMap((t) => [cell(t), ...t.subtechniques.map((s) => cell(s, true))]));
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
    process.stdout.write(`greyzone approach matrix: ${columns.length} tactics, ${count} techniques; (n) = cases recording the technique\n`);
    process.stdout.write(`${renderMatrix(columns, width)}\n`);
    return 0;
  },
});
