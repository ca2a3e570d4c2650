/**
 * @module cli/commands/export-stix
 * `greyzone export stix`: the store as a STIX 2.1 bundle — the whole atlas, one entity and its
 * neighbourhood, or one case — marked with TLP 2.0 and left without what `--clearance` excludes.
 */
import { defineCommand } from 'citty';
import { redactAtlas } from '../../atlas/redact.ts';
import { stixObjects, stixScopeProblem, type StixScope } from '../../interop/stix/export.ts';
import { writeBundle, writeBundleFile } from '../../interop/stix/write-bundle.ts';
import type { Tlp } from '../../model/vocab.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import { CliError } from '../error.ts';
import { clearanceArg } from '../options.ts';
import { dbArg, openStore } from '../store.ts';

export default defineCommand({
  meta: { name: 'stix', description: 'Write a STIX 2.1 bundle of the store (whole, one entity with its neighbourhood, or one case)' },
  args: {
    out: { type: 'string', description: 'Write the bundle to this file (default: standard output)', valueHint: 'FILE' },
    entity: { type: 'string', description: 'Only this entity and what lies within --depth relations of it', valueHint: 'ID' },
    depth: { type: 'string', description: 'With --entity: how many relations out (0–4, default 1)', valueHint: 'N' },
    case: { type: 'string', description: 'Only this case and what it refers to', valueHint: 'ID' },
    ...clearanceArg,
    ...dbArg,
  },
  async run({ args }) {
    if (args.entity && args.case) throw new CliError('give --entity or --case, not both');
    if (args.depth !== undefined && !args.entity) throw new CliError('--depth goes with --entity');
    const depth = args.depth === undefined ? 1 : /^\d+$/.test(args.depth) ? Number(args.depth) : NaN;
    const scope: StixScope = args.entity ? { kind: 'entity', id: args.entity, depth } : args.case ? { kind: 'case', id: args.case } : { kind: 'all' };
    const store = await openStore(args.db);
    try {
      const atlas = redactAtlas(await atlasFromStore(store), args.clearance as Tlp);
      const problem = stixScopeProblem(atlas, scope);
      if (problem) throw new CliError(problem);
      const objects = stixObjects(atlas, scope);
      if (args.out) {
        const n = await writeBundleFile(objects, args.out);
        process.stderr.write(`wrote ${n} STIX objects to ${args.out}\n`);
      } else await writeBundle(objects, process.stdout);
    } finally {
      await store.close();
    }
    return 0;
  },
});
