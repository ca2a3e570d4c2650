/**
 * @module brief/briefing
 * A briefing for staff awareness: what the atlas means for one organisation (atlas/exposure), in a
 * few printed pages — the system in one diagram (its groups and what joins them), the methods that
 * matter most with their signs and what to do, two or three cases and how they ended, who is behind
 * it, whom to call. Every statement of fact is an element of class `fact` carrying footnotes, and
 * every footnote names one claim of the atlas with its document and exact words; signs and advice
 * are greyzone's own guidance (class `advice`), never presented as findings. A standing is given as
 * the source gives it: a charge reads as a charge.
 */
import type { Claim } from '../model/claim.ts';
import { claimsAt, claimsById, type Exposure, type Reason } from '../atlas/exposure.ts';
import { recordsOf, type Atlas } from '../atlas/load.ts';
import { displayName } from '../atlas/view.ts';
import type { Profile } from '../model/profile.ts';
import type { RecordOf } from '../model/kinds.ts';
import { drawOverview, drawingFile } from '../drawing/draw.ts';

/** How many methods, cases and actors a briefing tells of. */
export const BRIEF_METHODS = 8;
export const BRIEF_CASES = 2;
const BRIEF_ACTORS = 4;
/** Footnotes per statement: the first claims are enough to check it. */
const NOTES_PER_FACT = 2;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Footnotes numbered by first use. */
class Notes {
  private readonly order: string[] = [];
  constructor(private readonly claims: Map<string, Claim>) {}

  /** Footnote marks for a statement resting on these claims (the first few that exist); the same words of the same document are one footnote. */
  marks(ids: string[]): string {
    const known = [...new Set(ids.filter((id) => this.claims.has(id)).map((id) => this.sameWords(id)))].slice(0, NOTES_PER_FACT);
    const links = known.map((id) => {
      let n = this.order.indexOf(id) + 1;
      if (!n) n = this.order.push(id);
      return `<a href="#fn-${n}">${n}</a>`;
    });
    return links.length ? `<sup class="fn">${links.join(',')}</sup>` : '';
  }

  /** The first claim noted with the same document, place and standing as this one (several records may quote one sentence). */
  private sameWords(id: string): string {
    const c = this.claims.get(id)!;
    const key = `${c.source}|${c.start}|${c.end}|${c.standing}|${c.reliability}${c.credibility}`;
    const first = this.byWords.get(key);
    if (first) return first;
    this.byWords.set(key, id);
    return id;
  }
  private readonly byWords = new Map<string, string>();

  /** A statement of fact, if any claim shows it. */
  fact(tag: 'p' | 'li', html: string, ids: string[]): string {
    const marks = this.marks(ids);
    return marks ? `<${tag} class="fact">${html}${marks}</${tag}>` : '';
  }

  /** The footnotes, each a claim's exact words, and the documents they quote, each listed once. */
  list(atlas: Atlas): string {
    const documents: string[] = [];
    const notes = this.order
      .map((id, i) => {
        const c = this.claims.get(id)!;
        let doc = documents.indexOf(c.source) + 1;
        if (!doc) doc = documents.push(c.source);
        const hedge = c.likelihood ? `, “${esc(c.likelihood)}”` : '';
        return `<li id="fn-${i + 1}" class="footnote" data-claim="${esc(id)}">“${esc(c.quote)}” — ${esc(c.standing)}${hedge}, graded ${c.reliability}${c.credibility} [D${doc}]</li>`;
      })
      .join('\n');
    const docs = documents
      .map((id, i) => {
        const d = atlas.records.get(id)?.data as { title?: string; publisher?: string; published?: string; url?: string } | undefined;
        return `<li id="doc-${i + 1}" value="${i + 1}">[D${i + 1}] ${esc(d?.publisher ?? id)}${d?.published ? ` (${esc(d.published)})` : ''}, ${esc(d?.title ?? '')}${d?.url?.startsWith('http') ? ` <span class="url">${esc(d.url)}</span>` : ''}</li>`;
      })
      .join('\n');
    return `<ol class="footnotes">${notes}</ol><h3>Documents</h3><ul class="documents">${docs}</ul>`;
  }
}

const reasonText = (r: Reason) => esc(r.text.charAt(0).toUpperCase() + r.text.slice(1));

