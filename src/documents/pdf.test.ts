import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { codePointLength, sliceCodePoints } from '../atlas/text.ts';
import { joinLines } from './pdf-lines.ts';
import { assemblePages } from './pdf.ts';
import { DOCUMENT_LIMITS, DocumentError, readDocumentBytes } from './read.ts';

/** A PDF written by hand, with a correct cross-reference table: for what pdf-lib will not write. */
function handPdf(objects: (string | Buffer)[], trailer = ''): Buffer {
  const parts = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets = objects.map((body, i) => {
    const at = length;
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body as string, 'latin1'), Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
    return at;
  });
  const xref = offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const stream = (data: Buffer, dict = '') => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);

/** One page whose content stream is `content`, in Helvetica (or the font given). */
function onePage(content: Buffer, dict = '', font = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'): Buffer {
  return handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(content, dict),
    font,
  ]);
}

async function pdfOf(pages: string[][], meta?: { title?: string; created?: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([600, 800]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 700 - 20 * i, size: 14, font }));
  }
  if (meta?.title) doc.setTitle(meta.title);
  if (meta?.created) doc.setCreationDate(meta.created);
  return doc.save();
}

async function refusal(bytes: Uint8Array, name = 'doc.pdf'): Promise<string> {
  const error = await readDocumentBytes(bytes, name).then(
    () => assert.fail('read a PDF that should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DocumentError, String(error));
  assert.doesNotMatch(error.message, /\n/);
  return error.message;
}

async function withLimits<T>(limits: Partial<typeof DOCUMENT_LIMITS>, run: () => Promise<T>): Promise<T> {
  const saved = { ...DOCUMENT_LIMITS };
  Object.assign(DOCUMENT_LIMITS, limits);
  try {
    return await run();
  } finally {
    Object.assign(DOCUMENT_LIMITS, saved);
  }
}

test('three pages: their sentences in order, and each page range slices exactly its text', async () => {
  const sentences = ['The first page names the Ministry of State Security.', 'The second page is about the United Front.', 'The third page ends the report.'];
  const doc = await readDocumentBytes(await pdfOf(sentences.map((s) => [s])), 'report.pdf');
  assert.equal(doc.format, 'pdf');
  assert.equal(doc.encoding, 'pdf');
  assert.equal(doc.text, `${sentences.join('\n\n')}\n`);
  assert.deepEqual(
    doc.pages.map((p) => p.page),
    [1, 2, 3],
  );
  doc.pages.forEach((p, i) => assert.equal(sliceCodePoints(doc.text, p.start, p.end), sentences[i]));
  assert.equal(doc.title, null);
  assert.equal(doc.date, null);
  assert.equal(doc.url, null);
});

test('lines stay lines, and a wider vertical gap makes a paragraph break', async () => {
  const bytes = await pdfOf([['Line one of the first paragraph,', 'line two of it.', '', 'A second paragraph after a gap.']]);
  const doc = await readDocumentBytes(bytes, 'p.pdf');
  assert.equal(doc.text, 'Line one of the first paragraph,\nline two of it.\n\nA second paragraph after a gap.\n');
});

test('title and publication date come from the document information', async () => {
  const bytes = await pdfOf([['Text.']], { title: 'Annual Report 2023', created: new Date('2023-04-05T10:00:00Z') });
  const doc = await readDocumentBytes(bytes, 'a.pdf');
  assert.equal(doc.title, 'Annual Report 2023');
  assert.equal(doc.date, '2023-04-05');
});

test('a page without text keeps its place with an empty range, and adds no blank lines', async () => {
  const doc = await readDocumentBytes(await pdfOf([['Before.'], [], ['After.']]), 'gap.pdf');
  assert.equal(doc.text, 'Before.\n\nAfter.\n');
  assert.deepEqual(doc.pages, [
    { page: 1, start: 0, end: 7 },
    { page: 2, start: 7, end: 7 },
    { page: 3, start: 9, end: 15 },
  ]);
});

test('page ranges count code points, not UTF-16 units', () => {
  const { text, pages } = assemblePages(['\u{1D400} is bold A', 'then \u{1F600}', 'e\u0301 composed']);
  assert.equal(text, '\u{1D400} is bold A\n\nthen \u{1F600}\n\n\u00e9 composed\n');
  assert.deepEqual(pages, [
    { page: 1, start: 0, end: 11 },
    { page: 2, start: 13, end: 19 },
    { page: 3, start: 21, end: 31 },
  ]);
  assert.equal(sliceCodePoints(text, 13, 19), 'then \u{1F600}');
  assert.equal(codePointLength(text), 32);
  assert.equal(text.length, 34);
});

test('line joining: blank line only at a clearly wider gap, or where the text jumps up the page', () => {
  const line = (text: string, y: number | null, size = 10) => ({ text, y, size });
  assert.equal(joinLines([line('a', 700), line('b', 688), line('c', 676), line('d', 650)]), 'a\nb\nc\n\nd');
  // Double spacing throughout is still one paragraph per line gap, not a paragraph per line.
  assert.equal(joinLines([line('a', 700), line('b', 676), line('c', 652)]), 'a\nb\nc');
  assert.equal(joinLines([line('left column', 100), line('right column', 700)]), 'left column\n\nright column');
  assert.equal(joinLines([line('rotated', null), line('text', null), line('  ', 10)]), 'rotated\ntext');
});

test('Chinese text in a predefined CMap (no embedded font) is read with the CMaps pdfjs-dist ships', async () => {
  const words = '中华人民共和国国家安全部';
  const ucs2 = Buffer.from(words, 'utf16le').swap16().toString('hex');
  const bytes = handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(Buffer.from(`BT /F1 20 Tf 50 700 Td <${ucs2}> Tj ET`)),
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
  ]);
  const doc = await readDocumentBytes(bytes, 'mss.pdf');
  assert.equal(doc.text, `${words}\n`);
});

