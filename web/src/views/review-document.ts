/**
 * One ingested document under review: its text with every proposed span marked, and beside it the
 * proposals. For each the analyst sees the words it rests on and accepts it (with the entity, the
 * standing and the grades as they judge them), rejects it, merges a candidate into an entity the
 * atlas has, or undoes a decision.
 */
import { api, ApiError } from '../api.ts';
import { clear, entityHref, fill, h } from '../dom.ts';
import type { ViewContext } from '../main.ts';

interface Proposal {
  id: string;
  seq: number;
  kind: 'claim' | 'new-entity' | 'relation' | 'technique';
  start: number;
  end: number;
  quote: string;
  data: Record<string, unknown> & { standing?: string; entity_id?: string | null; name?: string; kind?: string; suggested_merge?: string | null; technique?: string; actor?: string | null; type?: string; subject?: { text: string; entity_id: string | null }; object?: { text: string; entity_id: string | null }; merged_into?: string };
  status: 'proposed' | 'accepted' | 'rejected' | 'merged';
  version: number;
  decided_by: string | null;
  changes: { id: string }[];
}

interface DocumentView {
  document: { sha256: string; name: string; title: string | null; publisher: string | null; url: string | null; date: string | null; reliability: string | null; credibility: number | null; text: string; tlp: string; source: string | null };
  proposals: Proposal[];
}

const STANDINGS = ['reported', 'assessed', 'alleged', 'charged', 'pleaded-guilty', 'convicted', 'acquitted', 'dismissed'];

function select(name: string, label: string, options: string[], value: string): HTMLElement {
  // A choice the analyst makes is marked as theirs: only that is sent as an edit.
  const el = h('select', { name, onchange: () => (el.dataset.chosen = '1') }, options.map((o) => h('option', { value: o, selected: o === value }, o)));
  return h('label', {}, `${label} `, el);
}

/** What ingestion captured of the document, each field named, and named as missing when it is. */
function metadata(d: DocumentView['document']): HTMLElement {
  const row = (label: string, value: string | HTMLElement | null) => [h('dt', {}, label), h('dd', {}, value ?? h('em', { class: 'missing' }, 'missing'))];
  const grade = d.reliability && d.credibility ? `${d.reliability}${d.credibility}` : null;
  return h(
    'dl',
    { class: 'document-metadata' },
    row('Title', d.title),
    row('Publisher', d.publisher),
    row('Address', d.url ? h('a', { href: d.url, rel: 'noopener noreferrer' }, d.url) : null),
    row('Date', d.date),
    row('Grade', grade ? `${grade} (the default of every decision; choose another in a decision)` : h('em', { class: 'missing' }, 'missing: choose reliability and credibility in each decision')),
  );
}

function input(name: string, label: string, value: string): HTMLElement {
  return h('label', {}, `${label} `, h('input', { name, value, size: '28', autocomplete: 'off' }));
}

function title(p: Proposal): (string | HTMLElement)[] {
  const d = p.data;
  switch (p.kind) {
    case 'claim':
      return d.entity_id ? ['A claim about ', h('a', { href: entityHref(d.entity_id) }, d.entity_id)] : ['A claim: choose the entity it is about'];
    case 'new-entity':
      return [`A new ${d.kind ?? 'entity'}: “${d.name ?? ''}”`, d.suggested_merge ? ` (perhaps ${d.suggested_merge})` : ''];
    case 'relation':
      return [`${d.subject?.text ?? '?'} ${d.type ?? ''} ${d.object?.text ?? '?'}`];
    case 'technique':
      return [`Technique ${d.technique ?? ''} ${typeof d.name === 'string' ? d.name : ''}`, d.actor ? ` used by ${d.actor}` : ''];
  }
}

