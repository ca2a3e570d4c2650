/**
 * @module cli/export-folder
 * What the folder exports (CSV, MISP) share: the same options, the target checked before any work,
 * the store read as far as the clearance allows, and the files written into a new folder whole or
 * not at all.
 */
import type { Atlas } from '../atlas/load.ts';
import { redactAtlas } from '../atlas/redact.ts';
import { ExportTargetError } from '../atlas/write-atlas.ts';
import { checkNewFolder, writeNewFolder } from '../atlas/write-folder.ts';
import type { Tlp } from '../model/vocab.ts';
import { atlasFromStore } from '../store/as-atlas.ts';
import { CliError } from './error.ts';
import { clearanceArg } from './options.ts';
import { dbArg, openStore } from './store.ts';

export const exportFolderArgs = {
  out: { type: 'string' as const, description: 'Folder to create (it must not exist, or be empty)', valueHint: 'DIR', required: true as const },
  ...clearanceArg,
  ...dbArg,
};

export interface FolderExport {
  /** Contents by path inside the folder, '/'-separated. */
  files: Record<string, string>;
  /** What was written, for the one line printed at the end (e.g. "145 entities, 6 cases"). */
  summary: string;
}

export async function exportToFolder(args: { out: string; clearance?: string; db?: string }, build: (atlas: Atlas) => FolderExport): Promise<void> {
  try {
    checkNewFolder(args.out); // refuse before opening the store and building anything
    const store = await openStore(args.db);
    let result: FolderExport;
    try {
      const clearance = (args.clearance ?? clearanceArg.clearance.default) as Tlp;
      result = build(redactAtlas(await atlasFromStore(store), clearance));
    } finally {
      await store.close();
    }
    writeNewFolder(args.out, result.files);
    process.stdout.write(`wrote ${result.summary} to ${args.out}\n`);
  } catch (e) {
    if (e instanceof ExportTargetError) throw new CliError(e.message);
    throw e;
  }
}
