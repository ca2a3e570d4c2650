import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { htmlText } from './html-extract.ts';
import { HTML_WORKER_LIMITS } from './limits.ts';
import { DocumentError, readDocument, readDocumentBytes, type DocumentText } from './read.ts';

const fixture = new URL('../../test/fixtures/documents/article-windows-1252.html', import.meta.url);

const page = (head: string, body: string) => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
const read = (html: string | Uint8Array, name = 'page.html') => readDocumentBytes(typeof html === 'string' ? Buffer.from(html) : html, name);

async function refusal(promise: Promise<DocumentText>): Promise<string> {
  const error = await promise.then(
    () => assert.fail('read a page that should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DocumentError, String(error));
  assert.doesNotMatch(error.message, /\n/);
  return error.message;
}

test('an article page: its paragraphs only, decoded from the windows-1252 it declares, with its metadata', async () => {
  const doc = await readDocument(fixture.pathname);
  assert.equal(doc.format, 'html');
  assert.equal(doc.encoding, 'windows-1252');
  assert.equal(doc.title, 'Security service warns of interference by the United Front – Example Gazette');
  assert.equal(doc.url, 'https://news.example.org/2023/06/security-service-warning');
  assert.equal(doc.date, '2023-06-20');
  assert.deepEqual(doc.pages, []);
  assert.equal(
    doc.text,
    [
      'The domestic security service said on Tuesday that the United Front Work Department had tried to cultivate members of parliament through a network of friendship associations, café meetings and paid trips.',
      'According to the service, the approaches were made by people who presented themselves as business representatives. In one case an official of the Résidence du Parc association invited a deputy to a conference in Beijing\nand offered to cover all costs.',
      'The service advised officials to report such contacts. “These are not ordinary exchanges,” its director said, adding that the warning covered both national and local politicians.',
      'Report approaches to the security officer.',
      'Do not accept paid travel from unknown hosts.',
    ].join('\n\n') + '\n',
  );
  for (const furniture of ['NAV_TEXT', 'HEADER_TEXT', 'ASIDE_TEXT', 'FOOTER_TEXT', 'NOSCRIPT_TEXT', 'SECRET_SCRIPT_TEXT', 'STYLE_TEXT', 'SCRIPT_RAN']) {
    assert.ok(!doc.text.includes(furniture), furniture);
  }
  assert.equal(doc.sha256, (await readDocumentBytes(readFileSync(fixture), 'copy.htm')).sha256);
});

test('scripts never run: no side effects, no injected text, no script text', async () => {
  const doc = await read(
    page(
      '<title>T</title><script>globalThis.greyzoneScriptRan = true; document.title = "SCRIPT_RAN";</script>',
      '<p>Visible words.</p><script>document.write("<p>INJECTED</p>")</script><img src="x" onerror="globalThis.greyzoneScriptRan = true"><p onclick="x()">More words.</p>',
    ),
  );
  assert.equal(doc.text, 'Visible words.\n\nMore words.\n');
  assert.equal(doc.title, 'T');
  assert.equal((globalThis as { greyzoneScriptRan?: boolean }).greyzoneScriptRan, undefined);
  // The same in this thread, which is where nothing should run either.
  assert.equal(htmlText(page('', '<script>globalThis.greyzoneScriptRan = true</script><p>x</p>')).text, 'x\n');
  assert.equal((globalThis as { greyzoneScriptRan?: boolean }).greyzoneScriptRan, undefined);
});

test('block elements make paragraphs; inline ones do not; <br> breaks a line; <pre> keeps its spacing', () => {
  const { text } = htmlText(
    page(
      '<title>S</title>',
      '<main><h2>Heading two</h2><p>Para with <em>inline</em> <a href="#">link</a>\n   text.</p>' +
        '<table><tr><th>Name</th><th>Role</th></tr><tr><td>Xu Yanjun</td><td>MSS officer</td></tr></table>' +
        '<pre>  code   line\n    indented</pre><blockquote>Quoted<br>words.</blockquote>' +
        '<p hidden>HIDDEN_1</p><p style="display: none">HIDDEN_2</p><div aria-hidden="true">HIDDEN_3</div></main>',
    ),
  );
  assert.equal(text, 'Heading two\n\nPara with inline link text.\n\nName\tRole\n\nXu Yanjun\tMSS officer\n\n  code   line\n    indented\n\nQuoted\nwords.\n');
});

test('a page Readability finds no article in is read whole, without its furniture', () => {
  const { text, title } = htmlText(page('<title>Short</title>', '<nav>NAV_TEXT menu</nav><header>HEADER_TEXT</header><div>Just one line of content.</div><form>FORM_TEXT <input value="x"></form><footer>FOOTER_TEXT</footer>'));
  assert.equal(text, 'Just one line of content.\n');
  assert.equal(title, 'Short');
  // A fragment without <html> or <body>.
  assert.equal(htmlText('<p>One.</p><p>Two.</p>').text, 'One.\n\nTwo.\n');
});

test('address: the canonical link, else og:url; only absolute http(s)', () => {
  const url = (head: string) => htmlText(page(head, '<p>x</p>')).url;
  assert.equal(url('<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y">'), 'https://a.example/x');
  assert.equal(url('<link rel="alternate canonical" href="https://a.example/x">'), 'https://a.example/x');
  assert.equal(url('<link rel="canonical" href="/relative"><meta property="og:url" content="https://b.example/y">'), 'https://b.example/y');
  assert.equal(url('<meta property="og:url" content="javascript:alert(1)">'), null);
  assert.equal(url(''), null);
});

test('date: article:published_time, then date metadata, then <time datetime>; invalid dates are none', () => {
  const date = (head: string, body = '<p>x</p>') => htmlText(page(head, body)).date;
  assert.equal(date('<meta property="article:published_time" content="2023-06-20T23:30:00-04:00"><meta name="date" content="2020-01-01">'), '2023-06-20');
  assert.equal(date('<meta name="Date" content="2022-01-17">'), '2022-01-17');
  assert.equal(date('<meta name="DC.date" content="2019">'), '2019');
  assert.equal(date('', '<p>Posted <time datetime="2021-11-05T10:00">5 Nov</time></p>'), '2021-11-05');
  assert.equal(date('', '<time datetime="2020-02-02">old</time><time pubdate datetime="2021-03">this</time>'), '2021-03');
  assert.equal(date('<meta name="date" content="2023-02-30">'), null);
  assert.equal(date('<meta name="date" content="yesterday">'), null);
  assert.equal(date(''), null);
});

test('title: <title>, else og:title, else none', () => {
  assert.equal(htmlText(page('<title>\n  Spaced   title \n</title>', '<p>x</p>')).title, 'Spaced title');
  assert.equal(htmlText(page('<meta property="og:title" content="OG title">', '<p>x</p>')).title, 'OG title');
  assert.equal(htmlText(page('', '<p>x</p>')).title, null);
});

test('charset: declared by meta charset or http-equiv, else UTF-8 if valid, else detected; a BOM wins', async () => {
  const body = (s: string) => `<p>${s}</p>`;
  const latin = (head: string) => Buffer.from(page(head, body('Zürich café')), 'latin1');
  assert.equal((await read(latin('<meta charset="iso-8859-1">'))).encoding, 'windows-1252');
  assert.equal((await read(latin('<meta http-equiv="content-type" content="text/html; charset=ISO-8859-15">'))).encoding, 'iso-8859-15');
  assert.equal((await read(latin(''))).text, 'Zürich café\n');
  const utf8 = await read(page('', body('Zürich café 中国')));
  assert.deepEqual([utf8.encoding, utf8.text], ['utf-8', 'Zürich café 中国\n']);
  // A page cannot declare UTF-16 in ASCII; browsers take such a declaration for UTF-8.
  assert.equal((await read(page('<meta charset="utf-16">', body('Zürich')))).encoding, 'utf-8');
  const bom = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page('<meta charset="windows-1252">', body('Zürich')), 'utf16le')]));
  assert.deepEqual([bom.encoding, bom.text], ['utf-16le', 'Zürich\n']);
  // GBK declared, GB18030 bytes ('国家安全部').
  const gbk = Buffer.concat([Buffer.from('<!DOCTYPE html><html><head><meta charset="gbk"></head><body><p>'), Buffer.from('b9fabcd2b0b2c8abb2bf', 'hex'), Buffer.from('</p></body></html>')]);
  assert.deepEqual(
    await read(gbk).then((d) => [d.encoding, d.text]),
    ['gbk', '国家安全部\n'],
  );
});

