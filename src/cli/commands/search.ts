/**
 * @module cli/commands/search
 * `greyzone search TEXT`: records whose names match, in English, Chinese characters or pinyin —
 * in the store (what analysts accepted in review included), or in a folder of atlas files.
 */
import { defineCommand } from 'citty';
import { nameIndex, searchNames } from '../../names/search.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { formatArg } from '../options.ts';
import { atlasToRead, readArgs } from './show.ts';

export default defineCommand({
  meta: { name: 'search', description: 'Find records by any of their names (any script; pinyin too)' },
  args: {
    text: { type: 'positional', description: 'Name or part of a name', required: true },
    limit: { type: 'string', description: 'Most results to show', default: '20' },
    ...readArgs,
    ...formatArg,
  },
  async run({ args }) {
    const limit = Number(args.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a whole number above 0, not '${args.limit}'`);
    if (!args.text.trim()) throw new CliError('the search text is empty');
    const atlas = await atlasToRead(args);
    const hits = searchNames(nameIndex(atlas), args.text, limit);
    if (args.format === 'json') {
      process.stdout.write(json({ query: args.text, hits }));
    } else if (hits.length === 0) {
      process.stdout.write(`no record is named like '${args.text}'\n`);
    } else {
      for (const h of hits) {
        const via = h.matched_name !== h.name ? `  (as ${h.matched_name})` : '';
        process.stdout.write(`${h.id.padEnd(34)} ${h.kind.padEnd(13)} ${h.name}${via}\n`);
      }
    }
    return hits.length ? 0 : 1;
  },
});
