/**
 * @module documents/text
 * Plain text and Markdown, kept as written (Markdown is not rendered: its markup is part of what an
 * analyst quotes). A file that opens with greyzone's corpus header (`title:`, `source:`, `date:`,
 * `note:` lines, then a blank line) describes itself there, so the header becomes the metadata and
 * only the body becomes the text, keeping header words out of every offset.
 */
import type { Extracted } from './content.ts';
import { isoDate } from './dates.ts';
import { decodeText } from './decode.ts';
import { tidyText } from './tidy.ts';

export interface Header {
  title: string | null;
  url: string | null;
  date: string | null;
  /** Where the body starts in the decoded string (UTF-16 index). */
  bodyStart: number;
}

const HEADER_LINE = /^(title|source|url|date|note):[^\S\n]*(.*)$/;
/** A header is short; looking no further keeps a huge one-line file from being scanned twice. */
const MAX_HEADER_LINES = 12;

export function httpUrl(value: string | null | undefined): string | null {
  try {
    const url = new URL(value?.trim() ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The corpus header at the start of `text`, or null when the file does not start with one. */
export function parseHeader(text: string): Header | null {
  if (!text.startsWith('title:')) return null;
  const fields = new Map<string, string>();
  let at = 0;
  for (let n = 0; n < MAX_HEADER_LINES; n++) {
    const eol = text.indexOf('\n', at);
    if (eol === -1) return null;
    const line = text.slice(at, eol).replace(/\r$/, '');
    at = eol + 1;
    if (line.trim() === '') {
      const title = fields.get('title')?.trim() || null;
      return { title, url: httpUrl(fields.get('source') ?? fields.get('url')), date: isoDate(fields.get('date')), bodyStart: at };
    }
    const m = HEADER_LINE.exec(line);
    if (!m || fields.has(m[1]!)) return null;
    fields.set(m[1]!, m[2]!);
  }
  return null;
}

export function readText(bytes: Uint8Array): Extracted {
  const { text: decoded, encoding } = decodeText(bytes);
  const header = parseHeader(decoded);
  const text = tidyText(header ? decoded.slice(header.bodyStart) : decoded);
  return { encoding, title: header?.title ?? null, url: header?.url ?? null, date: header?.date ?? null, text, pages: [] };
}
