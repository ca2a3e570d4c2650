/**
 * @module documents/error
 * The one error a document reader throws for a document it will not read (empty, too large, binary,
 * encrypted, corrupt, a bomb). It lives apart from read.ts so the format readers can throw it without
 * importing the module that imports them; read.ts re-exports it as part of the public API.
 */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

/** Shared by the main thread and the PDF worker, which counts characters as it extracts them. */
export function textTooLong(maxTextChars: number): string {
  return `text too long: over ${maxTextChars.toLocaleString('en')} characters, the most greyzone reads from one document`;
}
