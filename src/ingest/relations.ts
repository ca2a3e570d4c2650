/**
 * @module ingest/relations
 * What joins the names in a sentence, where the sentence says it plainly: a person who works for a
 * body ("Xu Yanjun, an MSS employee"; "an officer of the Jiangsu State Security Department"), and
 * what happened to a person in law (charged, indicted, arrested, extradited, convicted, sentenced
 * to a term). Each is proposed with its sentence as the quote; an analyst decides.
 */
import type { Span } from './spans.ts';
import { sentencesOf } from './spans.ts';

export interface Named extends Span {
  kind: string;
  entity_id: string | null;
  /** For a later short mention of a new name ("Roe" after "Jane Roe"), the full name it stands for. */
  matched_name?: string | null;
}

export interface RelationProposal {
  predicate: 'works-for';
  subject: Named;
  object: Named;
  sentence: Span;
}

export interface EventProposal {
  type: 'charge' | 'indictment' | 'arrest' | 'extradition' | 'conviction' | 'plea' | 'sentence';
  person: Named;
  /** For a sentence: its term as an ISO 8601 duration (P20Y). */
  term: string | null;
  sentence: Span;
}

const EMPLOYEE = /^,?\s*(?:a|an|the)?\s*$/i;
const EMPLOYEE_AFTER = /^\s*(?:employee|officer|agent|official|operative|staff member|intelligence officer|deputy division director|member)\b/i;
const WORKS_FOR = /\b(?:works?|worked|working|employed)\s+(?:for|by|at)\s+(?:the\s+)?$/i;
const OFFICER_OF = /\b(?:officer|agent|official|employee|member|director|head|chief)\s+(?:of|with|for|at)\s+(?:the\s+)?$/i;

const EVENTS: [RegExp, EventProposal['type']][] = [
  [/\bsentenced\b/i, 'sentence'],
  [/\b(?:convicted|found guilty)\b/i, 'conviction'],
  [/\bpleaded guilty\b/i, 'plea'],
  [/\bextradited\b/i, 'extradition'],
  [/\bindicted\b/i, 'indictment'],
  [/\barrested\b/i, 'arrest'],
  [/\bcharged\b/i, 'charge'],
];
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30 };
const TERM = /\bsentenced\s+(?:\w+\s+){0,3}to\s+(\d+|[a-z]+)\s+(years?|months?)\b/i;

export function findRelations(text: string, names: Named[]): { relations: RelationProposal[]; events: EventProposal[] } {
  const relations: RelationProposal[] = [];
  const events: EventProposal[] = [];
  const sorted = [...names].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const s of sentencesOf(text)) {
    // One sweep: names and sentences both in text order.
    while (next < sorted.length && sorted[next]!.start < s.start) next++;
    const inside: Named[] = [];
    for (let i = next; i < sorted.length && sorted[i]!.start < s.end; i++) if (sorted[i]!.end <= s.end) inside.push(sorted[i]!);
    const people = inside.filter((n) => n.kind === 'person');
    const bodies = inside.filter((n) => n.kind === 'organisation');
    for (const p of people) {
      for (const o of bodies) {
        const between = text.slice(p.end, o.start);
        const after = text.slice(o.end, o.end + 40);
        const before = text.slice(Math.max(s.start, o.start - 60), o.start);
        const worksFor = o.start > p.end && ((EMPLOYEE.test(between) && EMPLOYEE_AFTER.test(after)) || (between.length < 120 && (WORKS_FOR.test(before) || OFFICER_OF.test(before))));
        if (worksFor) relations.push({ predicate: 'works-for', subject: p, object: o, sentence: s });
      }
    }
    // An event is its legal subject's: the person the sentence says was charged, convicted …
    const subjects = legalSubjects(s.text, s.start, people, false);
    if (!subjects.length) continue;
    for (const [re, type] of EVENTS) {
      if (!re.test(s.text)) continue;
      const m = type === 'sentence' ? TERM.exec(s.text) : null;
      const n = m ? (Number(m[1]) || NUMBERS[m[1]!.toLowerCase()] || 0) : 0;
      const term = m && n ? `P${n}${m[2]!.toLowerCase().startsWith('y') ? 'Y' : 'M'}` : null;
      const once = new Set<string>();
      for (const person of subjects) if (!once.has(person.entity_id ?? person.text) && once.add(person.entity_id ?? person.text)) events.push({ type, person, term, sentence: s });
      break;
    }
  }
  return { relations, events };
}

