import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DOCUMENT_LIMITS, DocumentError, readDocument, readDocumentBytes, type DocumentText } from './read.ts';

const dir = mkdtempSync(join(tmpdir(), 'greyzone-documents-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const read = (name: string, content: string | Uint8Array) => readDocument(file(name, content));

async function refusal(promise: Promise<DocumentText>): Promise<string> {
  const error = await promise.then(
    () => assert.fail('read a document that should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DocumentError, String(error));
  assert.doesNotMatch(error.message, /\n/);
  return error.message;
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

test('UTF-8 text: NFC, LF, no trailing spaces, one blank line between paragraphs, a final newline', async () => {
  const doc = await read('notes.txt', '\n\n  Indented first line   \r\nsecond line\t\r\n\r\n\r\n\r\nCafe\u0301 paragraph \u00a0\rlast');
  assert.equal(doc.text, '  Indented first line\nsecond line\n\nCaf\u00e9 paragraph\nlast\n');
  assert.equal(doc.format, 'text');
  assert.equal(doc.encoding, 'utf-8');
  assert.deepEqual([doc.title, doc.url, doc.date, doc.pages], [null, null, null, []]);
});

test('a UTF-8 BOM is read and dropped', async () => {
  const doc = await read('bom.txt', Buffer.concat([hex('efbbbf'), Buffer.from('Zürich\n')]));
  assert.equal(doc.encoding, 'utf-8');
  assert.equal(doc.text, 'Zürich\n');
});

test('UTF-16 with a BOM, little- and big-endian', async () => {
  const le = await read('le.txt', Buffer.concat([hex('fffe'), Buffer.from('Café Zürich 中国\r\n', 'utf16le')]));
  assert.equal(le.encoding, 'utf-16le');
  assert.equal(le.text, 'Café Zürich 中国\n');
  const be = await read('be.txt', Buffer.concat([hex('feff'), Buffer.from('Café Zürich 中国', 'utf16le').swap16()]));
  assert.equal(be.encoding, 'utf-16be');
  assert.equal(be.text, 'Café Zürich 中国\n');
});

test('windows-1252 is detected, and its curly quotes, dashes and euro sign survive', async () => {
  const short = await read('cafe.txt', Buffer.from('Café Zürich\n', 'latin1'));
  assert.equal(short.encoding, 'windows-1252');
  assert.equal(short.text, 'Café Zürich\n');
  // Bytes 0x80-0x9F are where windows-1252 differs from ISO-8859-1 (and where Node 20 gets it wrong).
  const doc = await read('quotes.txt', hex('54686520436166e9205afc7269636820736169643a2093697420636f73747320352080942096206e6f7468696e67206d6f72652e0a'));
  assert.equal(doc.encoding, 'windows-1252');
  assert.equal(doc.text, 'The Café Zürich said: “it costs 5 €” – nothing more.\n');
});

test('GB18030 Chinese is detected and decoded', async () => {
  // '中华人民共和国国家安全部'.encode('gb18030') in Python.
  const doc = await read('mss.txt', hex('d6d0bbaac8cbc3f1b9b2bacdb9fab9fabcd2b0b2c8abb2bf'));
  assert.equal(doc.encoding, 'gb18030');
  assert.equal(doc.text, '中华人民共和国国家安全部\n');
});

test('Shift_JIS Japanese is detected and decoded', async () => {
  // '日本の公安調査庁は情報機関です。'.encode('shift_jis') in Python.
  const doc = await read('psia.txt', hex('93fa967b82cc8cf688c092b28db892a182cd8fee95f18b408ad682c582b78142'));
  assert.equal(doc.encoding, 'shift_jis');
  assert.equal(doc.text, '日本の公安調査庁は情報機関です。\n');
});

test('Markdown is kept as written, not rendered', async () => {
  const doc = await read('brief.md', '# Heading\n\n- a *list* item\n- [a link](https://example.org)\n');
  assert.equal(doc.format, 'markdown');
  assert.equal(doc.text, '# Heading\n\n- a *list* item\n- [a link](https://example.org)\n');
  assert.equal((await read('brief.markdown', 'x')).format, 'markdown');
});

test('the format comes from the content first, then the extension; unknown extensions are text', async () => {
  assert.equal((await read('page.txt', '<!DOCTYPE html><html><body><p>Hello from HTML.</p></body></html>')).format, 'html');
  assert.equal((await read('page.pdf', '<html><body><p>An error page saved as a PDF.</p></body></html>')).format, 'html');
  assert.equal((await read('page.htm', '<p>No doctype, but the name says HTML.</p>')).format, 'html');
  assert.equal((await read('notes.text', 'Plain.')).format, 'text');
  assert.equal((await read('data.csv', 'a,b\n1,2\n')).format, 'text');
  assert.equal((await read('mention.txt', 'This note mentions <html> and %PDF- but is text.')).format, 'text');
});

test('the same bytes have the same sha256 whatever the name, and it is the hash of the file', async () => {
  const bytes = Buffer.from('The same document.\n');
  const a = await read('a.txt', bytes);
  const b = await readDocumentBytes(bytes, 'elsewhere/b.md');
  assert.equal(a.sha256, b.sha256);
  assert.equal(a.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(a.name, 'a.txt');
  assert.equal(b.name, 'b.md');
  assert.equal(a.bytes, bytes.length);
});

test('an empty file is refused', async () => {
  assert.equal(await refusal(read('empty.txt', '')), 'empty file: there is nothing to read');
  assert.equal(await refusal(readDocumentBytes(new Uint8Array(0), 'empty.pdf')), 'empty file: there is nothing to read');
});

test('a file of white space is refused: it has no text', async () => {
  assert.match(await refusal(read('blank.md', ' \n\t\r\n  \n')), /^no text: /);
  assert.match(await refusal(read('blank.html', '<!DOCTYPE html><html><head><title>T</title><script>var a = 1;</script></head><body> </body></html>')), /^no text: /);
});

test('a file over the size limit is refused from its size alone, without reading it', async () => {
  const path = join(dir, 'huge.txt');
  writeFileSync(path, '');
  truncateSync(path, DOCUMENT_LIMITS.maxBytes + 1); // sparse: no disk, no memory
  const before = process.memoryUsage.rss();
  const started = Date.now();
  assert.equal(await refusal(readDocument(path)), 'file too large: 52,428,801 bytes; greyzone reads documents of up to 50.0 MiB');
  assert.ok(Date.now() - started < 200);
  assert.ok(process.memoryUsage.rss() - before < 20 * 1024 * 1024);
});

test('bytes over the size limit are refused too', async () => {
  const saved = DOCUMENT_LIMITS.maxBytes;
  DOCUMENT_LIMITS.maxBytes = 10;
  try {
    assert.equal(await refusal(readDocumentBytes(Buffer.from('eleven byte'), 'x.txt')), 'file too large: 11 bytes; greyzone reads documents of up to 10 bytes');
  } finally {
    DOCUMENT_LIMITS.maxBytes = saved;
  }
});

test('text over the character limit is refused', async () => {
  const saved = DOCUMENT_LIMITS.maxTextChars;
  DOCUMENT_LIMITS.maxTextChars = 100;
  try {
    assert.match(await refusal(read('long.txt', 'word '.repeat(30))), /^text too long: over 100 characters/);
  } finally {
    DOCUMENT_LIMITS.maxTextChars = saved;
  }
});

test('a binary file is refused whatever its name', async () => {
  const png = Buffer.concat([hex('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61'), Buffer.alloc(200, 7)]);
  const binary = 'binary file: this is not text, HTML or PDF';
  assert.equal(await refusal(read('image.txt', png)), binary);
  assert.equal(await refusal(read('image.md', png)), binary);
  assert.equal(await refusal(read('image.html', png)), binary);
  // Random bytes: NULs and control characters.
  const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
  assert.equal(await refusal(read('random.txt', random)), binary);
  // No NUL, but mostly control characters.
  assert.equal(await refusal(read('controls.txt', Buffer.from('\x01\x02\x03\x04\x05abc\x06\x07\x08\x0e\x0f'))), binary);
  // A binary file that starts like UTF-16 is judged by what it decodes to.
  assert.equal(await refusal(read('fake16.txt', Buffer.concat([hex('fffe4100'), Buffer.alloc(1000)]))), binary);
});

test('a directory is not a document; a missing file is the file system\'s error', async () => {
  const sub = join(dir, 'folder.txt');
  mkdirSync(sub);
  assert.equal(await refusal(readDocument(sub)), 'not a file: only files can be read as documents');
  await assert.rejects(readDocument(join(dir, 'missing.txt')), { code: 'ENOENT' });
});

test('text that decodes mostly to replacement characters is refused', async () => {
  assert.match(await refusal(read('mangled.txt', 'Ab \ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd\n')), /^garbled text: /);
  // An HTML page that declares UTF-8 over bytes that are not.
  const html = Buffer.concat([Buffer.from('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>'), Buffer.alloc(400, 0xa4), Buffer.from('</p></body></html>')]);
  assert.match(await refusal(read('mangled.html', html)), /^garbled text: /);
  // A few are kept: the text is still mostly readable.
  assert.equal((await read('mostly-fine.txt', 'A \ufffd in a sentence.')).text, 'A \ufffd in a sentence.\n');
});

test('UTF-32 is refused as an encoding greyzone does not read', async () => {
  assert.match(await refusal(read('u32.txt', Buffer.concat([hex('fffe0000'), hex('41000000')]))), /^unsupported encoding: /);
});

test('a corpus-style header gives title, url and date, and only the body is text', async () => {
  const doc = await read('header.txt', 'title: A report: with a colon\r\nsource: https://example.org/report?id=1\r\ndate: 2021-07-22\r\nnote: fragment\r\n\r\nFirst paragraph.\r\n\r\nSecond.\r\n');
  assert.deepEqual([doc.title, doc.url, doc.date], ['A report: with a colon', 'https://example.org/report?id=1', '2021-07-22']);
  assert.equal(doc.text, 'First paragraph.\n\nSecond.\n');
  // Only ISO dates and http(s) addresses are taken.
  const loose = await read('loose.md', 'title: T\nsource: not a url\ndate: 22 July 2021\n\nBody.');
  assert.deepEqual([loose.title, loose.url, loose.date, loose.text], ['T', null, null, 'Body.\n']);
});

test('a file that only looks like it has a header keeps all its text', async () => {
  for (const text of ['title: no blank line after it\nBody.\n', 'title: T\nauthor: someone\n\nBody.\n', 'Title: capitalised\n\nBody.\n', 'title: T\ntitle: twice\n\nBody.\n']) {
    const doc = await read('not-header.txt', text);
    assert.equal(doc.title, null, text);
    assert.equal(doc.text, text, text);
  }
});

test('every corpus file: header parsed, body as text', async (t) => {
  const corpus = new URL('../../../shared/corpus/', import.meta.url);
  const names = readdirSync(corpus).filter((n) => n.endsWith('.txt'));
  assert.ok(names.length >= 10);
  const times: string[] = [];
  for (const name of names) {
    const path = new URL(name, corpus);
    const raw = readFileSync(path, 'utf8');
    const header = Object.fromEntries(
      raw
        .slice(0, raw.indexOf('\n\n'))
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const started = performance.now();
    const doc = await readDocument(path.pathname);
    times.push(`${name.slice(0, 2)}: ${(performance.now() - started).toFixed(1)} ms`);
    assert.equal(doc.name, name);
    assert.equal(doc.format, 'text');
    assert.equal(doc.encoding, 'utf-8');
    assert.equal(doc.title, header.title);
    assert.equal(doc.url, header.source);
    assert.equal(doc.date, header.date);
    assert.match(doc.date!, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(doc.text, `${raw.slice(raw.indexOf('\n\n') + 2).trim()}\n`);
    assert.doesNotMatch(doc.text, /^(title|source|date|note):/m);
  }
  t.diagnostic(`read times: ${times.join(', ')}`);
});
