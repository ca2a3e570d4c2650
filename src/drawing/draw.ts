/**
 * @module drawing/draw
 * The system view of an atlas, cut to a scope and laid out — banded for the whole, by ELK for a
 * small part — with the documents its relations rest on. A drawing is kept for as long as the atlas
 * view it was made from, so the explorer's first view costs one layout per atlas and clearance.
 */
import type { Atlas } from '../atlas/load.ts';
import { scopedGraph, systemGraph, type GraphEdge, type GraphScope, type SystemGraph } from '../atlas/graph.ts';
import { GROUP_NODE, MAX_DRAWN_NODES, type SourcedDrawing } from './drawing.ts';
export type { SourcedDrawing } from './drawing.ts';
import { bandLayout } from './bands.ts';
import { MAX_LAYERED_NODES, layeredLayout } from './layered.ts';
import { drawingSvg, serialiseSvg } from './svg.ts';
import { displayName } from '../atlas/view.ts';
import { SYSTEM_GROUPS } from '../model/display.ts';



const cache = new WeakMap<Atlas, Map<string, Promise<SourcedDrawing>>>();
const MAX_KEPT_DRAWINGS = 200;
const WHOLE = JSON.stringify({ kind: 'all' });

export function drawGraph(atlas: Atlas, scope: GraphScope): Promise<SourcedDrawing> {
  const key = JSON.stringify(scope);
  let byScope = cache.get(atlas);
  if (!byScope) cache.set(atlas, (byScope = new Map()));
  let drawing = byScope.get(key);
  if (!drawing) {
    drawing = layout(atlas, scope);
    // Parts are many (every neighbourhood, every chain): only the latest are kept, the whole always.
    if (byScope.size >= MAX_KEPT_DRAWINGS) for (const old of byScope.keys()) if (old !== WHOLE) { byScope.delete(old); break; }
    byScope.set(key, drawing);
    // A failed layout is not kept: the next ask tries again.
    drawing.catch(() => byScope!.delete(key));
  }
  return drawing;
}

async function layout(atlas: Atlas, scope: GraphScope): Promise<SourcedDrawing> {
  const graph = scopedGraph(systemGraph(atlas), scope);
  const title = titleOf(atlas, scope);
  if (graph.nodes.length > MAX_DRAWN_NODES) return { ...(await layeredLayout(overviewGraph(graph))), title, sources: [], overview: { nodes: graph.nodes.length, edges: graph.edges.length } };
  const drawing = scope.kind !== 'all' && graph.nodes.length <= MAX_LAYERED_NODES ? await layeredLayout(graph) : bandLayout(graph);
  return { ...drawing, title, sources: sourcesOf(atlas, new Set(drawing.edges.map((e) => e.id))) };
}

/**
 * The whole system in one small drawing: one box per group with how many it holds, and one edge
 * per pair of groups with how many relations join them — legible on a printed page.
 */
export async function drawOverview(atlas: Atlas): Promise<SourcedDrawing> {
  const graph = systemGraph(atlas);
  const drawing = await layeredLayout(overviewGraph(graph));
  return { ...drawing, title: 'The system, by group', sources: sourcesOf(atlas, new Set(graph.edges.map((e) => e.id))), overview: { nodes: graph.nodes.length, edges: graph.edges.length } };
}

/** A graph too large to draw node by node, as one node per group and one edge per pair of groups, counted. */
function overviewGraph(graph: SystemGraph): SystemGraph {
  const count = new Map<string, number>();
  const groupOf = new Map(graph.nodes.map((n) => [n.id, n.group]));
  for (const n of graph.nodes) count.set(n.group!, (count.get(n.group!) ?? 0) + 1);
  const between = new Map<string, number>();
  for (const e of graph.edges) {
    const [a, b] = [groupOf.get(e.source)!, groupOf.get(e.target)!];
    if (a !== b) between.set(`${a}>${b}`, (between.get(`${a}>${b}`) ?? 0) + 1);
  }
  const edges: GraphEdge[] = [...between].map(([key, n]) => {
    const [a, b] = key.split('>');
    return { id: key, type: 'grouped', label: `${n.toLocaleString('en')} relation${n === 1 ? '' : 's'}`, source: GROUP_NODE + a, target: GROUP_NODE + b };
  });
  return {
    groups: graph.groups,
    nodes: graph.groups.filter((g) => count.has(g.id)).map((g) => ({ id: GROUP_NODE + g.id, kind: 'group', subtype: null, name: `${g.label.replace(/ \(.*\)$/, '')}: ${count.get(g.id)!.toLocaleString('en')}`, group: g.id })),
    edges,
  };
}

function sourcesOf(atlas: Atlas, relations: Set<string>): SourcedDrawing['sources'] {
  const count = new Map<string, number>();
  for (const { claim } of atlas.claims) if (relations.has(claim.record)) count.set(claim.source, (count.get(claim.source) ?? 0) + 1);
  return [...count]
    .map(([id, claims]) => {
      const src = atlas.records.get(id);
      const d = src?.kind === 'source' ? (src.data as { title: string; publisher: string; published: string }) : undefined;
      return { id, claims, citation: d ? `${d.publisher} (${d.published}): ${d.title}` : id };
    })
    .sort((a, b) => b.claims - a.claims || a.citation.localeCompare(b.citation));
}

/** The drawing as a stand-alone SVG file: legend and citations under it. */
export function drawingFile(d: SourcedDrawing): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialiseSvg(drawingSvg(d, { title: `${d.title} — greyzone`, legend: true, citations: d.sources.map((s) => s.citation) }))}\n`;
}

/** What a drawing shows, in words: the explorer's heading and the picture's title. */
function titleOf(atlas: Atlas, scope: GraphScope): string {
  const name = (id: string) => {
    const rec = atlas.records.get(id);
    return rec ? displayName(rec) : id;
  };
  if (scope.kind === 'around') return `Around ${scope.ids.map(name).join(', ')}`;
  if (scope.kind === 'path') return `How ${name(scope.from)} is tied to ${name(scope.to)}`;
  if (scope.kind === 'group') return SYSTEM_GROUPS.find((g) => g.id === scope.group)?.label ?? scope.group;
  return 'The system';
}
