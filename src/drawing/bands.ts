/**
 * @module drawing/bands
 * The whole system, drawn as the source describes it: one band per group, top to bottom (the Party
 * leadership, the services and party bodies beneath it, the state, the instruments, the operations,
 * the people, the targets abroad). Inside a band the nodes stand in a few columns, ordered so that
 * each sits under the nodes it is tied to (barycentres, swept down and up); nodes with no drawn
 * relation follow in name order. Every label sits inside its own box and boxes never meet, so no
 * label can overlap another at any size of atlas.
 *
 * ELK's layered algorithm (used for small drawings, see drawing/layered) was measured here on the
 * bundled atlas first: 3.8 s and a drawing 35,000 px wide, as every group became one layer.
 */
import type { SystemGraph } from '../atlas/graph.ts';
import { type Band, type Drawing, type DrawnEdge, type DrawnNode, GUTTER, HEADING_LINE_HEIGHT, NODE_WIDTH } from './drawing.ts';
import { headingLines, sizedEdge, sizedNode } from './shapes.ts';
import { laneOf, routeInGaps, type RoutedBox } from './edges.ts';

const COLUMNS = 5;
const COLUMN_GAP = 20;
const ROW_GAP = 16;
const BAND_GAP = 40;
const SWEEPS = 3;

/** How far a row of `n` boxes moves right to stand in the middle — by whole columns, so that the gaps between columns stay clear for lines. */
const centring = (n: number) => (n < COLUMNS ? Math.floor((COLUMNS - n) / 2) : 0);

/** Where the i-th of a band's n tied nodes stands: column by column (so a column lines up under what it is tied to), one short row centred. */
function cellOf(i: number, n: number): { row: number; col: number } {
  const rows = Math.ceil(n / COLUMNS);
  return { row: i % rows, col: Math.floor(i / rows) + centring(n) };
}

export function bandLayout(graph: SystemGraph): Drawing {
  const sized = new Map(graph.nodes.map((n) => [n.id, sizedNode(n)]));
  const neighbours = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.source === e.target) continue;
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]] as const) {
      if (!neighbours.has(a)) neighbours.set(a, []);
      neighbours.get(a)!.push(b);
    }
  }
  const groups = graph.groups.map((g) => ({ ...g, members: graph.nodes.filter((n) => n.group === g.id).map((n) => sized.get(n.id)!) })).filter((g) => g.members.length);
  const column = new Map<string, number>();
  const degree = (id: string) => neighbours.get(id)?.length ?? 0;
  const byName = (a: DrawnNode, b: DrawnNode) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

  // Orders each band's tied nodes by the mean column of their neighbours in other bands.
  const order = new Map<string, DrawnNode[]>();
  const place = (groupId: string, members: DrawnNode[]) => {
    const tied = members.filter((n) => degree(n.id) > 0);
    tied.forEach((n, i) => column.set(n.id, cellOf(i, tied.length).col));
    order.set(groupId, tied);
  };
  for (const g of groups) place(g.id, g.members.filter((n) => degree(n.id) > 0).sort((a, b) => degree(b.id) - degree(a.id) || byName(a, b)));
  const barycentre = (id: string, group: string) => {
    const cols = (neighbours.get(id) ?? []).filter((o) => sized.get(o)?.group !== group && column.has(o)).map((o) => column.get(o)!);
    return cols.length ? cols.reduce((a, b) => a + b, 0) / cols.length : column.get(id)!;
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const pass = sweep % 2 === 0 ? groups : [...groups].reverse();
    for (const g of pass) {
      const current = order.get(g.id)!;
      const centre = new Map(current.map((n) => [n.id, barycentre(n.id, g.id)]));
      place(g.id, [...current].sort((a, b) => centre.get(a.id)! - centre.get(b.id)! || degree(b.id) - degree(a.id) || byName(a, b)));
    }
  }

  // Places the bands: tied nodes column by column (so a column lines up under what it is tied to), then the untied row by row.
  const bands: Band[] = [];
  const nodes: DrawnNode[] = [];
  const rows = new Map<string, { rowTop: number; rowBottom: number }>();
  let y = 0;
  for (const g of groups) {
    const tied = order.get(g.id)!;
    const untied = g.members.filter((n) => degree(n.id) === 0).sort(byName);
    const grid: (DrawnNode | undefined)[][] = [];
    tied.forEach((n, i) => {
      const { row, col } = cellOf(i, tied.length);
      (grid[row] ??= [])[col] = n;
    });
    for (let i = 0; i < untied.length; i += COLUMNS) {
      const row = untied.slice(i, i + COLUMNS);
      const cells: (DrawnNode | undefined)[] = [];
      row.forEach((n, k) => (cells[k + centring(row.length)] = n));
      grid.push(cells);
    }
    const heading = headingLines(g.label);
    const top = y;
    let rowY = y;
    for (const row of grid) {
      const present = row.filter((n): n is DrawnNode => n !== undefined);
      const height = Math.max(...present.map((n) => n.height));
      row.forEach((n, c) => {
        if (!n) return;
        n.x = GUTTER + c * (NODE_WIDTH + COLUMN_GAP);
        n.y = rowY + (height - n.height) / 2;
        rows.set(n.id, { rowTop: rowY, rowBottom: rowY + height });
        nodes.push(n);
      });
      rowY += height + ROW_GAP;
    }
    const height = Math.max(rowY - ROW_GAP - top, heading.length * HEADING_LINE_HEIGHT);
    bands.push({ group: g.id, label: g.label, colour: g.colour, y: top, height, headingLines: heading });
    y = top + height + BAND_GAP;
  }

  const at = new Map<string, RoutedBox>(nodes.map((n) => [n.id, { ...n, ...rows.get(n.id)! }]));
  // The gaps left of, between and right of the columns, where lines run down.
  const columnGaps = Array.from({ length: COLUMNS + 1 }, (_, k) => GUTTER + k * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP / 2);
  const edges: DrawnEdge[] = graph.edges
    .filter((e) => at.has(e.source) && at.has(e.target) && e.source !== e.target)
    .map((e) => {
      const label = sizedEdge(e);
      const { path, mid } = routeInGaps(at.get(e.source)!, at.get(e.target)!, columnGaps, ROW_GAP, laneOf(e.id));
      return { ...e, ...label, path, labelBox: { ...label.labelBox, x: mid.x - label.labelBox.width / 2, y: mid.y - label.labelBox.height / 2 } };
    });
  return { width: GUTTER + COLUMNS * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP, height: Math.max(0, y - BAND_GAP), bands, nodes, edges, edgeLabels: 'on-focus' };
}
