/**
 * A corpus document as ingestion sees it, built directly from the plain-text file (header lines,
 * a blank line, the body) — for tests of extraction and review that do not test reading.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DocumentText } from '../../src/documents/read.ts';

export const CORPUS = new URL('../../../shared/corpus/', import.meta.url);

export function corpusDocument(name: string, base: URL = CORPUS): DocumentText {
  const bytes = readFileSync(new URL(name, base));
  const raw = bytes.toString('utf8');
  const cut = raw.indexOf('\n\n');
  const header = Object.fromEntries(
    raw
      .slice(0, cut)
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  ) as Record<string, string>;
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    name,
    format: 'text',
    encoding: 'utf-8',
    title: header.title ?? null,
    url: header.source ?? null,
    date: header.date ?? null,
    text: `${raw.slice(cut + 2).trim()}\n`,
    pages: [],
    bytes: bytes.length,
  };
}
