/**
 * @module cli/commands/validate
 * `greyzone validate`: every problem in the atlas as `file:line: message`, all in one run.
 */
import { defineCommand } from 'citty';
import { formatIssue, sortIssues } from '../../atlas/issue.ts';
import { loadAtlas } from '../../atlas/load.ts';
import { atlasCounts } from '../../atlas/stats.ts';
import { atlasArg, formatArg } from '../options.ts';

export default defineCommand({
  meta: { name: 'validate', description: 'Check the atlas: schemas, references, names and every quote against its source' },
  args: { ...atlasArg, ...formatArg },
  run({ args }) {
    const { atlas, issues } = loadAtlas(args.atlas);
    const sorted = sortIssues(issues);
    if (args.format === 'json') {
      process.stdout.write(`${JSON.stringify({ ok: sorted.length === 0, issues: sorted, counts: atlasCounts(atlas) }, null, 2)}\n`);
    } else if (sorted.length) {
      process.stdout.write(sorted.map(formatIssue).join('\n') + '\n');
      process.stderr.write(`${sorted.length} problem${sorted.length === 1 ? '' : 's'} found\n`);
    } else {
      const counts = atlasCounts(atlas);
      const summary = Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ');
      process.stdout.write(`atlas is valid: ${summary}\n`);
    }
    return sorted.length ? 1 : 0;
  },
});
