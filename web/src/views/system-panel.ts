/**
 * The panel beside the system drawing: the selected node's summary — its names, what it is, its
 * ties with the claims behind each (formal and real chains told apart), its own claims — or, for a
 * drawn chain, each step with the claims that state it.
 */
import type { RecordView } from '../../../src/atlas/view.ts';
import type { SourcedDrawing } from '../../../src/drawing/drawing.ts';
import { CHAIN_WORDS, chainOf } from '../../../src/model/relation-types.ts';
import { api } from '../api.ts';
import { claimList, tlpBadge } from '../claims.ts';
import { clear, entityHref, fill, h } from '../dom.ts';

type View = Omit<RecordView, 'record'> & { record: { names?: { text: string; type: string; lang: string }[]; description?: string; subtype?: string; tlp?: string } };

export interface PanelActions {
  /** Whether the drawing is a part (then "expand" adds to it) or the whole. */
  part: boolean;
  expand(): void;
  neighbourhood(): void;
  tieFrom(): void;
  close(): void;
}

const CLAIMS_SHOWN = 4;

/** "formally: " or "in reality: " before a relation that belongs to one chain of command. */
function chainWord(type: string): string {
  const chain = chainOf(type);
  return chain ? `${CHAIN_WORDS[chain]}: ` : '';
}

function closeButton(close: () => void): HTMLElement {
  return h('button', { type: 'button', class: 'panel-close', onclick: close, 'aria-label': 'Close (Escape)' }, '×');
}

export async function focusPanel(panel: HTMLElement, id: string, actions: PanelActions): Promise<void> {
  panel.hidden = false;
  panel.dataset.id = id;
  clear(panel);
  panel.append(h('p', { class: 'muted' }, 'Loading…'));
  const v = await api<View>(`/entities/${encodeURIComponent(id)}`);
  // A later click may have replaced this one while it loaded.
  if (panel.dataset.id !== id) return;
  clear(panel);
  const ties = [...v.relations_out.map((r) => ({ r, out: true })), ...v.relations_in.map((r) => ({ r, out: false }))].filter(({ r }) => r.type !== 'uses-technique');
  // The real chain first, then the formal one: where a source tells the two apart, the reader sees both together.
  const rank = (type: string) => {
    const chain = chainOf(type);
    return chain === 'real' ? 0 : chain === 'formal' ? 1 : 2;
  };
  ties.sort((a, b) => rank(a.r.type) - rank(b.r.type));
  const others = (v.record.names ?? []).filter((n) => n.text !== v.name);
  fill(
    panel,
    closeButton(actions.close),
    h('h2', {}, h('a', { href: entityHref(v.id) }, v.name)),
    h('p', { class: 'muted' }, `${v.kind}${v.record.subtype ? `: ${v.record.subtype}` : ''} `, tlpBadge(v.record.tlp)),
    others.length ? h('p', { class: 'panel-names' }, others.flatMap((n, i) => [i ? ' · ' : '', h('span', { lang: n.lang }, n.text)])) : null,
    v.record.description ? h('p', {}, v.record.description) : null,
    h(
      'p',
      { class: 'panel-actions' },
      h('a', { href: entityHref(v.id), class: 'button' }, 'Open its page'),
      actions.part ? h('button', { type: 'button', onclick: actions.expand }, 'Expand: add its neighbours') : h('button', { type: 'button', onclick: actions.neighbourhood }, 'Draw it with its neighbours'),
      h('button', { type: 'button', onclick: actions.tieFrom }, 'How is it tied to…'),
    ),
    ties.length
      ? [
          h('h3', {}, `Ties (${ties.length})`),
          h(
            'ul',
            { class: 'panel-ties' },
            ties.map(({ r }) =>
              h(
                'li',
                {},
                h('details', {}, h('summary', {}, `${chainWord(r.type)}${r.label} `, h('a', { href: entityHref(r.other) }, r.other_name), ` (${r.claims.length} claim${r.claims.length === 1 ? '' : 's'})`), claimList(r.claims)),
              ),
            ),
          ),
        ]
      : h('p', { class: 'muted' }, 'No documented ties.'),
    v.claims.length ? [h('h3', {}, `Claims (${v.claims.length})`), claimList(v.claims.slice(0, CLAIMS_SHOWN)), v.claims.length > CLAIMS_SHOWN ? h('p', {}, h('a', { href: entityHref(v.id) }, `All ${v.claims.length} claims on its page`)) : null] : null,
  );
}

/** A drawn chain, step by step, each with the claims that state it. */
export function pathPanel(panel: HTMLElement, drawing: SourcedDrawing, nameOf: (id: string) => string, close: () => void): void {
  panel.hidden = false;
  panel.dataset.id = '';
  clear(panel);
  const list = h('ol', { class: 'path-steps' });
  fill(panel, closeButton(close), h('h2', {}, `The chain, in ${drawing.edges.length} step${drawing.edges.length === 1 ? '' : 's'}`), list);
  for (const e of drawing.edges) {
    const item = h('li', {}, h('p', {}, h('a', { href: entityHref(e.source) }, nameOf(e.source)), ` ${chainWord(e.type)}${e.label} `, h('a', { href: entityHref(e.target) }, nameOf(e.target))));
    list.append(item);
    void api<{ claims: Parameters<typeof claimList>[0] }>(`/entities/${encodeURIComponent(e.id)}`).then((rel) => item.append(claimList(rel.claims)));
  }
}
