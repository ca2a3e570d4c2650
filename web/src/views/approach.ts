/**
 * Approach screening in the browser: describe what happened; see the methods it shows with the
 * words that show them highlighted, the documented cases most like it, whose methods it is
 * consistent with, the risk with its reasons, and what to do. The result prints cleanly.
 */
import { api } from '../api.ts';
import { AUDIENCE_HEADINGS } from '../../../src/screen/risk.ts';
import { entityHref, fill, h } from '../dom.ts';

interface Evidence {
  start: number;
  end: number;
  text: string;
  field: string;
}
interface Finding {
  indicator: string;
  field: string;
  passage: { start: number; end: number; text: string };
  sentences: number;
  words: (Evidence & { cue: string; via?: string })[];
}
interface Technique {
  id: string;
  name: string;
  score: number;
  explanation: string;
  indicators: string[];
  findings: Finding[];
  evidence: Evidence[];
}
interface Result {
  language: { supported: boolean; message?: string };
  techniques: Technique[];
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

/** A piece of text with spans marked, each mark saying which method it counts for. */
function marked(text: string, offset: number, spans: (Evidence & { title: string })[], cls: string): HTMLElement {
  const p = h('p', { class: cls });
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const start = s.start - offset;
    if (start < at) continue;
    p.append(text.slice(at, start), h('mark', { title: s.title }, text.slice(start, s.end - offset)));
    at = s.end - offset;
  }
  p.append(text.slice(at));
  return p;
}

/** One method: its score explained, each finding as the passage that shows it with the words that counted marked. */
function techniqueView(t: Technique): HTMLElement {
  const findings = t.findings.filter((f) => f.field === 'text');
  const inFindings = new Set(findings.flatMap((f) => f.words.map((w) => `${w.start}:${w.end}`)));
  const weighed = t.evidence.filter((e) => e.field === 'text' && !inFindings.has(`${e.start}:${e.end}`));
  return h(
    'li',
    { class: 'technique-finding', 'data-technique': t.id },
    h('a', { href: entityHref(t.id) }, `${t.id} ${t.name}`),
    ` — ${t.score.toFixed(2)}`,
    h('p', { class: 'muted' }, t.explanation),
    findings.length
      ? h(
          'ul',
          {},
          findings.map((f) =>
            h(
              'li',
              { class: 'finding' },
              h('span', {}, f.indicator, f.sentences > 1 ? h('span', { class: 'muted' }, ` (across ${f.sentences} sentences)`) : null),
              marked(f.passage.text, f.passage.start, f.words.map((w) => ({ ...w, title: w.via ? `${w.text}: read as “${w.cue}” (WordNet)` : `${w.text}: “${w.cue}”` })), 'passage'),
            ),
          ),
        )
      : null,
    weighed.length ? h('p', { class: 'muted' }, 'Other words that weighed: ', weighed.map((e) => `“${e.text}”`).join(', ')) : null,
  );
}

const STEP: Record<string, string> = { safety: 'Safety first', stop: 'Stop', record: 'Record', report: 'Report', avoid: 'Avoid' };

/** What to do, grouped by whom it is for, in the order given. */
function adviceView(advice: Result['advice']): HTMLElement[] {
  const groups = new Map<string, Result['advice']>();
  for (const a of advice) groups.set(a.audience, [...(groups.get(a.audience) ?? []), a]);
  return [...groups].flatMap(([audience, list]) => [
    h('h3', {}, AUDIENCE_HEADINGS[audience] ?? audience),
    h('ol', { class: 'advice', 'data-audience': audience }, list.map((a) => h('li', { class: a.step === 'safety' ? 'safety' : '' }, STEP[a.step] ? h('strong', {}, `${STEP[a.step]}: `) : null, a.text))),
  ]);
}

function resultView(text: string, r: Result): HTMLElement[] {
  if (!r.language.supported) return [h('p', { class: 'error', role: 'alert' }, r.language.message ?? 'This language is not supported.')];
  const evidence = r.techniques.flatMap((t) => t.evidence.filter((e) => e.field === 'text').map((e) => ({ ...e, title: `${t.id} ${t.name}` })));
  return [
    h('h2', {}, 'Risk: ', h('span', { class: `risk risk-${r.risk.level}` }, r.risk.level)),
    h('ul', {}, r.risk.reasons.map((x) => h('li', {}, x.description, x.techniques.length ? h('span', { class: 'muted' }, ` (${x.techniques.join(', ')})`) : null))),
    h('h2', {}, 'Methods the description shows'),
    r.techniques.length ? h('ul', { class: 'techniques' }, r.techniques.map(techniqueView)) : h('p', {}, 'No documented method is shown in the description.'),
    evidence.length ? [h('h3', {}, 'The description, with the words that counted'), marked(text, 0, evidence, 'described')] : null,
    r.cases.length ? [h('h2', {}, 'Documented cases most like it'), h('ul', {}, r.cases.slice(0, 5).map((c) => h('li', {}, h('a', { href: `/case/${encodeURIComponent(c.id)}` }, c.title), h('span', { class: 'muted' }, ` — shares ${c.shared_techniques.join(', ')}`))))] : null,
    r.actors.length
      ? [h('h2', {}, 'Whose methods it is consistent with'), h('p', { class: 'muted' }, 'This says which documented methods the description resembles — not who is behind it.'), h('ul', {}, r.actors.slice(0, 6).map((a) => h('li', {}, 'Consistent with the methods the atlas attributes to ', h('a', { href: entityHref(a.id) }, a.name), h('span', { class: 'muted' }, ` (${a.techniques.join(', ')})`))))]
      : null,
    h('h2', {}, 'What to do'),
    adviceView(r.advice),
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
