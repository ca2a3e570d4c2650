/**
 * Approach screening in the browser: describe what happened; see the methods it shows with the
 * words that show them highlighted, the documented cases most like it, whose methods it is
 * consistent with, the risk with its reasons, and what to do. The result prints cleanly.
 */
import { api } from '../api.ts';
import { entityHref, fill, h } from '../dom.ts';

interface Evidence {
  start: number;
  end: number;
  text: string;
  field: string;
}
interface Result {
  language: { supported: boolean; message?: string };
  techniques: { id: string; name: string; score: number; indicators: string[]; evidence: Evidence[] }[];
  cases: { id: string; title: string; score: number; shared_techniques: string[] }[];
  actors: { id: string; name: string; statement: string; techniques: string[] }[];
  risk: { level: string; reasons: { rule: string; description: string; techniques: string[] }[] };
  advice: { step: string; audience: string; text: string; technique?: string }[];
}

const FIELDS: [string, string][] = [
  ['approached_by', 'Who approached (as they presented themselves)'],
  ['claimed_affiliation', 'Whom they claimed to represent'],
  ['offered', 'What was offered'],
  ['asked', 'What was asked for'],
  ['target_role', 'Your role'],
  ['sector', 'Your sector'],
];

/** The description with every evidence span marked. */
function highlighted(text: string, spans: Evidence[]): HTMLElement {
  const p = h('p', { class: 'described' });
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    p.append(text.slice(at, s.start), h('mark', {}, text.slice(s.start, s.end)));
    at = s.end;
  }
  p.append(text.slice(at));
  return p;
}

function resultView(text: string, r: Result): HTMLElement[] {
  if (!r.language.supported) return [h('p', { class: 'error', role: 'alert' }, r.language.message ?? 'This language is not supported.')];
  const evidence = r.techniques.flatMap((t) => t.evidence.filter((e) => e.field === 'text'));
  return [
    h('h2', {}, 'Risk: ', h('span', { class: `risk risk-${r.risk.level}` }, r.risk.level)),
    h('ul', {}, r.risk.reasons.map((x) => h('li', {}, x.description, x.techniques.length ? h('span', { class: 'muted' }, ` (${x.techniques.join(', ')})`) : null))),
    h('h2', {}, 'Methods the description shows'),
    r.techniques.length
      ? h('ul', {}, r.techniques.map((t) => h('li', {}, h('a', { href: entityHref(t.id) }, `${t.id} ${t.name}`), ` — ${t.score.toFixed(2)}`, h('ul', {}, t.indicators.map((i) => h('li', { class: 'muted' }, i))))))
      : h('p', {}, 'No documented method is shown in the description.'),
    evidence.length ? [h('h3', {}, 'The words that show them'), highlighted(text, evidence)] : null,
    r.cases.length ? [h('h2', {}, 'Documented cases most like it'), h('ul', {}, r.cases.slice(0, 5).map((c) => h('li', {}, h('a', { href: `/case/${encodeURIComponent(c.id)}` }, c.title), h('span', { class: 'muted' }, ` — shares ${c.shared_techniques.join(', ')}`))))] : null,
    r.actors.length
      ? [h('h2', {}, 'Whose methods it is consistent with'), h('p', { class: 'muted' }, 'This says which documented methods the description resembles — not who is behind it.'), h('ul', {}, r.actors.slice(0, 6).map((a) => h('li', {}, 'Consistent with the methods the atlas attributes to ', h('a', { href: entityHref(a.id) }, a.name), h('span', { class: 'muted' }, ` (${a.techniques.join(', ')})`))))]
      : null,
    h('h2', {}, 'What to do'),
    h('ol', {}, r.advice.map((a) => h('li', {}, a.step === 'specific' ? h('strong', {}, `${a.audience.replace('-', ' ')}: `) : h('strong', {}, `${a.step}: `), a.text))),
    h('p', { class: 'no-print' }, h('button', { type: 'button', onclick: () => window.print() }, 'Print this assessment')),
  ].flat().filter((x): x is HTMLElement => x !== null);
}

export default async function approach(root: HTMLElement): Promise<void> {
  const out = h('div', { 'aria-live': 'polite', id: 'approach-result' });
  const text = h('textarea', { id: 'approach-text', rows: '8', maxlength: '1000000' });
  const channel = h('select', { id: 'approach-channel' }, h('option', { value: '' }, 'not given'), ...['social-network', 'email', 'conference', 'in-person', 'phone'].map((c) => h('option', { value: c }, c.replace('-', ' '))));
  const inputs = FIELDS.map(([key, label]) => [key, label, h('input', { id: `approach-${key}`, maxlength: '5000' })] as const);
  fill(
    root,
    h('h1', {}, 'Screen an approach'),
    h('p', { class: 'no-print' }, 'Describe what happened in your own words, in English: who contacted you, how, what they offered and what they asked. Names and nationalities make no difference to the result; only the described behaviour does.'),
    h(
      'form',
      { class: 'no-print approach-form', onsubmit: async (e: Event) => {
        e.preventDefault();
        const body: Record<string, string> = { text: text.value };
        if (channel.value) body.channel = channel.value;
        for (const [key, , input] of inputs) if (input.value.trim()) body[key] = input.value;
        try {
          out.replaceChildren(...resultView(text.value, await api<Result>('/screen/approach', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })));
        } catch (err) {
          out.replaceChildren(h('p', { class: 'error', role: 'alert' }, (err as Error).message));
        }
      } },
      h('label', { for: 'approach-text' }, 'What happened'),
      text,
      h('details', {}, h('summary', {}, 'More about the contact (optional)'), h('label', { for: 'approach-channel' }, 'How the contact came '), channel, inputs.map(([key, label, input]) => h('p', {}, h('label', { for: `approach-${key}` }, `${label} `), input))),
      h('p', {}, h('button', { type: 'submit' }, 'Screen')),
    ),
    out,
  );
}
