/**
 * @module documents/content
 * What each format reader hands back to read.ts: the text and what the document says about itself.
 * Hashing, naming and the checks every format shares happen once, in read.ts.
 */
import type { DocumentPage } from './read.ts';

export interface Extracted {
  /** The decoder's name ('utf-8', 'windows-1252', 'gb18030'…); 'pdf' for PDFs. */
  encoding: string;
  title: string | null;
  url: string | null;
  /** Publication date as 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY', when the document states it. */
  date: string | null;
  /** Tidied (see tidy.ts): NFC, one blank line between paragraphs, ends with '\n' unless empty. */
  text: string;
  pages: DocumentPage[];
}
