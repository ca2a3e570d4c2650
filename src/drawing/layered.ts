/**
 * @module drawing/layered
 * Small drawings — a path between two bodies, a neighbourhood, what a user expanded — laid out by
 * ELK's layered algorithm (elkjs): the groups kept in the source's order top to bottom (one ELK
 * partition each), edges routed orthogonally, and every relation's label placed by ELK beside its
 * line without overlapping a box or another label.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import ElkApi from 'elkjs/lib/elk-api.js';
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { SystemGraph } from '../atlas/graph.ts';
import { type Band, type Drawing, type DrawnEdge, GUTTER, HEADING_LINE_HEIGHT } from './drawing.ts';
import { headingLines, sizedEdge, sizedNode } from './shapes.ts';

/** Above this many nodes a drawing is banded (drawing/bands): ELK's time grows too fast beyond it. */
export const MAX_LAYERED_NODES = 150;

const BAND_PAD = 14;
const LAYOUT_TIMEOUT_MS = 20_000;

/**
 * ELK runs in a worker thread, so that a layout — a third of a second the first time, while its
 * compiled Java warms up — never holds the server's event loop. elkjs's own worker script expects a
 * browser's worker; this bridge hands it node's messages.
 */
const BRIDGE = `const { parentPort } = require('node:worker_threads');
const { Worker: InThread } = require(${JSON.stringify(createRequire(import.meta.url).resolve('elkjs/lib/elk-worker.min.js'))});
const elk = new InThread();
elk.onmessage = (e) => parentPort.postMessage(e.data);
parentPort.on('message', (m) => elk.postMessage(m));`;

let elk: ELK | undefined;

function elkInWorker(): ELK {
  if (elk) return elk;
  // The API module is CommonJS: its module object is the constructor, which the typings call its default export.
  const Elk = ElkApi as unknown as typeof ElkApi.default;
  return (elk = new Elk({
    workerFactory: () => {
      const thread = new Worker(BRIDGE, { eval: true });
      let pending = 0;
      // The thread keeps the process alive only while a layout is under way: a command ends when its work does.
      thread.unref();
      const port = {
        onmessage: undefined as ((e: { data: unknown }) => void) | undefined,
        postMessage(message: unknown) {
          if (pending++ === 0) thread.ref();
          thread.postMessage(message);
        },
        terminate: () => void thread.terminate(),
      };
      thread.on('message', (data: unknown) => {
        if (--pending === 0) thread.unref();
        port.onmessage?.({ data });
      });
      // A thread that failed is replaced at the next layout; the one waiting on it times out.
      thread.on('error', () => (elk = undefined));
      thread.on('exit', () => (elk = undefined));
      return port as never;
    },
  }));
}

async function elkLayout(root: ElkNode): Promise<ElkNode> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the layout took over ${LAYOUT_TIMEOUT_MS / 1000} s`)), LAYOUT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([elkInWorker().layout(root), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const r = (n: number) => Math.round(n * 10) / 10;

export async function layeredLayout(graph: SystemGraph): Promise<Drawing> {
  const order = graph.groups.map((g) => g.id);
  const sized = graph.nodes.map(sizedNode);
  const labels = new Map(graph.edges.map((e) => [e.id, sizedEdge(e)]));
  const edges = graph.edges.filter((e) => e.source !== e.target);
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.partitioning.activate': 'true',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '44',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
      'elk.spacing.componentComponent': '40',
    },
    children: sized.map((n) => ({ id: n.id, width: n.width, height: n.height, layoutOptions: { 'elk.partitioning.partition': String(order.indexOf(n.group as never)) } })),
    edges: edges.map((e) => {
      const l = labels.get(e.id)!;
      return { id: e.id, sources: [e.source], targets: [e.target], labels: [{ id: `${e.id}#label`, text: l.labelLines.join(''), width: l.labelBox.width, height: l.labelBox.height, layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' } }] };
    }),
  };
  const out = await elkLayout(root);
  const byId = new Map(edges.map((e) => [e.id, e]));
  const at = new Map((out.children ?? []).map((c) => [c.id, c]));
  const nodes = sized.map((n) => ({ ...n, x: GUTTER + at.get(n.id)!.x!, y: at.get(n.id)!.y! + BAND_PAD }));
  const drawn: DrawnEdge[] = ((out.edges ?? []) as ElkExtendedEdge[]).map((e) => {
    const source = byId.get(e.id)!;
    const points = (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    const label = e.labels?.[0];
    const l = labels.get(e.id)!;
    return {
      ...source,
      ...l,
      path: points.map((p, i) => `${i ? 'L' : 'M'}${r(GUTTER + p.x)},${r(p.y + BAND_PAD)}`).join(' '),
      labelBox: { ...l.labelBox, x: GUTTER + (label?.x ?? 0), y: (label?.y ?? 0) + BAND_PAD },
    };
  });
  const bands: Band[] = [];
  for (const g of graph.groups) {
    const members = nodes.filter((n) => n.group === g.id);
    if (!members.length) continue;
    const top = Math.min(...members.map((n) => n.y)) - BAND_PAD / 2;
    const heading = headingLines(g.label);
    const bottom = Math.max(...members.map((n) => n.y + n.height), top + heading.length * HEADING_LINE_HEIGHT) + BAND_PAD / 2;
    bands.push({ group: g.id, label: g.label, colour: g.colour, y: top, height: bottom - top, headingLines: heading });
  }
  const bottom = Math.max(out.height! + 2 * BAND_PAD, ...bands.map((b) => b.y + b.height));
  return { width: GUTTER + out.width!, height: bottom, bands, nodes, edges: drawn, edgeLabels: 'always' };
}
