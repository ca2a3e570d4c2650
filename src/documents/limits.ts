/**
 * @module documents/limits
 * How much a document may ask of greyzone before it is refused. Documents come from anywhere, so every
 * cost (bytes, pages, characters, seconds, memory) has a ceiling; the numbers are generous for real
 * reports and far below what a hostile file would need to hurt the process.
 */

/** Ceilings read at each call, so a caller (or a test) may lower them. */
export const DOCUMENT_LIMITS: { maxBytes: number; maxPages: number; maxTextChars: number; pdfTimeoutMs: number } = {
  maxBytes: 50 * 1024 * 1024,
  maxPages: 2_000,
  maxTextChars: 20_000_000,
  pdfTimeoutMs: 60_000,
};

/**
 * The worker that parses a PDF (sandbox.ts). The heap limit stops JavaScript objects; inflated streams
 * live in ArrayBuffers outside the heap, which no V8 limit covers, so the process's growth while the
 * worker parses is watched too. Reading the text of 2,000 pages grows it by less than 256 MiB.
 */
export const PDF_WORKER_MEMORY = { heapMb: 512, growthMb: 512 };

/**
 * The worker that parses an HTML page. A linkedom DOM takes some 80 MB per MB of HTML, all of it on the
 * heap, so the heap limit is what stops a page too large to read (about 15 MB of markup); the growth
 * limit only backs it up.
 */
export const HTML_WORKER_LIMITS = { heapMb: 1536, growthMb: 2048, timeoutMs: 60_000 };

/** How much of a file's start is enough to tell text from binary and to guess an encoding. */
export const SNIFF_BYTES = 64 * 1024;