test('30,000 nested elements: read without overflowing the stack, Readability skipped', async () => {
  // Readability (and linkedom under it) recurse once per level and overflow the stack at a few thousand.
  const html = page('<title>Deep</title>', `${'<div>'.repeat(30_000)}Deep text.${'</div>'.repeat(30_000)}`);
  const started = Date.now();
  const doc = await read(html);
  assert.equal(doc.text, 'Deep text.\n');
  assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
});

test('a page that takes too long is stopped (the parser is quadratic in nesting depth)', async () => {
  const saved = HTML_WORKER_LIMITS.timeoutMs;
  HTML_WORKER_LIMITS.timeoutMs = 1_000;
  try {
    const html = page('', `${'<b>'.repeat(400_000)}x`);
    const started = Date.now();
    assert.equal(await refusal(read(html)), 'HTML took too long: stopped after 1 s, the most greyzone gives one document');
    assert.ok(Date.now() - started < 3_000);
  } finally {
    HTML_WORKER_LIMITS.timeoutMs = saved;
  }
});

test('a page too large for the worker\'s heap is refused, not fatal to the process', async () => {
  const saved = { ...HTML_WORKER_LIMITS };
  Object.assign(HTML_WORKER_LIMITS, { heapMb: 64, growthMb: 1024 });
  try {
    const html = page('', '<p><span>word</span> <b>bold</b> <a href="#">link</a></p>\n'.repeat(60_000));
    assert.match(await refusal(read(html)), /^HTML needs too much memory: /);
  } finally {
    Object.assign(HTML_WORKER_LIMITS, saved);
  }
  assert.equal((await read(page('', '<p>Fine again.</p>'))).text, 'Fine again.\n');
});
