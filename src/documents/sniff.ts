/**
 * @module documents/sniff
 * Which reader a file goes to. The bytes decide before the name does, because names lie (an HTML error
 * page saved as report.pdf, a PDF saved without an extension); the extension only settles what the bytes
 * leave open. Binary files are caught here too, before any decoder turns them into pages of mojibake.
 */
import { extname } from 'node:path';
import type { DocumentFormat } from './read.ts';
import { SNIFF_BYTES } from './limits.ts';

const EXTENSIONS: Record<string, DocumentFormat> = {
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

export const BINARY = 'binary file: this is not text, HTML or PDF';

/** The start of a file as one byte per character, for matching ASCII signatures. */
export function head(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, length)).toString('latin1');
}

/**
 * Markup that only HTML starts with: an optional BOM, XML declaration and comments, then a doctype or
 * an <html> tag. A text file that merely mentions HTML later on stays text.
 */
const HTML_START = /^(?:\xef\xbb\xbf)?(?:\s|<\?xml[^>]*>|<!--[\s\S]*?-->)*(?:<!doctype\s+html|<html[\s>])/i;

export function detectFormat(bytes: Uint8Array, name: string): DocumentFormat {
  const start = head(bytes, 1024);
  const byName = EXTENSIONS[extname(name).toLowerCase()];
  // PDF readers accept junk before the header within the first KiB; a file must still start with it
  // unless its name also says PDF, so a note that mentions "%PDF-" is not taken for one.
  if (start.startsWith('%PDF-') || (byName === 'pdf' && start.includes('%PDF-'))) return 'pdf';
  if (HTML_START.test(start)) return 'html';
  // Anything else that is text is read as text; the binary check refuses the rest.
  return byName ?? 'text';
}

/** The byte-order mark's encoding, if the file starts with one. */
export function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return null;
}

/**
 * True for bytes that are not text in any 8-bit or multibyte encoding: a NUL (which no such text has)
 * or more than a tenth of control characters in the first 64 KiB. UTF-16, which is full of NULs, is
 * recognised by its BOM and judged after decoding instead (see {@link controlShare}).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const bom = bomEncoding(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return false;
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) return true;
  let controls = 0;
  for (const b of sample) if (isControl(b)) controls++;
  return controls > sample.length / 10;
}

/** Share of decoded characters (of the first 64 Ki) that are NUL or layout-free control characters. */
export function controlShare(text: string): number {
  const n = Math.min(text.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControl(text.charCodeAt(i))) controls++;
  return n === 0 ? 0 : controls / n;
}

/** C0 controls and DEL, except tab, line feed, vertical tab, form feed and carriage return. */
function isControl(c: number): boolean {
  return (c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f;
}
