/**
 * @module documents/html-extract
 * The article in a web page, without the page around it. Readability (Firefox's reader view) finds the
 * main content over a linkedom DOM, which parses but never runs scripts or fetches anything; the
 * article's block elements become paragraphs. When the page does not look like an article, or is too
 * big or too deep for Readability, or Readability finds nothing, the whole page is used minus the usual
 * furniture (navigation, header, footer, asides, forms). Metadata is read before Readability runs, because it rewrites the document as it
 * goes. This runs inside a document worker (worker.ts, sandbox.ts), where a timeout and memory limits
 * can stop it.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Extracted } from './content.ts';
import { isoDate } from './dates.ts';
import { DocumentError } from './error.ts';
import type { HtmlJob } from './sandbox.ts';
import { httpUrl } from './text.ts';
import { tidyText } from './tidy.ts';

/** The little of the DOM this module uses (the project compiles without the DOM library). */
interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface DomDocument extends DomNode {
  title: string;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT = 1;
const TEXT = 3;

/** Never text: code, styling, embedded objects, form controls. */
const NEVER_TEXT = ['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select', 'button', 'input', 'textarea'];
/** Page furniture, never part of an article even when Readability leaves it in. */
const FURNITURE = ['nav', 'footer', 'aside', 'form', 'dialog', 'menu'];
/** Dropped when the page is read without Readability, which keeps an article's own <header> (its headline). */
const MORE_FURNITURE = ['header'];
const IN_ARTICLE = new Set([...NEVER_TEXT, ...FURNITURE]);
const IN_PAGE = new Set([...NEVER_TEXT, ...FURNITURE, ...MORE_FURNITURE]);

/** Elements that start and end a paragraph. */
const BLOCKS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'aside', 'center', 'legend', 'option',
]);

/**
 * Beyond these, Readability is skipped and the page read whole (minus furniture). Its work grows with
 * the cube of the nesting depth (400 levels take 0.7 s, 1,000 take 15 s) and linearly with the number
 * of elements (100,000 take about 2 s); real pages stay far below both.
 */
const READABILITY_MAX_DEPTH = 256;
const READABILITY_MAX_ELEMENTS = 100_000;

function hidden(el: DomElement): boolean {
  return el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || /display\s*:\s*none/i.test(el.getAttribute('style') ?? '');
}

/** How many elements are under `root` and how deep they nest, counted without recursion. */
function measure(root: DomNode): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    depth = Math.max(depth, level);
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== ELEMENT) continue;
      elements++;
      stack.push([child, level + 1]);
    }
  }
  return { elements, depth };
}

/**
 * The text inside `root` as paragraphs: one per block element, lines kept where <br> puts them, cells
 * of a table row separated by tabs, white space collapsed except inside <pre>. Iterative, so deeply
 * nested markup cannot overflow the stack.
 */
export function blockText(root: DomNode, skip: ReadonlySet<string>): string {
  const paragraphs: string[] = [];
  let current = '';
  let pre = 0;
  const flush = () => {
    // Preformatted text keeps its indentation; elsewhere the edges of each line are layout.
    const paragraph = pre > 0 ? current.replace(/^\n+|\s+$/g, '') : current.split('\n').map((line) => line.trim()).join('\n').trim();
    if (paragraph) paragraphs.push(paragraph);
    current = '';
  };
  // Each entry is a node to enter, or the closing of an element to leave.
  const stack: (DomNode | { leave: string })[] = Array.from(root.childNodes).reverse();
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if ('leave' in entry) {
      if (BLOCKS.has(entry.leave)) flush();
      if (entry.leave === 'pre') pre--;
      continue;
    }
    if (entry.nodeType === TEXT) {
      const text = entry.nodeValue ?? '';
      current += pre > 0 ? text : text.replace(/[ \t\n\r\f]+/g, ' ');
      continue;
    }
    if (entry.nodeType !== ELEMENT) continue;
    const el = entry as DomElement;
    const tag = el.localName.toLowerCase();
    if (skip.has(tag) || hidden(el)) continue;
    if (tag === 'br') {
      current += '\n';
      continue;
    }
    if (BLOCKS.has(tag)) flush();
    if ((tag === 'td' || tag === 'th') && current.trim() !== '') current += '\t';
    if (tag === 'pre') pre++;
    stack.push({ leave: tag });
    // childNodes is rebuilt on every access in linkedom: read it once.
    const children = Array.from(el.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  flush();
  return paragraphs.join('\n\n');
}

/** Content of the first <meta> whose name or property is one of `keys` (in the order of `keys`). */
function metaContent(doc: DomDocument, keys: readonly string[]): string | null {
  const found = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (content && keys.includes(key) && !found.has(key)) found.set(key, content);
  }
  for (const key of keys) if (found.has(key)) return found.get(key)!;
  return null;
}

