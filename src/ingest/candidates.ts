/**
 * @module ingest/candidates
 * Names that may be bodies or people the atlas does not have yet: phrases built like the names
 * of organisations ("Ministry of …", "… State Security Department", "… University", "… Company"),
 * personal names where the text marks them as such (a name followed by a role — "Xu Yanjun, an MSS
 * employee" — or a title before it — "Judge …"), and runs of Chinese characters. Each is then
 * screened against the atlas with the name screener: a close match is a known entity under
 * another spelling; the rest are candidates, for an analyst to create or merge.
 */
import type { NameMatch } from '../names/match.ts';
import type { Watchlist } from '../screen/watchlist.ts';
import { longestFirst, type Span } from './spans.ts';

export interface Candidate extends Span {
  kind: 'organisation' | 'person';
  /** The known entity it screens as, or null for a new one. */
  entity_id: string | null;
  match: Pick<NameMatch, 'id' | 'name' | 'score' | 'matched_name'> | null;
}

const CAP = String.raw`(?:[A-Z][\p{L}'’&.-]*|[A-Z]{2,})`;
const HEADS = String.raw`Ministry|Department|Bureau|Division|Directorate|University|Institute|Academy|Company|Corporation|Corp\.|Inc\.|Ltd\.?|LLC|Group|Association|Society|Council|Committee|Office|Agency|Service|Court|Party|Front|Commission|Administration|Laborator(?:y|ies)|Center|Centre|Foundation|Federation|Union|Bank|Police|Army|Assembly|Congress|Parliament|Government|School|College|Hospital|Times|News|Press`;
const GERMAN_HEADS = String.raw`Bundesamt|Bundesministerium|Ministerium|Landesamt|Landesregierung|Amt|Behörde|Partei|Universität|Hochschule|Verband|Verein|Gesellschaft|Institut|Stiftung|Städtetag|Landkreistag|Gemeindebund`;
/** "Jiangsu Province State Security Department", "General Electric Aviation Company" … */
const ORG_TAIL = new RegExp(String.raw`\b(?:${CAP} ){1,6}(?:${HEADS})\b(?: (?:of|for|on) (?:the )?${CAP}(?: (?:and |of |for )?${CAP}){0,5})?`, 'gu');
/** "Ministry of State Security", "University of Cambridge", "Office of Public Affairs" … */
const ORG_HEAD = new RegExp(String.raw`\b(?:${HEADS}) (?:of|for|on) (?:the )?${CAP}(?: (?:and |of |for |the )?${CAP}){0,6}`, 'gu');
/** A sentence's end inside a run of capitalised words: a lower-case word's full stop, not an abbreviation's. */
const SENTENCE_END = /(?<!\b(?:Corp|Inc|Ltd|Co|Dept|Bros|St|Jr|Sr|Mr|Ms|Mrs|Dr|Prof|Gen|No))([\p{Ll}\p{N}][.!?]["”’]?)\s+/gu;
const ORG_WORD = new RegExp(String.raw`\b(?:${HEADS}|${GERMAN_HEADS})(?![\p{L}])`, 'u');
/** "Bundesamt für Verfassungsschutz", "Landesamt für …" */
const ORG_DE = new RegExp(String.raw`\b(?:${GERMAN_HEADS})(?: (?:für|des|der) [A-ZÄÖÜ][\p{L}-]*(?: (?:und )?[A-ZÄÖÜ][\p{L}-]*){0,3})?`, 'gu');

const GIVEN = String.raw`[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)?`;
const FULL_NAME = String.raw`${GIVEN}(?:\s+[A-Z]\.)?(?:\s+${GIVEN}){1,2}`;
/** "Xu Yanjun, an MSS employee" / "Song Guo Zheng, 59," — a name set off by a comma and a role or age. */
const NAME_ROLE = new RegExp(String.raw`\b(${FULL_NAME}),\s+(?:a|an|the|who|aged|\d{2}\b|of\b)`, 'gu');
const TITLES = String.raw`Mr\.|Ms\.|Mrs\.|Dr\.|Professor|Prof\.|Judge|Justice|Senator|Minister|Secretary|Director|Agent|Attorney|Lord|Lady|Baroness|Baron|Sir|Dame|Deputy|President|Chairman|Defendant|defendants?|Herr|Frau`;
const TITLED = new RegExp(String.raw`\b(?:${TITLES})\s+(?:General\s+|of State\s+|for the Home Department\s+)?(${FULL_NAME})`, 'gu');
/** "John C. Demers": a middle initial marks a personal name, whatever title comes before it. */
const MIDDLE_INITIAL = new RegExp(String.raw`\b([A-Z][a-z]+ [A-Z]\. [A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b`, 'gu');
const HAN_RUN = /\p{Script=Han}{2,}/gu;
const HAN_ORG_END = /(?:部|局|厅|会|院|校|司|处|委|办|社|团|党|军|所|中心|大学|公司|集团)$/u;

/** Words of offices and roles: a personal name is never made of them ("Division Director"). */
const ROLE_WORDS = /\b(?:Director|Division|Deputy|Bureau|Department|Attorney|General|Officer|Agent|Secretary|Minister|Assistant|Acting|Special|Chief|Judge|District|Court|Office|Ministry|State|Security|Justice|National|Federal|United|States|Province|Home|House|Lords|Commons|Prime|Party|Government|Intelligence|Service|Police|Chinese|American|British|German|University|Committee|Council)\b/;

/** Words that open a sentence or a role, not a name: never the first word of a candidate. */
const NOT_A_NAME_START = /^(?:The|A|An|In|On|At|As|By|For|From|With|And|But|This|That|These|Those|His|Their|Its|According|Acting|Assistant|Deputy|Special|Chief|Senior|Former|Chinese|American|U\.S\.|US)\s/;

function screen(watchlist: Watchlist, text: string, kind: Candidate['kind']): Candidate['match'] {
  const best = watchlist.index.match(text, { kind, limit: 1 })[0];
  return best ? { id: best.id, name: best.name, score: best.score, matched_name: best.matched_name } : null;
}

export function findCandidates(text: string, watchlist: Watchlist, known: Span[]): Candidate[] {
  const raw: { text: string; start: number; kind: Candidate['kind'] }[] = [];
  const push = (t: string, start: number, kind: Candidate['kind']) => {
    // Trim a leading article or sentence word the pattern took in.
    const lead = NOT_A_NAME_START.exec(t)?.[0].length ?? 0;
    const name = t.slice(lead).replace(/[\s,.]+$/, '');
    if (name.split(/\s+/).length >= 2 || /\p{Script=Han}/u.test(name)) raw.push({ text: name, start: start + lead, kind });
  };
  for (const re of [ORG_TAIL, ORG_HEAD, ORG_DE]) {
    for (const m of text.matchAll(re)) {
      // A run of capitals can cross a sentence's end ("… in Ohio. The Northwind Corporation"):
      // each side is a name of its own only if it has the word that makes it one.
      let at = 0;
      for (const end of m[0].matchAll(SENTENCE_END)) {
        const part = m[0].slice(at, end.index + end[1]!.length);
        if (ORG_WORD.test(part)) push(part, m.index + at, 'organisation');
        at = end.index + end[0].length;
      }
      if (!at || ORG_WORD.test(m[0].slice(at))) push(m[0].slice(at), m.index + at, 'organisation');
    }
  }
  for (const re of [NAME_ROLE, TITLED, MIDDLE_INITIAL]) {
    for (const m of text.matchAll(re)) if (!ROLE_WORDS.test(m[1]!)) push(m[1]!, m.index + m[0].indexOf(m[1]!), 'person');
  }
  for (const m of text.matchAll(HAN_RUN)) push(m[0], m.index, HAN_ORG_END.test(m[0]) || m[0].length > 4 ? 'organisation' : 'person');

  const spans = longestFirst(raw.map((r) => ({ ...r, end: r.start + r.text.length })));
  const out: Candidate[] = [];
  for (const span of spans) {
    // A phrase that runs into a known name ("Sixth Bureau of the Jiangsu … Ministry of State
    // Security") keeps the part before it, if that is a name of its own.
    const k = known.find((x) => span.start < x.end && x.start < span.end);
    let s = span;
    if (k && k.start > span.start) {
      const head = text.slice(span.start, k.start).replace(/[\s,’'s]*(?:\b(?:of|for|on|at|in|des|der|für)(?: the)?)?\s*$/u, '');
      if (head.split(/\s+/).length < 2) continue;
      s = { ...span, text: head, end: span.start + head.length };
    } else if (k) {
      // "FBI’s Counterintelligence Division": the part after the known name.
      const lead = /^[’']s\s+/.exec(text.slice(k.end, span.end))?.[0].length ?? 0;
      const tail = text.slice(k.end + lead, span.end);
      if (k.end >= span.end || tail.split(/\s+/).length < 2) continue;
      s = { ...span, text: tail, start: k.end + lead };
    }
    if (s.kind === 'person' && ROLE_WORDS.test(s.text)) continue;
    const match = screen(watchlist, s.text, s.kind);
    out.push({ text: s.text, start: s.start, end: s.end, kind: s.kind, entity_id: match?.id ?? null, match });
  }
  return out;
}
