/**
 * A record's page: its names in every script, kind, relations in and out, cases, the techniques
 * it is recorded using, and every claim with its quote, standing, likelihood words and grade.
 */
import type { RecordView as ServerRecordView, RelationView } from '../../../src/atlas/view.ts';
import { api } from '../api.ts';
import { stixDownload } from '../downloads.ts';
import { claimList, tlpBadge } from '../claims.ts';
import { clear, entityHref, h, fill } from '../dom.ts';
import { editForm } from '../edit.ts';
import { mayEdit } from '../session.ts';

/** The server's record view (src/atlas/view.ts), with the record's fields this page reads. */
type RecordView = Omit<ServerRecordView, 'record'> & {
  version: number;
  record: {
    names?: { text: string; type: string; lang: string }[];
    description?: string;
    subtype?: string;
    tlp?: string;
    tactics?: string[];
    indicators?: { text: string }[];
    advice?: { audience: string; text: string }[];
    parent?: string;
  };
};

/** Kinds a STIX export can be centred on (not sources, relations or tactics). */
const STIX_KINDS = new Set(['organisation', 'person', 'programme', 'operation', 'requirement', 'goal', 'sector', 'target group', 'country', 'intrusion set', 'technique', 'case']);

const FRAMEWORK_LABEL: Record<string, string> = { attack: 'ATT&CK', disarm: 'DISARM' };

/** A framework technique by its id and name, linked to its producer's page when the data gives one. */
function frameworkLink(framework: string, t: { id: string; name: string; url?: string | undefined }): HTMLElement {
  const label = `${FRAMEWORK_LABEL[framework] ?? framework} ${t.id}${t.name !== t.id ? ` ${t.name}` : ''}`;
  return t.url?.startsWith('https://') ? h('a', { href: t.url, rel: 'noreferrer' }, label) : h('span', {}, label);
}

function relations(title: string, list: RelationView[]): HTMLElement[] {
  if (!list.length) return [];
  return [
    h('h2', {}, title),
    ...list.map((r) =>
      h(
        'section',
        { class: 'relation' },
        h('h3', {}, `${r.label} `, h('a', { href: entityHref(r.other) }, r.other_name), r.valid_from || r.valid_to ? h('span', { class: 'muted' }, ` (${r.valid_from ?? ''}–${r.valid_to ?? ''})`) : null),
        claimList(r.claims),
      ),
    ),
  ];
}

export default async function entity(root: HTMLElement, ctx: { params: string[] }): Promise<void> {
  const v = await api<RecordView>(`/entities/${encodeURIComponent(ctx.params[0]!)}`);
  const rec = v.record;
  const techniques = v.relations_out.filter((r) => r.type === 'uses-technique');
  const others = v.relations_out.filter((r) => r.type !== 'uses-technique');
  document.title = `${v.name} — greyzone`;
  fill(root,
    h('h1', {}, v.name),
    h('p', { class: 'muted' }, `${v.kind}${rec.subtype ? `: ${rec.subtype}` : ''} · ${v.id} `, tlpBadge(rec.tlp), STIX_KINDS.has(v.kind) ? [' · ', stixDownload({ entity: v.id, depth: '1' }, v.id)] : null),
    rec.names && rec.names.length > 1
      ? h('ul', { class: 'names', 'aria-label': 'Names' }, rec.names.map((n) => h('li', { lang: n.lang }, n.text, ' ', h('small', {}, `${n.type}${n.lang !== 'en' ? `, ${n.lang}` : ''}`))))
      : null,
    rec.description ? h('p', {}, rec.description) : null,
    rec.parent ? h('p', {}, 'A variant of ', h('a', { href: entityHref(rec.parent) }, rec.parent)) : null,
    rec.tactics ? h('p', {}, `Tactics: ${rec.tactics.join(', ')}`) : null,
    rec.indicators ? [h('h2', {}, 'Indicators — what you may notice'), h('ul', {}, rec.indicators.map((i) => h('li', {}, i.text)))] : null,
    rec.advice ? [h('h2', {}, 'What to do'), h('ul', {}, rec.advice.map((a) => h('li', {}, h('strong', {}, `${a.audience.replace('-', ' ')}: `), a.text)))] : null,
    v.mapped?.length
      ? [h('h2', {}, 'Mappings to DISARM and ATT&CK'), h('ul', {}, v.mapped.map((m) => h('li', {}, frameworkLink(m.framework, m), ` — ${m.reason}`)))]
      : null,
    v.framework_uses?.length
      ? [h('h2', {}, `Techniques ATT&CK records it using (${v.framework_uses.length})`), h('ul', { class: 'columns' }, v.framework_uses.map((t) => h('li', {}, frameworkLink('attack', t))))]
      : null,
    v.cases.length ? [h('h2', {}, 'Cases'), h('ul', {}, v.cases.map((c) => h('li', {}, h('a', { href: `/case/${encodeURIComponent(c.id)}` }, c.title))))] : null,
    ...relations(v.kind === 'technique' ? 'Used by' : 'Relations', v.kind === 'technique' ? v.relations_in : others),
    ...relations('Techniques it is recorded using', techniques),
    ...(v.kind === 'technique' ? [] : relations('Relations to it', v.relations_in)),
    ...v.in_cases.map((c) => [h('h2', {}, v.kind === 'technique' ? 'Procedure example: ' : 'In ', h('a', { href: `/case/${encodeURIComponent(c.case)}` }, c.case)), claimList(c.claims)]).flat(),
    v.claims.length ? [h('h2', {}, 'Claims'), claimList(v.claims)] : null,
    (await mayEdit())
      ? editForm(v.id, rec, v.version, () => {
          clear(root);
          void entity(root, ctx);
        })
      : null,
  );
}
