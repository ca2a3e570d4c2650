/**
 * @module ingest/entities
 * Names of bodies, people and programmes in a text, whether or not the atlas knows them: the
 * named-entity layer beside the atlas scan. It reads runs of capitalised words (with the small
 * words a name may hold: "of", "für", "ir", "ja") and decides what each run is from the words that
 * mark it, in the document's language (ingest/entity-words):
 *
 * - a **body** has a head noun ("Justice Department's Criminal Division", "Bundesamt für
 *   Verfassungsschutz", "Valstybės saugumo departamentas", "Kaitsepolitseiamet"), is an acronym in
 *   capitals ("BfV", "G7"), is defined by one ("Long Name (ACR)"), or is a well-known body without a
 *   head word ("ASEAN", "TikTok");
 * - a **person** follows a title or role ("Deputy Director Jane Roe", "Richter Müller"), speaks
 *   ("Roe said"), is set off by a role or age ("Xu Yanjun, an MSS officer"), has an initial ("John C.
 *   Demers", "Thomas R."), is written in pinyin syllables throughout ("Wang Lijun"), or — in
 *   English — is two or three capitalised words none of which is a head, a role or a common word;
 * - a **programme** ends in "Plan", "Initiative" … or opens with "Operation".
 *
 * Every decision is a rule over visible words; nothing looks at what a name's origin might be.
 */
import { isSyllable, segmentPinyin } from '../names/pinyin-syllables.ts';
import { countryCode } from '../names/country.ts';
import { Lexicon } from '../text/lexicon.ts';
import { placeCountry } from '../text/places.ts';
import { ENTITY_WORDS, NOT_BODIES, WELL_KNOWN_BODIES, type EntityWords, type Language } from './entity-words.ts';
import type { Span } from './spans.ts';

export type EntityKind = 'organisation' | 'person' | 'programme';

export interface EntitySpan extends Span {
  kind: EntityKind;
  /** The words that decided it, for an analyst: "head: ministry", "title: judge", "pinyin" … */
  why: string;
}

interface Token {
  text: string;
  start: number;
  end: number;
  lower: string;
  /** Starts with a capital letter (or is a capitalised acronym with digits: "G7"). */
  cap: boolean;
  /** Two or more capitals and at least half its letters capitals: "FBI", "BfV", "KPCh". */
  acronym: boolean;
  /** Written with a possessive ending ("Department’s"), which `text` leaves out. */
  possessive: boolean;
  /** A full stop right after it ("C.", "Jr."). */
  dot: boolean;
  /** First word of a sentence or a line. */
  opens: boolean;
}

const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*/gu;
const ABBREVIATION = /^(?:\p{Lu}|Mr|Ms|Mrs|Dr|Prof|Jr|Sr|St|Gen|Lt|Col|Sgt|Capt|Rep|Sen|Gov|Inc|Corp|Co|Ltd|No|Nr|Dept|Hon|Rt|bzw|ca|vgl|z\.B|Abs)$/u;

function tokenise(text: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  let prevAbbrev = true;
  let lineStart = 0;
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0];
    const start = m.index;
    const possessive = word.length > 2 && word.charCodeAt(word.length - 1) === 115 && (word[word.length - 2] === '’' || word[word.length - 2] === "'");
    if (possessive) word = word.slice(0, -2);
    const end = start + word.length;
    let opens = out.length === 0;
    // Most words follow one space: nothing to look at.
    if (!opens && !(start - prevEnd === 1 && text.charCodeAt(prevEnd) === 32)) {
      const gap = text.slice(prevEnd, start);
      // A line break inside wrapped prose goes on with the sentence; a blank line, a short line (a
      // heading) or a sentence's end starts a new one.
      const newline = gap.lastIndexOf('\n');
      // A line of prose has ordinary lower-case words; a caption's lines ("United States District
      // Court for the Central District of California") do not, and each stands alone.
      const lineBreak = newline >= 0 && (/\n\s*\n/.test(gap) || prevEnd - lineStart < 35 || !PROSE.test(text.slice(lineStart, prevEnd)));
      if (newline >= 0) lineStart = prevEnd + newline + 1;
      opens = lineBreak || (/[.!?:;]["”’)]?\s*$/u.test(gap) && !prevAbbrev) || /^[\s"“'‘(]*[•\-–—*]\s/u.test(gap);
    }
    const first = word.charCodeAt(0);
    const upper = UPPER_START.test(word);
    let acronym = false;
    if (upper || (first >= 48 && first <= 57)) {
      const letters = word.replace(/[^\p{L}]/gu, '');
      const capitals = letters.replace(/[^\p{Lu}]/gu, '').length;
      acronym = capitals >= 2 && capitals * 2 >= letters.length && letters.length <= 8;
    }
    const dot = text.charCodeAt(start + m[0].length) === 46 && !word.endsWith('.');
    out.push({ text: word, start, end, lower: word.toLowerCase(), cap: upper || /^\p{N}+\p{Lu}/u.test(word), acronym, possessive, dot, opens });
    prevEnd = start + m[0].length;
    prevAbbrev = dot && ABBREVIATION.test(word);
  }
  return out;
}

const UPPER_START = /^\p{Lu}/u;
/** A lower-case word longer than the small words a name may hold. */
const PROSE = /(?:^|\s)\p{Ll}{5,}/u;
/**
 * A country's name, or its code written in capitals. "Li", "Ma", "Hu", "Lu" and "Ye" are family
 * names far more often than Liechtenstein, Morocco, Hungary, Luxembourg or Yemen written as codes.
 */
