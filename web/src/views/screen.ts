/**
 * Name screening in the browser: one name typed in, or a CSV uploaded (column `name`; `kind`,
 * `country`, `id` optional) and the results downloaded. Nothing leaves the greyzone server.
 */
import { api, apiFile } from '../api.ts';
import { entityHref, h, fill } from '../dom.ts';

interface Step {
  label: string;
  to: string;
  to_name: string;
  standing: string;
  likelihood: string | null;
  claims: { quote: string; source: string; standing: string; likelihood: string | null; admiralty: string }[];
}
interface Match {
  id: string;
  name: string;
  kind: string;
  score: number;
  name_score: number;
  matched_name: string;
  alert: boolean;
  namesake: string | null;
  role: { role: string; label: string; because: string };
  corroboration: { fact: string; given: string; agrees: boolean; detail: string }[];
  reasons: { feature?: string; via?: string[]; qualifier?: string; detail?: string; alignments?: Alignment[] }[];
  links: { is_core: boolean; chain: Step[] | null; standing: string | null; statement: string };
}
/** How one part of the written name met a part of the stored name (names/align). */
interface Alignment {
  query: string;
  stored: string;
  how: string;
  cost: number;
}

/** The alignment in words: "secuirty ≈ security (misspelt); china: left out (descriptor left out)". */
function alignmentText(alignments: Alignment[]): string {
  return alignments.map((a) => (a.how === 'same' ? a.stored : a.stored && a.query ? `${a.query} ≈ ${a.stored} (${a.how})` : `${a.query || a.stored}: ${a.how}`)).join('; ');
}

interface Result {
  row: number;
  id?: string;
  query: string;
  matches?: Match[];
  alert?: boolean;
  not_in_atlas?: string;
  warnings?: string[];
  error?: string;
}

/** Each step of a chain with its standing, and the words of the source behind it. */
function chainView(m: Match): HTMLElement {
  if (!m.links.chain?.length) return h('small', {}, m.links.is_core ? 'It is one of the services or party bodies.' : 'No documented link to a service or party body.');
  return h(
    'div',
    { class: 'chain' },
    h('small', {}, h('strong', {}, `Link to the system — ${m.links.standing}${m.links.standing === 'alleged' ? ' (an allegation, not a finding)' : ''}: `), m.links.chain.map((s) => `${s.label} ${s.to_name}`).join(', then ')),
    h(
      'ol',
      { class: 'steps' },
      m.links.chain.map((s) =>
        h(
          'li',
          {},
          h('small', {}, `${s.label} `, h('a', { href: entityHref(s.to) }, s.to_name), ` — ${s.standing}${s.likelihood ? `, “${s.likelihood}”` : ''}`),
          s.claims.slice(0, 2).map((c) => h('blockquote', {}, h('small', {}, `“${c.quote}” — `, h('a', { href: `/source/${c.source}` }, c.source), ` (${c.standing}, ${c.admiralty})`))),
        ),
      ),
    ),
  );
}

function matchView(m: Match): HTMLElement {
  return h(
    'li',
    { class: m.alert ? 'alert' : 'no-alert' },
    h('strong', {}, m.alert ? 'Hit: ' : m.namesake ? 'Possible namesake: ' : 'Not a hit: '),
    h('a', { href: entityHref(m.id) }, m.name),
    ` (${m.kind}) — score ${m.score.toFixed(2)}${m.score !== m.name_score ? ` (name ${m.name_score.toFixed(2)})` : ''}, matched “${m.matched_name}”`,
    h('br'),
    h('small', { class: 'role' }, `In the atlas: ${m.role.label} — ${m.role.because}`),
    m.namesake ? [h('br'), h('small', { class: 'namesake' }, `${m.namesake}: add the person’s employer or affiliation to tell them apart.`)] : null,
    m.corroboration.flatMap((c) => [h('br'), h('small', {}, `${c.agrees ? 'Agrees' : 'Differs'}: ${c.detail}`)]),
    h('br'),
    h('small', {}, `How the name matched: ${m.reasons.map((x) => (x.feature ? `${x.feature}${x.via?.length ? ` via ${x.via.join(', ')}` : ''}` : `${x.qualifier}: ${x.detail}`)).join('; ')}`),
    ...m.reasons.flatMap((x) => (x.alignments?.length ? [h('br'), h('small', { class: 'alignment' }, `Part by part: ${alignmentText(x.alignments)}`)] : [])),
    h('br'),
    chainView(m),
  );
}

