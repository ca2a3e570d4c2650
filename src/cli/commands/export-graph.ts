/**
 * @module cli/commands/export-graph
 * `greyzone export graph`: the system view — or the part of it around some entities, the chain
 * between two, one group — as an SVG or PNG picture for a briefing, with its legend and the short
 * citations of the documents behind what it shows.
 */
import { defineCommand } from 'citty';
import { graphScopeProblem, parseGraphScope, systemGraph } from '../../atlas/graph.ts';
import { redactAtlas } from '../../atlas/redact.ts';
import { writeFileAtomic } from '../../atlas/text.ts';
import { drawGraph, drawingFile } from '../../drawing/draw.ts';
import { PngError, svgToPng } from '../../drawing/png.ts';
import type { Tlp } from '../../model/vocab.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import { CliError } from '../error.ts';
import { clearanceArg } from '../options.ts';
import { dbArg, openStore } from '../store.ts';

export default defineCommand({
  meta: { name: 'graph', description: 'Write the system view (or a part of it) as an SVG or PNG picture with its legend and sources' },
  args: {
    format: { type: 'string', description: 'svg or png (default svg)', valueHint: 'svg|png', default: 'svg' },
    out: { type: 'string', description: 'Write the picture to this file (default: standard output)', valueHint: 'FILE' },
    around: { type: 'string', description: 'Only these entities (comma-separated ids), their neighbours and the relations among them', valueHint: 'IDS' },
    from: { type: 'string', description: 'With --to: only the shortest documented chain between two entities', valueHint: 'ID' },
    to: { type: 'string', description: 'With --from: where the chain ends', valueHint: 'ID' },
    group: { type: 'string', description: 'Only one group of the system view (party, services, state, instruments, operations, people, targets, foreign)', valueHint: 'GROUP' },
    ...clearanceArg,
    ...dbArg,
  },
  async run({ args }) {
    if (args.format !== 'svg' && args.format !== 'png') throw new CliError(`--format is svg or png, not '${args.format}'`);
    const scope = parseGraphScope(args);
    if (typeof scope === 'string') throw new CliError(scope.replace(/\b(around|from|to|group)\b/g, '--$1'));
    const store = await openStore(args.db);
    let picture: string | Buffer;
    try {
      const atlas = redactAtlas(await atlasFromStore(store), args.clearance as Tlp);
      const problem = graphScopeProblem(systemGraph(atlas), scope);
      if (problem) throw new CliError(problem);
      const svg = drawingFile(await drawGraph(atlas, scope));
      picture = args.format === 'png' ? await svgToPng(svg) : svg;
    } catch (e) {
      if (e instanceof PngError) throw new CliError(e.message);
      throw e;
    } finally {
      await store.close();
    }
    if (args.out) {
      writeFileAtomic(args.out, picture);
      process.stderr.write(`wrote the ${args.format.toUpperCase()} picture to ${args.out}\n`);
    } else process.stdout.write(picture);
    return 0;
  },
});
