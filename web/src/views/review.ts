/**
 * The review page: the documents ingestion stored as drafts (`greyzone ingest`), with how many of
 * their proposed claims wait for a decision.
 */
import { api } from '../api.ts';
import { fill, h } from '../dom.ts';

interface DocumentSummary {
  sha256: string;
  name: string;
  title: string | null;
  date: string | null;
  tlp: string;
  ingested_at: string;
  counts: { proposed: number; accepted: number; rejected: number; merged: number };
}

export default async function review(root: HTMLElement): Promise<void> {
  const { items } = await api<{ items: DocumentSummary[] }>('/documents');
  document.title = 'Review — greyzone';
  fill(
    root,
    h('h1', {}, 'Review'),
    h('p', { class: 'muted' }, 'Documents read by ', h('code', {}, 'greyzone ingest'), '. Extraction proposes; nothing joins the atlas until an analyst accepts it, and every decision can be undone.'),
    items.length
      ? h(
          'table',
          { class: 'documents' },
          h('thead', {}, h('tr', {}, ['Document', 'Date', 'Waiting', 'Accepted', 'Merged', 'Rejected', 'Ingested'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            items.map((d) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `/review/${d.sha256}` }, d.title ?? d.name), h('span', { class: 'muted' }, ` ${d.name}`)),
                h('td', {}, d.date ?? ''),
                h('td', {}, d.counts.proposed),
                h('td', {}, d.counts.accepted),
                h('td', {}, d.counts.merged),
                h('td', {}, d.counts.rejected),
                h('td', {}, d.ingested_at.slice(0, 10)),
              ),
            ),
          ),
        )
      : h('p', {}, 'No documents yet. Ingest some with ', h('code', {}, 'greyzone ingest FILE|DIR'), '.'),
  );
}
