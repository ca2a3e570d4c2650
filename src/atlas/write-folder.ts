/**
 * @module atlas/write-folder
 * Writes a set of files into a new folder, whole or not at all: everything goes into a temporary
 * sibling first and is renamed into place at the end, so a crash or a full disk never leaves half
 * an export that looks complete. An existing folder with anything in it is refused, never merged.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExportTargetError } from './write-atlas.ts';

/** Throws {@link ExportTargetError} unless `dir` is absent or an empty folder. */
export function checkNewFolder(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new ExportTargetError(`${dir} exists and is not a folder; choose a new folder`);
  if (readdirSync(dir).length > 0) throw new ExportTargetError(`${dir} exists and is not empty; choose a new folder`);
}

/** Writes `files` (paths relative to `dir`, '/'-separated) into the new folder `dir`. */
export function writeNewFolder(dir: string, files: Readonly<Record<string, string | Buffer>>): void {
  checkNewFolder(dir);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [path, content] of Object.entries(files)) {
      const target = join(tmp, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    mkdirSync(tmp, { recursive: true }); // even for no files, so the folder exists afterwards
    // rmdir, not rm: it fails rather than deletes if something appeared in the folder meanwhile.
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
