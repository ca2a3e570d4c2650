/**
 * The approach matrix: tactics as columns, their techniques beneath (sub-techniques indented under
 * their parent), each cell coloured by the number of documented cases that record it. Choosing a
 * case or an actor marks the techniques that case or actor used — the server decides which, by the
 * one rule of src/atlas/matrix.ts that the Navigator layer follows too — and dims the rest. The
 * layer of the current selection can be downloaded.
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
  /** Only the bodies that used a technique. */
  actors: { id: string; kind: string; name: string }[];
}

/** The heading of each kind's group in the Actor menu, in this order; other kinds follow under their own name. */
const ACTOR_GROUPS: [kind: string, label: string][] = [
  ['organisation', 'Organisations'],
  ['person', 'People'],
  ['intrusion-set', 'Intrusion sets'],
  ['operation', 'Operations'],
  ['programme', 'Programmes'],
  ['country', 'Countries'],
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
  const data = await api<MatrixData>(`/matrix${q}`);
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
    actorGroups(data.actors).map(([label, items]) =>
      h(
        'optgroup',
        { label },
        items.map((e) => h('option', { value: e.id, selected: e.id === actorId }, e.name)),
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
  /** A technique under two tactics is one technique: counts are of distinct ids, never of cells. */
  const distinct = (cells: Cell[]) => new Set(cells.map((c) => c.id)).size;
  const max = Math.max(0, ...all.map((c) => c.cases.length));
  const rows = Math.max(0, ...columns.map((c) => c.cells.length));

  const chosenName = caseId
    ? (data.cases.find((c) => c.id === caseId)?.title ?? caseId)
    : actorId
      ? (data.actors.find((e) => e.id === actorId)?.name ?? actorId)
      : '';
  const choosing = Boolean(caseId || actorId);
  const selectedCount = distinct(all.filter((c) => c.selected === true));
  const markedText = caseId ? 'used in the chosen case' : 'used by the chosen actor';

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
      `Approach matrix: ${columns.length} tactics as columns, ${distinct(all)} techniques beneath them (sub-techniques indented), coloured by the number of documented cases.`,
      choosing ? ` Marked ✓: the ${plural(selectedCount, 'technique', 'techniques')} ${markedText}, ${chosenName}; the others are dimmed.` : '',
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => {
          const th = h('th', { scope: 'col', title: c.tactic.description }, h('span', { class: 'tactic-name' }, c.tactic.name), h('span', { class: 'tactic-id' }, c.tactic.id));
          // Equal columns, but never narrower than a word: a heading wraps between words only (style.css).
          // Set through the CSSOM, which the app's content security policy allows, unlike a style attribute.
          th.style.width = `${(100 / columns.length).toFixed(3)}%`;
          return th;
        }),
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
    h(
      'p',
      { class: 'matrix-download' },
      h('a', { href: `/api/export/navigator${q}`, download: `greyzone-matrix${caseId ? `-${caseId}` : actorId ? `-${actorId}` : ''}.layer.json`, class: 'download', id: 'matrix-layer' }, choosing ? `Download the ATT&CK Navigator layer of ${chosenName}` : 'Download as an ATT&CK Navigator layer'),
      ' ',
      h('span', { class: 'muted' }, '(layer format 4.5; load ', h('a', { href: '/api/export/matrix-bundle', download: 'greyzone-matrix.stix.json' }, 'the matrix bundle'), ' in Navigator as custom data)'),
    ),
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
    h('p', { class: 'muted' }, 'The colour deepens from white to red with the number of cases; the number is also written in each cell. A parent technique counts the cases of its sub-techniques too, and is marked when a chosen case or actor used one of them.'),
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

/** The actors grouped by kind under their headings, each group sorted by name. */
function actorGroups(actors: MatrixData['actors']): [label: string, items: MatrixData['actors']][] {
  const order = ACTOR_GROUPS.map(([kind]) => kind);
  const kinds = [...new Set(actors.map((a) => a.kind))].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  return kinds.map((kind) => [
    ACTOR_GROUPS.find(([k]) => k === kind)?.[1] ?? kind,
    actors.filter((a) => a.kind === kind).sort((a, b) => a.name.localeCompare(b.name)),
  ]);
}

function rank(order: string[], kind: string): number {
  const i = order.indexOf(kind);
  return i < 0 ? order.length : i;
}
