/**
 * The system view: the whole-of-society system as a graph, drawn in the groups the source
 * describes (party leadership → services and party bodies → state → instruments → operations →
 * people → targets abroad), coloured by group, with filters, search-to-focus and a page per node.
 */
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { NodePointProgram } from 'sigma/rendering';
import { api } from '../api.ts';
import { h, fill } from '../dom.ts';
import { navigate } from '../main.ts';

interface GraphData {
  /** The groups in drawing order, with their colours (declared once, in the model). */
  groups: { id: string; label: string; colour: string }[];
  nodes: { id: string; kind: string; subtype: string | null; name: string; group: string }[];
  edges: { id: string; type: string; label: string; source: string; target: string }[];
}

/** Places nodes in one column per group, each column ordered by degree, so the structure reads left to right. */
export function layout(data: GraphData): MultiDirectedGraph {
  const g = new MultiDirectedGraph();
  const large = data.nodes.length > LARGE_GRAPH;
  const degree = new Map<string, number>();
  for (const e of data.edges) for (const n of [e.source, e.target]) degree.set(n, (degree.get(n) ?? 0) + 1);
  const ROWS = 22;
  let x = 0;
  for (const group of data.groups) {
    const members = data.nodes.filter((n) => n.group === group.id).sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.name.localeCompare(b.name));
    if (!members.length) continue;
    const rows = Math.min(ROWS, members.length);
    members.forEach((n, i) => {
      g.addNode(n.id, {
        // A group's columns are offset by half a row, so that labels of neighbours do not collide.
        x: x + Math.floor(i / rows) * 3,
        y: -((i % rows) + (Math.floor(i / rows) % 2) * 0.5) * 2.4,
        // Thousands of nodes are drawn small: a map of the whole, each node found by search or zoom.
        size: large ? 1.5 + Math.min(3, Math.sqrt(degree.get(n.id) ?? 0) / 2) : 4 + Math.min(10, Math.sqrt(degree.get(n.id) ?? 0) * 2),
        label: n.name,
        color: group.colour,
        group: group.id,
        kind: n.kind,
      });
    });
    x += Math.ceil(members.length / rows) * 3 + 9;
  }
  for (const e of data.edges) {
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.addEdgeWithKey(e.id, e.source, e.target, { label: e.label, type: 'arrow', size: 1, color: '#b9c0cc', relation: e.type });
  }
  return g;
}

/** A colour sample; set through the CSSOM, which the Content Security Policy allows (style attributes it does not). */
function swatch(colour: string): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.background = colour;
  return el;
}

/** Above this many nodes, edge labels are off and edges hide while the view moves. */
const LARGE_GRAPH = 2000;

