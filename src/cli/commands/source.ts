/**
 * @module cli/commands/source
 * `greyzone source add FILE …`: carry a new public document into the atlas.
 */
import { defineCommand } from 'citty';
import { addSource } from '../../atlas/add-source.ts';
import { FileProblem } from '../../atlas/text.ts';
import { CliError } from '../error.ts';
import { atlasArg } from '../options.ts';

const add = defineCommand({
  meta: { name: 'add', description: 'Carry a UTF-8 text file into the atlas as a source, pinned by its SHA-256' },
  args: {
    file: { type: 'positional', description: 'The document as UTF-8 text', required: true },
    id: { type: 'string', description: 'Source id, src-…', required: true },
    title: { type: 'string', description: 'Title of the document', required: true },
    publisher: { type: 'string', description: 'Who published it', required: true },
    url: { type: 'string', description: 'Where it was read', required: true },
    published: { type: 'string', description: 'Publication date, YYYY[-MM[-DD]]', required: true },
    licence: { type: 'string', description: 'Licence or legal status of the document', required: true },
    language: { type: 'string', description: 'BCP 47 language tag', default: 'en' },
    reliability: { type: 'enum', description: 'Admiralty reliability of the source', options: ['A', 'B', 'C', 'D', 'E', 'F'], default: 'F' },
    credibility: { type: 'enum', description: 'Default Admiralty credibility of its claims', options: ['1', '2', '3', '4', '5', '6'], default: '6' },
    fragment: { type: 'boolean', description: 'Only part of the document is carried', default: false },
    note: { type: 'string', description: 'A remark on the copy carried' },
    ...atlasArg,
  },
  run({ args }) {
    try {
      const source = addSource(args.atlas, args.file, {
        id: args.id,
        title: args.title,
        publisher: args.publisher,
        url: args.url,
        published: args.published,
        licence: args.licence,
        language: args.language,
        reliability: args.reliability as 'A',
        credibility: Number(args.credibility),
        fragment: args.fragment,
        ...(args.note ? { note: args.note } : {}),
      });
      process.stdout.write(`added ${source.id} (${source.text}, sha256 ${source.sha256.slice(0, 12)}…)\n`);
      return 0;
    } catch (e) {
      if (e instanceof FileProblem) throw new CliError(`${args.file}: ${e.message}`);
      throw e;
    }
  },
});

export default defineCommand({
  meta: { name: 'source', description: 'Manage the documents the atlas cites' },
  subCommands: { add },
});
