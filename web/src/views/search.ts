/** Search results: records by any of their names, and claims by the words of their quotes. */
import { api } from '../api.ts';
import { entityHref, h, fill } from '../dom.ts';

interface Hits {
  names: { id: string; kind: string; name: string; matched_name: string; match: string }[];
  quotes: { id: string; kind: string; text: string }[];
}

export default async function search(root: HTMLElement, ctx: { query: URLSearchParams }): Promise<void> {
  const q = ctx.query.get('q')?.trim() ?? '';
  (document.getElementById('q') as HTMLInputElement).value = q;
  if (!q) {
    root.append(h('h1', {}, 'Search'), h('p', {}, 'Type a name in English, in Chinese characters or in pinyin.'));
    return;
  }
  const r = await api<Hits>(`/search?q=${encodeURIComponent(q)}`);
  fill(root,
    h('h1', {}, `Search: ${q}`),
    r.names.length || r.quotes.length ? null : h('p', {}, 'Nothing in the atlas is named or quoted like that.'),
    r.names.length
      ? [h('h2', {}, 'Names'), h('ul', { class: 'results' }, r.names.map((n) => h('li', {}, h('a', { href: entityHref(n.id) }, n.name), h('span', { class: 'muted' }, ` — ${n.kind}${n.matched_name !== n.name ? `, as “${n.matched_name}”` : ''}`))))]
      : null,
    r.quotes.length ? [h('h2', {}, 'In claims'), h('ul', {}, r.quotes.map((x) => h('li', {}, h('a', { href: entityHref(x.id) }, x.id), ` — “${x.text}”`)))] : null,
  );
}
