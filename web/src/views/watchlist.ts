/**
 * One watchlist: its rows with their current matches (hits first if asked), its alerts as its
 * history, and where its alerts are sent.
 */
import { api } from '../api.ts';
import { entityHref, fill, h } from '../dom.ts';
import type { ViewContext } from '../main.ts';
import { alertItem, type Alert } from './alerts.ts';
import type { Watchlist } from './watchlists.ts';

interface KeptMatch {
  id: string;
  name: string;
  kind: string;
  score: number;
  matched_name: string;
  role: string;
  role_because: string;
  standing: string | null;
  statement: string;
  namesake: string | null;
  alert: boolean;
}
interface Row {
  row: number;
  cells: Record<string, string>;
  result: { matches: KeptMatch[]; alert: boolean; error?: string; warnings?: string[] };
  hit: boolean;
}

const PAGE = 100;

function matchText(m: KeptMatch): (Node | string)[] {
  return [
    h('strong', {}, m.alert ? 'Hit: ' : m.namesake ? 'Possible namesake: ' : 'Not a hit: '),
    h('a', { href: entityHref(m.id) }, m.name),
    ` — ${m.score.toFixed(2)}, ${m.role.replace(/-/g, ' ')}; ${m.statement}`,
  ];
}

export default async function watchlist(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const id = ctx.params[0]!;
  const hitsOnly = ctx.query.get('hits') === '1';
  const offset = Math.max(0, Number(ctx.query.get('offset') ?? 0) || 0);
  const [{ watchlist: w, rows }, { items: alerts }] = await Promise.all([
    api<{ watchlist: Watchlist; rows: Row[] }>(`/watchlists/${encodeURIComponent(id)}?offset=${offset}&limit=${PAGE}${hitsOnly ? '&hits=1' : ''}`),
    api<{ items: Alert[] }>(`/alerts?watchlist=${encodeURIComponent(id)}&limit=50`),
  ]);
  const total = hitsOnly ? w.hits : w.row_count;
  const page = (at: number, hits = hitsOnly) => `/watchlists/${encodeURIComponent(id)}?offset=${at}${hits ? '&hits=1' : ''}`;
  fill(
    root,
    h('h1', {}, w.name),
    h('p', {}, `${w.row_count} rows, ${w.hits} with a hit · screened against TLP:${w.clearance.toUpperCase()} · owner ${w.owner} · added ${new Date(w.created_at).toLocaleString()}, last re-screened ${new Date(w.screened_at).toLocaleString()}`),
    w.webhook
      ? h('p', { class: w.webhook.failed || w.webhook.last_error ? 'warning' : 'muted' }, `Alerts are sent to ${w.webhook.url}: ${w.webhook.delivered} delivered, ${w.webhook.pending} waiting, ${w.webhook.failed} failed${w.webhook.last_error ? ` — last error: ${w.webhook.last_error}` : ''}.`)
      : null,
    h('h2', {}, `Alerts${w.new_alerts ? ` (${w.new_alerts} new)` : ''}`),
    alerts.length ? h('ul', { class: 'alerts' }, alerts.map((a) => alertItem(a, false))) : h('p', { class: 'muted' }, 'No alerts yet: nothing learned since the list was added has changed a hit.'),
    h('h2', {}, 'Rows'),
    h('p', {}, hitsOnly ? h('a', { href: page(0, false) }, 'Show every row') : h('a', { href: page(0, true) }, 'Show only the rows with a hit')),
    h(
      'table',
      { class: 'watchlist-rows' },
      h('thead', {}, h('tr', {}, ['Row', 'Name', 'Current matches'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            { class: r.hit ? 'hit' : '' },
            h('td', {}, String(r.row)),
            h('td', {}, r.cells.name ?? '', r.cells.affiliation ? h('small', { class: 'muted' }, ` (${r.cells.affiliation})`) : null),
            h(
              'td',
              {},
              r.result.error
                ? h('span', { class: 'error' }, r.result.error)
                : r.result.matches.length
                  ? h('ul', {}, r.result.matches.map((m) => h('li', {}, matchText(m))))
                  : h('span', { class: 'muted' }, 'not in the atlas (not covered, which is not cleared)'),
            ),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'pager' },
      offset > 0 ? h('a', { href: page(Math.max(0, offset - PAGE)) }, '← Previous') : null,
      ` Rows ${Math.min(total, offset + 1)}–${Math.min(total, offset + rows.length)} of ${total} `,
      offset + PAGE < total ? h('a', { href: page(offset + PAGE) }, 'Next →') : null,
    ),
  );
}
