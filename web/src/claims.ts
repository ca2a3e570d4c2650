/**
 * A claim as the explorer shows it: the quoted words, the standing in the source's own terms (an
 * allegation reads "alleged", never more), the likelihood words, the Admiralty grade, and a link
 * to the source with the quote highlighted.
 */
import type { Claim } from './api.ts';
import { h, sourceHref } from './dom.ts';

export function claimView(c: Claim): HTMLElement {
  return h(
    'figure',
    { class: 'claim', id: `claim-${c.id}` },
    h('blockquote', {}, `“${c.quote}”`),
    h(
      'figcaption',
      {},
      h('span', { class: `standing standing-${c.standing}`, title: 'Standing of the assertion in its source' }, c.standing),
      c.likelihood ? h('span', { class: 'likelihood', title: 'The source’s own likelihood words (ICD 203)' }, c.likelihood) : null,
      h('span', { class: 'grade', title: `Admiralty: source reliability ${c.reliability}, information credibility ${c.credibility}` }, `${c.reliability}${c.credibility}`),
      h('a', { href: sourceHref(c.source, c.id), class: 'source-link' }, `${c.source} ${c.start}–${c.end}`),
      tlpBadge(c.tlp),
    ),
  );
}

/** A TLP 2.0 label, shown for anything not CLEAR, so a reader knows what they may pass on. */
export function tlpBadge(tlp: string | undefined): HTMLElement | null {
  if (!tlp || tlp === 'clear') return null;
  return h('span', { class: `tlp tlp-${tlp.replace('+', '-')}`, title: 'Traffic Light Protocol 2.0 marking: who may see this' }, `TLP:${tlp.toUpperCase()}`);
}

export function claimList(claims: Claim[]): HTMLElement {
  return h('div', { class: 'claims' }, claims.map(claimView));
}
