/**
 * Exposure and briefing: an organisation describes itself in a short form (its sectors and
 * fields, its staff, clearances, travel, partners) and sees what the atlas means for it — the
 * methods that bear on it, ranked, each with why and on which claims; the matrix coloured by that
 * ranking; the cases and the actors — and prints or downloads the briefing for its staff, or the
 * ranking as a Navigator layer. The profile is kept in the address, so a link brings it back.
 */
import { api } from '../api.ts';
import { entityHref, fill, h } from '../dom.ts';
import type { ViewContext } from '../main.ts';

interface Options {
  sectors: { id: string; name: string }[];
  staff: { id: string; label: string }[];
  diaspora: { id: string; label: string }[];
}
interface Reason {
  text: string;
  claims: string[];
  case?: string;
}
interface Scored {
  id: string;
  name: string;
  score: number;
  reasons: Reason[];
}
interface Exposure {
  organisation: string;
  matched: { sectors: { name: string; because: string }[]; groups: { name: string; because: string }[]; fields_not_covered: string[] };
  techniques: Scored[];
  cases: (Scored & { date: string; outcome: string })[];
  actors: Scored[];
  protection: { technique: string; name: string; advice: { text: string }[] }[];
}
interface MatrixData {
  columns: { tactic: { id: string; name: string }; techniques: { id: string; name: string; subtechniques: { id: string; name: string }[] }[] }[];
}

type Profile = Record<string, unknown>;

const encode = (p: Profile) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(p)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
function decode(s: string): Profile | undefined {
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))) as Profile;
  } catch {
    return undefined;
  }
}
const list = (s: string) => s.split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean);

function checkboxes(name: string, legend: string, items: { id: string; label: string }[], chosen: unknown): HTMLFieldSetElement {
  const picked = new Set(Array.isArray(chosen) ? (chosen as string[]) : []);
  return h(
    'fieldset',
    { class: 'choices' },
    h('legend', {}, legend),
    items.map((i) => h('label', {}, h('input', { type: 'checkbox', name, value: i.id, checked: picked.has(i.id) }), ` ${i.label}`)),
  );
}

/** The matrix with each method coloured by its score for this organisation. */
function heatMap(matrix: MatrixData, exposure: Exposure): HTMLElement {
  const score = new Map(exposure.techniques.map((t) => [t.id, t.score]));
  const max = Math.max(1, ...score.values());
  const step = (s: number) => (s <= 0 ? 0 : Math.min(4, 1 + Math.floor((3.999 * s) / max)));
  const columns = matrix.columns.map((c) => ({ tactic: c.tactic, cells: c.techniques.flatMap((t) => [t, ...t.subtechniques]).filter((t) => score.has(t.id)) }));
  const rows = Math.max(0, ...columns.map((c) => c.cells.length));
  return h(
    'div',
    { class: 'matrix-scroll' },
    h(
      'table',
      { class: 'matrix exposure-matrix' },
      h('caption', {}, `The approach matrix, only the methods that bear on ${exposure.organisation}, coloured by their score`),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, h('span', { class: 'tactic-name' }, c.tactic.name), h('span', { class: 'tactic-id' }, c.tactic.id))))),
      h(
        'tbody',
        {},
        Array.from({ length: rows }, (_, r) =>
          h(
            'tr',
            {},
            columns.map((c) => {
              const t = c.cells[r];
              return t
                ? h('td', { class: `technique heat-${step(score.get(t.id)!)}`, 'data-technique': t.id }, h('a', { href: entityHref(t.id) }, h('span', { class: 'tid' }, t.id), ' ', h('span', { class: 'tname' }, t.name), ` (${score.get(t.id)})`))
                : h('td', { class: 'empty' });
            }),
          ),
        ),
      ),
    ),
  );
}

function scoredList(items: Scored[], className: string, href: (id: string) => string): HTMLElement {
  return h(
    'ol',
    { class: className },
    items.map((t) =>
      h(
        'li',
        { 'data-id': t.id },
        h('a', { href: href(t.id) }, t.name),
        ` — score ${t.score}`,
        h('ul', {}, t.reasons.slice(0, 4).map((r) => h('li', {}, r.text, h('small', { class: 'muted' }, ` (${r.claims.length} claim${r.claims.length === 1 ? '' : 's'})`)))),
      ),
    ),
  );
}

