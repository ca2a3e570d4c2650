/**
 * @module documents/pdf-extract
 * The text of each page of a PDF, with pdf.js. This runs only inside a document worker (worker.ts,
 * sandbox.ts): pdf.js is not built to face hostile files, so it parses where a timeout and memory
 * limits can stop it. Fonts are never loaded or evaluated and nothing is fetched; only the CMaps that ship with
 * pdfjs-dist are read from disk, without which CJK text in predefined encodings comes out empty.
 */
import { fileURLToPath } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { pdfDate } from './dates.ts';
import { textTooLong } from './error.ts';
import { joinLines, type Line } from './pdf-lines.ts';
import type { PdfJob } from './sandbox.ts';

/** Per-page text with line breaks and blank lines between paragraphs, not yet tidied. */
export interface PdfRaw {
  title: string | null;
  date: string | null;
  pages: string[];
}

/** A refusal whose message is final (page count, text length); anything else is described by {@link failure}. */
export class PdfRefusal extends Error {}

// pdf.js wants a directory with a trailing slash; a file URL ending in '/' becomes one.
const CMAP_DIR = fileURLToPath(new URL('../../cmaps/', import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs')));

// pdf.js runs its worker half in this thread when it finds it here (a string specifier: it has no types).
const WORKER_HALF: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import(WORKER_HALF);

function isTextItem(item: TextContent['items'][number]): item is TextItem {
  return 'str' in item;
}

async function pageText(page: pdfjs.PDFPageProxy, budget: { left: number; max: number }): Promise<string> {
  const lines: Line[] = [];
  let line: Line = { text: '', y: null, size: 0 };
  // Streamed, so a page that would produce gigabytes of text is stopped at the limit, not after it.
  const reader = (page.streamTextContent() as ReadableStream<TextContent>).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    for (const item of chunk.value.items) {
      if (!isTextItem(item)) continue;
      budget.left -= item.str.length;
      if (budget.left < 0) {
        const refusal = new PdfRefusal(textTooLong(budget.max));
        await reader.cancel(refusal);
        throw refusal;
      }
      if (item.str !== '' && line.text === '') {
        const [a = 0, b = 0, c = 0, d = 0, , f = 0] = item.transform as number[];
        const upright = b === 0 && c === 0 && a > 0 && d > 0;
        line = { text: '', y: upright ? f : null, size: item.height || Math.abs(d) };
      }
      line.text += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = { text: '', y: null, size: 0 };
      }
    }
  }
  lines.push(line);
  return joinLines(lines);
}

export async function extract(job: PdfJob): Promise<PdfRaw> {
  const task = pdfjs.getDocument({
    data: job.bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    // The page count comes from the page tree's /Count, so a bomb of pages is refused before any is read.
    if (doc.numPages > job.maxPages) {
      throw new PdfRefusal(`too many pages: the PDF has ${doc.numPages.toLocaleString('en')} pages; greyzone reads documents of up to ${job.maxPages.toLocaleString('en')}`);
    }
    // Damaged metadata costs the title and date, not the text.
    const info: { Title?: unknown; CreationDate?: unknown } = await doc.getMetadata().then(({ info }) => info, () => ({}));
    const { Title, CreationDate } = info;
    const title = typeof Title === 'string' ? Title.replace(/\s+/g, ' ').trim() || null : null;
    const date = typeof CreationDate === 'string' ? pdfDate(CreationDate) : null;
    const budget = { left: job.maxTextChars, max: job.maxTextChars };
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push(await pageText(page, budget));
      page.cleanup();
    }
    return { title, date, pages };
  } finally {
    await task.destroy();
  }
}

/** One line saying what is wrong with the PDF, from whatever pdf.js threw. */
export function failure(error: unknown): string {
  if (error instanceof PdfRefusal) return error.message;
  const { name, message } = error instanceof Error ? error : { name: '', message: String(error) };
  if (name === 'PasswordException') return 'encrypted PDF: greyzone cannot read password-protected documents';
  if (error instanceof RangeError && /allocation failed|Invalid typed array length|Array buffer/i.test(message)) {
    return 'PDF needs too much memory: a stream inflates beyond what greyzone allows (a decompression bomb?)';
  }
  const reason = message.split('\n')[0]!.trim().replace(/\.$/, '') || name || 'unknown error';
  return `not a readable PDF: ${reason}`;
}
