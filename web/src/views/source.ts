/**
 * A source's page: its provenance and its whole text, with every quoted span marked plainly; the
 * claim the page was opened for (`/source/<id>?claim=<claim id>`) has its quote — exactly its span,
 * no more and no less — set apart in a style of its own and scrolled into view.
 *
 * Claim offsets count Unicode code points (src/model/claim.ts), while JavaScript strings index
 * UTF-16 code units: a character outside the Basic Multilingual Plane (𠮷, most emoji) is one code
 * point but two units. So the text is split into code points once, and every span is cut from that.
 */
import { api, type Claim } from '../api.ts';
import { entityHref, h, fill } from '../dom.ts';

interface SourceView {
  source: { id: string; title: string; publisher: string; url: string; published: string; licence: string; fragment: boolean; reliability: string; credibility: number };
  text: string;
  claims: Claim[];
}

/** A stretch of text quoted by one or more claims other than the linked one. */
interface Quoted {
  start: number;
  end: number;
  records: string[];
}

/** The spans of the claims, merged where they overlap or touch, in text order. */
function quotedStretches(claims: { start: number; end: number; record: string }[]): Quoted[] {
  const out: Quoted[] = [];
  for (const c of [...claims].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = out[out.length - 1];
    if (last && c.start <= last.end) {
      last.end = Math.max(last.end, c.end);
      if (!last.records.includes(c.record)) last.records.push(c.record);
    } else out.push({ start: c.start, end: c.end, records: [c.record] });
  }
  return out;
}

function quotedBy(records: string[]): string {
  const shown = records.slice(0, 6).join(', ');
  return `quoted by ${shown}${records.length > 6 ? ` and ${records.length - 6} more` : ''}`;
}

export default async function source(root: HTMLElement, ctx: { params: string[]; query: URLSearchParams }): Promise<void> {
  const v = await api<SourceView>(`/sources/${encodeURIComponent(ctx.params[0]!)}`);
  const chars = Array.from(v.text); // code points, as the offsets count them
  const cut = (from: number, to: number) => chars.slice(from, to).join('');
  const inText = (c: Claim) => Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.start < c.end && c.end <= chars.length;
  const current = ctx.query.get('claim');
  const target = v.claims.find((c) => c.id === current && inText(c));
  const others = quotedStretches(v.claims.filter((c) => c !== target && inText(c)));

  /** The text in [from, to) with the other claims' stretches marked plainly (cut at the edges). */
  const plain = (from: number, to: number): (Node | string)[] => {
    const parts: (Node | string)[] = [];
    let at = from;
    for (const q of others) {
      if (q.end <= from || q.start >= to) continue;
      const start = Math.max(q.start, from);
      const end = Math.min(q.end, to);
      if (start > at) parts.push(cut(at, start));
      parts.push(h('mark', { title: quotedBy(q.records) }, cut(start, end)));
      at = end;
    }
    if (at < to) parts.push(cut(at, to));
    return parts;
  };

  const text = h('div', { class: 'source-text', lang: v.source.id.startsWith('src-de') ? 'de' : 'en' });
  let focusMark: HTMLElement | undefined;
  if (target) {
    // The linked quote is one element holding exactly its words; other quotes inside it are not painted over it.
    focusMark = h('mark', { class: 'current', id: 'quote', tabindex: '-1', title: `the quote of the claim you followed, of ${target.record}`, 'data-claim': target.id }, cut(target.start, target.end));
    fill(text, plain(0, target.start), focusMark, plain(target.end, chars.length));
  } else fill(text, plain(0, chars.length));

  const s = v.source;
  document.title = `${s.title} — greyzone`;
  fill(
    root,
    h('h1', {}, s.title),
    h('p', { class: 'muted' }, `${s.publisher} · ${s.published} · Admiralty ${s.reliability}${s.credibility}${s.fragment ? ' · fragment: only part of the document is carried' : ''}`),
    h('p', {}, /^https?:\/\//i.test(s.url) ? h('a', { href: s.url, rel: 'noreferrer' }, s.url) : s.url),
    h('p', { class: 'muted' }, `Licence: ${s.licence}`),
    target
      ? h('p', { role: 'status', class: 'source-current' }, h('span', { class: 'current-swatch', 'aria-hidden': 'true' }), 'The outlined words are the quote of the claim you followed, a claim of ', h('a', { href: entityHref(target.record) }, target.record), `: “${target.quote}”. Other quoted words are marked plainly.`)
      : current
        ? h('p', { role: 'status' }, v.claims.some((c) => c.id === current) ? `The span of claim ${current} does not fall within the text carried here.` : `The claim ${current} is not among the claims that quote this source.`)
        : null,
    text,
  );
  if (focusMark) {
    focusMark.scrollIntoView({ block: 'center' });
    focusMark.focus({ preventScroll: true });
  }
}