function resultView(r: Result): HTMLElement {
  if (r.error) return h('p', { class: 'error' }, `Row ${r.row}: ${r.error}`);
  const warnings = (r.warnings ?? []).map((w) => h('p', { class: 'warning' }, `Row ${r.row}: ${w}`));
  if (!r.matches?.length) return h('div', {}, warnings, h('p', { class: 'not-in-atlas' }, `“${r.query}”: ${r.not_in_atlas ?? 'not in the atlas.'}`));
  return h('div', {}, h('h3', {}, `“${r.query}”`), warnings, h('ul', {}, r.matches.map(matchView)));
}

export default async function screen(root: HTMLElement): Promise<void> {
  const out = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'screen-name', required: true, maxlength: '1000', autocomplete: 'off' });
  const kind = h('select', { id: 'screen-kind' }, h('option', { value: '' }, 'any'), h('option', { value: 'person' }, 'person'), h('option', { value: 'organisation' }, 'organisation'));
  const affiliation = h('input', { id: 'screen-affiliation', maxlength: '1000', autocomplete: 'off' });
  const file = h('input', { id: 'screen-file', type: 'file', accept: '.csv,text/csv' });
  fill(root,
    h('h1', {}, 'Screen names'),
    h('p', {}, 'Names in any script or romanisation are matched against the atlas, with the reasons for each match, the part the matched entity plays (an actor or instrument of the system is a hit; a target, a victim or an investigator never is) and the documented chain to a service or party body with the standing of every step. A person matched on the name alone is a possible namesake until a documented fact — their employer or affiliation — agrees. Matching looks only at names and documented links, never at where a name comes from.'),
    h(
      'form',
      { onsubmit: async (e: Event) => {
        e.preventDefault();
        const params = new URLSearchParams({ name: name.value, ...(kind.value ? { kind: kind.value } : {}), ...(affiliation.value.trim() ? { affiliation: affiliation.value } : {}) });
        out.replaceChildren(resultView(await api<Result>(`/screen/name?${params}`)));
      } },
      h('label', { for: 'screen-name' }, 'Name '),
      name,
      h('label', { for: 'screen-kind' }, ' Kind '),
      kind,
      h('label', { for: 'screen-affiliation' }, ' Employer or affiliation (a person’s) '),
      affiliation,
      ' ',
      h('button', { type: 'submit' }, 'Screen'),
    ),
    h(
      'form',
      { onsubmit: async (e: Event) => {
        e.preventDefault();
        const f = file.files?.[0];
        if (!f) return;
        try {
          // The server reads the CSV exactly as the command does (its encoding, header and rows checked).
          const { results } = await api<{ results: Result[] }>('/screen/csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: f });
          // The report: every row of the file, its own columns first, then its best match and what it means.
          const download = h('button', { type: 'button', id: 'screen-download', onclick: async () => {
            const report = await apiFile('/screen/csv?format=csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: f });
            const link = h('a', { href: URL.createObjectURL(report), download: 'screening-results.csv' });
            link.click();
          } }, 'Download the results (CSV, every row)');
          const alerts = results.filter((r) => r.alert).length;
          const absent = results.filter((r) => r.not_in_atlas);
          out.replaceChildren(
            h('p', {}, `${results.length} rows screened: ${alerts} with a hit, ${results.filter((r) => r.matches?.length && !r.alert).length} with matches that are not hits (namesakes, targets, investigators), ${results.filter((r) => r.error).length} with errors. `, download),
            ...(absent.length ? [h('p', { class: 'not-in-atlas' }, `${absent.length} row${absent.length === 1 ? '' : 's'} (${absent.slice(0, 5).map((r) => `“${r.query}”`).join(', ')}${absent.length > 5 ? ' …' : ''}): ${absent[0]!.not_in_atlas}`)] : []),
            ...results.filter((r) => r.error || r.warnings?.length || r.matches?.length).map(resultView),
          );
        } catch (err) {
          out.replaceChildren(h('p', { class: 'error', role: 'alert' }, (err as Error).message));
        }
      } },
      h('label', { for: 'screen-file' }, 'Or a CSV file '),
      file,
      ' ',
      h('button', { type: 'submit' }, 'Screen the file'),
    ),
    out,
  );
}
