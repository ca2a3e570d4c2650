/**
 * The system drawn with WebGL (sigma), for graphs too large to draw as boxes: one point per node,
 * placed in one column block per group, found by search or zoom. Labels appear as the camera
 * comes close; edges and labels hide while the view moves, which keeps 20,000 nodes fluid.
 */
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { NodePointProgram } from 'sigma/rendering';

export interface GraphData {
  groups: { id: string; label: string; colour: string }[];
  nodes: { id: string; kind: string; subtype: string | null; name: string; group: string }[];
  edges: { id: string; type: string; label: string; source: string; target: string }[];
}

function layout(data: GraphData): MultiDirectedGraph {
  const g = new MultiDirectedGraph();
  const degree = new Map<string, number>();
  for (const e of data.edges) for (const n of [e.source, e.target]) degree.set(n, (degree.get(n) ?? 0) + 1);
  const ROWS = 60;
  let x = 0;
  for (const group of data.groups) {
    const members = data.nodes.filter((n) => n.group === group.id).sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.name.localeCompare(b.name));
    members.forEach((n, i) => {
      g.addNode(n.id, { x: x + Math.floor(i / ROWS) * 3, y: -(i % ROWS) * 2.4, size: 1 + Math.min(2.5, Math.sqrt(degree.get(n.id) ?? 0) / 2), label: n.name, color: group.colour, group: group.id });
    });
    if (members.length) x += Math.ceil(members.length / ROWS) * 3 + 9;
  }
  for (const e of data.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.addEdgeWithKey(e.id, e.source, e.target, { size: 1, color: '#b9c0cc' });
  return g;
}

/** Draws `data` into `container`; returns a function that frees the GPU context. */
export function drawWebgl(container: HTMLElement, data: GraphData, onNode: (id: string) => void): () => void {
  const renderer = new Sigma(layout(data), container, {
    renderEdgeLabels: false,
    // GL points cost one vertex a node instead of a quad's six: what keeps 20,000 nodes fluid without a GPU.
    defaultNodeType: 'point',
    nodeProgramClasses: { point: NodePointProgram },
    hideEdgesOnMove: true,
    hideLabelsOnMove: true,
    labelRenderedSizeThreshold: 6,
    labelDensity: 0.35,
    labelGridCellSize: 90,
    labelFont: 'system-ui, "Noto Sans CJK SC", sans-serif',
  });
  renderer.on('clickNode', ({ node }) => onNode(node));
  // The benchmark reads the renderer's camera from here.
  (window as unknown as { greyzoneSigma: Sigma }).greyzoneSigma = renderer;
  return () => renderer.kill();
}