/** The words of what happened to someone in law: a verb ("was charged") or its noun ("the indictment"). */
const LEGAL_WORDS = /\b(?:pleaded guilty|found guilty|convicted|sentenced|acquitted|dismissed|charged|indicted|arrested|extradited|indictment|criminal complaint|charges)\b/i;
/** Legal words of one kind of event. */
const LEGAL_KIND: Record<string, string> = {
  'found guilty': 'conviction', convicted: 'conviction', sentenced: 'conviction',
  charged: 'charge', indicted: 'charge', indictment: 'charge', 'criminal complaint': 'charge', charges: 'charge',
};
/** Before the verb, the words that make it passive ("was charged", "has been indicted"): its subject comes before it. */
const PASSIVE = /\b(?:was|were|is|are|be|been|being)\s+(?:\p{L}+ly\s+)?$/iu;
/** Between two people, what makes them one subject ("Jane Roe and John Doe were charged"). */
const JOINED = /^\s*(?:,|,?\s+and|,?\s+or)\s*$/;

/**
 * The people a sentence says were charged, convicted, acquitted … — never the other names in it.
 * The subject is the person mention nearest the legal word on the side its grammar puts it: before
 * a passive verb or "pleaded guilty" ("Jane Roe, an engineer, was charged"), after an active one
 * ("a jury convicted Xu"), on either side of a noun ("the indictment against Xu"); with the people
 * joined to it by "and". `start` is the sentence's offset in the units of the people's offsets;
 * `codePoints` says those units are code points (else UTF-16, JavaScript's).
 */
export function legalSubjects<T extends Named>(sentence: string, start: number, people: T[], codePoints: boolean): T[] {
  const m = LEGAL_WORDS.exec(sentence);
  if (!m || !people.length) return [];
  // Two kinds of legal event and two people ("the charges against A were dismissed, while B was
  // convicted"): which befell whom is beyond this reading, so no one is given either; the analyst decides.
  const kinds = new Set([...sentence.matchAll(new RegExp(LEGAL_WORDS.source, 'gi'))].map((x) => LEGAL_KIND[x[0].toLowerCase()] ?? x[0].toLowerCase()));
  if (kinds.size > 1 && new Set(people.map((p) => p.entity_id ?? p.text)).size > 1) return [];
  const at = start + (codePoints ? Array.from(sentence.slice(0, m.index)).length : m.index);
  const sorted = [...people].sort((a, b) => a.start - b.start);
  const before = sorted.filter((p) => p.end <= at);
  const after = sorted.filter((p) => p.start >= at);
  const word = m[0].toLowerCase();
  const passive = word === 'pleaded guilty' || PASSIVE.test(sentence.slice(0, m.index));
  const noun = /^(?:indictment|criminal complaint|charges)$/.test(word);
  const last = before.at(-1);
  const first = after[0];
  let chosen: T | undefined;
  if (passive) chosen = last ?? first;
  else if (noun) chosen = !last ? first : !first ? last : at - last.end <= first.start - at ? last : first;
  else chosen = first ?? last;
  if (!chosen) return [];
  // The people joined to it by "and" or a comma share its standing.
  const i = sorted.indexOf(chosen);
  const gap = (a: T, b: T) => (codePoints ? Array.from(sentence).slice(a.end - start, b.start - start).join('') : sentence.slice(a.end - start, b.start - start));
  let lo = i;
  while (lo > 0 && JOINED.test(gap(sorted[lo - 1]!, sorted[lo]!))) lo--;
  let hi = i;
  while (hi < sorted.length - 1 && JOINED.test(gap(sorted[hi]!, sorted[hi + 1]!))) hi++;
  return sorted.slice(lo, hi + 1);
}