test('a PDF is known by its bytes whatever its name, and gets the same sha256', async () => {
  const bytes = await pdfOf([['Named wrongly.']]);
  const a = await readDocumentBytes(bytes, 'notes.txt');
  const b = await readDocumentBytes(bytes, 'dir/report.pdf');
  assert.equal(a.format, 'pdf');
  assert.equal(b.name, 'report.pdf');
  assert.equal(a.sha256, b.sha256);
  assert.equal(a.text, 'Named wrongly.\n');
});

test('PDFs read at the same time are all read (one worker after another)', async () => {
  const docs = await Promise.all(['one', 'two', 'three'].map(async (w) => readDocumentBytes(await pdfOf([[`Page ${w}.`]]), `${w}.pdf`)));
  assert.deepEqual(
    docs.map((d) => d.text),
    ['Page one.\n', 'Page two.\n', 'Page three.\n'],
  );
});

test('a PDF without a text layer is refused: it needs OCR', async () => {
  assert.match(await refusal(await pdfOf([[], []])), /^no text: .*OCR/);
});

test('an encrypted PDF is refused (pdf.js asks for a password)', async () => {
  const hex = (byte: number, n: number) => Buffer.alloc(n, byte).toString('hex');
  const bytes = handPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
      // Standard security handler, RC4 40-bit; /U does not match the empty password, so one is needed.
      `<< /Filter /Standard /V 1 /R 2 /O <${hex(0xab, 32)}> /U <${hex(0xcd, 32)}> /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${hex(0x11, 16)}> <${hex(0x11, 16)}>] `,
  );
  assert.equal(await refusal(bytes), 'encrypted PDF: greyzone cannot read password-protected documents');
});

test('a truncated or corrupt PDF is refused as unreadable', async () => {
  const bytes = await pdfOf([['Some text on the page.']]);
  assert.match(await refusal(bytes.subarray(0, Math.floor(bytes.length / 2))), /^not a readable PDF: /);
  assert.match(await refusal(Buffer.from('%PDF-1.7\n')), /^not a readable PDF: /);
  // Without the %PDF- header it is still taken for a PDF by its name, and still refused.
  assert.match(await refusal(Buffer.from('1 0 obj << /Type /Catalog >> endobj trailer << /Root 1 0 R >>')), /^not a readable PDF: /);
});

