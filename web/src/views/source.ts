/**
 * A source's page: its provenance and its whole text, with every quoted span marked; the quote a
 * claim links to is highlighted and scrolled into view.
 */
import { api, type Claim } from '../api.ts';
import { entityHref, h, fill } from '../dom.ts';

interface SourceView {
  source: { id: string; title: string; publisher: string; url: string; published: string; licence: string; fragment: boolean; reliability: string; credibility: number };
  text: string;
  claims: Claim[];
}

export default async function source(root: HTMLElement, ctx: { params: string[]; query: URLSearchParams }): Promise<void> {
  const v = await api<SourceView>(`/sources/${encodeURIComponent(ctx.params[0]!)}`);
  const chars = Array.from(v.text); // offsets count code points
  const current = ctx.query.get('claim');
  const target = v.claims.find((c) => c.id === current);
  // Spans to mark: the linked claim's, and every other quoted span (merged where they overlap).
  const spans = [...new Map(v.claims.map((c) => [`${c.start}-${c.end}`, c])).values()].sort((a, b) => a.start - b.start);
  const text = h('div', { class: 'source-text', lang: v.source.id.startsWith('src-de') ? 'de' : 'en' });
  let at = 0;
  let focusMark: HTMLElement | undefined;
  for (const c of spans) {
    if (c.end <= at) continue;
    const start = Math.max(c.start, at);
    text.append(chars.slice(at, start).join(''));
    const isTarget = target !== undefined && c.start <= target.start && c.end >= target.end;
    const mark = h('mark', { class: isTarget ? 'current' : undefined, title: `quoted by ${c.record}`, id: isTarget ? 'quote' : undefined }, chars.slice(start, c.end).join(''));
    if (isTarget) focusMark = mark;
    text.append(mark);
    at = c.end;
  }
  text.append(chars.slice(at).join(''));
  const s = v.source;
  document.title = `${s.title} — greyzone`;
  fill(root,
    h('h1', {}, s.title),
    h('p', { class: 'muted' }, `${s.publisher} · ${s.published} · Admiralty ${s.reliability}${s.credibility}${s.fragment ? ' · fragment: only part of the document is carried' : ''}`),
    h('p', {}, /^https?:\/\//i.test(s.url) ? h('a', { href: s.url, rel: 'noreferrer' }, s.url) : s.url),
    h('p', { class: 'muted' }, `Licence: ${s.licence}`),
    target ? h('p', { role: 'status' }, 'The highlighted words are the quote of a claim of ', h('a', { href: entityHref(target.record) }, target.record), `: “${target.quote}”`) : null,
    text,
  );
  focusMark?.scrollIntoView({ block: 'center' });
}