function canonicalUrl(doc: DomDocument): string | null {
  for (const el of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const rel = (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const url = rel.includes('canonical') ? httpUrl(el.getAttribute('href')) : null;
    if (url) return url;
  }
  return httpUrl(metaContent(doc, ['og:url']));
}

/** The publication date the page states: article metadata, then generic date metadata, then <time>. */
function publicationDate(doc: DomDocument): string | null {
  const meta = isoDate(metaContent(doc, ['article:published_time'])) ?? isoDate(metaContent(doc, ['date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'citation_publication_date', 'datepublished']));
  if (meta) return meta;
  // A <time pubdate> is the article's own; otherwise the first <time> in the page is usually its dateline.
  const times = Array.from(doc.querySelectorAll('time[datetime]'));
  const time = times.find((t) => t.hasAttribute('pubdate')) ?? times[0];
  return isoDate(time?.getAttribute('datetime'));
}

const oneLine = (s: string | null | undefined) => s?.replace(/\s+/g, ' ').trim() || null;

/** linkedom copes with deep nesting when parsing, but not everywhere; a stack overflow is the page's fault. */
function parse(html: string): DomDocument {
  try {
    return parseHTML(html).document as DomDocument;
  } catch (error) {
    if (error instanceof RangeError) throw new DocumentError('unreadable HTML: elements are nested too deeply');
    throw error;
  }
}

export type HtmlContent = Omit<Extracted, 'encoding'>;

export function htmlText(html: string): HtmlContent {
  const doc = parse(html);
  const title = oneLine(doc.title) ?? oneLine(metaContent(doc, ['og:title']));
  const url = canonicalUrl(doc);
  const date = publicationDate(doc);

  // Readability's own element limit counts getElementsByTagName('*'), which linkedom answers with 0.
  const size = measure(doc);
  let article: ReturnType<Readability<DomElement>['parse']> = null;
  let rewritten = false;
  // Readability is for pages that look like an article; on others (a short notice, a list) it tends to
  // return the whole body, site header and all, which the furniture-free reading below does better.
  if (size.depth <= READABILITY_MAX_DEPTH && size.elements <= READABILITY_MAX_ELEMENTS && isProbablyReaderable(doc as never)) {
    rewritten = true;
    try {
      article = new Readability<DomElement>(doc as never, { serializer: (node) => node as unknown as DomElement }).parse();
    } catch {
      // Markup Readability trips on: read the whole page instead.
    }
  }
  let text = article?.content ? tidyText(blockText(article.content, IN_ARTICLE)) : '';
  if (text === '') {
    // Readability rewrites the document as it goes, so start again from the source; and from the
    // document itself, not <body>: linkedom leaves a fragment's text outside it.
    text = tidyText(blockText(rewritten ? parse(html) : doc, IN_PAGE));
  }
  return { title: oneLine(article?.title) ?? title, url, date: date ?? isoDate(article?.publishedTime), text, pages: [] };
}

export async function extract(job: HtmlJob): Promise<HtmlContent> {
  return htmlText(job.html);
}

export function failure(error: unknown): string {
  if (error instanceof DocumentError) return error.message;
  return `unreadable HTML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
}
