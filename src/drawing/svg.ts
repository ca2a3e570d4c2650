/**
 * @module drawing/svg
 * A drawing as SVG: one element tree that the explorer turns into DOM nodes and the export writes
 * out as a file, so the screen and the briefing show the same picture. Styling is in presentation
 * attributes (which a stand-alone file and an SVG rasteriser understand); the explorer's stylesheet
 * overrides them for focus and fading. Text is always a text child, never markup.
 */
import { SYSTEM_GROUPS } from '../model/display.ts';
import { EDGE_FONT_SIZE, EDGE_LINE_HEIGHT, FONT_SIZE, HEADING_LINE_HEIGHT, HEADING_SIZE, LINE_HEIGHT, NODE_PADDING, type Drawing, type DrawnEdge } from './drawing.ts';
import { FONT_FAMILY, textWidth, wrapText } from './text.ts';

export interface SvgElement {
  tag: string;
  attrs: Record<string, string | number>;
  children: (SvgElement | string)[];
}

const el = (tag: string, attrs: SvgElement['attrs'] = {}, ...children: (SvgElement | string | undefined | false)[]): SvgElement => ({
  tag,
  attrs,
  children: children.filter((c): c is SvgElement | string => c !== undefined && c !== false),
});

const EDGE_COLOUR = '#9aa3b2';
const REAL_COLOUR = '#7a1f2b';
const FORMAL_DASH = '6 4';

export interface SvgOptions {
  title: string;
  /** Short citations of the documents behind what is drawn; a briefing's picture carries them. */
  citations?: string[];
  /** A legend of groups and line styles below the drawing (the explorer has its own). */
  legend?: boolean;
  /** Nodes as keyboard-reachable buttons, for the explorer. */
  interactive?: boolean;
}

function lines(texts: string[], x: number, y: number, lineHeight: number, attrs: SvgElement['attrs']): SvgElement {
  if (texts.length === 1) return el('text', { x, y, ...attrs }, texts[0]);
  return el('text', { x, y, ...attrs }, ...texts.map((t, i) => el('tspan', { x, dy: i ? lineHeight : 0 }, t)));
}

const r = (n: number) => Math.round(n * 10) / 10;

export function drawingSvg(d: Drawing, options: SvgOptions): SvgElement {
  const colour = new Map(SYSTEM_GROUPS.map((g) => [g.id as string, g.colour]));
  const bands = el(
    'g',
    { class: 'bands' },
    ...d.bands.map((b, i) =>
      el(
        'g',
        { class: 'band', 'data-group': b.group },
        i % 2 === 0 && el('rect', { x: 0, y: r(b.y - 10), width: d.width, height: r(b.height + 20), fill: '#f5f6f8' }),
        lines(b.headingLines, 8, r(b.y + HEADING_SIZE), HEADING_LINE_HEIGHT, { class: 'band-heading', 'font-size': HEADING_SIZE, 'font-weight': 'bold', fill: b.colour }),
      ),
    ),
  );
  const edges = el(
    'g',
    { class: 'edges' },
    ...d.edges.map((e) =>
      el(
        'g',
        { class: `edge${e.chain ? ` chain-${e.chain}` : ''}`, 'data-id': e.id, 'data-source': e.source, 'data-target': e.target, 'data-type': e.type },
        el('path', {
          class: 'edge-line',
          d: e.path,
          fill: 'none',
          stroke: e.chain === 'real' ? REAL_COLOUR : EDGE_COLOUR,
          'stroke-width': e.chain === 'real' ? 1.6 : 1,
          ...(e.chain === 'formal' ? { 'stroke-dasharray': FORMAL_DASH } : {}),
          'marker-end': e.chain === 'real' ? 'url(#gz-arrow-real)' : 'url(#gz-arrow)',
        }),
        d.edgeLabels === 'always' && edgeLabelSvg(e),
      ),
    ),
  );
  const nodes = el(
    'g',
    { class: 'nodes' },
    ...d.nodes.map((n) =>
      el(
        'g',
        {
          class: 'node',
          'data-id': n.id,
          'data-group': n.group ?? '',
          ...(options.interactive ? { tabindex: 0, role: 'button', 'aria-label': `${n.name} (${n.kind}${n.subtype ? `, ${n.subtype}` : ''})` } : {}),
        },
        // The whole name as a tooltip where the box shows it cut short (the label ends in "…").
        n.lines.at(-1)?.endsWith('…') && el('title', {}, n.name),
        el('rect', { class: 'node-box', x: r(n.x), y: r(n.y), width: n.width, height: r(n.height), rx: 4, fill: '#ffffff', stroke: colour.get(n.group ?? '') ?? '#8d99ae', 'stroke-width': 1.6 }),
        lines(n.lines, r(n.x + NODE_PADDING.x), r(n.y + NODE_PADDING.y + FONT_SIZE - 2), LINE_HEIGHT, { class: 'node-label', 'font-size': FONT_SIZE, fill: '#1d2430' }),
      ),
    ),
  );
  const extra = footer(d, options);
  const height = d.height + extra.height;
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: r(d.width + 16), height: r(height + 16), viewBox: `-8 -8 ${r(d.width + 16)} ${r(height + 16)}`, 'font-family': FONT_FAMILY },
    el('title', {}, options.title),
    el(
      'defs',
      {},
      ...[['gz-arrow', EDGE_COLOUR], ['gz-arrow-real', REAL_COLOUR]].map(([id, fill]) =>
        el('marker', { id: id!, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, el('path', { d: 'M0,0 L10,5 L0,10 z', fill: fill! })),
      ),
    ),
    bands,
    edges,
    nodes,
    extra.element,
  );
}

