/**
 * @module cli/commands/export-csv
 * `greyzone export csv`: the atlas as four CSV tables for spreadsheets (entities, relations,
 * claims, cases) in a new folder.
 */
import { defineCommand } from 'citty';
import { CSV_TABLES, csvRows, csvText } from '../../interop/csv.ts';
import { exportFolderArgs, exportToFolder } from '../export-folder.ts';

export default defineCommand({
  meta: { name: 'csv', description: 'Write entities.csv, relations.csv, claims.csv and cases.csv for spreadsheets (a new folder, whole or not at all)' },
  args: exportFolderArgs,
  async run({ args }) {
    await exportToFolder(args, (atlas) => {
      const tables = csvRows(atlas);
      return {
        files: Object.fromEntries(CSV_TABLES.map((name) => [`${name}.csv`, csvText(tables[name])])),
        summary: CSV_TABLES.map((name) => `${tables[name].rows.length} ${name}`).join(', '),
      };
    });
    return 0;
  },
});