export default async function reviewDocument(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const sha = ctx.params[0]!;
  const v = await api<DocumentView>(`/documents/${encodeURIComponent(sha)}`);
  const chars = Array.from(v.document.text);
  document.title = `Review: ${v.document.title ?? v.document.name} — greyzone`;

  // The text, with each proposal's span marked (overlapping spans share one mark).
  const spans = [...v.proposals].sort((a, b) => a.start - b.start);
  const text = h('div', { class: 'source-text review-text' });
  let at = 0;
  for (let i = 0; i < spans.length; ) {
    const first = spans[i]!;
    let end = first.end;
    const ids: string[] = [];
    while (i < spans.length && spans[i]!.start < end) {
      end = Math.max(end, spans[i]!.end);
      ids.push(spans[i]!.id);
      i++;
    }
    const start = Math.max(first.start, at);
    text.append(chars.slice(at, start).join(''));
    text.append(h('mark', { id: `span-${first.id}`, 'data-proposals': ids.join(' ') }, chars.slice(start, end).join('')));
    at = end;
  }
  text.append(chars.slice(at).join(''));

  const status = h('p', { role: 'status', class: 'review-status' });
  const list = h('ol', { class: 'proposals' });
  const redraw = () => {
    const y = window.scrollY;
    void reviewDocument(root, ctx).then(() => window.scrollTo(0, y));
  };
  const act = async (p: Proposal, action: string, body: Record<string, unknown>) => {
    try {
      await api(`/proposals/${encodeURIComponent(p.id)}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: p.version, ...body }) });
      redraw();
    } catch (e) {
      status.textContent = e instanceof ApiError ? e.message : 'The decision failed.';
    }
  };

  for (const p of v.proposals) {
    const form = h('form', { class: 'proposal-form', 'aria-label': `Proposal ${p.seq}` });
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const edits = (): Record<string, unknown> => {
      const e: Record<string, unknown> = {};
      // The standing extraction proposed is the server's default: sent only when the analyst chose one.
      if ((form.elements.namedItem('standing') as HTMLSelectElement | null)?.dataset.chosen) e.standing = field('standing');
      if (field('reliability')) e.reliability = field('reliability');
      if (field('credibility')) e.credibility = Number(field('credibility'));
      if (p.kind === 'claim' && field('entity_id') && field('entity_id') !== p.data.entity_id) e.entity_id = field('entity_id');
      if (p.kind === 'new-entity') {
        if (field('name') && field('name') !== p.data.name) e.name = field('name');
        e.kind = field('kind');
      }
      if (p.kind === 'technique' && field('actor')) e.actor = field('actor');
      if (p.kind === 'relation') {
        if (field('subject')) e.subject = field('subject');
        if (field('object')) e.object = field('object');
      }
      return e;
    };
    if (p.status === 'proposed') {
      fill(
        form,
        p.kind === 'claim' ? input('entity_id', 'About', p.data.entity_id ?? '') : null,
        p.kind === 'new-entity' ? [input('name', 'Name', p.data.name ?? ''), select('kind', 'Kind', ['organisation', 'person'], p.data.kind ?? 'organisation')] : null,
        p.kind === 'technique' ? input('actor', 'Used by', p.data.actor ?? '') : null,
        p.kind === 'relation' ? [input('subject', 'Subject', p.data.subject?.entity_id ?? ''), input('object', 'Object', p.data.object?.entity_id ?? '')] : null,
        select('standing', 'Standing', STANDINGS, p.data.standing ?? 'reported'),
        select('reliability', 'Reliability', ['', 'A', 'B', 'C', 'D', 'E', 'F'], v.document.reliability ?? ''),
        select('credibility', 'Credibility', ['', '1', '2', '3', '4', '5', '6'], v.document.credibility ? String(v.document.credibility) : ''),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'accept', onclick: () => void act(p, 'accept', { edits: edits() }) }, 'Accept'),
          h('button', { type: 'button', class: 'reject', onclick: () => void act(p, 'reject', {}) }, 'Reject'),
          p.kind === 'new-entity'
            ? [input('into', 'Merge into', p.data.suggested_merge ?? ''), h('button', { type: 'button', class: 'merge', onclick: () => void act(p, 'merge', { into: field('into'), edits: edits() }) }, 'Merge')]
            : null,
        ),
      );
    } else {
      fill(
        form,
        h('p', {}, `${p.status} by ${p.decided_by ?? '?'}`, p.changes.length ? ': ' : '', p.changes.flatMap((c, i) => [i ? ', ' : '', h('a', { href: c.id.startsWith('src-') ? `/source/${c.id}` : entityHref(c.id) }, c.id)])),
        h('button', { type: 'button', class: 'undo', onclick: () => void act(p, 'undo', {}) }, 'Undo'),
      );
    }
    list.append(
      h(
        'li',
        { class: `proposal proposal-${p.status}`, id: `proposal-${p.id}`, 'data-kind': p.kind },
        h('h2', {}, h('a', { href: `#span-${p.id}`, class: 'span-link' }, `${p.seq}.`), ' ', title(p)),
        h('blockquote', {}, `“${p.quote}”`),
        form,
      ),
    );
  }

  clear(root);
  fill(
    root,
    h('h1', {}, v.document.title ?? v.document.name),
    h('p', { class: 'muted' }, v.document.name, v.document.source ? [' · atlas source ', h('a', { href: `/source/${v.document.source}` }, v.document.source)] : null),
    metadata(v.document),
    status,
    h('div', { class: 'review-layout' }, h('section', { 'aria-label': 'Document text' }, text), h('section', { 'aria-label': 'Proposals' }, list)),
  );
}
