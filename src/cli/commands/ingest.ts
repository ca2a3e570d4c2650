/**
 * @module cli/commands/ingest
 * `greyzone ingest FILE|DIR…`: each document read, extracted and stored with its proposed claims
 * as a draft for review (the explorer's review page). A progress bar on a terminal; a document
 * that fails is reported in one line and the rest go on; a summary at the end. A document is
 * stored whole or not at all, and one already stored is recognised and left alone.
 */
import { stat } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { defineCommand } from 'citty';
import { isoDate } from '../../documents/dates.ts';
import { DocumentError, readDocument } from '../../documents/read.ts';
import { httpUrl } from '../../documents/text.ts';
import { documentFiles } from '../../ingest/files.ts';
import { Ingester, type DocumentMeta } from '../../ingest/ingest.ts';
import { TLP_LEVELS, type Tlp } from '../../model/vocab.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import { CliError } from '../error.ts';
import { cliActor, dbArg, openStore } from '../store.ts';

/** The document metadata and grade given on the command line, checked; one line on what is wrong. */
async function metaOf(args: Record<string, unknown>, paths: string[]): Promise<DocumentMeta> {
  const text = (name: string) => {
    const v = args[name];
    if (v === undefined) return undefined;
    const t = String(v).trim();
    if (!t || t.length > 1000) throw new CliError(`--${name}: give a text of 1 to 1000 characters`);
    return t;
  };
  const meta: DocumentMeta = { title: text('title'), publisher: text('publisher') };
  if (args.url !== undefined) {
    const url = httpUrl(String(args.url));
    if (!url) throw new CliError(`--url: '${String(args.url)}' is not an http(s) address`);
    meta.url = url;
  }
  if (args.date !== undefined) {
    const date = isoDate(String(args.date));
    if (!date || date !== String(args.date).trim()) throw new CliError(`--date: '${String(args.date)}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)`);
    meta.date = date;
  }
  if (args.reliability !== undefined) {
    if (!/^[A-F]$/.test(String(args.reliability))) throw new CliError(`--reliability: '${String(args.reliability)}' is not an Admiralty reliability (A–F)`);
    meta.reliability = String(args.reliability) as DocumentMeta['reliability'];
  }
  if (args.credibility !== undefined) {
    if (!/^[1-6]$/.test(String(args.credibility))) throw new CliError(`--credibility: '${String(args.credibility)}' is not an Admiralty credibility (1–6)`);
    meta.credibility = Number(args.credibility) as DocumentMeta['credibility'];
  }
  // A title, a publisher, an address or a date describes one document; a grade may be set for many.
  const single = (['title', 'publisher', 'url', 'date'] as const).filter((k) => meta[k] !== undefined);
  if (single.length) {
    const one = paths.length === 1 && (await stat(paths[0]!).then((s) => s.isFile(), () => true));
    if (!one) throw new CliError(`--${single[0]} describes one document: give a single file, not ${paths.length > 1 ? `${paths.length} paths` : 'a folder'}`);
  }
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as DocumentMeta;
}

export default defineCommand({
  meta: { name: 'ingest', description: 'Read documents, extract what they say, and store proposed claims for review' },
  args: {
    files: { type: 'positional', description: 'Documents or folders', required: true },
    tlp: { type: 'enum', description: 'Marking of the documents and what is proposed from them', options: [...TLP_LEVELS], default: 'clear' },
    title: { type: 'string', description: 'The document’s title (a single file; wins over what the document says)', valueHint: 'TEXT' },
    publisher: { type: 'string', description: 'Its publisher (a single file)', valueHint: 'TEXT' },
    url: { type: 'string', description: 'Its address, http(s) (a single file)', valueHint: 'URL' },
    date: { type: 'string', description: 'Its date, against which "last year" is read (a single file)', valueHint: 'YYYY-MM-DD' },
    reliability: { type: 'string', description: 'Admiralty reliability of the source, A–F: the default of every decision on it', valueHint: 'A-F' },
    credibility: { type: 'string', description: 'Admiralty credibility of what it says, 1–6: the default of every decision on it', valueHint: '1-6' },
    ...dbArg,
  },
  async run({ args }) {
    // citty gives every positional argument in `_`; `files` is only the first.
    const paths = (args._ as string[]).length ? (args._ as string[]) : [args.files];
    const meta = await metaOf(args, paths);
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
          const outcome = await ingester.ingest(await readDocument(path), cliActor(), args.tlp as Tlp, meta);
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
