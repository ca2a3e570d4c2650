/**
 * @module cli/commands/extract
 * `greyzone extract FILE…`: what extraction finds in each document — mentions of the atlas's
 * bodies and people (and candidate new ones), techniques, dates, money, countries, relations —
 * one JSON object per document, nothing stored. A document that cannot be read is reported in
 * one line and the others go on.
 */
import { defineCommand } from 'citty';
import { DocumentError, readDocument } from '../../documents/read.ts';
import { Extractor } from '../../ingest/extract.ts';
import { extractionReport } from '../../ingest/ingest.ts';
import { documentFiles } from '../../ingest/files.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import { dbArg, openStore } from '../store.ts';

export default defineCommand({
  meta: { name: 'extract', description: 'Extract mentions, techniques, dates, money and countries from documents (PDF, HTML, text, Markdown)' },
  args: {
    files: { type: 'positional', description: 'Documents or folders', required: true },
    format: { type: 'enum', description: 'json: one object per document a line; text: a summary', options: ['json', 'text'], default: 'json' },
    ...dbArg,
  },
  async run({ args }) {
    // citty gives every positional argument in `_`; `files` is only the first.
    const paths = (args._ as string[]).length ? (args._ as string[]) : [args.files];
    const store = await openStore(args.db);
    const atlas = await atlasFromStore(store).finally(() => store.close());
    const extractor = new Extractor(atlas);
    let failed = 0;
    for await (const path of documentFiles(paths)) {
      try {
        const doc = await readDocument(path);
        const x = extractor.extract(doc.text, doc.date);
        if (x.note) process.stderr.write(`greyzone: ${path}: ${x.note}\n`);
        const report = extractionReport(doc, x);
        if (args.format === 'json') process.stdout.write(`${JSON.stringify(report)}\n`);
        else {
          const r = report as unknown as { mentions: { text: string; entity_id: string | null }[]; techniques: { id: string }[]; dates: unknown[]; money: unknown[]; countries: { iso: string }[] };
          process.stdout.write(
            `${path}: ${r.mentions.filter((m) => m.entity_id).length} mentions of known entities, ${r.mentions.filter((m) => !m.entity_id).length} candidates, ` +
              `${r.techniques.length} techniques (${r.techniques.map((t) => t.id).join(', ')}), ${r.dates.length} dates, ${r.money.length} amounts, countries ${[...new Set(r.countries.map((c) => c.iso))].join(', ')}\n`,
          );
        }
      } catch (e) {
        if (!(e instanceof DocumentError) && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        failed++;
        process.stderr.write(`greyzone: ${path}: ${e instanceof DocumentError ? e.message : 'no such file'}\n`);
      }
    }
    return failed ? 1 : 0;
  },
});