export default async function system(root: HTMLElement, ctx: { query: URLSearchParams }): Promise<void> {
  const data = await api<GraphData>('/graph');
  const graph = layout(data);
  const hiddenGroups = new Set<string>();
  const hiddenTypes = new Set<string>();
  let focus: string | undefined = ctx.query.get('focus') ?? undefined;

  const container = h('div', { id: 'graph', role: 'img', 'aria-label': `Graph of ${data.nodes.length} bodies, people and targets and ${data.edges.length} relations; use the list below or search to open a page` });
  const types = [...new Set(data.edges.map((e) => e.type))].sort();
  const legend = h(
    'fieldset',
    {},
    h('legend', {}, 'Groups'),
    data.groups.filter((g) => data.nodes.some((n) => n.group === g.id)).map((g) =>
      h('label', {}, h('input', { type: 'checkbox', checked: true, 'data-group': g.id, onchange: (e: Event) => toggle(hiddenGroups, g.id, (e.target as HTMLInputElement).checked) }), swatch(g.colour), ` ${g.label}`),
    ),
  );
  const relationFilter = h(
    'fieldset',
    {},
    h('legend', {}, 'Relations'),
    types.map((t) => h('label', {}, h('input', { type: 'checkbox', checked: true, 'data-type': t, onchange: (e: Event) => toggle(hiddenTypes, t, (e.target as HTMLInputElement).checked) }), ` ${data.edges.find((e) => e.type === t)!.label}`)),
  );
  const focusInput = h('input', { id: 'focus', list: 'node-names', placeholder: 'Name of a node', autocomplete: 'off' });
  const datalist = h('datalist', { id: 'node-names' }, data.nodes.map((n) => h('option', { value: n.name })));
  const focusForm = h(
    'form',
    { class: 'focus', onsubmit: (e: Event) => {
      e.preventDefault();
      const node = data.nodes.find((n) => n.name.toLowerCase() === focusInput.value.trim().toLowerCase()) ?? data.nodes.find((n) => n.name.toLowerCase().includes(focusInput.value.trim().toLowerCase()));
      if (node) focusOn(node.id);
    } },
    h('label', { for: 'focus' }, 'Find in the graph'),
    focusInput,
    datalist,
    h('button', { type: 'submit' }, 'Focus'),
  );

  root.classList.add('wide');
  fill(root,
    h('h1', {}, 'The system'),
    h('p', { class: 'muted' }, `${data.nodes.length} bodies, people and targets; ${data.edges.length} relations, each stated by a claim. Click a node to open its page.`),
    h('div', { class: 'graph-layout' }, h('div', { class: 'controls' }, focusForm, legend, relationFilter), container),
    h('h2', {}, 'Every node, as a list'),
    data.nodes.length > LARGE_GRAPH
      ? h('p', {}, `${data.nodes.length} nodes are too many to list here; use the search box or "Find in the graph".`)
      : h('ul', { class: 'node-list' }, data.nodes.slice().sort((a, b) => a.name.localeCompare(b.name)).map((n) => h('li', {}, h('a', { href: `/entity/${encodeURIComponent(n.id)}` }, n.name), h('span', { class: 'muted' }, ` — ${n.kind}${n.subtype ? `, ${n.subtype}` : ''}`)))),
  );

  // A large graph stays fluid by drawing edges and labels only when the camera is still.
  const large = data.nodes.length > LARGE_GRAPH;
  const renderer = new Sigma(graph, container, {
    renderEdgeLabels: !large,
    // GL points cost one vertex a node instead of a quad's six: what keeps 20,000 nodes fluid without a GPU.
    ...(large ? { defaultNodeType: 'point', nodeProgramClasses: { point: NodePointProgram } } : {}),
    hideEdgesOnMove: large,
    hideLabelsOnMove: large,
    labelRenderedSizeThreshold: 6,
    labelDensity: 0.35,
    labelGridCellSize: 90,
    edgeLabelSize: 10,
    labelFont: 'system-ui, "Noto Sans CJK SC", sans-serif',
    nodeReducer: (node, attrs) => {
      const hidden = hiddenGroups.has(attrs.group as string);
      const dim = focus !== undefined && node !== focus && !graph.areNeighbors(node, focus);
      return { ...attrs, hidden, color: dim ? '#e3e6ec' : attrs.color, highlighted: node === focus, zIndex: node === focus ? 2 : 0 };
    },
    edgeReducer: (edge, attrs) => {
      const [s, t] = graph.extremities(edge);
      const hidden = hiddenTypes.has(attrs.relation as string) || hiddenGroups.has(graph.getNodeAttribute(s, 'group')) || hiddenGroups.has(graph.getNodeAttribute(t, 'group'));
      const onFocus = focus !== undefined && (s === focus || t === focus);
      return { ...attrs, hidden, color: onFocus ? '#555' : attrs.color, size: onFocus ? 2 : 1, forceLabel: onFocus, label: focus === undefined || onFocus ? attrs.label : '' };
    },
  });
  renderer.on('clickNode', ({ node }) => navigate(`/entity/${encodeURIComponent(node)}`));
  renderer.on('enterNode', () => (container.style.cursor = 'pointer'));
  renderer.on('leaveNode', () => (container.style.cursor = ''));
  // Tests and the benchmark read the renderer's state from here.
  (window as unknown as { greyzoneSigma: Sigma }).greyzoneSigma = renderer;
  container.dataset.ready = 'true';
  if (focus) focusOn(focus);

  function toggle(set: Set<string>, key: string, shown: boolean): void {
    if (shown) set.delete(key);
    else set.add(key);
    renderer.refresh();
  }
  function focusOn(id: string): void {
    focus = id;
    const pos = renderer.getNodeDisplayData(id);
    if (pos) void renderer.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.35 }, { duration: 400 });
    history.replaceState(null, '', `/?focus=${encodeURIComponent(id)}`);
    renderer.refresh();
  }
  const observer = new MutationObserver(() => {
    if (!document.body.contains(container)) {
      renderer.kill();
      observer.disconnect();
    }
  });
  observer.observe(root, { childList: true });
}
