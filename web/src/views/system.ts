/**
 * The system view: the whole-of-society system drawn as its source describes it — one band per
 * group, the Party leadership on top, the services and party bodies beneath, then the state, the
 * instruments, the operations, the people and the targets abroad — every node a labelled box.
 * Clicking a node (or Enter on it) brings it forward with its neighbours and the relations'
 * labels, and opens its summary and claims beside the drawing; Escape returns. A part of the system
 * — a node's neighbourhood, grown by "expand", or the shortest documented chain between two — is
 * drawn by a layered layout with every relation labelled. The picture downloads as SVG or PNG.
 * Above LARGE_GRAPH nodes the view opens on an overview by group, which opens into groups, and
 * the whole can be drawn with WebGL.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3-zoom';
import { GROUP_NODE, NODE_PADDING, NODE_WIDTH, type SourcedDrawing } from '../../../src/drawing/drawing.ts';
import { SYSTEM_GROUPS } from '../../../src/model/display.ts';
import { drawingSvg, edgeLabelSvg } from '../../../src/drawing/svg.ts';
import { api } from '../api.ts';
import { clear, entityHref, fill, h } from '../dom.ts';
import { navigate } from '../main.ts';
import { svgDom } from '../svg.ts';
import type { GraphData } from './system-webgl.ts';
import { focusPanel, pathPanel } from './system-panel.ts';

type Scope = { around?: string; from?: string; to?: string; group?: string };

function scopeOf(q: URLSearchParams): Scope {
  const s: Scope = {};
  for (const k of ['around', 'from', 'to', 'group'] as const) {
    const v = q.get(k);
    if (v) s[k] = v;
  }
  return s;
}

const scopeQuery = (s: Scope) => new URLSearchParams(s as Record<string, string>).toString();

/** A colour sample; set through the CSSOM, which the Content Security Policy allows (style attributes it does not). */
function swatch(colour: string): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.background = colour;
  return el;
}

