/**
 * Alerts: what changed in the watchlists' hits, newest first — new ones to look at, and those
 * already acknowledged. Each says which row, which entity, what changed, and the words of the
 * sources that caused it.
 */
import { api } from '../api.ts';
import { entityHref, fill, h, sourceHref } from '../dom.ts';
import type { ViewContext } from '../main.ts';
import { refreshAlertCount } from '../main.ts';

export interface Alert {
  watchlist: string;
  watchlist_name: string;
  n: number;
  row: number;
  query: string;
  entity: string;
  entity_name: string;
  change: 'new' | 'changed' | 'withdrawn';
  before: { statement?: string; role?: string } | null;
  after: { statement?: string; role?: string; score?: number } | null;
  claims: { id: string; quote: string; source: string; standing: string }[];
  raised_at: string;
  status: 'new' | 'acknowledged';
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

const CHANGE = { new: 'New hit', changed: 'Hit changed', withdrawn: 'Hit withdrawn' } as const;

export function alertItem(a: Alert, showList = true): HTMLElement {
  const li = h('li', { class: `alert-item ${a.status}` });
  const ack = h('button', { type: 'button', onclick: async () => {
    await api(`/watchlists/${encodeURIComponent(a.watchlist)}/alerts/${a.n}/acknowledge`, { method: 'POST' });
    li.classList.replace('new', 'acknowledged');
    ack.replaceWith(h('span', { class: 'muted' }, 'acknowledged'));
    void refreshAlertCount();
  } }, 'Acknowledge');
  fill(
    li,
    h('strong', {}, `${CHANGE[a.change]}: `),
    `row ${a.row} “${a.query}” → `,
    h('a', { href: entityHref(a.entity) }, a.entity_name),
    showList ? [' in ', h('a', { href: `/watchlists/${encodeURIComponent(a.watchlist)}` }, a.watchlist_name)] : null,
    h('br'),
    h('small', {}, a.change === 'withdrawn' ? `No longer a hit${a.before?.statement ? ` (it was: ${a.before.statement})` : ''}.` : `${a.after?.role?.replace(/-/g, ' ') ?? ''}: ${a.after?.statement ?? ''}${a.change === 'changed' && a.before?.statement ? ` (was: ${a.before.statement})` : ''}`),
    a.claims.slice(0, 3).map((c) => h('blockquote', {}, h('small', {}, `“${c.quote}” — `, h('a', { href: sourceHref(c.source, c.id) }, c.source), ` (${c.standing})`))),
    h('small', { class: 'muted' }, `Raised ${new Date(a.raised_at).toLocaleString()}${a.acknowledged_by ? ` · acknowledged by ${a.acknowledged_by}` : ''} `),
    a.status === 'new' ? ack : null,
  );
  return li;
}

export default async function alerts(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const status = ctx.query.get('status') === 'acknowledged' ? 'acknowledged' : 'new';
  const list = ctx.query.get('watchlist');
  const params = new URLSearchParams({ status, ...(list ? { watchlist: list } : {}) });
  const { items } = await api<{ items: Alert[] }>(`/alerts?${params}`);
  const tab = (s: string, label: string) => (s === status ? h('strong', {}, label) : h('a', { href: `/alerts?status=${s}${list ? `&watchlist=${encodeURIComponent(list)}` : ''}` }, label));
  fill(
    root,
    h('h1', {}, 'Alerts'),
    h('p', {}, 'A watchlist’s hit that appeared, changed or was withdrawn when the atlas changed, with the claims that caused it. ', tab('new', 'New'), ' · ', tab('acknowledged', 'Acknowledged'), list ? [' · ', h('a', { href: '/alerts' }, 'every watchlist')] : null),
    items.length ? h('ul', { class: 'alerts' }, items.map((a) => alertItem(a))) : h('p', { class: 'muted' }, status === 'new' ? 'No new alerts.' : 'No acknowledged alerts.'),
  );
}
