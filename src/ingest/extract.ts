/**
 * @module ingest/extract
 * Everything extraction finds in one document's text: mentions of the atlas's bodies and people
 * (by any of their names, or screened as another spelling), candidate new ones, the techniques it
 * describes, dates, money, countries, and the relations and legal events its sentences state.
 * Nothing here decides anything; it proposes, with the exact span for each, and ingestion stores
 * the proposals for an analyst. Offsets in the result count code points, as claims do.
 */
import type { Atlas } from '../atlas/load.ts';
import { codePointOffsets } from '../atlas/text.ts';
import { atlasIndexOf, type AtlasIndex } from '../screen/atlas-index.ts';
import { detectLanguage } from '../text/language.ts';
import { findCandidates, type Candidate, type ScreenCache } from './candidates.ts';
import { findClassPhrases } from './class-phrases.ts';
import { bundledEntityModel, type EntityModel } from './entity-score.ts';
import { LANGUAGES, type Language } from './entity-words.ts';
import { findCountries, type CountryMention } from './countries.ts';
import { findDates, referenceOf, type DateMention } from './dates.ts';
import { KnownNames } from './known-names.ts';
import { findMoney, type MoneyMention } from './money.ts';
import { findRelations, type EventProposal, type Named, type RelationProposal } from './relations.ts';
import { isWholeWord, type Span } from './spans.ts';
import { TechniqueFinder, type TechniqueMention } from './techniques.ts';

export interface Mention extends Span {
  kind: string;
  /** The atlas entity, or null for a candidate new one. */
  entity_id: string | null;
  /** name: one of the entity's names; screened: another spelling the name screener matched;
   *  translated: a German phrase for a body the atlas names in English ("chinesische
   *  Nachrichtendienste"); candidate: no entity matches; coreference: a later short form of a
   *  person already named. */
  how: 'name' | 'screened' | 'translated' | 'candidate' | 'coreference';
  matched_name: string | null;
  score: number | null;
}

export interface Extraction {
  /** The document's language when greyzone reads it (en, de, lt, et); else its ISO 639-3 code,
   *  and only the scan for the atlas's known names, countries and money was made. */
  language: Language | string;
  /** Whether the language was one greyzone reads (names it has not seen, dates, techniques). */
  read: boolean;
  /** For a language greyzone does not read: one line that says so, for the analyst. */
  note?: string;
  mentions: Mention[];
  techniques: TechniqueMention[];
  dates: DateMention[];
  money: MoneyMention[];
  countries: CountryMention[];
  relations: RelationProposal[];
  events: EventProposal[];
}