export default async function briefing(root: HTMLElement, ctx: ViewContext): Promise<void> {
  const options = await api<Options>('/profile/options');
  const given = decode(ctx.query.get('profile') ?? '') ?? {};
  const out = h('div', { 'aria-live': 'polite' });
  const input = (id: string, label: string, value: unknown, attrs: Record<string, string> = {}) => {
    const el = h('input', { id, name: id, value: Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : '', autocomplete: 'off', ...attrs });
    return { el, row: h('div', { class: 'field' }, h('label', { for: id }, label), el) };
  };
  const organisation = input('profile-organisation', 'Organisation', given.organisation, { required: 'true', maxlength: '200' });
  const country = input('profile-country', 'Its country (ISO code, e.g. EE)', given.country, { required: 'true', maxlength: '2', size: '3' });
  const fields = input('profile-fields', 'Research or technology fields (comma-separated)', given.fields);
  const partners = input('profile-partners', 'Partners’ countries (ISO codes)', given.partner_countries);
  const travel = input('profile-travel', 'Countries staff travel to or are posted in (ISO codes)', given.travel);
  const contact = input('profile-contact', 'Whom staff call first', given.contact, { maxlength: '500' });
  const clearances = h('input', { id: 'profile-clearances', type: 'checkbox', checked: given.clearances === true });
  const form = h(
    'form',
    { class: 'profile-form' },
    organisation.row,
    country.row,
    checkboxes('sectors', 'Sectors', options.sectors.map((s) => ({ id: s.id, label: s.name })), given.sectors),
    fields.row,
    checkboxes('staff', 'Staff', options.staff, given.staff),
    h('div', { class: 'field' }, clearances, h('label', { for: 'profile-clearances' }, ' Staff hold security clearances')),
    partners.row,
    travel.row,
    checkboxes('diaspora', 'Communities among members who may be watched and pressed abroad (only adds the advice that protects them; changes nothing else)', options.diaspora, given.diaspora),
    contact.row,
    h('button', { type: 'submit' }, 'Show what bears on us'),
  );
  const picked = (name: string) => Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)).map((i) => i.value);
  const profileNow = (): Profile => ({
    organisation: organisation.el.value,
    country: country.el.value,
    sectors: picked('sectors'),
    fields: fields.el.value.split(',').map((x) => x.trim()).filter(Boolean),
    staff: picked('staff'),
    clearances: clearances.checked,
    partner_countries: list(partners.el.value),
    travel: list(travel.el.value),
    diaspora: picked('diaspora'),
    ...(contact.el.value.trim() ? { contact: contact.el.value.trim() } : {}),
  });

  const show = async (profile: Profile) => {
    try {
      const [exposure, matrix] = await Promise.all([
        api<Exposure>('/exposure', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) }),
        api<MatrixData>('/matrix'),
      ]);
      const code = encode(profile);
      history.replaceState(null, '', `/briefing?profile=${code}`);
      const print = h('button', { type: 'button', id: 'brief-print', onclick: () => {
        const w = window.open(`/api/brief?profile=${code}&format=html`, '_blank');
        w?.addEventListener('load', () => w.print());
      } }, 'Print the briefing');
      const layer = h('button', { type: 'button', id: 'brief-layer', onclick: async () => {
        const res = await fetch('/api/exposure/layer', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) });
        h('a', { href: URL.createObjectURL(await res.blob()), download: 'greyzone-exposure-layer.json' }).click();
      } }, 'Download the Navigator layer');
      out.replaceChildren(
        h('h2', {}, `What bears on ${exposure.organisation}`),
        h('p', {}, `Read as: ${[...exposure.matched.sectors, ...exposure.matched.groups].map((x) => `${x.name} (${x.because})`).join('; ') || 'nothing the atlas holds'}.`),
        ...(exposure.matched.fields_not_covered.length ? [h('p', { class: 'muted' }, `Fields the atlas does not cover yet: ${exposure.matched.fields_not_covered.join(', ')}.`)] : []),
        h('p', { class: 'brief-actions' }, print, ' ', h('a', { id: 'brief-pdf', href: `/api/brief?profile=${code}&format=pdf`, download: 'greyzone-briefing.pdf' }, 'Download the briefing (PDF)'), ' ', layer),
        h('h3', {}, 'Methods, most relevant first'),
        h('p', { class: 'muted' }, 'A method scores 4 for each of your groups or sectors the source says it is aimed at, and the weight of each case that used it and bears on you (your sectors 3, your staff’s groups 2, your country 1; newer cases weigh more).'),
        scoredList(exposure.techniques.slice(0, 10), 'exposure-methods', entityHref),
        heatMap(matrix, exposure),
        h('h3', {}, 'Cases like yours'),
        scoredList(exposure.cases.slice(0, 6), 'exposure-cases', (id) => `/case/${encodeURIComponent(id)}`),
        h('h3', {}, 'Who is behind it'),
        scoredList(exposure.actors.slice(0, 6), 'exposure-actors', entityHref),
        ...(exposure.protection.length ? [h('h3', {}, 'Protecting members who may be watched and pressed abroad'), h('ul', {}, exposure.protection.map((p) => h('li', {}, h('strong', {}, p.name), h('ul', {}, p.advice.map((a) => h('li', {}, a.text))))))] : []),
      );
    } catch (err) {
      out.replaceChildren(h('p', { class: 'error', role: 'alert' }, (err as Error).message));
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void show(profileNow());
  });
  fill(
    root,
    h('h1', {}, 'Exposure and briefing'),
    h('p', {}, 'Describe your organisation in a few lines: greyzone picks the atlas’s methods, cases and bodies that bear on it, says why each was picked and on which sources, and makes a briefing of a few pages for your staff, every statement footnoted. Nothing here looks at where anyone comes from: the communities field only adds the advice that protects those members.'),
    form,
    out,
  );
  if (given.organisation) await show(given);
}
