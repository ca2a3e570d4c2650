/**
 * @module documents/pdf
 * A PDF's text, parsed in a sandboxed worker (sandbox.ts, pdf-extract.ts), then tidied page by page and
 * joined with a blank line, recording where each page lies in the text.
 */
import { codePointLength } from '../atlas/text.ts';
import type { Extracted } from './content.ts';
import { DOCUMENT_LIMITS, PDF_WORKER_MEMORY } from './limits.ts';
import type { PdfRaw } from './pdf-extract.ts';
import type { DocumentPage } from './read.ts';
import { runInWorker } from './sandbox.ts';
import { tidyText } from './tidy.ts';

/** Page texts tidied and joined with a blank line; each page's range slices exactly its own text. */
export function assemblePages(pageTexts: readonly string[]): { text: string; pages: DocumentPage[] } {
  const parts: string[] = [];
  const pages: DocumentPage[] = [];
  let at = 0;
  pageTexts.forEach((raw, i) => {
    const body = tidyText(raw).slice(0, -1);
    if (body !== '') {
      if (parts.length > 0) {
        parts.push('\n\n');
        at += 2;
      }
      parts.push(body);
    }
    // An empty page gets an empty range where its text would have been.
    const start = at;
    at += codePointLength(body);
    pages.push({ page: i + 1, start, end: at });
  });
  return { text: parts.length > 0 ? `${parts.join('')}\n` : '', pages };
}

export async function readPdf(bytes: Uint8Array): Promise<Extracted> {
  const { maxPages, maxTextChars, pdfTimeoutMs } = DOCUMENT_LIMITS;
  const copy = new Uint8Array(bytes); // the worker's own copy, moved to it rather than cloned
  const { title, date, pages } = await runInWorker<PdfRaw>({ kind: 'pdf', bytes: copy, maxPages, maxTextChars }, [copy.buffer], {
    timeoutMs: pdfTimeoutMs,
    heapMb: PDF_WORKER_MEMORY.heapMb,
    growthMb: PDF_WORKER_MEMORY.growthMb,
    what: 'PDF',
  });
  return { encoding: 'pdf', title, url: null, date, ...assemblePages(pages) };
}