/** Later mentions of a person by one part of their name ("Xu" after "Xu Yanjun"), known or new. */
function coreferences(text: string, people: Mention[]): Mention[] {
  const byPart = new Map<string, Mention | null>();
  for (const p of people) {
    for (const part of p.text.split(/\s+/)) {
      if (part.length < 2 || !/^\p{Lu}/u.test(part)) continue;
      const other = byPart.get(part);
      // Shared by two people (two entities, or two different new names): ambiguous.
      const same = other !== undefined && other !== null && (p.entity_id ? other.entity_id === p.entity_id : !other.entity_id && other.text === p.text);
      byPart.set(part, other === undefined || same ? p : null);
    }
  }
  const out: Mention[] = [];
  const parts = [...byPart].filter(([, p]) => p).map(([part]) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!parts.length) return out;
  // One pass for all the parts.
  for (const m of text.matchAll(new RegExp(`\\b(?:${parts.join('|')})\\b(?![ \\t]+\\p{Lu})`, 'gu'))) {
    const part = m[0];
    const person = byPart.get(part);
    if (!person || m.index <= person.start || !isWholeWord(text, m.index, m.index + part.length)) continue;
    // A part inside a person's full name ("Roe" in "Jane Roe") is that mention, not a later one.
    if (people.some((p) => p.start <= m.index && m.index < p.end)) continue;
    // After a capitalised word that does not open a sentence, the part belongs to a longer name.
    const before = /(\p{Lu}\p{Ll}*)\s$/u.exec(text.slice(Math.max(0, m.index - 30), m.index));
    if (before) {
      const at = m.index - before[0].length;
      if (at > 0 && !/(?:^|[.!?]["”’]?)\s*$/u.test(text.slice(Math.max(0, at - 3), at))) continue;
    }
    // A new name's later mention points at it by its full form, as a known one's does by its entity.
    out.push({ ...person, text: part, start: m.index, end: m.index + part.length, how: 'coreference', matched_name: person.matched_name ?? person.text });
  }
  return out;
}

/** ISO 639-3 codes of the languages the entity finder reads. */
const READ: Record<string, Language> = { eng: 'en', deu: 'de', lit: 'lt', ekk: 'et', est: 'et' };

/** Characters below which another language's detection is too unsure to stop reading a text. */
const SURE_LENGTH = 200;

/** The document's language: one greyzone reads, or the ISO 639-3 code (and name) of another. */
function languageOf(text: string): { code: string; name: string } {
  const found = detectLanguage(text.slice(0, 20_000));
  // A short text's language is a guess: it is read as English, as before languages were told apart.
  if (!READ[found.code] && (!found.reliable || text.trim().length < SURE_LENGTH)) return { code: 'en', name: 'English' };
  return { code: READ[found.code] ?? found.code, name: found.name };
}

export class Extractor {
  private readonly known: KnownNames;
  private readonly techniques: TechniqueFinder;
  private readonly atlasIndex: AtlasIndex;
  /** Each name screened once across the documents this extractor reads. */
  private readonly screened: ScreenCache = new Map();
  /** Decides which candidate spans are proposed; null proposes them all (what the model's trainer reads). */
  entityModel: EntityModel | null;

  constructor(atlas: Atlas, options: { entityModel?: EntityModel | null } = {}) {
    this.known = new KnownNames(atlas);
    this.techniques = new TechniqueFinder(atlas);
    this.atlasIndex = atlasIndexOf(atlas);
    this.entityModel = options.entityModel === undefined ? bundledEntityModel() : options.entityModel;
  }

  /** The document's language, the atlas's names it holds, and the candidate new names (in UTF-16 offsets). */
  names(text: string): { language: string; languageName: string; read: boolean; known: Mention[]; candidates: Candidate[] } {
    const { code: language, name: languageName } = languageOf(text);
    const read = (LANGUAGES as string[]).includes(language);
    const known: Mention[] = this.known.find(text).map((k) => ({ text: k.text, start: k.start, end: k.end, kind: k.kind, entity_id: k.entity_id, how: 'name', matched_name: k.name, score: 1 }));
    const candidates = read ? findCandidates(text, this.atlasIndex, known, this.entityModel, language as Language, this.screened) : [];
    return { language, languageName, read, known, candidates };
  }

  /** `date` is the document's own date (ISO), against which "last year" is resolved. */
  extract(text: string, date: string | null = null): Extraction {
    const { language, languageName: name, read, known, candidates: found } = this.names(text);
    const candidates: Mention[] = found.map((c) => ({
      text: c.text, start: c.start, end: c.end, kind: c.kind, entity_id: c.entity_id, how: c.entity_id ? 'screened' : 'candidate', matched_name: c.match?.matched_name ?? null, score: c.match?.score ?? null,
    }));
    const translated: Mention[] = (language === 'de' ? findClassPhrases(text, (n) => this.known.organisationNamed(n)) : [])
      .filter((c) => !known.some((k) => c.start < k.end && k.start < c.end))
      .map((c) => ({ text: c.text, start: c.start, end: c.end, kind: 'organisation', entity_id: c.entity_id, how: 'translated', matched_name: c.name, score: null }));
    const named = [...known, ...translated, ...candidates.filter((c) => !translated.some((t) => c.start < t.end && t.start < c.end))];
    const mentions = [...named, ...coreferences(text, named.filter((m) => m.kind === 'person'))].sort((a, b) => a.start - b.start);
    // Relative dates are read against the document's own date, and left unresolved without one.
    const reference = referenceOf(date);
    const { relations, events } = findRelations(text, mentions as Named[]);
    return toCodePoints(text, {
      language,
      read,
      ...(read ? {} : { note: `written in ${name}, which greyzone does not read: only the atlas's known names, countries and amounts were looked for` }),
      mentions,
      techniques: this.techniques.find(text),
      dates: read ? findDates(text, language as Language, reference) : [],
      money: findMoney(text),
      countries: findCountries(text),
      relations,
      events,
    });
  }
}

/** The same extraction with every span's offsets in code points. */
function toCodePoints(text: string, x: Extraction): Extraction {
  const cp = codePointOffsets(text);
  if (cp(text.length) === text.length) return x;
  const span = <T extends Span>(s: T): T => ({ ...s, start: cp(s.start), end: cp(s.end) });
  return {
    ...x,
    mentions: x.mentions.map(span),
    techniques: x.techniques.map((t) => ({ ...t, evidence: t.evidence.map(span) })),
    dates: x.dates.map(span),
    money: x.money.map(span),
    countries: x.countries.map(span),
    relations: x.relations.map((r) => ({ ...r, subject: span(r.subject), object: span(r.object), sentence: span(r.sentence) })),
    events: x.events.map((e) => ({ ...e, person: span(e.person), sentence: span(e.sentence) })),
  };
}
