/** The review page is built by the ingestion issue; until then it says so plainly. */
import { h, fill } from '../dom.ts';

export default async function review(root: HTMLElement): Promise<void> {
  fill(root,
    h('h1', {}, 'Review'),
    h('div', { class: 'placeholder', role: 'note' }, h('p', {}, h('strong', {}, 'Not built yet. '), 'This page will list the claims that ingestion proposes from new documents, each with its highlighted span, for an analyst to accept, edit or reject. Nothing is proposed yet.')),
  );
}
