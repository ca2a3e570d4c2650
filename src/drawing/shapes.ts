/**
 * @module drawing/shapes
 * The pieces both layouts share: a node's box sized to its wrapped name, a band's heading, and a
 * relation's label.
 */
import { CHAIN_WORDS, chainOf } from '../model/relation-types.ts';
import type { GraphEdge, GraphNode } from '../atlas/graph.ts';
import { EDGE_FONT_SIZE, EDGE_LINE_HEIGHT, FONT_SIZE, GUTTER, HEADING_SIZE, LINE_HEIGHT, MAX_LINES, NODE_PADDING, NODE_WIDTH, type DrawnEdge, type DrawnNode } from './drawing.ts';
import { textWidth, wrapText } from './text.ts';

/** A node with its name wrapped into its box, not yet placed. */
export function sizedNode(node: GraphNode): DrawnNode {
  const lines = wrapText(node.name, NODE_WIDTH - 2 * NODE_PADDING.x, FONT_SIZE, MAX_LINES);
  return { ...node, lines, x: 0, y: 0, width: NODE_WIDTH, height: lines.length * LINE_HEIGHT + 2 * NODE_PADDING.y };
}

export function headingLines(label: string): string[] {
  return wrapText(label, GUTTER - 24, HEADING_SIZE, 6, true);
}

const EDGE_LABEL_WIDTH = 120;

/** A relation's label, sized; the layout places it. */
export function sizedEdge(edge: GraphEdge): Pick<DrawnEdge, 'chain' | 'labelLines' | 'labelBox'> {
  const chain = chainOf(edge.type) ?? null;
  const text = chain ? `${CHAIN_WORDS[chain]}: ${edge.label}` : edge.label;
  const labelLines = wrapText(text, EDGE_LABEL_WIDTH, EDGE_FONT_SIZE, 2);
  const width = Math.max(...labelLines.map((l) => textWidth(l.trimEnd(), EDGE_FONT_SIZE))) + 8;
  return { chain, labelLines, labelBox: { x: 0, y: 0, width, height: labelLines.length * EDGE_LINE_HEIGHT + 4 } };
}
