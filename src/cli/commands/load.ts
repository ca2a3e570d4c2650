/**
 * @module cli/commands/load
 * `greyzone load`: put an atlas into the store, replacing the atlas records it held before.
 */
import { defineCommand } from 'citty';
import { formatIssue } from '../../atlas/issue.ts';
import { loadAtlas } from '../../atlas/load.ts';
import { CliError } from '../error.ts';
import { atlasArg } from '../options.ts';
import { cliActor, dbArg, openStore } from '../store.ts';
import { rescreenWatchlists } from '../rescreen.ts';

export default defineCommand({
  meta: { name: 'load', description: 'Load an atlas into the store (it must validate first); replaces the atlas records already there' },
  args: { ...atlasArg, ...dbArg },
  async run({ args }) {
    const { atlas, issues } = loadAtlas(args.atlas);
    if (issues.length) throw new CliError(`the atlas does not validate (${formatIssue(issues[0]!)}${issues.length > 1 ? ` and ${issues.length - 1} more` : ''})`);
    const store = await openStore(args.db);
    try {
      const n = await store.importAtlas(atlas, cliActor());
      process.stdout.write(`loaded ${n.records} records and ${n.claims} claims into the ${store.dialect} store\n`);
      await rescreenWatchlists(store);
    } finally {
      await store.close();
    }
    return 0;
  },
});