export default async function system(root: HTMLElement, ctx: { query: URLSearchParams }): Promise<void> {
  const scope = scopeOf(ctx.query);
  const part = Object.keys(scope).length > 0;
  // What to draw is the server's answer: the boxes of the scope, or, for too many nodes, an overview of its groups.
  const drawing = await api<SourcedDrawing>(`/graph/drawing?${scopeQuery(scope)}`);
  const large = drawing.overview !== undefined;
  const byId = new Map(drawing.nodes.map((n) => [n.id, n]));
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  const groups = SYSTEM_GROUPS.filter((g) => drawing.bands.some((b) => b.group === g.id));

  const container = h('div', { id: 'graph', role: 'region', 'aria-label': 'Drawing of the system; the list of every node follows below' });
  const panel = h('aside', { id: 'panel', 'aria-label': 'The selected node', hidden: true });
  const status = h('p', { class: 'graph-status', role: 'status', 'aria-live': 'polite' });
  const toolbar = h('div', { class: 'graph-toolbar' });
  const cleanups: (() => void)[] = [];

  // Find in the graph: by any name — acronyms and Chinese characters included — through the atlas's name search.
  const findInput = h('input', { id: 'find', list: large ? undefined : 'node-names', placeholder: 'MSS, 国家安全部, a person…', autocomplete: 'off' });
  const findForm = h(
    'form',
    { class: 'focus', onsubmit: (e: Event) => {
      e.preventDefault();
      void find(findInput.value.trim());
    } },
    h('label', { for: 'find' }, 'Find in the graph'),
    findInput,
    large ? null : h('datalist', { id: 'node-names' }),
    h('button', { type: 'submit' }, 'Find'),
  );
  const fromInput = h('input', { id: 'path-from', list: large ? undefined : 'node-names', autocomplete: 'off', value: scope.from ? nameOf(scope.from) : '' });
  const toInput = h('input', { id: 'path-to', list: large ? undefined : 'node-names', autocomplete: 'off', value: scope.to ? nameOf(scope.to) : '' });
  const pathForm = h(
    'form',
    { class: 'path-form', onsubmit: (e: Event) => {
      e.preventDefault();
      void drawPath();
    } },
    h('p', { class: 'form-title' }, 'How is one tied to another?'),
    h('label', { for: 'path-from' }, 'From'),
    fromInput,
    h('label', { for: 'path-to' }, 'To'),
    toInput,
    h('button', { type: 'submit' }, 'Draw the chain'),
  );
  const legend = h(
    'fieldset',
    {},
    h('legend', {}, 'Groups'),
    groups.map((g) =>
      h('label', {}, h('input', { type: 'checkbox', checked: true, 'data-group': g.id, onchange: (e: Event) => toggle(`[data-group="${g.id}"]`, (e.target as HTMLInputElement).checked, 'group') }), swatch(g.colour), ` ${g.label}`),
    ),
  );
  const types = large ? [] : [...new Set(drawing.edges.map((e) => e.type))].sort();
  const relationFilter = h(
    'fieldset',
    {},
    h('legend', {}, 'Relations'),
    h('p', { class: 'chain-key' }, h('span', { class: 'key-real', 'aria-hidden': 'true' }), ' in reality: who tasks and directs', h('br'), h('span', { class: 'key-formal', 'aria-hidden': 'true' }), ' formally: the hierarchy on paper'),
    types.map((t) => h('label', {}, h('input', { type: 'checkbox', checked: true, 'data-type': t, onchange: (e: Event) => toggle(`.edge[data-type="${t}"]`, (e.target as HTMLInputElement).checked, 'type') }), ` ${drawing.edges.find((e) => e.type === t)!.label}`)),
  );

  root.classList.add('wide');
  const heading = drawing.title;
  fill(root,
    h('h1', {}, heading),
    h('p', { class: 'muted' }, large
      ? `${drawing.overview!.nodes.toLocaleString('en')} bodies, people and targets and ${drawing.overview!.edges.toLocaleString('en')} relations: too many to draw as boxes, so each group is drawn as one. Open a group, find a node, or draw the whole with WebGL.`
      : `${drawing.nodes.length} bodies, people and targets; ${drawing.edges.length} relations, each stated by a claim. Click a node to bring it forward with its ties and read its claims; Escape returns.`),
    h('div', { class: 'graph-layout' }, h('div', { class: 'controls' }, findForm, pathForm, legend, relationFilter), h('div', { class: 'graph-area' }, toolbar, status, h('div', { class: 'graph-frame' }, container, panel))),
    h('h2', {}, 'Every node, as a list'),
    large
      ? h('p', {}, `${drawing.overview!.nodes.toLocaleString('en')} nodes are too many to list here; use the search box or "Find in the graph".`)
      : h('ul', { class: 'node-list' }),
  );

  let svg: SVGSVGElement | undefined;
  let zoomer: ZoomBehavior<SVGSVGElement, unknown> | undefined;
  draw();

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && svg?.classList.contains('has-focus')) unfocus();
  };
  document.addEventListener('keydown', onKey);
  cleanups.push(() => document.removeEventListener('keydown', onKey));
  const observer = new MutationObserver(() => {
    if (!document.body.contains(container)) {
      for (const c of cleanups) c();
      observer.disconnect();
    }
  });
  observer.observe(root, { childList: true });

  function draw(): void {
    const tree = drawingSvg(drawing, { title: heading, interactive: true });
    svg = svgDom({ tag: 'svg', attrs: { class: 'viewport', 'font-family': tree.attrs['font-family']!, 'aria-label': `${heading}: ${drawing.nodes.length} nodes in ${drawing.bands.length} groups, ${drawing.edges.length} relations` }, children: [{ tag: 'g', attrs: { class: 'layer' }, children: [...tree.children, { tag: 'g', attrs: { class: 'focus-labels' }, children: [] }] }] }) as SVGSVGElement;
    container.append(svg);
    const layer = svg.querySelector('g.layer')!;
    zoomer = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 3])
      .on('zoom', (e: { transform: { toString(): string } }) => layer.setAttribute('transform', e.transform.toString()));
    select(svg).call(zoomer).on('dblclick.zoom', null);
    if (scope.from && scope.to) pathPanel(panel, drawing, nameOf, unfocus);
    // A part is fitted into the frame; the whole opens at full size, at the top, where the Party leadership is.
    if (part) fit(1);
    else select(svg).call(zoomer.transform, zoomIdentity.translate(8, 8));
    svg.addEventListener('click', (e) => {
      const node = (e.target as Element).closest<SVGGElement>('.node');
      if (node?.dataset.id?.startsWith(GROUP_NODE)) navigate(`/?group=${encodeURIComponent(node.dataset.id.slice(GROUP_NODE.length))}`);
      else if (node) focusOn(node.dataset.id!);
      else if (!(e.target as Element).closest('.edge')) unfocus();
    });
    svg.addEventListener('keydown', (e) => {
      const node = (e.target as Element).closest<SVGGElement>('.node');
      if (node && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        if (node.dataset.id!.startsWith(GROUP_NODE)) navigate(`/?group=${encodeURIComponent(node.dataset.id!.slice(GROUP_NODE.length))}`);
        else focusOn(node.dataset.id!, false);
      }
    });
    toolbar.append(
      h('button', { type: 'button', onclick: () => zoomBy(1.25), 'aria-label': 'Zoom in' }, '+'),
      h('button', { type: 'button', onclick: () => zoomBy(0.8), 'aria-label': 'Zoom out' }, '−'),
      h('button', { type: 'button', onclick: () => fit(1) }, 'Fit'),
      h('button', { type: 'button', onclick: () => svg && zoomer && select(svg).call(zoomer.transform, zoomIdentity.translate(8, 8)) }, 'Actual size'),
      ...(part ? [h('a', { href: '/', class: 'button' }, 'Whole system')] : []),
      ...(large ? [h('button', { type: 'button', id: 'draw-webgl', onclick: () => void webgl(scope.group) }, `Draw all ${drawing.overview!.nodes.toLocaleString('en')} nodes (WebGL)`)] : []),
      h('span', { class: 'toolbar-gap' }),
      h('a', { href: `/api/export/graph?${scopeQuery({ ...scope, format: 'svg' } as Scope)}`, download: 'greyzone-graph.svg', class: 'button download' }, 'Download SVG'),
      h('a', { href: `/api/export/graph?${scopeQuery({ ...scope, format: 'png' } as Scope)}`, download: 'greyzone-graph.png', class: 'button download' }, 'Download PNG'),
    );
    status.textContent = drawing.sources.length ? `Drawn from ${drawing.sources.length} documents; the downloads list them.` : '';
    container.dataset.ready = 'true';
    // The benchmark reads when the view became interactive, counted from the navigation's start.
    performance.mark('greyzone:system-ready');
    // The list of every node and the names offered as one types come after the drawing, which is what a reader sees first.
    setTimeout(() => {
      const sorted = drawing.nodes.slice().sort((a, b) => a.name.localeCompare(b.name));
      root.querySelector('#node-names')?.append(...sorted.map((n) => h('option', { value: n.name })));
      root.querySelector('.node-list')?.append(...sorted.map((n) => h('li', {}, h('a', { href: entityHref(n.id) }, n.name), h('span', { class: 'muted' }, ` — ${n.kind}${n.subtype ? `, ${n.subtype}` : ''}`))));
      root.querySelector('.node-list')?.setAttribute('data-ready', 'true');
      fitLabels();
      // Over an overview, the whole is what a reader asks for next: its code and data are fetched while they read.
      if (large) fetchWebglParts().catch(() => (webglParts = undefined));
    });
    const focus = ctx.query.get('focus');
    if (focus && byId.has(focus)) focusOn(focus);
  }

  /**
   * The server measured the labels with DejaVu Sans; a browser that draws them in a wider font
   * squeezes a line that would run past its box, so that no label spills onto another.
   */
  function fitLabels(): void {
    const room = NODE_WIDTH - 2 * NODE_PADDING.x;
    for (const label of container.querySelectorAll<SVGTextElement>('text.node-label')) {
      const lines = label.querySelectorAll<SVGTSpanElement>('tspan');
      for (const line of lines.length ? [...lines] : [label]) {
        // A line broken at a space ends in it (about 4 px), unseen: it is not what would spill.
        if (line.getComputedTextLength() > room + 4) {
          line.setAttribute('textLength', String(room));
          line.setAttribute('lengthAdjust', 'spacingAndGlyphs');
        }
      }
    }
  }

  function zoomBy(k: number): void {
    if (svg && zoomer) select(svg).call(zoomer.scaleBy, k);
  }

  /** Fits the drawing into the frame, never larger than `max`. */
  function fit(max: number): void {
    if (!svg || !zoomer || !drawing) return;
    // The panel, when open, covers the frame's right side: the drawing fits in what is left.
    const width = container.getBoundingClientRect().width - (panel.hidden ? 0 : panel.getBoundingClientRect().width);
    const height = container.getBoundingClientRect().height;
    const k = Math.min(max, (width - 24) / (drawing.width + 16), (height - 24) / (drawing.height + 16));
    select(svg).call(zoomer.transform, zoomIdentity.translate(Math.max(8, (width - drawing.width * k) / 2), 12).scale(k));
  }

  function focusOn(id: string, centre = true): void {
    if (!svg || !drawing) return;
    const node = drawing.nodes.find((n) => n.id === id);
    if (!node) return;
    unmark();
    const incident = drawing.edges.filter((e) => e.source === id || e.target === id);
    const near = new Set(incident.map((e) => (e.source === id ? e.target : e.source)));
    const labels = svg.querySelector('g.focus-labels')!;
    // The boxes of the node and its neighbours stay readable: labels are moved off them as off each other.
    const placed = drawing.nodes.filter((n) => n.id === id || near.has(n.id)).map((n) => ({ x: n.x, y: n.y, width: n.width, height: n.height }));
    svg.querySelectorAll<SVGGElement>('.edge').forEach((e) => {
      if (e.dataset.source === id || e.dataset.target === id) e.classList.add('on');
    });
    if (drawing.edgeLabels === 'on-focus') {
      // The labels are drawn above the boxes, where no box hides them, each moved down past a label or a box it would cover.
      for (const e of incident) {
        const box = { ...e.labelBox };
        const meets = (b: typeof box) => b.x < box.x + box.width && box.x < b.x + b.width && b.y < box.y + box.height && box.y < b.y + b.height;
        for (let hit = placed.find(meets); hit; hit = placed.find(meets)) box.y = hit.y + hit.height + 2;
        placed.push(box);
        labels.append(svgDom(edgeLabelSvg(e, box.y - e.labelBox.y)));
      }
    }
    svg.querySelectorAll<SVGGElement>('.node').forEach((n) => {
      if (n.dataset.id === id) n.classList.add('focus');
      else if (near.has(n.dataset.id!)) n.classList.add('near');
    });
    svg.classList.add('has-focus');
    if (centre && zoomer) {
      // The node comes to the middle of what the panel leaves free, at a size its label reads at.
      const t = svg.getBoundingClientRect();
      const free = t.width - Math.min(t.width / 2, 24 * 16);
      const k = Math.max(0.85, Math.min(1, zoomTransform(svg).k));
      select(svg).call(zoomer.transform, zoomIdentity.translate(free / 2 - (node.x + node.width / 2) * k, t.height / 3 - (node.y + node.height / 2) * k).scale(k));
    }
    const query = new URLSearchParams(scopeQuery(scope));
    query.set('focus', id);
    history.replaceState(null, '', `/?${query.toString()}`);
    void focusPanel(panel, id, {
      part,
      expand: () => navigate(`/?${scopeQuery({ around: [...new Set([...(scope.around?.split(',') ?? []), id])].join(',') })}&focus=${encodeURIComponent(id)}`),
      neighbourhood: () => navigate(`/?around=${encodeURIComponent(id)}&focus=${encodeURIComponent(id)}`),
      tieFrom: () => {
        fromInput.value = node.name;
        toInput.focus();
      },
      close: unfocus,
    });
  }

  function unmark(): void {
    if (!svg) return;
    svg.classList.remove('has-focus');
    svg.querySelectorAll('.focus, .near, .on').forEach((e) => e.classList.remove('focus', 'near', 'on'));
    clear(svg.querySelector('g.focus-labels')!);
  }

  function unfocus(): void {
    unmark();
    panel.hidden = true;
    clear(panel);
    const query = new URLSearchParams(scopeQuery(scope));
    history.replaceState(null, '', query.size ? `/?${query.toString()}` : '/');
    if (scope.from && scope.to && drawing) pathPanel(panel, drawing, nameOf, unfocus);
  }

  function toggle(selector: string, shown: boolean, what: 'group' | 'type'): void {
    container.querySelectorAll(what === 'group' ? `.node${selector}, .band${selector}` : selector).forEach((e) => e.classList.toggle(`hidden-by-${what}`, !shown));
    if (what === 'group') {
      // A relation is hidden with either end.
      const hiddenNodes = new Set([...container.querySelectorAll<SVGGElement>('.node.hidden-by-group')].map((n) => n.dataset.id));
      container.querySelectorAll<SVGGElement>('.edge').forEach((e) => e.classList.toggle('hidden-by-group', hiddenNodes.has(e.dataset.source) || hiddenNodes.has(e.dataset.target)));
    }
  }

  /** Resolves what a user typed to an entity: a drawn node's name first, then the atlas's name search (any script, acronyms). */
  async function resolve(text: string): Promise<string | undefined> {
    if (!text) return undefined;
    const lower = text.toLowerCase();
    const exact = drawing.nodes.find((n) => n.name.toLowerCase() === lower);
    if (exact) return exact.id;
    const hits = await api<{ names: { id: string }[] }>(`/search?q=${encodeURIComponent(text)}&limit=20`);
    const drawn = hits.names.find((h) => byId.has(h.id))?.id;
    if (drawn) return drawn;
    // Not drawn here: the first the system view holds anywhere.
    for (const hit of hits.names) if (await api(`/graph/drawing?around=${encodeURIComponent(hit.id)}`).then(() => true, () => false)) return hit.id;
    return drawing.nodes.find((n) => n.name.toLowerCase().includes(lower))?.id;
  }

  async function find(text: string): Promise<void> {
    const id = await resolve(text);
    if (!id) {
      status.textContent = `Nothing in the graph is called “${text}”.`;
      return;
    }
    status.textContent = `Found ${nameOf(id)}.`;
    if (byId.has(id)) focusOn(id);
    else navigate(large || part ? `/?around=${encodeURIComponent(id)}&focus=${encodeURIComponent(id)}` : `/?focus=${encodeURIComponent(id)}`);
  }

  async function drawPath(): Promise<void> {
    const [from, to] = await Promise.all([resolve(fromInput.value.trim()), resolve(toInput.value.trim())]);
    if (!from || !to) {
      status.textContent = `Nothing in the graph is called “${!from ? fromInput.value : toInput.value}”.`;
      return;
    }
    const ok = await api(`/graph/drawing?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`).then(
      () => true,
      (e: Error) => {
        status.textContent = e.message;
        return false;
      },
    );
    if (ok) navigate(`/?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  }

  /** Every node (or a large group's) as points on the GPU: the map of the whole. */
  /** The WebGL drawing's code and the whole graph, asked for once. */
  let webglParts: Promise<[typeof import('./system-webgl.ts'), GraphData]> | undefined;
  const fetchWebglParts = () => (webglParts ??= Promise.all([import('./system-webgl.ts'), api<GraphData>('/graph')]));

  async function webgl(group?: string): Promise<void> {
    const [{ drawWebgl }, data] = await fetchWebglParts();
    clear(container);
    container.classList.add('webgl');
    const nodes = group ? data.nodes.filter((n) => n.group === group) : data.nodes;
    const ids = new Set(nodes.map((n) => n.id));
    cleanups.push(drawWebgl(container, { groups: data.groups, nodes, edges: data.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) }, (id) => navigate(entityHref(id))));
    container.dataset.ready = 'true';
    container.dataset.drawn = 'webgl';
  }
}
