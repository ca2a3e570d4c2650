/**
 * The approach matrix: tactics as columns, their techniques beneath (sub-techniques indented under
 * their parent), each cell coloured by the number of documented cases that record it. Choosing a
 * case or an actor marks the techniques that case records or that actor uses, and dims the rest.
 */
import { api } from '../api.ts';
import { clear, entityHref, h } from '../dom.ts';

interface Cell {
  id: string;
  name: string;
  cases: string[];
  actors: string[];
  /** Set only when a case or an actor is chosen. */
  selected?: boolean;
  subtechniques: Cell[];
}
interface MatrixData {
  columns: { tactic: { id: string; name: string; description?: string }; techniques: Cell[] }[];
  cases: { id: string; title: string }[];
}
interface EntityList {
  total: number;
  items: { id: string; kind: string; name: string }[];
}

/** The kinds that can be an actor, with the heading of their group in the list. */
const ACTOR_KINDS: [kind: string, label: string][] = [
  ['organisation', 'Organisations'],
  ['person', 'People'],
  ['intrusion-set', 'Intrusion sets'],
];

/** Heat steps, white → red; the CSS classes `heat-0` … `heat-4` hold the colours. */
const STEPS = 4;
function heatStep(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(STEPS, Math.max(1, Math.ceil((count / max) * STEPS)));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default async function matrix(root: HTMLElement, ctx: { params: string[]; query: URLSearchParams }): Promise<void> {
  const caseId = ctx.query.get('case') ?? '';
  const actorId = caseId ? '' : (ctx.query.get('actor') ?? '');
  const q = caseId ? `?case=${encodeURIComponent(caseId)}` : actorId ? `?actor=${encodeURIComponent(actorId)}` : '';
  const [data, ...actorLists] = await Promise.all([
    api<MatrixData>(`/matrix${q}`),
    ...ACTOR_KINDS.map(([kind]) => api<EntityList>(`/entities?kind=${encodeURIComponent(kind)}&limit=1000`)),
  ]);
  document.title = 'Approach matrix — greyzone';

  /** Re-renders this view for a new choice, keeping focus on the control that changed. */
  const choose = async (href: string, focusId: string) => {
    history.pushState(null, '', href);
    clear(root);
    root.setAttribute('aria-busy', 'true');
    try {
      await matrix(root, { params: [], query: new URL(href, window.location.origin).searchParams });
    } finally {
      root.removeAttribute('aria-busy');
    }
    document.getElementById(focusId)?.focus();
  };

  const caseSelect = h(
    'select',
    { id: 'matrix-case', name: 'case' },
    h('option', { value: '' }, '— no case —'),
    data.cases.map((c) => h('option', { value: c.id, selected: c.id === caseId }, c.title)),
  );
  const actorSelect = h(
    'select',
    { id: 'matrix-actor', name: 'actor' },
    h('option', { value: '' }, '— no actor —'),
    ACTOR_KINDS.map(([, label], i) =>
      h(
        'optgroup',
        { label },
        [...(actorLists[i]?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((e) => h('option', { value: e.id, selected: e.id === actorId }, e.name)),
      ),
    ),
  );
  caseSelect.addEventListener('change', () => void choose(caseSelect.value ? `/matrix?case=${encodeURIComponent(caseSelect.value)}` : '/matrix', 'matrix-case'));
  actorSelect.addEventListener('change', () => void choose(actorSelect.value ? `/matrix?actor=${encodeURIComponent(actorSelect.value)}` : '/matrix', 'matrix-actor'));
  const form = h(
    'form',
    { class: 'matrix-choice', action: '/matrix', method: 'get', 'aria-label': 'Mark the techniques of a case or an actor' },
    h('div', {}, h('label', { for: 'matrix-case' }, 'Case'), caseSelect),
    h('span', { class: 'muted' }, 'or'),
    h('div', {}, h('label', { for: 'matrix-actor' }, 'Actor'), actorSelect),
  );
  form.addEventListener('submit', (e) => e.preventDefault());

  // Flatten each column: a parent technique, then its sub-techniques.
  const columns = data.columns.map((col) => ({
    tactic: col.tactic,
    cells: col.techniques.flatMap((t) => [{ cell: t, sub: false }, ...t.subtechniques.map((s) => ({ cell: s, sub: true }))]),
  }));
  const all = columns.flatMap((c) => c.cells.map((x) => x.cell));
  const max = Math.max(0, ...all.map((c) => c.cases.length));
  const rows = Math.max(0, ...columns.map((c) => c.cells.length));

  const chosenName = caseId
    ? (data.cases.find((c) => c.id === caseId)?.title ?? caseId)
    : actorId
      ? (actorLists.flatMap((l) => l.items).find((e) => e.id === actorId)?.name ?? actorId)
      : '';
  const choosing = Boolean(caseId || actorId);
  const selectedCount = all.filter((c) => c.selected === true).length;
  const markedText = caseId ? 'recorded in the chosen case' : 'used by the chosen actor';

  const cellView = (cell: Cell, sub: boolean): HTMLTableCellElement => {
    const step = heatStep(cell.cases.length, max);
    const classes = ['technique', `heat-${step}`, sub ? 'sub' : ''];
    if (cell.selected === true) classes.push('selected');
    else if (choosing) classes.push('dimmed');
    return h(
      'td',
      { class: classes.filter(Boolean).join(' '), 'data-technique': cell.id, 'data-cases': String(cell.cases.length) },
      h(
        'a',
        { href: entityHref(cell.id) },
        cell.selected === true ? h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓ ') : null,
        h('span', { class: 'tid' }, cell.id),
        ' ',
        h('span', { class: 'tname' }, cell.name),
        ' ',
        h('span', { class: 'tcount' }, plural(cell.cases.length, 'case', 'cases')),
        cell.selected === true ? h('span', { class: 'visually-hidden' }, ` (${markedText})`) : null,
      ),
    );
  };

  const table = h(
    'table',
    { class: 'matrix' },
    h(
      'caption',
      {},
      `Approach matrix: ${columns.length} tactics as columns, ${all.length} techniques beneath them (sub-techniques indented), coloured by the number of documented cases.`,
      choosing ? ` Marked ✓: the ${plural(selectedCount, 'technique', 'techniques')} ${markedText}, ${chosenName}; the others are dimmed.` : '',
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col', title: c.tactic.description }, h('span', { class: 'tactic-name' }, c.tactic.name), h('span', { class: 'tactic-id' }, c.tactic.id))),
      ),
    ),
    h(
      'tbody',
      {},
      Array.from({ length: rows }, (_, r) =>
        h(
          'tr',
          {},
          columns.map((c) => {
            const x = c.cells[r];
            return x ? cellView(x.cell, x.sub) : h('td', { class: 'empty' });
          }),
        ),
      ),
    ),
  );
  table.addEventListener('keydown', (e) => arrowKeys(table, e));

  root.append(
    h('h1', {}, 'Approach matrix'),
    h(
      'p',
      { class: 'muted' },
      'The approaches the atlas documents, by tactic. Each technique shows how many documented cases record it; choose a case or an actor to mark the techniques it records or uses. Arrow keys move between techniques.',
    ),
    form,
    h('p', { class: 'matrix-status', role: 'status' }, choosing ? [`${plural(selectedCount, 'technique', 'techniques')} ${markedText}: `, h('strong', {}, chosenName), '.'] : null),
    legend(max, choosing, markedText),
    h('div', { class: 'matrix-scroll', role: 'region', 'aria-label': 'Approach matrix table', tabindex: '0' }, table),
  );
}

function legend(max: number, choosing: boolean, markedText: string): HTMLElement {
  const ranges: { step: number; from: number; to: number }[] = [{ step: 0, from: 0, to: 0 }];
  for (let n = 1; n <= max; n++) {
    const step = heatStep(n, max);
    const last = ranges[ranges.length - 1]!;
    if (last.step === step) last.to = n;
    else ranges.push({ step, from: n, to: n });
  }
  const label = (r: { from: number; to: number }) => (r.from === r.to ? plural(r.from, 'case', 'cases') : `${r.from}–${r.to} cases`);
  return h(
    'div',
    { class: 'matrix-legend' },
    h('h2', { id: 'matrix-legend-heading' }, 'Legend'),
    h(
      'ul',
      { class: 'heat-legend', 'aria-labelledby': 'matrix-legend-heading' },
      ranges.map((r) => h('li', {}, h('span', { class: `heat-swatch heat-${r.step}`, 'aria-hidden': 'true' }), `${label(r)} recording the technique`)),
      choosing
        ? [
            h('li', {}, h('span', { class: 'heat-swatch selected-swatch', 'aria-hidden': 'true' }, '✓'), `Thick outline and ✓: ${markedText}`),
            h('li', {}, h('span', { class: 'heat-swatch dimmed-swatch', 'aria-hidden': 'true' }), 'Faded: not ' + markedText),
          ]
        : null,
    ),
    h('p', { class: 'muted' }, 'The colour deepens from white to red with the number of cases; the number is also written in each cell. A parent technique counts the cases of its sub-techniques too.'),
  );
}

/** Arrow keys move focus between the links of neighbouring cells, skipping empty ones. */
function arrowKeys(table: HTMLTableElement, e: KeyboardEvent): void {
  const deltas: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const d = deltas[e.key];
  const cell = (e.target as Element).closest('td');
  if (!d || !cell || e.altKey || e.ctrlKey || e.metaKey) return;
  const rows = [...table.tBodies[0]!.rows];
  let r = rows.indexOf(cell.parentElement as HTMLTableRowElement);
  let c = cell.cellIndex;
  for (;;) {
    r += d[0];
    c += d[1];
    const target = rows[r]?.cells[c];
    if (!target) return;
    const a = target.querySelector('a');
    if (a) {
      e.preventDefault();
      a.focus();
      return;
    }
    // Moving sideways onto an empty cell: take the last technique of that column.
    if (d[1] !== 0) {
      for (let up = r - 1; up >= 0; up--) {
        const above = rows[up]?.cells[c]?.querySelector('a');
        if (above) {
          e.preventDefault();
          above.focus();
          return;
        }
      }
    }
  }
}
