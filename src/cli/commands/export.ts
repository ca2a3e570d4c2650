/**
 * @module cli/commands/export
 * `greyzone export navigator`: the approach matrix as an ATT&CK Navigator layer, and the STIX
 * bundle that lets Navigator draw greyzone's own matrix. `greyzone export atlas`: the store as
 * atlas files.
 */
import { defineCommand } from 'citty';
import { loadAtlas } from '../../atlas/load.ts';
import { writeFileAtomic } from '../../atlas/text.ts';
import { matrixBundle, navigatorLayer, scopeProblem, type LayerScope } from '../../interop/navigator.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { atlasArg, clearanceArg } from '../options.ts';
import { dbArg, openStore } from '../store.ts';
import { redactAtlas } from '../../atlas/redact.ts';
import { ExportTargetError, writeAtlas } from '../../atlas/write-atlas.ts';
import type { Tlp } from '../../model/vocab.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import stix from './export-stix.ts';
import csv from './export-csv.ts';
import misp from './export-misp.ts';
import graph from './export-graph.ts';

const navigator = defineCommand({
  meta: { name: 'navigator', description: 'Write an ATT&CK Navigator layer (format 4.5) of the approach matrix' },
  args: {
    case: { type: 'string', description: 'Mark only the techniques this case records', valueHint: 'ID' },
    actor: { type: 'string', description: 'Mark only the techniques this actor is recorded using', valueHint: 'ID' },
    out: { type: 'string', description: 'Write the layer to this file (default: standard output)', valueHint: 'FILE' },
    bundle: { type: 'string', description: "Also write the matrix as a STIX bundle, Navigator's custom data", valueHint: 'FILE' },
    'data-url': { type: 'string', description: 'Where the bundle will be served, recorded as the layer’s customDataURL', valueHint: 'URL' },
    ...clearanceArg,
    ...atlasArg,
  },
  run({ args }) {
    if (args.case && args.actor) throw new CliError('give --case or --actor, not both');
    const loaded = loadAtlas(args.atlas);
    if (loaded.issues.length) throw new CliError(`the atlas has ${loaded.issues.length} problem(s); run greyzone validate`);
    const atlas = redactAtlas(loaded.atlas, args.clearance as Tlp);
    const scope: LayerScope = args.case ? { kind: 'case', id: args.case } : args.actor ? { kind: 'actor', id: args.actor } : { kind: 'all' };
    const problem = scopeProblem(atlas, scope);
    if (problem) throw new CliError(problem);
    const layer = json(navigatorLayer(atlas, scope, args['data-url']));
    if (args.bundle) writeFileAtomic(args.bundle, json(matrixBundle(atlas)));
    if (args.out) writeFileAtomic(args.out, layer);
    else process.stdout.write(layer);
    return 0;
  },
});

const atlas = defineCommand({
  meta: { name: 'atlas', description: 'Write the store back out as atlas files (a new folder, written whole or not at all)' },
  args: {
    out: { type: 'string', description: 'Folder to create', valueHint: 'DIR', required: true },
    ...clearanceArg,
    ...dbArg,
  },
  async run({ args }) {
    const store = await openStore(args.db);
    try {
      const { records } = writeAtlas(redactAtlas(await atlasFromStore(store), args.clearance as Tlp), args.out);
      process.stdout.write(`wrote ${records} records to ${args.out}\n`);
    } catch (e) {
      if (e instanceof ExportTargetError) throw new CliError(e.message);
      throw e;
    } finally {
      await store.close();
    }
    return 0;
  },
});

export default defineCommand({
  meta: { name: 'export', description: 'Write the atlas in an exchange format, or the store back to atlas files' },
  subCommands: { stix, navigator, atlas, csv, misp, graph },
});