const isCountry = (word: string) => (word.length > 2 || word === word.toUpperCase()) && !!countryCode(word);
/** A word written as a name part: "Roe", "Thomas-Symonds", "McCallum", "O’Brien". */
const NAME_WORD = /^(?:\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*|(?:Mc|Mac|O’|O')\p{Lu}\p{Ll}+)$/u;

/** Well-known bodies by name: acronyms as written, other names in any case ("Linkedin"). */
const WELL_KNOWN = new Set([...WELL_KNOWN_BODIES].map((b) => (b === b.toUpperCase() ? b : b.toLowerCase())));
const wellKnown = (name: string) => WELL_KNOWN.has(name) || (name !== name.toUpperCase() && WELL_KNOWN.has(name.toLowerCase()));

/** The words that open a German body's complement: "Bundesamt für …", "Kommunistische Partei der …". */
const COMPLEMENTS = new Set(['für', 'des', 'der', 'von', 'beim']);
/** Words that end like a head but are not one ("Beamten" is not an "Amt"). */
const NOT_HEADS = new Set(['beamte', 'beamten', 'beamter', 'beamtin', 'beamtinnen', 'gesamt', 'insgesamt', 'samt', 'services']);
/** German compounds that are one body's own name ("Bundestag", "Generalbundesanwalt", "Oberlandesgericht"). */
/** Endings of German common nouns, which a place or a name right after a head seldom has ("… Informationen", "… Anklage"). */
const GERMAN_NOUN = /(?:ung|ungen|heit|heiten|keit|keiten|ion|ionen|tät|täten|schaft|schaften|nis|nisse|ismus|ik|e)$/u;
const PROPER_DE = /^(?:bundes|landes|general|ober|kammer)\p{L}{4,}/u;
/** What stands between names listed together ("Gyde Jensen, Michael Georg Link und …"). */
const LISTED = /^\.?\s*(?:,|,?\s+(?:and|und|ir|ja))\s+$/u;
/** Months and weekdays, which never continue a name after a small word ("… on Monday", "… in May"). */
const CALENDAR = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|januar|februar|märz|mai|juni|juli|oktober|dezember|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)$/u;
const AND = new Set(['and', 'und', 'ir', 'ja']);
/** Letters written after a name: honours, degrees, seats. */
const POSTNOMINALS = new Set(['KC', 'QC', 'MP', 'MEP', 'MSP', 'PhD', 'OBE', 'MBE', 'CBE', 'KBE', 'DBE', 'Esq']);
/** Small words inside personal names ("de Mello", "van der Berg", "bin Laden"), written in lower case. */
const PARTICLES = new Set(['de', 'da', 'di', 'du', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'bin', 'ibn']);
/** Lower-case words that make a state's name a body ("the U.S. government"). */
const STATE_BODIES = new Set(['government', 'embassy', 'consulate']);
/** The last word of a long form that makes its acronym a law, a rule or a programme, not a body. */
const STATUTE_WORDS = /^(?:Act|Acts|Law|Code|Rule|Rules|Regulation|Convention|Treaty|Program|Programme|Plan|Initiative|Gesetz|Gesetzes|Gesetzbuch|Gesetzbuchs|Verordnung|Abkommen)$/u;
/** Words that open a role with "of" ("Members of Parliament", "Act of Parliament"), not a body's name. */
const ROLE_OPENERS = new Set(['member', 'members', 'act', 'bill', 'speaker', 'leader', 'head', 'chair']);
const ARTICLES = new Set(['the', 'der', 'des', 'die', 'dem', 'den']);
/** What marks a person even in a line written in title case (a caption, a heading, a speaker's line). */
const HEADLINE_PEOPLE = new Set(['initial', 'named with a role after', 'name in capitals with an initial', 'named after a role, in brackets', 'named with a seat and a party']);
/** Reasons strong enough to take a name from the end of a longer run (a role or a place before it). */
const STRONG = /^(?:initial|given name and initial|title|pinyin|named with a role)/u;

/** Words the text runs between two tokens may hold inside one name: a space, or a hyphen's spaces. */
const JOINS = /^[ \t]+$|^[ \t]*\n[ \t]*$/;

interface Run {
  tokens: Token[];
  /** Looking only for a person at the run's start (the part before "of the …"). */
  personOnly?: boolean;
  /** The token before the run, and the one after (for titles and verbs of speech). */
  before?: Token;
  after?: Token;
}

let lexicon: Lexicon | undefined;
/** A common English word (any part of speech in WordNet, or its base form), which a name part seldom is. */
const common = new Map<string, boolean>();
export function isCommonWord(word: string): boolean {
  let known = common.get(word);
  if (known === undefined) {
    lexicon ??= new Lexicon();
    if (common.size > 50_000) common.clear();
    common.set(word, (known = lexicon.knows(word)));
  }
  return known;
}

export class EntityFinder {
  private readonly w: EntityWords;
  private readonly heads: Set<string>;
  private readonly titles: Set<string>;
  private readonly speech: Set<string>;
  private readonly connectors: Set<string>;
  private readonly openers: Set<string>;
  private readonly notNames: Set<string>;
  private readonly programmeHeads: Set<string>;
  private readonly programmeOpeners: Set<string>;

  constructor(readonly language: Language) {
    this.w = ENTITY_WORDS[language];
    this.heads = new Set(this.w.heads);
    this.titles = new Set(this.w.titles);
    this.speech = new Set(this.w.speech);
    this.connectors = new Set(this.w.connectors);
    this.openers = new Set(this.w.openers);
    this.notNames = new Set([...this.w.notNames, ...this.w.heads]);
    this.programmeHeads = new Set(this.w.programmeHeads);
    this.programmeOpeners = new Set(this.w.programmeOpeners);
  }

  find(text: string): EntitySpan[] {
    const tokens = tokenise(text);
    const out: EntitySpan[] = [];
    // Acronyms the document defines in brackets ("… Review (NSICOP)") are bodies wherever it uses them.
    // An acronym defined after an Act, a rule or a programme ("Federal Tort Claims Act (FTCA)") is never a body here.
    this.defined = new Set();
    this.statutes = new Set();
    for (const m of text.matchAll(/\(["“]?([\p{Lu}][\p{Lu}\p{N}&]{1,9})["”]?\)/gu)) {
      const before = /(\p{L}+)\s*$/u.exec(text.slice(Math.max(0, m.index - 40), m.index))?.[1] ?? '';
      (STATUTE_WORDS.test(before) ? this.statutes : this.defined).add(m[1]!);
    }
    let person: EntitySpan | undefined;
    for (const run of this.runs(text, tokens)) {
      let found = this.decide(text, run);
      // A run that names nothing as a whole may still hold an acronym ("Mitgliedsländern der EU").
      if (!found.length && run.tokens.length > 1) found = run.tokens.filter((t) => t.acronym && !t.opens).flatMap((t) => this.single(text, t));
      // Names listed after a person's ("die Abgeordneten Gyde Jensen, Michael Georg Link und …") are people too.
      const nameLike = run.tokens.length <= 4 && !/^(?:Jr|Sr)$/u.test(run.tokens[0]!.text) && run.tokens.every((t) => NAME_WORD.test(t.text) || (t.dot && t.text.length === 1)) && run.tokens.some((t) => !isCommonWord(t.lower));
      if (!found.length && person && nameLike && LISTED.test(text.slice(person.end, run.tokens[0]!.start)) && this.personWhy(text, run.tokens, 'listed', run.after)) {
        found = [this.span(text, run.tokens, 'person', 'listed with a person')];
      }
      person = found.find((e) => e.kind === 'person' && e.end <= run.tokens.at(-1)!.end) ?? undefined;
      out.push(...found);
    }
    out.push(...this.definitions(text, out));
    out.push(...panel(text));
    // "EU-Staaten", "G20-Gipfel": a well-known body at the front of a compound.
    for (const t of tokens) {
      if (!t.cap || !t.text.includes('-')) continue;
      const m = /^([\p{Lu}][\p{Lu}\p{N}]{1,5})-\p{L}/u.exec(t.text);
      if (m && wellKnown(m[1]!)) out.push({ text: m[1]!, start: t.start, end: t.start + m[1]!.length, kind: 'organisation', why: 'well-known body' });
    }
    return out;
  }

  /** Is a word a title or role, on its own or joined with hyphens ("Special-Agent-in-Charge")? */
  private isTitle(lower: string): boolean {
    return this.titles.has(lower) || (lower.includes('-') && lower.split('-').some((part) => this.titles.has(part)));
  }

  /** Is a word a body's head noun, as a word or (in German and Estonian) as a compound's end? */
  private isHead(t: Token): string | undefined {
    const lower = t.lower;
    if (this.heads.has(lower)) return lower;
    if (NOT_HEADS.has(lower)) return undefined;
    for (const e of this.w.endings) if (lower.endsWith(e) && this.heads.has(lower.slice(0, -e.length))) return lower.slice(0, -e.length);
    // Lithuanian heads in their cases: the stem before the nominative ending.
    if (this.language === 'lt') for (const h of this.w.heads) if (lower.startsWith(h.replace(/(?:as|a|ė|is|us)$/u, '')) && lower.length <= h.length + 3) return h;
    for (const c of this.w.compoundHeads) {
      if (lower.length > c.length + 2 && (lower.endsWith(c) || this.w.endings.some((e) => lower.endsWith(c + e)))) return c;
    }
    return undefined;
  }

  /** Runs of capitalised words, with the small words allowed inside a name. */
  private *runs(text: string, tokens: Token[]): Generator<Run> {
    let i = 0;
    while (i < tokens.length) {
      if (!tokens[i]!.cap) {
        i++;
        continue;
      }
      const run: Token[] = [tokens[i]!];
      let j = i + 1;
      while (j < tokens.length) {
        const prev = tokens[j - 1]!;
        const t = tokens[j]!;
        // An initial's or abbreviation's full stop stays inside the name ("John C. Demers").
        const skip = (prev.possessive ? 2 : 0) + (prev.dot && ABBREVIATION.test(prev.text) ? 1 : 0);
        const gap = text.slice(prev.end + skip, t.start);
        // A caption wraps a body's name after its head ("… District Court / for the Northern District of …").
        const wrapped = t.opens && !t.cap && this.connectors.has(t.lower) && !AND.has(t.lower) && !!this.isHead(prev) && /^[ \t]*\n[ \t]*$/u.test(gap);
        if (!JOINS.test(gap) || (t.opens && !wrapped)) break;
        // German writes "Jian G. Informationen": after an initial a capitalised word is a noun.
        if (this.language === 'de' && prev.dot && prev.text.length === 1) break;
        if (t.cap) {
          run.push(t);
          j++;
          continue;
        }
        // A small word joins only when a capitalised word follows it in the same run.
        const next = tokens[j + 1];
        if (next && CALENDAR.test(next.lower)) break; // "House of Commons on Monday"
        if (this.connectors.has(t.lower) && next?.cap && !next.opens && JOINS.test(text.slice(t.end, next.start))) {
          run.push(t, next);
          j += 2;
          continue;
        }
        // "… for the Northern District", "… der Volksrepublik": a connector and an article.
        const third = tokens[j + 2];
        if (this.connectors.has(t.lower) && !AND.has(t.lower) && next && ARTICLES.has(next.lower) && third?.cap && !third.opens && JOINS.test(text.slice(t.end, next.start)) && JOINS.test(text.slice(next.end, third.start))) {
          run.push(t, next, third);
          j += 3;
          continue;
        }
        // Lithuanian and Estonian bodies are written with lower-case words after the first: a head
        // within three of them ends the run ("Valstybės saugumo departamentas").
        if (this.language === 'lt' || this.language === 'et') {
          const ahead = tokens.slice(j, j + 3);
          const at = ahead.findIndex((x) => this.isHead(x));
          if (at >= 0 && ahead.slice(0, at + 1).every((x, k) => k === 0 || JOINS.test(text.slice(ahead[k - 1]!.end, x.start)))) {
            if (JOINS.test(text.slice(prev.end, t.start))) {
              run.push(...ahead.slice(0, at + 1));
              j += at + 1;
              continue;
            }
          }
        }
        break;
      }
      yield { tokens: run, before: tokens[i - 1], after: tokens[j] };
      i = j;
    }
  }

  private span(text: string, tokens: Token[], kind: EntityKind, why: string): EntitySpan {
    const start = tokens[0]!.start;
    const last = tokens.at(-1)!;
    // "Jr." and "e.V." keep their full stop; "Inc." too.
    let end = last.end + (last.dot && /^(?:Jr|Sr|Inc|Corp|Co|Ltd|\p{Lu})$/u.test(last.text) ? 1 : 0);
    // "Milan D. Smith, Jr.": a person's suffix after a comma belongs to the name.
    if (kind === 'person') end += /^,? (?:Jr\.|Sr\.|II\b|III\b|IV\b)/u.exec(text.slice(end, end + 6))?.[0].length ?? 0;
    return { text: text.slice(start, end), start, end, kind, why };
  }

  private decide(text: string, run: Run): EntitySpan[] {
    let tokens = run.tokens;
    let before = run.before;
    // The first word of a sentence may be a function word or an adverb, not part of the name
    // ("Her Majesty's Government" keeps its first word).
    while (tokens.length && (this.openers.has(tokens[0]!.lower) || (tokens[0]!.opens && this.connectors.has(tokens[0]!.lower))) && tokens[1]?.text !== 'Majesty') {
      before = tokens[0];
      tokens = tokens.slice(1);
    }
    while (tokens.length && this.connectors.has(tokens.at(-1)!.lower)) tokens = tokens.slice(0, -1);
    // "Jonathan Glasson KC": letters after a name are not part of it.
    while (tokens.length > 2 && POSTNOMINALS.has(tokens.at(-1)!.text)) tokens = tokens.slice(0, -1);
    // "Lord Justice Singh", "Lady Justice Simler": a judge's title, not a peer's name.
    if (tokens.length > 2 && /^(?:lord|lady)$/u.test(tokens[0]!.lower) && tokens[1]!.lower === 'justice') {
      before = tokens[1];
      tokens = tokens.slice(2);
    }
    // "China’s New Silk Road Initiative": the country that owns it is not part of the name.
    const owner = tokens.findIndex((t) => t.possessive);
    if (owner >= 0 && owner < tokens.length - 1 && owner < 3 && countryCode(tokens.slice(0, owner + 1).map((t) => t.text).join(' '))) tokens = tokens.slice(owner + 1);
    if (!tokens.length) return [];
    // A headline in title case ("Navy Sailor Sentenced to 27 Months") capitalises every word: only
    // acronyms and well-known bodies are read there.
    // A caption line in capitals that is one body's name ("UNITED STATES DISTRICT COURT EASTERN DISTRICT OF TENNESSEE").
    if (tokens.length >= 3 && this.captionBody(text, tokens)) return [this.span(text, tokens, 'organisation', 'caption in capitals')];
    // A body named after "the" in a caption is read as in prose ("Appeals from the United States District Court …").
    if (this.headline(text, tokens[0]!) && !(before?.lower === 'the' && tokens.some((t) => this.isHead(t)))) {
      // A caption names its parties with their role: "v. ANMING HU, Defendant".
      const named = tokens.length >= 2 && tokens.length <= 4 ? this.personWhy(text, tokens, undefined, run.after) : undefined;
      if (named && HEADLINE_PEOPLE.has(named)) return [this.span(text, tokens, 'person', named)];
      return tokens.flatMap((t) => (t.acronym || tokens.length === 1 ? this.single(text, t) : []));
    }
    // "Lord Boyd of Duncansby and Rupert Jones": names joined by "and", each on its own (bodies with a head are split later).
    const andAt = tokens.findIndex((t, i) => i > 0 && AND.has(t.lower));
    if (andAt > 0 && !tokens.some((t) => this.isHead(t)) && !this.programmeHeads.has(tokens.at(-1)!.lower)) {
      return [...this.decide(text, { tokens: tokens.slice(0, andAt), before, after: tokens[andAt] }), ...this.decide(text, { tokens: tokens.slice(andAt + 1), before: tokens[andAt], after: run.after })];
    }
    // Members of the House of Lords are named with their title.
    if (this.language === 'en' && /^(?:Lord|Baroness|Baron|Viscount|Earl)$/u.test(tokens[0]!.text) && tokens.length >= 2 && tokens.length <= 5 && !tokens.some((t) => this.isHead(t))) {
      return [this.span(text, tokens, 'person', 'title of a peer')];
    }
    // "Assistant Attorney General Matthew G. Olsen of the Justice Department’s National Security
    // Division": a person, then the body they belong to.
    const of = tokens.findIndex((t, i) => i > 0 && this.connectors.has(t.lower) && !AND.has(t.lower) && !ARTICLES.has(t.lower));
    if (of > 0 && !run.personOnly) {
      const person = this.decide(text, { tokens: tokens.slice(0, of), before, after: tokens[of], personOnly: true }).filter((e) => e.kind === 'person');
      // "Deputy Division Director of the Sixth Bureau": a role, then the body; "Secretary of State
      // for the Home Department" is a role throughout.
      const role = this.isTitle(tokens[of - 1]!.lower) && !this.isHead(tokens[of - 1]!);
      // A name may still end it ("Assistant Attorney General for National Security John C. Demers").
      if (!person.length && role && tokens[of + 1] && this.notNames.has(tokens[of + 1]!.lower) && !this.isHead(tokens[of + 1]!)) return this.nameAtEnd(text, tokens, undefined, run.after).filter((e) => STRONG.test(e.why));
      if (person.length || role) {
        let from = of + 1;
        while (from < tokens.length && ARTICLES.has(tokens[from]!.lower)) from++;
        return [...person, ...this.decide(text, { tokens: tokens.slice(from), before: tokens[from - 1], after: run.after })];
      }
    }
    // A title inside the run splits it: the body before, the person after ("FBI Director Christopher Wray").
    // After a small word only when a person's name follows ("Anfrage der Abgeordneten Peter Heidt", not "Department of Justice").
    const split = tokens.findIndex(
      (t, i) => i > 0 && this.isTitle(t.lower) && !this.isTitle(tokens[i - 1]!.lower) && (!this.connectors.has(tokens[i - 1]!.lower) || (i + 2 < tokens.length + 1 && !!this.personWhy(text, tokens.slice(i + 1, i + 3), t.lower, undefined))),
    );
    if (split > 0) {
      const rest = tokens.slice(split);
      if (rest.some((t) => !this.isTitle(t.lower)) && !rest.some((t) => this.isHead(t))) {
        return [...this.decide(text, { tokens: tokens.slice(0, split), before }), ...this.decide(text, { tokens: rest, before: tokens[split - 1], after: run.after })];
      }
    }
    // Titles and roles at the run's start: the rest is a person's name ("Deputy Director Jane Roe").
    let titled = before && (this.isTitle(before.lower) || (before.dot && /^(?:Mr|Ms|Mrs|Dr|Prof|Hon|Gen|Lt|Col|Sgt|Capt|Rep|Sen|Gov)$/u.test(before.text))) ? before.lower : undefined;
    let k = 0;
    while (k < tokens.length - 1 && this.isTitle(tokens[k]!.lower)) k++;
    const rest = tokens.slice(k);
    if (k > 0 && !rest.some((t) => this.isHead(t) || this.connectors.has(t.lower))) {
      titled = tokens[k - 1]!.lower;
      tokens = rest;
    } else if (k > 0 && !rest.some((t) => this.isHead(t))) {
      // "Assistant Attorney General for National Security John C. Demers": a role, then perhaps a
      // name at its end; "Secretary of State for the Home Department" is a role alone.
      return this.nameAtEnd(text, tokens, tokens[k - 1]!.lower, run.after);
    }
    if (this.language === 'en' && ROLE_OPENERS.has(tokens[0]!.lower) && tokens.some((t) => this.connectors.has(t.lower))) return [];

    // "Deputy Division Director": a role, whatever head it holds.
    if (this.isTitle(tokens.at(-1)!.lower) && tokens.length <= 4) return [];
    const headAt = tokens.findIndex((t) => this.isHead(t));
    const programme = this.programmeHeads.has(tokens.at(-1)!.lower) || (this.programmeOpeners.has(tokens[0]!.lower) && tokens.length >= 2);
    if (programme && tokens.length >= 2) return [this.span(text, tokens, 'programme', 'programme word')];
    if (headAt >= 0) return this.body(text, tokens, headAt, before, run.after);
    // "the EU and NATO": each side on its own.
    const and = tokens.findIndex((t, i) => i > 0 && AND.has(t.lower));
    if (and > 0) return [...this.decide(text, { tokens: tokens.slice(0, and), before }), ...this.decide(text, { tokens: tokens.slice(and + 1), before: tokens[and], after: run.after })];
    const whole = tokens.map((t) => t.text).join(' ');
    // "the U.S. government", "the United States government": a state's government named by the state.
    const after = run.after;
    if (this.language === 'en' && after && STATE_BODIES.has(after.lower) && /^[ \t]+$/u.test(text.slice(tokens.at(-1)!.end, after.start)) && countryCode(whole)) {
      return [this.span(text, [...tokens, after], 'organisation', `${after.lower} of a state`)];
    }
    if (wellKnown(whole) && !(tokens[0]!.opens && !tokens[0]!.acronym && isCommonWord(whole))) return [this.span(text, tokens, 'organisation', 'well-known body')];
    // "Judge Nardini", "Dr. Krah": a title and a surname.
    if (tokens.length === 1 && titled && NAME_WORD.test(tokens[0]!.text) && !isCommonWord(tokens[0]!.lower) && !this.notNames.has(tokens[0]!.lower)) return [this.span(text, tokens, 'person', `title: ${titled}`)];
    if (tokens.length === 1 && this.personWhy(text, tokens, undefined, run.after) === 'named with a role after') return [this.span(text, tokens, 'person', 'named with a role after')];
    if (tokens.length === 1) return this.single(text, tokens[0]!);
    // A run of acronyms ("StGB NRW") is one body's name.
    if (tokens.length <= 3 && tokens.every((t) => this.isAcronym(t)) && !tokens.some((t) => NOT_BODIES.has(t.text.toUpperCase()))) return [this.span(text, tokens, 'organisation', 'acronyms')];
    const person = this.personWhy(text, tokens, titled, run.after);
    if (person) return [this.span(text, tokens, 'person', person)];
    // "Southern District of Ohio Benjamin C. Glassman": a name with an initial ends the run.
    // "Anhänger von Falun Gong": a well-known body at the run's end.
    for (let n = Math.min(3, tokens.length - 1); n >= 1; n--) {
      const tail = tokens.slice(tokens.length - n);
      if (wellKnown(tail.map((t) => t.text).join(' ')) && !this.connectors.has(tail[0]!.lower)) return [this.span(text, tail, 'organisation', 'well-known body')];
    }
    return tokens.length > 2 ? this.nameAtEnd(text, tokens, undefined, run.after).filter((e) => STRONG.test(e.why)) : [];
  }

  /** The longest name (two to four words) at the end of a run that is a role or a place before it. */
  private nameAtEnd(text: string, tokens: Token[], title: string | undefined, after: Token | undefined): EntitySpan[] {
    const from = tokens.findLastIndex((t) => this.connectors.has(t.lower)) + 1;
    // After a title the longest name that passes; without one the shortest, so a place before
    // the name stays out of it.
    const sizes = Array.from({ length: Math.min(4, tokens.length - from) - 1 }, (_, i) => i + 2);
    for (const n of title ? sizes.reverse() : sizes) {
      const name = tokens.slice(tokens.length - n);
      const why = this.personWhy(text, name, title, after);
      if (why) return [this.span(text, name, 'person', why)];
    }
    return [];
  }

  /** One capitalised word on its own: an acronym or a well-known body, else nothing. */
  private single(text: string, t: Token): EntitySpan[] {
    if (wellKnown(t.text) && (t.acronym || !t.opens || !isCommonWord(t.text))) return [this.span(text, [t], 'organisation', 'well-known body')];
    if (this.isAcronym(t) && !NOT_BODIES.has(t.text.toUpperCase()) && !countryCode(t.text) && !this.allCapsLine(text, t) && !inAddress(text, t)) return [this.span(text, [t], 'organisation', 'acronym')];
    return [];
  }

  /**
   * An acronym of a body: defined in the document, or short ("FBI", "MSS") or mixed-case ("BfV")
   * and not a word. A longer word in capitals ("MORITZ, Circuit Judge") or a word written loud
   * ("OPEN JUDGMENT") is not one.
   */
  private isAcronym(t: Token): boolean {
    if (!t.acronym || this.statutes.has(t.text)) return false;
    if (this.defined.has(t.text) || wellKnown(t.text)) return true;
    if (t.text !== t.text.toUpperCase()) return true;
    // Digits after the letters name one of a body's channels or units ("CCTV7"): the letters count.
    if (/^\p{Lu}{2,4}\d{1,2}$/u.test(t.text)) return true;
    return t.text.length <= 4 && !(t.text.length === 4 && /^\p{L}+$/u.test(t.text) && isCommonWord(t.lower));
  }

  // What the document being read defines; set at the start of find(), which runs to its end
  // without yielding, so one finder can serve every document.
  private defined = new Set<string>();
  private statutes = new Set<string>();

  /** A run with a head noun: one body, two ("X and Y" each with a head), or a body and its possessor. */
  private body(text: string, tokens: Token[], headAt: number, before: Token | undefined, after?: Token): EntitySpan[] {
    // "X and Y": two bodies when each side has its own head, one name otherwise ("Ministry of Foreign Affairs and Trade").
    const and = tokens.findIndex((t, i) => i > 0 && AND.has(t.lower));
    if (and > 0) {
      const left = tokens.slice(0, and);
      const right = tokens.slice(and + 1);
      const body = (ts: Token[]) => ts.some((t) => this.isHead(t)) || (ts.length === 1 && ts[0]!.acronym && !NOT_BODIES.has(ts[0]!.text.toUpperCase()));
      if (body(left) && body(right)) return [...this.decide(text, { tokens: left, before }), ...this.decide(text, { tokens: right, before: tokens[and] })];
    }
    // German capitalises every noun: the name starts at the head (or the adjectives right before
    // it, "Kommunistische Partei") and takes one complement after it ("für Verfassungsschutz").
    if (this.language === 'de') {
      let start = headAt;
      while (start > 0 && /^[\p{Lu}][\p{L}-]*(?:sch|ral|nal|al)(?:e|en|er|es)$/u.test(tokens[start - 1]!.text)) start--;
      let end = headAt + 1;
      const proper = (i: number) => i < tokens.length && !this.connectors.has(tokens[i]!.lower);
      // "Oberlandesgericht München", "Partei Chinas", "Landesamt NRW": a place or a name right after the head.
      const named = (t: Token) => !!placeCountry(t.text) || isCountry(t.text.replace(/s$/u, '')) || t.acronym || !GERMAN_NOUN.test(t.lower);
      if (proper(end) && named(tokens[end]!)) end++;
      else if (end + 1 < tokens.length && COMPLEMENTS.has(tokens[end]!.lower)) {
        end++;
        if (ARTICLES.has(tokens[end]!.lower)) end++;
        // The complement's first word, and after it only names ("des Oberlandesgerichts Dresden", not "… Dresden Anklage").
        if (proper(end)) end++;
        while (proper(end) && named(tokens[end]!)) end++;
        while (end + 1 < tokens.length && AND.has(tokens[end]!.lower) && proper(end + 1)) for (end++; proper(end); ) end++;
      }
      tokens = tokens.slice(start, end);
      headAt -= start;
    }
    // "Agents of the FBI’s Boston Field Office": ordinary words before "of" are not part of the name.
    const of = tokens.findIndex((t) => t.lower === 'of');
    if (this.language === 'en' && of > 0 && of < headAt && tokens.slice(0, of).every((t) => !this.isHead(t) && isCommonWord(t.lower))) {
      let from = of + 1;
      while (from < tokens.length && ARTICLES.has(tokens[from]!.lower)) from++;
      return this.decide(text, { tokens: tokens.slice(from), before: tokens[from - 1] });
    }
    // "Department of Commerce’s Inspector General": a role after the body's possessive.
    const owns = tokens.findIndex((t) => t.possessive);
    if (owns >= 0 && owns < tokens.length - 1 && tokens.slice(owns + 1).every((t) => this.isTitle(t.lower))) return this.decide(text, { tokens: tokens.slice(0, owns + 1), before });
    const head = this.isHead(tokens[headAt]!)!;
    // A plural head names bodies only with a word of a name before it ("Confucius Institutes", not "Select Committees").
    const others = tokens.filter((_, i) => i !== headAt && !this.connectors.has(tokens[i]!.lower));
    if (this.language === 'en' && tokens[headAt]!.lower !== head && others.every((t) => isCommonWord(t.lower) && !this.isHead(t))) return [];
    // A run that is only a head ("Ministry", "Bundesamt") names nothing; a proper compound ("Bundesgerichtshof") does.
    const named = tokens.length >= 2 || wellKnown(tokens[0]!.text) || (head !== tokens[0]!.lower && tokens[0]!.lower.length > head.length + 3 && !(this.language === 'de' && this.heads.has(tokens[0]!.lower.replace(/(?:es|s|en|n|e)$/u, '')) && !PROPER_DE.test(tokens[0]!.lower))) || (this.language === 'de' && PROPER_DE.test(tokens[0]!.lower));
    if (!named) return [];
    // "… for the Central District of California Cormac J. Carney": a judge's name after the court's.
    if (this.language === 'en' && tokens.length - headAt > 4) {
      const judge = this.nameAtEnd(text, tokens.slice(headAt + 1), undefined, after).filter((e) => STRONG.test(e.why));
      if (judge.length) return [...this.body(text, tokens.filter((t) => t.end <= judge[0]!.start), headAt, before), ...judge];
    }
    const out = [this.span(text, tokens, 'organisation', `head: ${head}`)];
    // "FBI’s Boston Field Office": the possessor is a body of its own.
    const owner = tokens.findIndex((t) => t.possessive);
    if (owner >= 0 && owner < tokens.length - 1) out.push(...this.decide(text, { tokens: tokens.slice(0, owner + 1), before }).filter((e) => e.kind === 'organisation'));
    return out;
  }

  /** Whether a run in capitals is its line's whole text and has a head: a court's or an office's caption. */
  private captionBody(text: string, tokens: Token[]): boolean {
    if (!tokens.every((t) => t.text === t.text.toUpperCase() || this.connectors.has(t.lower)) || !tokens.some((t) => this.isHead(t))) return false;
    const lineStart = text.lastIndexOf('\n', tokens[0]!.start) + 1;
    const lineEnd = text.indexOf('\n', tokens.at(-1)!.end);
    return text.slice(lineStart, tokens[0]!.start).trim() === '' && text.slice(tokens.at(-1)!.end, lineEnd < 0 ? text.length : lineEnd).trim() === '';
  }

  /** Is the token's line a headline in title case (most of its longer words capitalised)? */
  private headline(text: string, t: Token): boolean {
    const lineStart = text.lastIndexOf('\n', t.start) + 1;
    if (this.lastLine?.start === lineStart) return this.lastLine.headline;
    const lineEnd = text.indexOf('\n', t.end);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const words = line.length > 300 ? [] : (line.match(/\p{L}{4,}/gu) ?? []);
    // A headline has no full stop at its end and most of its longer words capitalised.
    const headline = words.length >= 4 && words.length <= 25 && !/[.!?;:"”]\s*$/u.test(line) && words.filter((w) => /^\p{Lu}/u.test(w)).length >= words.length * 0.75 && this.language !== 'de';
    this.lastLine = { start: lineStart, headline };
    return headline;
  }

  private lastLine?: { start: number; headline: boolean };

  /** Why a run of two to four capitalised words is a person's name, or undefined. */
  private personWhy(text: string, tokens: Token[], titled: string | undefined, after: Token | undefined): string | undefined {
    if (tokens.length > 4) return undefined;
    // A well-known body's name ("Falun Gong") is no one's, however it is spelled.
    if (wellKnown(tokens.map((t) => t.text).join(' '))) return undefined;
    // "Ramby de Mello", "Ursula von der Leyen": particles inside a name, between its capitalised words.
    const particle = (t: Token, i: number) => i > 0 && i < tokens.length - 1 && PARTICLES.has(t.text);
    if (tokens.some((t, i) => this.notNames.has(t.lower) || this.isHead(t) || (this.connectors.has(t.lower) && !particle(t, i)) || /\d/.test(t.text))) return undefined;
    if (isCountry(tokens.map((t) => t.text).join(' ')) || tokens.some((t) => isCountry(t.text))) return undefined;
    // "Jian G.": a given name and an initial, whatever city shares the name.
    if (tokens.length === 2 && tokens[1]!.text.length === 1 && tokens[1]!.dot && tokens[0]!.text.length > 2 && NAME_WORD.test(tokens[0]!.text)) return 'given name and initial';
    // "Milan D. Smith": a middle initial marks a person, whatever city shares the given name.
    if (tokens.some((t, i) => i > 0 && i < tokens.length - 1 && t.dot && t.text.length === 1) && tokens[0]!.text.length > 1 && !(tokens.at(-1)!.dot && tokens.at(-1)!.text.length === 1) && tokens.every((t) => !t.acronym || t.text.length === 1)) return 'initial';
    // A name in pinyin throughout; a given name may be a city's too ("Ma Jian", Ji'an), but not every word.
    if (tokens.length <= 3 && tokens.length >= 2 && tokens.every((t) => /^\p{Lu}\p{Ll}+$/u.test(t.text) && segmentPinyin(t.lower)?.every(isSyllable)) && tokens.some((t) => t.text.length > 3) && !tokens.every((t) => placeCountry(t.text))) return 'pinyin';
    if (tokens.some((t) => t.text.length > 3 && placeCountry(t.text) && !titled)) return undefined;
    const rest = text.slice(tokens.at(-1)!.end, tokens.at(-1)!.end + 40);
    // "ANMING HU, Defendant", "SINGH, Circuit Judge": a name and then its role.
    const role = /^\.?,\s+(\p{L}+)(?:\s+(\p{L}+))?/u.exec(rest);
    if (role && (this.isTitle(role[1]!.toLowerCase()) || this.isTitle(role[2]?.toLowerCase() ?? '')) && tokens[0]!.text.length > 1 && tokens.every((t) => /^\p{Lu}/u.test(t.text)) && !tokens.every((t) => isCommonWord(t.lower))) return 'named with a role after';
    // A name in capitals with a middle initial ("WILLIAM J. NARDINI", as court captions write them) is a name, not acronyms.
    const loud = tokens.length >= 3 && tokens.every((t) => t.text === t.text.toUpperCase() && /^\p{L}+$/u.test(t.text)) && tokens.some((t, i) => i > 0 && i < tokens.length - 1 && t.dot && t.text.length === 1);
    if (loud && !tokens.every((t) => t.text.length === 1 || isCommonWord(t.lower))) return 'name in capitals with an initial';
    // After a title a name may be written in capitals ("JUDGE RUPERT JONES").
    if (titled && tokens.every((t) => !t.acronym || /^\p{Lu}{3,}$/u.test(t.text))) return `title: ${titled}`;
    if (tokens.some((t) => t.acronym)) return undefined;
    const end = tokens.at(-1)!;
    // In English, words that are all common ones ("Second World War") are not a name without a title.
    const plain = this.language !== 'en' || !tokens.every((t) => isCommonWord(t.lower));
    if (after && this.speech.has(after.lower) && plain) return `speaks: ${after.lower}`;

    if ((/^,\s+(?:an?|the|who|aged|\d{2}\b|of\b|der|die|ein|eine)/u.test(rest) || /^\s+\(\d{2}\)/u.test(rest)) && plain) return 'set off by a role or age';
    // Parliamentary records: "The Minister for Security (Dan Jarvis)", "Priti Patel (Witham) (Con)".
    const lead = text.slice(Math.max(0, tokens[0]!.start - 60), tokens[0]!.start);
    const nameWords = tokens.length >= 2 && tokens.every((t, i) => NAME_WORD.test(t.text) || particle(t, i));
    if (nameWords && /\(\s*$/u.test(lead) && /^\s*\)/u.test(rest) && lead.replace(/\(\s*$/u, '').split(/\s+/u).slice(-6).some((w) => /^\p{Lu}/u.test(w) && this.isTitle(w.toLowerCase()))) return 'named after a role, in brackets';
    if (nameWords && /^\s*\([^()\n]{2,60}\)\s*\((?:Con|Lab|LD|SNP|DUP|Ind|PC|SDLP|UUP|Alba|Green|Reform|Lab\/Co-op|CB|Non-Afl|XB)\)/u.test(rest)) return 'named with a seat and a party';
    if (tokens.length === 2 && end.text.length === 1 && end.dot && tokens[0]!.text.length > 2) return 'given name and initial';
    // At a sentence's start the first word may be an ordinary one: then none of them may be.
    const uncommon = tokens.filter((t) => !isCommonWord(t.lower)).length;
    if (this.language === 'en' && tokens.length <= 3 && tokens.every((t, i) => NAME_WORD.test(t.text) || particle(t, i)) && uncommon >= (tokens[0]!.opens ? 2 : 1)) {
      return 'capitalised words, not common ones';
    }
    return undefined;
  }

  /** A heading in capitals ("FOCUS ON CHINA") is not a row of acronyms. */
  private allCapsLine(text: string, t: Token): boolean {
    const lineStart = text.lastIndexOf('\n', t.start) + 1;
    const lineEnd = text.indexOf('\n', t.end);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const words = line.match(/\p{L}{2,}/gu) ?? [];
    return words.length >= 3 && words.filter((w) => w === w.toUpperCase()).length * 4 >= words.length * 3;
  }

  /** "Long Name (ACR)" and "ACR (Long Name)": the acronym is a body when the long name is one. */
  private definitions(text: string, found: EntitySpan[]): EntitySpan[] {
    const out: EntitySpan[] = [];
    const bodies = found.filter((e) => e.kind === 'organisation');
    for (const m of text.matchAll(/\(([\p{Lu}][\p{L}\p{N}&]{1,9})\)/gu)) {
      const inner = m[1]!;
      const at = m.index + 1;
      if (found.some((e) => e.start === at)) continue;
      const long = bodies.find((b) => b.end <= m.index && m.index - b.end <= 2);
      if (long && /\p{Lu}.*\p{Lu}/u.test(inner)) out.push({ text: inner, start: at, end: at + inner.length, kind: 'organisation', why: `short for ${long.text}` });
    }
    return out;
  }
}

/** A state's or province's code after a town in an address ("Boston, MA", "Washington, D.C."), which is no body. */
function inAddress(text: string, t: Token): boolean {
  if (t.text.replace(/\./gu, '').length !== 2 || wellKnown(t.text)) return false;
  return /\p{Lu}\p{Ll}+,[ \t]+$/u.test(text.slice(Math.max(0, t.start - 30), t.start)) && /^\.?(?:[,;)\n]|$)/u.test(text.slice(t.end, t.end + 2));
}

/** A bench named in a court's opinion: "Before: Mary M. Schroeder, Kim McLane Wardlaw, and John B. Owens, Circuit Judges." */
const PANEL = /\bBefore:?\s+((?:[^.;:]|(?<=\b\p{Lu})\.){3,200}?),?\s+(?:Chief\s+|Senior\s+|Circuit\s+|District\s+|Magistrate\s+|Bankruptcy\s+)*Judges\b/gu;
const PANEL_NAME = /^(?:(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)\s+){0,3}\p{Lu}[\p{L}'’-]+$/u;

function panel(text: string): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (const m of text.matchAll(PANEL)) {
    const list = m[1]!;
    const base = m.index + m[0].indexOf(list);
    for (const part of list.matchAll(/[^,]+/gu)) {
      const name = part[0].replace(/^\s*(?:and\s+)?/u, '').trimEnd();
      if (!PANEL_NAME.test(name) || /\n\s*\n/u.test(name)) continue;
      const start = base + part.index + part[0].indexOf(name);
      out.push({ text: name, start, end: start + name.length, kind: 'person', why: 'on the bench' });
    }
  }
  return out;
}
