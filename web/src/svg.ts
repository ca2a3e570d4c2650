/**
 * An SVG element tree from the server's drawing module (src/drawing/svg.ts) as DOM nodes: the
 * picture on screen is the one the export writes. Text goes in as text nodes, never as markup.
 */
import type { SvgElement } from '../../src/drawing/svg.ts';

const NS = 'http://www.w3.org/2000/svg';

export function svgDom(tree: SvgElement): SVGElement {
  const el = document.createElementNS(NS, tree.tag) as SVGElement;
  for (const [k, v] of Object.entries(tree.attrs)) if (k !== 'xmlns') el.setAttribute(k, String(v));
  for (const c of tree.children) el.append(typeof c === 'string' ? document.createTextNode(c) : svgDom(c));
  return el;
}
