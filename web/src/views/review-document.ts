/**
 * One ingested document under review: its text with every proposed span marked, and beside it the
 * proposals. For each the analyst sees the words it rests on and accepts it (with the entity, the
 * standing and the grades as they judge them), rejects it, merges a candidate into an entity the
 * atlas has, or undoes a decision.
 */
import { api, ApiError } from '../api.ts';
import { clear, entityHref, fill, h } from '../dom.ts';
import type { ViewContext } from '../main.ts';
import { RELATION_TYPES } from '../../../src/model/relation-types.ts';

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

/** A record as the name search returns it (GET /api/search: `names`). */
interface NameHit {
  id: string;
  kind: string;
  name: string;
  matched_name: string;
}

const SEARCH_DELAY_MS = 200;

/**
 * An entity chosen by any of its names: as the analyst types (English, Chinese characters, pinyin),
 * the atlas's names are searched and the matches offered in a list below the field (a combobox:
 * arrow keys move through them, Enter or a click chooses, Escape closes). The field then shows the
 * name and sends the entity's id; an id typed as it is is sent as it is.
 */
function entityInput(prefix: string, name: string, label: string, value: string): HTMLElement {
  const listId = `${prefix}-${name}-options`;
  const field = h('input', { name, value, size: '28', autocomplete: 'off', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, 'data-entity-picker': '1' });
  const list = h('ul', { id: listId, role: 'listbox', class: 'entity-options', 'aria-label': `${label}: matching entities`, hidden: true });
  const note = h('span', { class: 'entity-chosen muted', 'aria-live': 'polite' });
  let hits: NameHit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    field.setAttribute('aria-expanded', 'false');
    field.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i: number) => {
    active = i;
    list.querySelectorAll<HTMLElement>('[role="option"]').forEach((o, j) => {
      o.setAttribute('aria-selected', String(j === i)); // style.css shows the selected option
    });
    if (i >= 0) {
      field.setAttribute('aria-activedescendant', `${listId}-${i}`);
      list.children[i]?.scrollIntoView({ block: 'nearest' });
    } else field.removeAttribute('aria-activedescendant');
  };
  const choose = (hit: NameHit) => {
    field.value = hit.name;
    field.dataset.entityId = hit.id;
    note.textContent = `${hit.id}`;
    close();
  };
  const show = () => {
    clear(list);
    hits.forEach((hit, i) => {
      const also = hit.matched_name !== hit.name ? ` (${hit.matched_name})` : '';
      list.append(
        h('li', { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', 'data-id': hit.id, onmousedown: (e: Event) => {
            // Chosen before the field loses focus (which closes the list).
            e.preventDefault();
            choose(hit);
          } }, `${hit.name}${also} · ${hit.kind} · ${hit.id}`),
      );
    });
    list.hidden = hits.length === 0;
    field.setAttribute('aria-expanded', String(hits.length > 0));
    highlight(-1);
    note.textContent = hits.length ? `${hits.length} matching ${hits.length === 1 ? 'entity' : 'entities'}` : 'no entity by that name';
  };
  const lookUp = async (q: string) => {
    const n = ++asked;
    try {
      const r = await api<{ names: NameHit[] }>(`/search?q=${encodeURIComponent(q)}&limit=8`);
      // Only the answer to what the field says now is shown.
      if (n === asked && field.value.trim() === q) {
        hits = r.names;
        show();
      }
    } catch {
      if (n === asked) close();
    }
  };
  field.addEventListener('input', () => {
    delete field.dataset.entityId;
    note.textContent = '';
    clearTimeout(timer);
    const q = field.value.trim();
    if (!q) {
      asked++;
      hits = [];
      close();
      return;
    }
    timer = setTimeout(() => void lookUp(q), SEARCH_DELAY_MS);
  });
  field.addEventListener('keydown', (e) => {
    const open = !list.hidden && hits.length > 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!hits.length) return;
      e.preventDefault();
      if (!open) {
        list.hidden = false;
        field.setAttribute('aria-expanded', 'true');
      }
      highlight(e.key === 'ArrowDown' ? (active + 1) % hits.length : (active <= 0 ? hits.length : active) - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && active >= 0) choose(hits[active]!);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  });
  field.addEventListener('blur', close);
  return h('div', { class: 'entity-picker' }, h('label', {}, `${label} `, field), ' ', note, list);
}

/**
 * A new entity's one relation to an entity the atlas has (optional): its type by label, which way
 * it reads (each choice spelled out as a sentence), and the entity found by name.
 */
