/**
 * @module ingest/proposals
 * From what extraction found to what an analyst decides: claims about known bodies and people
 * (the sentence that names them, with the standing the sentence's own words give it — a charge is
 * "charged", never more), candidate new bodies and people (or another spelling of a known one, with
 * the merge suggested), relations a sentence states, and techniques with the actor named beside
 * them. Every proposal quotes its sentence; offsets are code points into the document's text.
 */
import type { Standing } from '../model/vocab.ts';
import type { NewProposal } from '../store/documents.ts';
import type { Extraction, Mention } from './extract.ts';
import { legalSubjects, type Named } from './relations.ts';
import { paragraphs, sentencesOf, type Span } from './spans.ts';

/** The standing a sentence's own words give what it says; the analyst may change it. */
export function standingOf(sentence: string): Standing {
  if (/\bpleaded guilty\b/i.test(sentence)) return 'pleaded-guilty';
  if (/\b(?:convicted|found guilty|was sentenced|were sentenced)\b/i.test(sentence)) return 'convicted';
  if (/\bacquitted\b/i.test(sentence)) return 'acquitted';
  if (/\b(?:(?:charges?|indictment|case|complaint)(?:\s+[\p{L}'’]+){0,3}?\s+(?:was|were|has been|have been) dismissed|dismissed the (?:charges?|indictment|case|complaint))\b/iu.test(sentence)) return 'dismissed';
  if (/\b(?:charged|indicted|indictment|criminal complaint|charges?)\b/i.test(sentence)) return 'charged';
  if (/\b(?:alleges?|alleged|allegedly|allegations?|accused|according to the (?:complaint|indictment))\b/i.test(sentence)) return 'alleged';
  if (/\b(?:assess|assessed|likely|probably|judge[sd]?)\b/i.test(sentence)) return 'assessed';
  return 'reported';
}

/** Standings that belong only to the person the law acted on. */
export const LEGAL_STANDINGS: ReadonlySet<Standing> = new Set<Standing>(['charged', 'pleaded-guilty', 'convicted', 'acquitted', 'dismissed']);

/**
 * The standing of what a sentence says of one of the things it names. A legal standing belongs to
 * the person the sentence says was charged, convicted …; anything else it names gets what the
 * sentence says of it: what a charge, an indictment, an acquittal or a dismissal puts forward is
 * "alleged"; what a conviction or a plea establishes is "reported" (the court's finding, as the
 * document reports it, is not the other party's conviction).
 */
export function standingFor(sentence: string, isLegalSubject: boolean): Standing {
  const standing = standingOf(sentence);
  if (!LEGAL_STANDINGS.has(standing) || isLegalSubject) return standing;
  return standing === 'convicted' || standing === 'pleaded-guilty' ? 'reported' : 'alleged';
}

/** The sentence around a span, trimmed, with code-point offsets (the text's offsets are code points too). */
function sentenceAround(sentences: Span[], start: number): Span | undefined {
  const s = sentences.find((x) => x.start <= start && start < x.end);
  if (!s) return undefined;
  const lead = Array.from(s.text).length - Array.from(s.text.trimStart()).length;
  const text = s.text.trim();
  return { text, start: s.start + lead, end: s.start + lead + Array.from(text).length };
}

const ACTOR_KINDS = new Set(['organisation', 'person', 'programme', 'operation']);

/** A name as it identifies one candidate: case, spacing and a leading article do not make another. */
const nameKey = (name: string) => name.normalize('NFKC').replace(/^(?:the|a|an)\s+/i, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The name a relation's end goes by: a new name's full form, also where the sentence uses a short one ("Roe"). */
const fullName = (n: Named): string => (n.entity_id ? n.text : (n.matched_name ?? n.text));

export function buildProposals(text: string, x: Extraction): NewProposal[] {
  // Extraction's offsets are code points; sentences are found on an array of code points' text.
  const chars = Array.from(text);
  const cpText = chars.length === text.length ? text : null;
  const sentences = cpText ? sentencesOf(text) : sentencesOf(text).map((s) => ({ ...s, start: Array.from(text.slice(0, s.start)).length, end: Array.from(text.slice(0, s.end)).length }));
  const out: NewProposal[] = [];
  const seen = new Set<string>();

  // The people each sentence says were charged, convicted …: the only ones a legal standing is for.
  const subjects = new Map<number, Named[]>();
  const subjectsOf = (s: Span): Named[] => {
    let v = subjects.get(s.start);
    if (!v) subjects.set(s.start, (v = legalSubjects(s.text, s.start, x.mentions.filter((m) => m.kind === 'person' && m.start >= s.start && m.end <= s.end), true)));
    return v;
  };
  const isSubject = (s: Span, who: { kind: string; entity_id: string | null; start: number }) =>
    who.kind === 'person' && subjectsOf(s).some((p) => (who.entity_id ? p.entity_id === who.entity_id : p.start === who.start));

  // Each mention is proposed once, as what it is: a claim about the entity it names, or a
  // candidate — never both, and a candidate once whatever its case or article.
  const proposed: Span[] = [];
  for (const m of x.mentions) {
    const s = sentenceAround(sentences, m.start);
    if (!s) continue;
    if (proposed.some((q) => m.start < q.end && q.start < m.end)) continue;
    const standing = standingFor(s.text, isSubject(s, m));
    // A screened or translated name is another's reading of the text: proposed for merging, not as a claim.
    if (m.entity_id && m.how !== 'screened' && m.how !== 'translated') {
      const key = `claim|${m.entity_id}|${s.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      proposed.push(m);
      out.push({ kind: 'claim', start: s.start, end: s.end, quote: s.text, data: { entity_id: m.entity_id, mention: { text: m.text, start: m.start, end: m.end }, predicate: 'described-as', standing } });
    } else {
      const key = `entity|${nameKey(m.text)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      proposed.push(m);
      out.push({
        kind: 'new-entity',
        start: s.start,
        end: s.end,
        quote: s.text,
        data: { name: m.text, kind: m.kind, mention: { text: m.text, start: m.start, end: m.end }, suggested_merge: m.how === 'screened' || m.how === 'translated' ? m.entity_id : null, score: m.score, standing },
      });
    }
  }
  for (const r of x.relations) {
    const s = sentenceAround(sentences, r.subject.start);
    if (!s) continue;
    out.push({
      kind: 'relation',
      start: s.start,
      end: s.end,
      quote: s.text,
      // The relation is its subject's: it carries a legal standing only when the law acted on its subject.
      data: { type: r.predicate, subject: { text: fullName(r.subject), entity_id: r.subject.entity_id }, object: { text: fullName(r.object), entity_id: r.object.entity_id }, standing: standingFor(s.text, isSubject(s, r.subject)) },
    });
  }
  const paras = paragraphs(text);
  for (const t of x.techniques) {
    const first = t.evidence[0];
    if (!first) continue;
    const s = sentenceAround(sentences, first.start);
    if (!s) continue;
    const para = paras.find((p) => p.start <= first.start && first.start < p.end);
    const actor = x.mentions.find((m: Mention) => m.entity_id && ACTOR_KINDS.has(m.kind) && para && m.start >= para.start && m.end <= para.end);
    const actorCharged = !!actor && actor.start >= s.start && actor.end <= s.end && isSubject(s, actor);
    out.push({ kind: 'technique', start: s.start, end: s.end, quote: s.text, data: { technique: t.id, name: t.name, score: t.score, actor: actor?.entity_id ?? null, evidence: t.evidence, standing: standingFor(s.text, actorCharged) } });
  }
  // A relation's quote is its sentence; make sure every quote is the exact text at its offsets.
  return out.map((p) => ({ ...p, quote: chars.slice(p.start, p.end).join('') }));
}
