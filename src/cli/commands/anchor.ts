/**
 * @module cli/commands/anchor
 * `greyzone anchor [FILE…]`: fill in claim offsets from their quotes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from 'citty';
import { anchorFile } from '../../atlas/anchor.ts';
import { formatIssue } from '../../atlas/issue.ts';
import { loadAtlas } from '../../atlas/load.ts';
import { KINDS, RECORD_KINDS } from '../../model/kinds.ts';
import { atlasArg } from '../options.ts';

export default defineCommand({
  meta: { name: 'anchor', description: 'Fill in start/end of claims from their quotes (YAML records only; files are rewritten atomically)' },
  args: {
    ...atlasArg,
    files: { type: 'positional', required: false, description: 'Record files to anchor (default: every YAML record of the atlas)' },
  },
  run({ args }) {
    const { atlas } = loadAtlas(args.atlas);
    const files = args._.length
      ? args._
      : RECORD_KINDS.filter((k) => k !== 'source').flatMap((k) => {
          const folder = join(args.atlas, KINDS[k].folder);
          try {
            return readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(folder, f));
          } catch {
            return [];
          }
        });
    let changed = 0;
    let problems = 0;
    for (const file of files) {
      const result = anchorFile(file, atlas.texts);
      changed += result.changed;
      problems += result.issues.length;
      for (const issue of result.issues) process.stdout.write(`${formatIssue(issue)}\n`);
    }
    process.stderr.write(`anchored ${changed} claim${changed === 1 ? '' : 's'} in ${files.length} files; ${problems} left to fix\n`);
    return problems ? 1 : 0;
  },
});