function methods(atlas: Atlas, exposure: Exposure, notes: Notes): string {
  return exposure.techniques
    .slice(0, BRIEF_METHODS)
    .map((t, i) => {
      const rec = atlas.records.get(t.id)!.data as RecordOf<'technique'>;
      const why = t.reasons.slice(0, 2).map((r) => notes.fact('li', reasonText(r), r.claims)).join('');
      const signs = rec.indicators.slice(0, 2).map((x) => `<li>${esc(x.text)}</li>`).join('');
      const advice = rec.advice.filter((a) => a.audience === 'individual').slice(0, 2).map((a) => `<li>${esc(a.text)}</li>`).join('');
      return `<section class="method"><h3>${i + 1}. ${esc(t.name)} <span class="id">${esc(t.id)}</span></h3>
<p class="advice">${esc(rec.description)}</p>
<h4>Why it bears on you</h4><ul class="why">${why}</ul>
<div class="advice"><h4>Signs to notice</h4><ul>${signs}</ul>${advice ? `<h4>What to do</h4><ul>${advice}</ul>` : ''}</div></section>`;
    })
    .join('\n');
}

function cases(atlas: Atlas, exposure: Exposure, notes: Notes): string {
  return exposure.cases
    .slice(0, BRIEF_CASES)
    .map((c) => {
      const d = atlas.records.get(c.id)!.data as RecordOf<'case'>;
      const at = (path: (string | number)[]) => claimsAt(atlas, c.id, path);
      const events = d.events.slice(0, 2).map((e, i) => notes.fact('li', `${esc(e.date)}: ${esc(e.description)}`, at(['events', i]))).join('');
      const people = d.people
        .map((p, i) => {
          const rec = atlas.records.get(p.person);
          return notes.fact('li', `${esc(rec ? displayName(rec) : p.person)} (${esc(p.role.replace(/-/g, ' '))}): <strong class="standing">${esc(p.standing)}</strong>`, at(['people', i]));
        })
        .join('');
      return `<section class="case"><h3>${esc(d.title)}</h3>
<ul class="why">${c.reasons.slice(0, 2).map((r) => notes.fact('li', `This case ${esc(r.text)}.`, r.claims)).join('')}</ul>
<ul class="events">${events}</ul>
${notes.fact('p', `How it ended: ${esc(d.outcome.text)}`, c.outcome_claims)}
${people ? `<ul class="people">${people}</ul>` : ''}</section>`;
    })
    .join('\n');
}

function actors(exposure: Exposure, notes: Notes): string {
  return exposure.actors
    .slice(0, BRIEF_ACTORS)
    .map((a) => `<div class="actor"><h4>${esc(a.name)}</h4><ul>${a.reasons.slice(0, 2).map((r) => notes.fact('li', reasonText(r), r.claims)).join('')}</ul></div>`)
    .join('\n');
}

/** Who, by the atlas, investigated or warned about such cases in the organisation's country. */
function whomToCall(atlas: Atlas, profile: Profile, notes: Notes): string {
  const country = `country-${profile.country}`;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const r of recordsOf(atlas, 'relation')) {
    if (r.data.type !== 'investigated' && r.data.type !== 'warned') continue;
    const body = atlas.records.get(r.data.subject);
    if (!body || body.kind !== 'organisation' || (body.data as { country?: string }).country !== country || seen.has(body.id)) continue;
    seen.add(body.id);
    const target = atlas.records.get(r.data.object);
    const ids = atlas.claims.filter((c) => c.claim.record === r.id).map((c) => c.claim.id);
    const whom = (target ? displayName(target) : r.data.object).replace(/\.$/, '');
    lines.push(notes.fact('li', `${esc(displayName(body))} ${r.data.type === 'warned' ? 'publicly warned about' : 'investigated'} ${esc(whom)}.`, ids));
    if (lines.length >= 3) break;
  }
  return lines.join('');
}

function protection(exposure: Exposure): string {
  if (!exposure.protection.length) return '';
  const groups = [...new Set(exposure.protection.flatMap((p) => p.groups))];
  return `<section class="protection"><h2>Protecting members who may be watched and pressed abroad</h2>
<p class="advice">Members of ${esc(groups.join(', '))} may be watched, intimidated and pressed through their families by the same system. What protects them:</p>
${exposure.protection
  .map((p) => `<div class="advice"><h4>${esc(p.name)}</h4><ul>${p.advice.map((a) => `<li>${esc(a.text)}</li>`).join('')}</ul></div>`)
  .join('\n')}</section>`;
}

