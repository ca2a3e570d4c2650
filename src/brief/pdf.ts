/**
 * @module brief/pdf
 * A printable HTML document as PDF, printed by Chromium — Debian's, driven by playwright-core,
 * never a downloaded browser — with the machine's fonts (fonts-noto-cjk for Chinese names).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Chromium is: $GREYZONE_CHROMIUM, else Debian's. */
export function chromiumPath(): string {
  return process.env.GREYZONE_CHROMIUM || '/usr/bin/chromium';
}

/** Printing needs Chromium: this says so in one line. */
export class NoChromium extends Error {}

export async function printPdf(html: string): Promise<Buffer> {
  const path = chromiumPath();
  if (!existsSync(path)) throw new NoChromium(`printing a PDF needs Chromium (apt install chromium), not found at ${path}; set GREYZONE_CHROMIUM, or write HTML instead`);
  const browser = await chromium.launch({ executablePath: path, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    // Nothing is fetched: the document carries its styles and drawing inline.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