function relationFields(prefix: string, name: () => string): HTMLElement {
  const type = h('select', { name: 'relation_type' }, h('option', { value: '' }, 'none'), Object.entries(RELATION_TYPES).map(([key, rt]) => h('option', { value: key }, rt.label)));
  const forward = h('span', {});
  const backward = h('span', {});
  const radio = (value: string, checked: boolean, text: HTMLElement) => h('label', {}, h('input', { type: 'radio', name: 'related_is_subject', value, checked }), ' ', text);
  const words = () => {
    const rt = type.value ? RELATION_TYPES[type.value as keyof typeof RELATION_TYPES] : undefined;
    const label = rt?.label ?? '…';
    const other = 'the entity below';
    forward.textContent = `${name() || 'the new entity'} ${label} ${other}`;
    backward.textContent = `${other} ${label} ${name() || 'the new entity'}`;
  };
  type.addEventListener('change', words);
  words();
  return h(
    'fieldset',
    { class: 'relation-fields', onfocusin: words },
    h('legend', {}, 'With a relation to an existing entity (optional)'),
    h('label', {}, 'Relation ', type),
    h('fieldset', { class: 'direction' }, h('legend', {}, 'Which way'), radio('no', true, forward), ' ', radio('yes', false, backward)),
    entityInput(prefix, 'related', 'Entity', ''),
  );
}

/** What an entity field sends: the id of the entity chosen from the list, else what was typed. */
function entityValue(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name) as HTMLInputElement | null;
  return el ? (el.dataset.entityId ?? el.value.trim()) : '';
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
    const prefix = `proposal-${p.id}`;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const edits = (): Record<string, unknown> => {
      const e: Record<string, unknown> = {};
      // The standing extraction proposed is the server's default: sent only when the analyst chose one.
      if ((form.elements.namedItem('standing') as HTMLSelectElement | null)?.dataset.chosen) e.standing = field('standing');
      if (field('reliability')) e.reliability = field('reliability');
      if (field('credibility')) e.credibility = Number(field('credibility'));
      const ref = (name: string) => entityValue(form, name);
      if (p.kind === 'claim' && ref('entity_id') && ref('entity_id') !== p.data.entity_id) e.entity_id = ref('entity_id');
      if (p.kind === 'new-entity') {
        if (field('name') && field('name') !== p.data.name) e.name = field('name');
        e.kind = field('kind');
        if (field('relation_type')) {
          e.relation_type = field('relation_type');
          if (ref('related')) e.related = ref('related');
          e.related_is_subject = field('related_is_subject') === 'yes';
        }
      }
      if (p.kind === 'technique' && ref('actor')) e.actor = ref('actor');
      if (p.kind === 'relation') {
        if (ref('subject')) e.subject = ref('subject');
        if (ref('object')) e.object = ref('object');
      }
      return e;
    };
    if (p.status === 'proposed') {
      fill(
        form,
        p.kind === 'claim' ? entityInput(prefix, 'entity_id', 'About', p.data.entity_id ?? '') : null,
        p.kind === 'new-entity' ? [input('name', 'Name', p.data.name ?? ''), select('kind', 'Kind', ['organisation', 'person'], p.data.kind ?? 'organisation'), relationFields(prefix, () => field('name'))] : null,
        p.kind === 'technique' ? entityInput(prefix, 'actor', 'Used by', p.data.actor ?? '') : null,
        p.kind === 'relation' ? [entityInput(prefix, 'subject', 'Subject', p.data.subject?.entity_id ?? ''), entityInput(prefix, 'object', 'Object', p.data.object?.entity_id ?? '')] : null,
        select('standing', 'Standing', STANDINGS, p.data.standing ?? 'reported'),
        select('reliability', 'Reliability', ['', 'A', 'B', 'C', 'D', 'E', 'F'], v.document.reliability ?? ''),
        select('credibility', 'Credibility', ['', '1', '2', '3', '4', '5', '6'], v.document.credibility ? String(v.document.credibility) : ''),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'accept', onclick: () => void act(p, 'accept', { edits: edits() }) }, 'Accept'),
          h('button', { type: 'button', class: 'reject', onclick: () => void act(p, 'reject', {}) }, 'Reject'),
          p.kind === 'new-entity'
            ? [entityInput(prefix, 'into', 'Merge into', p.data.suggested_merge ?? ''), h('button', { type: 'button', class: 'merge', onclick: () => void act(p, 'merge', { into: entityValue(form, 'into'), edits: edits() }) }, 'Merge')]
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
