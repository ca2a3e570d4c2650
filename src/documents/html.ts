/**
 * @module documents/html
 * A web page's article as text. The bytes are decoded here, with the charset the page declares (or,
 * failing that, the one detected); the markup is parsed in a sandboxed worker (html-extract.ts).
 */
import type { Extracted } from './content.ts';
import { decodeText, declaredCharset } from './decode.ts';
import type { HtmlContent } from './html-extract.ts';
import { HTML_WORKER_LIMITS } from './limits.ts';
import { runInWorker } from './sandbox.ts';

export async function readHtml(bytes: Uint8Array): Promise<Extracted> {
  const { text: html, encoding } = decodeText(bytes, declaredCharset(bytes));
  const content = await runInWorker<HtmlContent>({ kind: 'html', html }, [], { ...HTML_WORKER_LIMITS, what: 'HTML' });
  return { encoding, ...content };
}
