/**
 * @module drawing/edges
 * A relation's line in the banded drawing: a curve from the lower side of the upper box to the
 * upper side of the lower one, or an arc over two boxes in the same row.
 */
import type { Box } from './drawing.ts';

const r = (n: number) => Math.round(n * 10) / 10;

export function edgeCurve(from: Box, to: Box): { path: string; mid: { x: number; y: number } } {
  const fx = from.x + from.width / 2;
  const tx = to.x + to.width / 2;
  if (Math.abs(from.y - to.y) < 1) {
    // Same row: an arc above the row, leaving and entering at the top.
    const lift = 26 + Math.abs(tx - fx) / 8;
    const y = Math.min(from.y, to.y);
    return { path: `M${r(fx)},${r(y)} C${r(fx)},${r(y - lift)} ${r(tx)},${r(y - lift)} ${r(tx)},${r(y)}`, mid: { x: (fx + tx) / 2, y: y - lift * 0.75 } };
  }
  const down = from.y < to.y;
  const fy = down ? from.y + from.height : from.y;
  const ty = down ? to.y : to.y + to.height;
  const bend = (ty - fy) / 2;
  return { path: `M${r(fx)},${r(fy)} C${r(fx)},${r(fy + bend)} ${r(tx)},${r(ty - bend)} ${r(tx)},${r(ty)}`, mid: { x: (fx + tx) / 2, y: (fy + ty) / 2 } };
}
