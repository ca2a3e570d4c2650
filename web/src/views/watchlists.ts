/**
 * Watchlists: the team's lists of names kept under watch, each with its rows, hits and new alerts,
 * and a form to add one from a CSV (the columns of name screening). A list is re-screened whenever
 * the atlas changes; what changes in its hits appears under Alerts.
 */
import { api } from '../api.ts';
import { fill, h } from '../dom.ts';
import { navigate } from '../main.ts';

export interface Watchlist {
  id: string;
  name: string;
  owner: string;
  clearance: string;
  threshold: number;
  row_count: number;
  hits: number;
  new_alerts: number;
  created_at: string;
  screened_at: string;
  webhook: { url: string; pending: number; failed: number; delivered: number; last_error: string | null } | null;
}

const TLP = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export default async function watchlists(root: HTMLElement): Promise<void> {
  const { items } = await api<{ items: Watchlist[] }>('/watchlists');
  const session = await api<{ account: { clearance: string } | null }>('/session');
  const mine = session.account?.clearance ?? 'red';
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const name = h('input', { id: 'watchlist-name', required: true, maxlength: '200', autocomplete: 'off' });
  const file = h('input', { id: 'watchlist-file', type: 'file', accept: '.csv,text/csv', required: true });
  const clearance = h('select', { id: 'watchlist-clearance' }, TLP.slice(0, TLP.indexOf(mine) + 1).map((t) => h('option', { value: t, selected: t === mine }, `TLP:${t.toUpperCase()}`)));
  fill(
    root,
    h('h1', {}, 'Watchlists'),
    h('p', {}, 'A watchlist is a list of names your team keeps under watch — partner institutions, visiting researchers, suppliers. It is screened when added and again after every change to the atlas (a review decision, an edit, an import); a hit that appears, changes or is withdrawn becomes an alert with the claims that caused it. A list is screened only against what its clearance covers.'),
    items.length
      ? h(
          'table',
          { class: 'watchlists' },
          h('thead', {}, h('tr', {}, ['Name', 'Rows', 'Hits', 'New alerts', 'Clearance', 'Owner', 'Last re-screened'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            items.map((w) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `/watchlists/${encodeURIComponent(w.id)}` }, w.name)),
                h('td', {}, String(w.row_count)),
                h('td', {}, String(w.hits)),
                h('td', {}, w.new_alerts ? h('a', { href: `/alerts?watchlist=${encodeURIComponent(w.id)}` }, String(w.new_alerts)) : '0'),
                h('td', {}, `TLP:${w.clearance.toUpperCase()}`),
                h('td', {}, w.owner),
                h('td', {}, new Date(w.screened_at).toLocaleString()),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No watchlists yet.'),
    h('h2', {}, 'Add a watchlist'),
    h(
      'form',
      {
        class: 'watchlist-add',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const f = file.files?.[0];
          if (!f) return;
          status.className = 'form-status';
          status.textContent = `Screening ${f.name}…`;
          try {
            const params = new URLSearchParams({ name: name.value, clearance: clearance.value });
            const w = await api<Watchlist>(`/watchlists?${params}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: f });
            navigate(`/watchlists/${encodeURIComponent(w.id)}`);
          } catch (err) {
            status.className = 'form-status error';
            status.setAttribute('role', 'alert');
            status.textContent = (err as Error).message;
          }
        },
      },
      h('label', { for: 'watchlist-name' }, 'Name '),
      name,
      h('label', { for: 'watchlist-file' }, ' CSV file (a name column; kind, country, affiliation, id optional) '),
      file,
      h('label', { for: 'watchlist-clearance' }, ' Screened against '),
      clearance,
      ' ',
      h('button', { type: 'submit' }, 'Add and screen'),
    ),
    status,
  );
}
