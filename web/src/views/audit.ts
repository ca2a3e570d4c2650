/** The audit log (admins): every change to the store, oldest first, a page at a time. */
import { api } from '../api.ts';
import { fill, h } from '../dom.ts';
import type { ViewContext } from '../main.ts';
import { tlpBadge } from '../claims.ts';

interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  tlp: string;
  before: unknown;
  after: unknown;
}

const PAGE = 100;

export default async function audit(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const after = Number(ctx.query.get('after') ?? 0) || 0;
  const { items, next } = await api<{ items: AuditEntry[]; next: number | null }>(`/audit?after=${after}&limit=${PAGE}`);
  document.title = 'Audit log — greyzone';
  const change = (e: AuditEntry) =>
    e.before === null && e.after === null
      ? ''
      : h('details', {}, h('summary', {}, 'before and after'), h('pre', {}, JSON.stringify({ before: e.before, after: e.after }, null, 2)));
  fill(
    root,
    h('h1', {}, 'Audit log'),
    h('p', { class: 'muted' }, 'Every change to this store, who made it and when. The log is append-only; entries above your clearance are not listed.'),
    items.length
      ? h(
          'table',
          { class: 'audit' },
          h('thead', {}, h('tr', {}, ['#', 'When (UTC)', 'Who', 'What', 'Record or account', 'Change'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, items.map((e) => h('tr', {}, h('td', {}, e.id), h('td', {}, e.at.replace('T', ' ').slice(0, 19)), h('td', {}, e.actor), h('td', {}, e.action, ' ', tlpBadge(e.tlp)), h('td', {}, e.target), h('td', {}, change(e))))),
        )
      : h('p', {}, 'No entries.'),
    next !== null ? h('p', {}, h('a', { href: `/audit?after=${next}` }, 'Next page')) : null,
  );
}
