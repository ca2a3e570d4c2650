/**
 * @module documents/content
 * What each format reader hands back to read.ts: the text and what the document says about itself.
 * Hashing, naming and the checks every format shares happen once, in read.ts.
 */
import type { DocumentPage } from './read.ts';

export interface Extracted {
  encoding: string;
  title: string | null;
  url: string | null;
  date: string | null;
  /** Tidied (see tidy.ts): NFC, one blank line between paragraphs, ends with '\n' unless empty. */
  text: string;
  pages: DocumentPage[];
}
