/**
 * Name screening in the browser: one name typed in, or a CSV uploaded (column `name`; `kind`,
 * `country`, `id` optional) and the results downloaded. Nothing leaves the greyzone server.
 */
import { api } from '../api.ts';
import { entityHref, h, fill } from '../dom.ts';

interface Match {
  id: string;
  name: string;
  kind: string;
  score: number;
  matched_name: string;
  reasons: { feature?: string; via?: string[]; qualifier?: string; detail?: string }[];
  links: { is_core: boolean; chain: { label: string; to: string; to_name: string; claims: { quote: string; standing: string }[] }[] | null };
}
interface Result {
  row: number;
  id?: string;
  query: string;
  matches?: Match[];
  error?: string;
}

function resultView(r: Result): HTMLElement {
  if (r.error) return h('p', { class: 'error' }, `Row ${r.row}: ${r.error}`);
  if (!r.matches?.length) return h('p', {}, `“${r.query}”: no match in the atlas.`);
  return h(
    'div',
    {},
    h('h3', {}, `“${r.query}”`),
    h(
      'ul',
      {},
      r.matches.map((m) =>
        h(
          'li',
          {},
          h('a', { href: entityHref(m.id) }, m.name),
          ` (${m.kind}) — score ${m.score.toFixed(2)}, matched “${m.matched_name}”`,
          h('br'),
          h('small', {}, m.reasons.map((x) => (x.feature ? `${x.feature}${x.via?.length ? ` via ${x.via.join(', ')}` : ''}` : `${x.qualifier}: ${x.detail}`)).join('; ')),
          h('br'),
          h('small', {}, m.links.is_core ? 'It is one of the services or party bodies.' : m.links.chain ? `Link to the system: ${m.links.chain.map((s) => `${s.label} ${s.to_name}`).join(', then ')}` : 'No documented link to a service or party body.'),
        ),
      ),
    ),
  );
}

export default async function screen(root: HTMLElement): Promise<void> {
  const out = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'screen-name', required: true, maxlength: '1000', autocomplete: 'off' });
  const kind = h('select', { id: 'screen-kind' }, h('option', { value: '' }, 'any'), h('option', { value: 'person' }, 'person'), h('option', { value: 'organisation' }, 'organisation'));
  const file = h('input', { id: 'screen-file', type: 'file', accept: '.csv,text/csv' });
  fill(root,
    h('h1', {}, 'Screen names'),
    h('p', {}, 'Names in any script or romanisation are matched against the atlas, with the reasons for each match and the documented chain to a service or party body. Matching looks only at names and documented links — never at where a name comes from.'),
    h(
      'form',
      { onsubmit: async (e: Event) => {
        e.preventDefault();
        const params = new URLSearchParams({ name: name.value, ...(kind.value ? { kind: kind.value } : {}) });
        out.replaceChildren(resultView(await api<Result>(`/screen/name?${params}`)));
      } },
      h('label', { for: 'screen-name' }, 'Name '),
      name,
      h('label', { for: 'screen-kind' }, ' Kind '),
      kind,
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
          const blob = new Blob([results.map((r) => JSON.stringify(r)).join('\n') + '\n'], { type: 'application/x-ndjson' });
          out.replaceChildren(
            h('p', {}, `${results.length} rows screened; ${results.filter((r) => r.matches?.length).length} with matches. `, h('a', { href: URL.createObjectURL(blob), download: 'screening-results.jsonl' }, 'Download the results')),
            ...results.filter((r) => r.error || r.matches?.length).map(resultView),
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