export interface BriefOptions {
  /** The date printed on the briefing. */
  date?: string;
}

/** The briefing as one HTML document, self-contained (styles and the diagram inline). */
export async function briefingHtml(atlas: Atlas, profile: Profile, exposure: Exposure, options: BriefOptions = {}): Promise<string> {
  const notes = new Notes(claimsById(atlas));
  // The system by group — small enough to read on a page — and the documents its relations rest on.
  const overview = await drawOverview(atlas);
  const diagram = drawingFile({ ...overview, sources: overview.sources.slice(0, 6) }).replace(/^<\?xml[^>]*>\s*/, '');
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const body = `<header><div class="kicker">greyzone briefing · ${esc(date)} · for staff</div>
<h1>What this system means for ${esc(exposure.organisation)}</h1>
<p class="advice">From the greyzone atlas: ${esc(atlas.meta.name)}.</p>
<p class="advice">This briefing picks, from a sourced atlas of public documents, the methods, cases and bodies that bear on your organisation's sectors, staff and travel (${esc([...exposure.matched.sectors, ...exposure.matched.groups].map((x) => x.name).join('; ') || 'as your profile gives them')}). Every statement of fact carries a footnote: the document and its exact words, with how established it is — an allegation or a charge is not a conviction. Signs to notice and what to do are guidance, not findings.</p></header>
<section class="diagram"><h2>The system in one diagram</h2><figure>${diagram}</figure><p class="advice">Each box is a group of the system with how many bodies or people the atlas documents in it; each line, how many documented relations join two groups. The documents most of them rest on are listed under the drawing; the explorer draws every body and relation.</p></section>
<section class="methods"><h2>The methods that matter most to you</h2>
${methods(atlas, exposure, notes)}</section>
<section class="cases"><h2>Cases like yours, and how they ended</h2>
${cases(atlas, exposure, notes)}</section>
<section class="actors"><h2>Who is behind it</h2>${actors(exposure, notes)}</section>
${protection(exposure)}
<section class="call"><h2>Whom to call</h2>
<p class="advice">If you notice any of these signs, or someone is threatened: tell ${esc(profile.contact ?? 'your security officer')} first, before answering or cutting contact; keep the messages and what was offered or asked.</p>
<ul>${whomToCall(atlas, profile, notes)}</ul></section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>greyzone briefing: ${esc(exposure.organisation)}</title>
<style>${STYLE}</style></head>
<body>${body}
<section class="notes"><h2>Sources</h2>${notes.list(atlas)}</section>
</body></html>
`;
}

const STYLE = `
@page { size: A4; margin: 16mm 15mm; }
body { font-family: 'DejaVu Sans', 'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1b1f27; }
h1 { font-size: 17pt; margin: 0.2em 0 0.4em; }
h2 { font-size: 12.5pt; border-bottom: 1px solid #c9ced8; padding-bottom: 2pt; margin-top: 1.2em; }
h3 { font-size: 10.5pt; margin: 0.9em 0 0.2em; break-after: avoid; }
h4 { font-size: 9pt; margin: 0.4em 0 0.1em; color: #444; }
.kicker { color: #6b7280; text-transform: uppercase; letter-spacing: 0.05em; font-size: 8pt; margin: 0; }
.id { color: #6b7280; font-weight: normal; font-size: 8.5pt; }
.case { break-inside: avoid; }
.method { break-inside: avoid-page; }
ul { margin: 0.1em 0 0.3em; padding-left: 1.2em; }
.advice { color: #2e3440; }
div.advice { background: #f4f6f9; padding: 2pt 6pt; border-left: 3px solid #9aa3b2; }
sup.fn a { color: #7a1f2b; text-decoration: none; font-size: 7pt; }
.standing { text-transform: uppercase; font-size: 8pt; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; max-height: 160mm; }
.diagram { break-inside: avoid; }
.footnotes { font-size: 7pt; line-height: 1.3; color: #374151; columns: 2; column-gap: 8mm; padding-left: 1.6em; }
.footnotes li { break-inside: avoid; margin-bottom: 2pt; }
.documents { font-size: 7pt; line-height: 1.3; color: #374151; list-style: none; padding-left: 0; }
.documents .url { color: #6b7280; word-break: break-all; }
.footnotes .url { color: #6b7280; word-break: break-all; }
`;