/** A relation's label on its white ground. A drawing of the whole shows it only for the relations of the node in focus. */
export function edgeLabelSvg(e: DrawnEdge, dy = 0): SvgElement {
  const y = e.labelBox.y + dy;
  return el(
    'g',
    { class: 'edge-label', 'data-id': e.id },
    el('rect', { x: r(e.labelBox.x), y: r(y), width: r(e.labelBox.width), height: r(e.labelBox.height), rx: 3, fill: '#ffffff', 'fill-opacity': 0.92 }),
    lines(e.labelLines, r(e.labelBox.x + 4), r(y + EDGE_FONT_SIZE), EDGE_LINE_HEIGHT, { 'font-size': EDGE_FONT_SIZE, fill: e.chain === 'real' ? REAL_COLOUR : '#444b57' }),
  );
}

/** The legend and the citations under the drawing, for a picture that leaves the explorer. */
function footer(d: Drawing, options: SvgOptions): { element: SvgElement | undefined; height: number } {
  if (!options.legend && !options.citations?.length) return { element: undefined, height: 0 };
  const parts: SvgElement[] = [];
  let y = d.height + 36;
  if (options.legend) {
    const drawn = new Set(d.bands.map((b) => b.group));
    let x = 0;
    for (const g of SYSTEM_GROUPS.filter((g) => drawn.has(g.id))) {
      const label = g.label.replace(/ \(.*\)$/, '');
      const w = 22 + textWidth(label, 11);
      if (x + w > d.width) {
        x = 0;
        y += 18;
      }
      parts.push(el('rect', { x, y: y - 10, width: 12, height: 12, fill: g.colour }), el('text', { x: x + 16, y, 'font-size': 11, fill: '#1d2430' }, label));
      x += w + 10;
    }
    y += 20;
    parts.push(
      el('path', { d: `M0,${y - 4} L40,${y - 4}`, stroke: REAL_COLOUR, 'stroke-width': 1.6 }),
      el('text', { x: 46, y, 'font-size': 11, fill: '#1d2430' }, 'in reality: who tasks and directs'),
      el('path', { d: `M260,${y - 4} L300,${y - 4}`, stroke: EDGE_COLOUR, 'stroke-dasharray': FORMAL_DASH }),
      el('text', { x: 306, y, 'font-size': 11, fill: '#1d2430' }, 'formally: the hierarchy on paper'),
      el('path', { d: `M520,${y - 4} L560,${y - 4}`, stroke: EDGE_COLOUR }),
      el('text', { x: 566, y, 'font-size': 11, fill: '#1d2430' }, 'other documented relations'),
    );
    y += 22;
  }
  if (options.citations?.length) {
    parts.push(el('text', { x: 0, y, 'font-size': 11, 'font-weight': 'bold', fill: '#1d2430' }, `Sources (${options.citations.length})`));
    for (const c of options.citations) {
      for (const line of wrapText(c, d.width - 12, 10, 3)) {
        y += 13;
        parts.push(el('text', { x: 8, y, 'font-size': 10, fill: '#444b57' }, line));
      }
    }
    y += 6;
  }
  return { element: el('g', { class: 'footer' }, ...parts), height: y - d.height };
}

// XML allows no control characters but tab and line ends: one in a name would make the file unreadable.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const escape = (s: string) => s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The tree as an SVG file's text. */
export function serialiseSvg(node: SvgElement): string {
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${escape(String(v))}"`).join('');
  const inner = node.children.map((c) => (typeof c === 'string' ? escape(c) : serialiseSvg(c))).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