test('a PDF declaring 100,000 pages is refused before any page is read', async () => {
  const kids = Array.from({ length: 100_000 }, () => '3 0 R').join(' ');
  const bytes = handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count 100000 >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
  ]);
  const started = Date.now();
  assert.equal(await refusal(bytes), 'too many pages: the PDF has 100,000 pages; greyzone reads documents of up to 2,000');
  assert.ok(Date.now() - started < 5_000);
});

test('the page limit is the one in force when the PDF is read', async () => {
  const bytes = await pdfOf([['a'], ['b'], ['c']]);
  await withLimits({ maxPages: 2 }, async () => assert.match(await refusal(bytes), /^too many pages: the PDF has 3 pages/));
  await withLimits({ maxPages: 3 }, async () => assert.equal((await readDocumentBytes(bytes, 'x.pdf')).pages.length, 3));
});

/** 1,000 pages that all draw one content stream of 150 lines: a small file that is slow to read. */
function slowPdf(): Buffer {
  const lines = Array.from({ length: 150 }, (_, i) => `(Line ${i} of a page that every page repeats.) Tj 0 -5 Td`).join('\n');
  const pages = Array.from({ length: 1000 }, (_, i) => `${i + 5} 0 R`).join(' ');
  return handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages}] /Count 1000 /Resources << /Font << /F1 4 0 R >> >> /MediaBox [0 0 612 792] >>`,
    stream(Buffer.from(`BT /F1 4 Tf 20 780 Td\n${lines}\nET`)),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...Array.from({ length: 1000 }, () => '<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>'),
  ]);
}

test('extracted text over the limit stops the PDF with an error', async () => {
  await withLimits({ maxTextChars: 100_000 }, async () => {
    assert.equal(await refusal(slowPdf()), 'text too long: over 100,000 characters, the most greyzone reads from one document');
  });
});

test('a PDF that takes longer than the time limit is stopped', async () => {
  await withLimits({ pdfTimeoutMs: 1_500 }, async () => {
    const started = Date.now();
    assert.equal(await refusal(slowPdf()), 'PDF took too long: stopped after 1.5 s, the most greyzone gives one document');
    assert.ok(Date.now() - started < 4_000, `took ${Date.now() - started} ms`);
  });
});

/** `mb` MiB of spaces, deflated a MiB at a time so the test itself never holds them. */
async function deflatedSpaces(mb: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, 32);
  const chunks: Buffer[] = [];
  for await (const part of Readable.from((function* () {
    for (let i = 0; i < mb; i++) yield chunk;
  })()).pipe(zlib.createDeflate({ level: 9 }))) {
    chunks.push(part as Buffer);
  }
  return Buffer.concat(chunks);
}

test('a decompression bomb (300 KB inflating to 300 MiB) ends with an error in bounded time and memory', async (t) => {
  const bytes = onePage(await deflatedSpaces(300), '/Filter /FlateDecode');
  assert.ok(bytes.length < 400_000);
  let peak = process.memoryUsage.rss();
  const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = Date.now();
  try {
    assert.match(await refusal(bytes), /^PDF needs too much memory: /);
  } finally {
    clearInterval(watch);
  }
  const ms = Date.now() - started;
  t.diagnostic(`bomb refused in ${ms} ms, peak RSS ${Math.round(peak / 1024 ** 2)} MiB`);
  assert.ok(ms < 20_000, `took ${ms} ms`);
  assert.ok(peak < 1.5 * 1024 ** 3, `peak RSS ${Math.round(peak / 1024 ** 2)} MiB`);
  // After the worker is gone the next PDF reads normally.
  assert.equal((await readDocumentBytes(await pdfOf([['Still fine.']]), 'after.pdf')).text, 'Still fine.\n');
});
