/**
 * @module drawing/edges
 * A relation's line in the banded drawing, routed where no box stands: out of the upper box into
 * the gap under its row, along that gap to the gap between two columns, down that column gap to
 * the gap over the lower box's row, and into the box — or, for two boxes in one row, through the
 * gap above the row. Each line keeps to a lane a few pixels from its neighbours', so that lines
 * sharing a gap stay apart.
 */
import type { Box } from './drawing.ts';

/** A placed box and the extent of the row it stands in. */
export interface RoutedBox extends Box {
  rowTop: number;
  rowBottom: number;
}

const r = (n: number) => Math.round(n * 10) / 10;

export function routeInGaps(from: RoutedBox, to: RoutedBox, columnGaps: readonly number[], rowGap: number, lane: number): { path: string; mid: { x: number; y: number } } {
  const centre = (b: Box) => b.x + b.width / 2;
  const shift = lane * 2;
  let points: [number, number][];
  let mid: { x: number; y: number };
  if (from.rowTop === to.rowTop) {
    const y = from.rowTop - rowGap / 2 + shift / 2;
    points = [[centre(from), from.y], [centre(from), y], [centre(to), y], [centre(to), to.y]];
    mid = { x: (centre(from) + centre(to)) / 2, y };
  } else {
    const [up, down] = from.rowTop < to.rowTop ? [from, to] : [to, from];
    const y1 = up.rowBottom + rowGap / 2 + shift / 2;
    const y2 = down.rowTop - rowGap / 2 + shift / 2;
    if (y2 - y1 < rowGap) {
      // Rows one above the other: one run along the gap between them.
      points = [[centre(up), up.y + up.height], [centre(up), y1], [centre(down), y1], [centre(down), down.y]];
      mid = { x: (centre(up) + centre(down)) / 2, y: y1 };
    } else {
      const aim = (centre(up) + centre(down)) / 2;
      const gap = columnGaps.reduce((best, x) => (Math.abs(x - aim) < Math.abs(best - aim) ? x : best)) + shift;
      points = [[centre(up), up.y + up.height], [centre(up), y1], [gap, y1], [gap, y2], [centre(down), y2], [centre(down), down.y]];
      mid = { x: gap, y: (y1 + y2) / 2 };
    }
    if (up !== from) points.reverse();
  }
  return { path: points.map(([x, y], i) => `${i ? 'L' : 'M'}${r(x)},${r(y)}`).join(' '), mid };
}

/** A small whole number from an id, the same every time: the line's lane. */
export function laneOf(id: string, lanes = 7): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return (h % lanes) - (lanes >> 1);
}
