/**
 * @module cli/commands/export
 * `greyzone export navigator`: the approach matrix as an ATT&CK Navigator layer, and the STIX
 * bundle that lets Navigator draw greyzone's own matrix.
 */
import { defineCommand } from 'citty';
import { loadAtlas } from '../../atlas/load.ts';
import { writeFileAtomic } from '../../atlas/text.ts';
import { matrixBundle, navigatorLayer, type LayerScope } from '../../interop/navigator.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { atlasArg } from '../options.ts';

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

export default defineCommand({
  meta: { name: 'export', description: 'Write the atlas in an exchange format' },
  subCommands: { navigator },
});
