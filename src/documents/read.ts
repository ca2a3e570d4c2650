/**
 * @module documents/read
 * A document file (PDF, HTML, plain text, Markdown) read into one normalised text for ingestion, with
 * what the document says about itself (title, address, date) and, for PDFs, where each page lies in the
 * text. Documents come from anywhere, so reading is defensive: every refusal is a one-line
 * {@link DocumentError}, and no file can make it hang or exhaust memory (see limits.ts and sandbox.ts).
 * Offsets count Unicode code points (W3C TextPositionSelector), like the rest of greyzone.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatBytes } from '../atlas/text.ts';
import type { Extracted } from './content.ts';
import { DocumentError, textTooLong } from './error.ts';
import { readHtml } from './html.ts';
import { DOCUMENT_LIMITS } from './limits.ts';
import { readPdf } from './pdf.ts';
import { BINARY, detectFormat, looksBinary } from './sniff.ts';
import { readText } from './text.ts';
import { replacementShare } from './tidy.ts';

export { DocumentError } from './error.ts';
export { DOCUMENT_LIMITS } from './limits.ts';

export type DocumentFormat = 'pdf' | 'html' | 'text' | 'markdown';

/** Where a page of a PDF lies in the text: [start, end) in code points, pages numbered from 1. */
export interface DocumentPage {
  page: number;
  start: number;
  end: number;
}

/** A document read: what its format reader found (content.ts), with its identity. */
export interface DocumentText extends Extracted {
  /** Hex SHA-256 of the file's bytes: the document's identity, whatever its name. */
  sha256: string;
  name: string;
  format: DocumentFormat;
  bytes: number;
}

function checkSize(bytes: number): void {
  if (bytes === 0) throw new DocumentError('empty file: there is nothing to read');
  const { maxBytes } = DOCUMENT_LIMITS;
  // Exact bytes: just over the limit would otherwise read as "50.0 MiB; up to 50.0 MiB".
  if (bytes > maxBytes) throw new DocumentError(`file too large: ${bytes.toLocaleString('en')} bytes; greyzone reads documents of up to ${formatBytes(maxBytes)}`);
}

/** Reads the file, refusing one over the size limit before reading any of it. */
export async function readDocument(path: string): Promise<DocumentText> {
  const file = await open(path, 'r');
  try {
    const stat = await file.stat();
    if (!stat.isFile()) throw new DocumentError('not a file: only files can be read as documents');
    checkSize(stat.size);
    return await readDocumentBytes(await file.readFile(), path);
  } finally {
    await file.close();
  }
}

export async function readDocumentBytes(bytes: Uint8Array, name: string): Promise<DocumentText> {
  checkSize(bytes.length);
  const format = detectFormat(bytes, name);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let content: Extracted;
  if (format === 'pdf') {
    content = await readPdf(bytes);
  } else {
    if (looksBinary(bytes)) throw new DocumentError(BINARY);
    content = format === 'html' ? await readHtml(bytes) : readText(bytes);
  }
  const { text } = content;
  if (text.length > DOCUMENT_LIMITS.maxTextChars) {
    throw new DocumentError(textTooLong(DOCUMENT_LIMITS.maxTextChars));
  }
  if (replacementShare(text) > 0.5) {
    throw new DocumentError('garbled text: most characters are U+FFFD (replacement characters); the encoding is wrong or the text was damaged before');
  }
  if (text === '') {
    throw new DocumentError(format === 'pdf' ? 'no text: the PDF has no text layer (a scanned document needs OCR first)' : 'no text: the document contains only white space or markup');
  }
  return { sha256, name: basename(name), format, ...content, bytes: bytes.length };
}
