/**
 * @module cli/commands/import
 * `greyzone import stix FILE`: a STIX 2.1 bundle into the store, all or nothing. greyzone's own
 * exports come back as their records; other producers' intrusion sets become intrusion-set records
 * whose claims quote the bundle; everything else is kept verbatim and handed on by every export.
 */
import { basename } from 'node:path';
import { defineCommand } from 'citty';
import { collectionNameSchema } from '../../atlas/kept.ts';
import { bundleSourceFieldsSchema, importStix, StixImportError } from '../../interop/stix/import.ts';
import { TLP_LEVELS, type Tlp } from '../../model/vocab.ts';
import { CliError } from '../error.ts';
import { formatArg } from '../options.ts';
import { cliActor, dbArg, openStore } from '../store.ts';
import { rescreenWatchlists } from '../rescreen.ts';

/** A collection's default name: the file's, as a kebab-case word. */
function collectionOf(file: string): string {
  return basename(file).replace(/\.json$/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'bundle';
}

const stix = defineCommand({
  meta: { name: 'stix', description: 'Import a STIX 2.1 bundle (checked whole first; imported whole or not at all)' },
  args: {
    file: { type: 'positional', description: 'The bundle (JSON)', required: true },
    collection: { type: 'string', description: 'Name for the kept objects of other producers (default: from the file name)', valueHint: 'NAME' },
    tlp: { type: 'enum', description: 'Lowest marking of what the import adds', options: [...TLP_LEVELS], default: 'clear' },
    title: { type: 'string', description: 'Title of the source made from the bundle (for intrusion sets it describes)', valueHint: 'TEXT' },
    publisher: { type: 'string', description: 'Its publisher (default: the producer the bundle names)', valueHint: 'TEXT' },
    url: { type: 'string', description: 'Where the bundle was obtained', valueHint: 'URL' },
    published: { type: 'string', description: 'When it was published (YYYY, YYYY-MM or YYYY-MM-DD)', valueHint: 'DATE' },
    licence: { type: 'string', description: 'Its licence or terms of use', valueHint: 'TEXT' },
    reliability: { type: 'string', description: 'Admiralty reliability of the producer, A–F (default F: cannot be judged)', valueHint: 'A-F' },
    credibility: { type: 'string', description: 'Admiralty credibility of what it says, 1–6 (default 6: cannot be judged)', valueHint: '1-6' },
    ...formatArg,
    ...dbArg,
  },
  async run({ args }) {
    const collection = args.collection ?? collectionOf(args.file);
    if (!collectionNameSchema.safeParse(collection).success) throw new CliError(`--collection: '${collection}' is not a kebab-case word`);
    // The source's own schema judges these fields, so a URL or a grade is valid here exactly where a source record takes it.
    const given = { title: args.title, publisher: args.publisher, url: args.url, published: args.published, licence: args.licence, reliability: args.reliability, credibility: args.credibility === undefined ? undefined : Number(args.credibility) };
    const fields = bundleSourceFieldsSchema.safeParse(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
    if (!fields.success) {
      const name = String(fields.error.issues[0]!.path[0]);
      throw new CliError(`--${name}: '${String(args[name as keyof typeof args])}' is not valid`);
    }
    const store = await openStore(args.db);
    try {
      const report = await importStix(store, args.file, { actor: cliActor(), collection, tlp: args.tlp as Tlp, source: fields.data });
      if (args.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const changed = report.created.length + report.updated.length + report.kept.added + report.kept.updated;
        process.stdout.write(
          `${args.file}: ${report.objects} objects — ${report.created.length} records created, ${report.updated.length} updated, ${report.unchanged} unchanged; ` +
            `${report.kept.added} kept verbatim, ${report.kept.updated} updated to a later version (${report.kept.same} already kept); ${report.rebuilt} rebuilt by greyzone${changed ? '' : ' — nothing changed'}\n`,
        );
      }
      await rescreenWatchlists(store);
    } catch (e) {
      if (e instanceof StixImportError) throw new CliError(e.message);
      throw e;
    } finally {
      await store.close();
    }
    return 0;
  },
});

export default defineCommand({
  meta: { name: 'import', description: 'Bring exchange data into the store' },
  subCommands: { stix },
});
