/**
 * @module drawing/drawing
 * A laid-out graph: what the explorer draws, what `greyzone export graph` writes. Coordinates are
 * pixels at the default zoom; every node's label is already broken into the lines that fit its box.
 */
import type { GraphEdge, GraphNode } from '../atlas/graph.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DrawnNode extends GraphNode, Box {
  /** The name as drawn, line by line (the whole name is the node's title). */
  lines: string[];
}

export interface DrawnEdge extends GraphEdge {
  /** Which chain of command the relation belongs to, where the sources tell a formal from a real one. */
  chain: 'formal' | 'real' | null;
  /** The line as SVG path data. */
  path: string;
  /** Where the relation's label sits, and its lines. */
  labelBox: Box;
  labelLines: string[];
}

/** One layer of the hierarchy: a group's horizontal band and its heading. */
export interface Band {
  group: string;
  label: string;
  colour: string;
  /** The band's extent; its heading sits in the left gutter, inside it. */
  y: number;
  height: number;
  headingLines: string[];
}

export interface Drawing {
  width: number;
  height: number;
  bands: Band[];
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** 'always' in small drawings (a path, a neighbourhood); 'on-focus' in the whole system. */
  edgeLabels: 'always' | 'on-focus';
}

export interface SourcedDrawing extends Drawing {
  /** What it shows, in words ("Around Ministry of State Security"). */
  title: string;
  /** The documents quoted by the claims behind the drawn relations, most cited first. */
  sources: { id: string; citation: string; claims: number }[];
  /** Set when the scope held too many nodes to draw as boxes: the drawing is then of its groups, and these are the counts. */
  overview?: { nodes: number; edges: number };
}

/** Above this many nodes a scope is drawn as an overview of its groups; the explorer draws the whole with WebGL. */
export const MAX_DRAWN_NODES = 2000;

/** The prefix of a group's node in an overview. */
export const GROUP_NODE = 'group:';

export const FONT_SIZE = 12;
export const LINE_HEIGHT = 15;
export const NODE_WIDTH = 160;
export const NODE_PADDING = { x: 10, y: 7 };
export const MAX_LINES = 4;
export const EDGE_FONT_SIZE = 10;
export const EDGE_LINE_HEIGHT = 12;
/** The left gutter that holds the bands' headings. */
export const GUTTER = 160;
export const HEADING_SIZE = 12;
export const HEADING_LINE_HEIGHT = 15;
