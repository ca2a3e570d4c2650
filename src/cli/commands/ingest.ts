/**
 * @module cli/commands/ingest
 * `greyzone ingest FILE|DIR…`: each document read, extracted and stored with its proposed claims
 * as a draft for review (the explorer's review page). A progress bar on a terminal; a document
 * that fails is reported in one line and the rest go on; a summary at the end. A document is
 * stored whole or not at all, and one already stored is recognised and left alone.
 */
import { SingleBar } from 'cli-progress';
import { defineCommand } from 'citty';
import { DocumentError, readDocument } from '../../documents/read.ts';
import { documentFiles } from '../../ingest/files.ts';
import { Ingester } from '../../ingest/ingest.ts';
import { TLP_LEVELS, type Tlp } from '../../model/vocab.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import { cliActor, dbArg, openStore } from '../store.ts';

export default defineCommand({
  meta: { name: 'ingest', description: 'Read documents, extract what they say, and store proposed claims for review' },
  args: {
    files: { type: 'positional', description: 'Documents or folders', required: true },
    tlp: { type: 'enum', description: 'Marking of the documents and what is proposed from them', options: [...TLP_LEVELS], default: 'clear' },
    ...dbArg,
  },
  async run({ args }) {
    // citty gives every positional argument in `_`; `files` is only the first.
    const paths = (args._ as string[]).length ? (args._ as string[]) : [args.files];
    const store = await openStore(args.db);
    const counts = { added: 0, exists: 0, failed: 0, proposals: 0 };
    const bar = process.stderr.isTTY ? new SingleBar({ format: 'ingesting {bar} {value} documents | {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true }) : undefined;
    try {
      const ingester = new Ingester(store, await atlasFromStore(store));
      bar?.start(0, 0, { file: '' });
      for await (const path of documentFiles(paths)) {
        bar?.setTotal(bar.getTotal() + 1);
        bar?.increment({ file: path.length > 50 ? `…${path.slice(-49)}` : path });
        try {
          const outcome = await ingester.ingest(await readDocument(path), cliActor(), args.tlp as Tlp);
          counts[outcome.status]++;
          counts.proposals += outcome.proposals;
          if (!bar) process.stdout.write(`${path}: ${outcome.status === 'added' ? `stored with ${outcome.proposals} proposals` : 'already stored'} (${outcome.sha256.slice(0, 12)})\n`);
        } catch (e) {
          if (!(e instanceof DocumentError) && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          counts.failed++;
          const message = `greyzone: ${path}: ${e instanceof DocumentError ? e.message : 'no such file'}\n`;
          if (bar) bar.stop();
          process.stderr.write(message);
          if (bar) bar.start(bar.getTotal(), bar.getTotal(), { file: '' });
        }
      }
    } finally {
      bar?.stop();
      await store.close();
    }
    process.stdout.write(`ingested ${counts.added} document(s) with ${counts.proposals} proposed claims; ${counts.exists} already stored; ${counts.failed} failed\n`);
    return counts.failed ? 1 : 0;
  },
});
