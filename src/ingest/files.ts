/**
 * @module ingest/files
 * The files an ingestion names: files as given, folders walked (streamed, so a folder of ten
 * thousand files costs no more memory than one), documents recognised by their extension.
 */
import { opendir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

export const DOCUMENT_EXTENSIONS = new Set(['.pdf', '.html', '.htm', '.xhtml', '.txt', '.text', '.md', '.markdown']);

/** Every document file under the given paths; a path that does not exist is yielded for its error to be reported. */
export async function* documentFiles(paths: string[]): AsyncGenerator<string> {
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      yield path;
      continue;
    }
    if (!isDir) {
      yield path;
      continue;
    }
    yield* walk(path);
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of await opendir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase())) yield path;
  }
}
