/**
 * @module cli/commands/export
 * `greyzone export navigator`: the approach matrix as an ATT&CK Navigator layer, and the STIX
 * bundle that lets Navigator draw greyzone's own matrix. `greyzone export atlas`: the store as
 * atlas files.
 */
import { defineCommand } from 'citty';
import { loadAtlas } from '../../atlas/load.ts';
import { writeFileAtomic } from '../../atlas/text.ts';
import { matrixBundle, navigatorLayer, type LayerScope } from '../../interop/navigator.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { atlasArg } from '../options.ts';
import { dbArg, openStore } from '../store.ts';
import { ExportTargetError, exportAtlas } from '../../store/export-atlas.ts';

const navigator = defineCommand({
  meta: { name: 'navigator', description: 'Write an ATT&CK Navigator layer (format 4.5) of the approach matrix' },
  args: {
    case: { type: 'string', description: 'Mark only the techniques this case records', valueHint: 'ID' },
    actor: { type: 'string', description: 'Mark only the techniques this actor is recorded using', valueHint: 'ID' },
    out: { type: 'string', description: 'Write the layer to this file (default: standard output)', valueHint: 'FILE' },
    bundle: { type: 'string', description: "Also write the matrix as a STIX bundle, Navigator's custom data", valueHint: 'FILE' },
    'data-url': { type: 'string', description: 'Where the bundle will be served, recorded as the layer’s customDataURL', valueHint: 'URL' },
    ...atlasArg,
  },
  run({ args }) {
    if (args.case && args.actor) throw new CliError('give --case or --actor, not both');
    const { atlas, issues } = loadAtlas(args.atlas);
    if (issues.length) throw new CliError(`the atlas has ${issues.length} problem(s); run greyzone validate`);
    const scope: LayerScope = args.case ? { kind: 'case', id: args.case } : args.actor ? { kind: 'actor', id: args.actor } : { kind: 'all' };
    if (scope.kind !== 'all') {
      const rec = atlas.records.get(scope.id);
      const fits = scope.kind === 'case' ? rec?.kind === 'case' : rec !== undefined && !['case', 'source', 'tactic', 'technique', 'relation'].includes(rec.kind);
      if (!fits) throw new CliError(`no ${scope.kind} with id '${scope.id}'`);
    }
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
    ...dbArg,
  },
  async run({ args }) {
    const store = await openStore(args.db);
    try {
      const { records } = await exportAtlas(store, args.out);
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
  subCommands: { navigator, atlas },
});
