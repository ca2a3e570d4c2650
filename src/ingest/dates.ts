/**
 * @module ingest/dates
 * Dates in a text, absolute ("5 November 2021", "November 2021") and relative ("last year"),
 * resolved against the document's own date and normalised to ISO 8601 as precisely as the text
 * says: a day, a month or a year. chrono-node reads English and German; bare years ("in 2018")
 * are added by a pattern of their own, since chrono leaves them out. Lithuanian ("2021 m. gegužės
 * 20 d.") and Estonian ("20. mail 2021") absolute dates and ISO dates are read by patterns over
 * their month names, which chrono does not have.
 */
import * as chrono from 'chrono-node';
import type { Language } from './entity-words.ts';
import type { Span } from './spans.ts';

export interface DateMention extends Span {
  /** YYYY-MM-DD, YYYY-MM or YYYY; null for a relative date ("last year") the document's date cannot resolve. */
  value: string | null;
}

/**
 * What relative dates are read against: the document's date as a window as wide as its precision
 * ("2021" is any day of 2021). A relative date is resolved only when every day of the window gives
 * it the same value; with no window (the document has no date) it is never resolved.
 */
export interface Reference {
  from: Date;
  to: Date;
}

/** The window of a document's date ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD'), or undefined when it has none. */
export function referenceOf(date: string | null | undefined): Reference | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date ?? '');
  if (!m) return undefined;
  const y = Number(m[1]);
  const month = m[2] ? Number(m[2]) - 1 : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  const from = new Date(Date.UTC(y, month ?? 0, day ?? 1, 12));
  const to = day !== undefined ? from : month !== undefined ? new Date(Date.UTC(y, month + 1, 0, 12)) : new Date(Date.UTC(y, 11, 31, 12));
  return Number.isNaN(from.getTime()) ? undefined : { from, to };
}

/** With no document date, two far-apart days: whatever reads differently against them is relative. */
const UNANCHORED: Reference = { from: new Date(Date.UTC(1955, 2, 10, 12)), to: new Date(Date.UTC(2045, 8, 20, 12)) };

const pad = (n: number) => String(n).padStart(2, '0');
const BARE_YEAR = /\b(?:in|since|by|from|of|until|till|between|and|before|after|during|early|late|mid-?|im|seit|bis|ab|summer|spring|autumn|winter|sommer|frühjahr|herbst|winter|anfang|ende|mitte|jahr)\s+((?:19|20)\d{2})\b(?![-/.]\d)/giu;
const MONTH_NAMES = 'january|february|march|april|may|june|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|dezember';
const MONTH_YEAR = new RegExp(String.raw`(?:(?<!\d)(\d{1,2})\.?\s+)?\b(${MONTH_NAMES})\s+((?:19|20)\d{2})\b`, 'giu');
/** The year in the title of a statute or a report ("Human Rights Act 1998", "Verfassungsschutzbericht 2023"), and a year cited in brackets ("(1971)"). */
const TITLE_YEAR = /\b(?:Act|Acts|Report|Review|Strategy|Gesetz|\p{L}*[Bb]ericht)\s+((?:19|20)\d{2})\b|\(((?:19|20)\d{2})\)/gu;
const MONTH_NUMBER = new Map<string, number>([...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1] as [string, number]), ['mär', 3], ['mai', 5], ['okt', 10], ['dez', 12]]);

/** Words without which a paragraph holds no date: chrono is slow, so it reads only paragraphs with one. */
const DATE_HINT = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez|today|yesterday|tomorrow|ago|last|next|this|heute|gestern|morgen|vor|letzte|vergangene|nächste|\p{L}+day|\p{L}+tag)/iu;

/** chrono's results for the paragraphs that may hold a date, with offsets into the whole text. */
function parse(parser: typeof chrono, text: string, reference: Date): chrono.ParsedResult[] {
  const out: chrono.ParsedResult[] = [];
  for (const p of text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)) {
    if (!DATE_HINT.test(p[0])) continue;
    for (const r of parser.parse(p[0], reference)) {
      (r as { index: number }).index += p.index;
      out.push(r);
    }
  }
  return out;
}

/** A chrono result's value as precisely as the text says, read against `reference`; null when too vague. */
function valueOf(r: chrono.ParsedResult, reference: Date, anchored: boolean): string | null | undefined {
  const c = r.start;
  let year = c.get('year');
  if (year === null) return undefined;
  const lastWeekday = /\b(?:last|this|past|vergangenen|letzten)\s+\p{L}+day\b|\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b/iu.test(r.text) && anchored;
  // A weekday or a time alone ("on Monday", "at noon") is too vague to be worth proposing.
  if (!c.isCertain('month') && !c.isCertain('year') && !lastWeekday && !/year|jahr/i.test(r.text)) return undefined;
  const dayKnown = c.isCertain('day') || lastWeekday;
  // A month without a year in a report is one already past ("last July"), not the next one.
  if (!c.isCertain('year') && c.isCertain('month') && !dayKnown && (year > reference.getUTCFullYear() || (year === reference.getUTCFullYear() && c.get('month')! > reference.getUTCMonth() + 1))) year -= 1;
  return dayKnown ? `${year}-${pad(c.get('month')!)}-${pad(c.get('day')!)}` : c.isCertain('month') ? `${year}-${pad(c.get('month')!)}` : String(year);
}

/** Month names as the dates of each language write them (Lithuanian genitive; Estonian nominative and adessive stems). */
const MONTHS: Partial<Record<Language, string[]>> = {
  lt: ['sausio', 'vasario', 'kovo', 'balandžio', 'gegužės', 'birželio', 'liepos', 'rugpjūčio', 'rugsėjo', 'spalio', 'lapkričio', 'gruodžio'],
  et: ['jaanuar', 'veebruar', 'märts', 'aprill', 'mai', 'juuni', 'juuli', 'august', 'september', 'oktoober', 'november', 'detsember'],
};

function monthOf(language: Language, word: string): number | undefined {
  const w = word.toLowerCase();
  const i = MONTHS[language]!.findIndex((m) => w === m || (language === 'et' && (w === `${m}il` || w === `${m}l` || (m === 'märts' && w === 'märtsil'))));
  return i < 0 ? undefined : i + 1;
}

/** Absolute dates in Lithuanian and Estonian, and ISO dates in any of them. */
function localDates(text: string, language: Language): DateMention[] {
  const out: DateMention[] = [];
  const push = (start: number, t: string, value: string) => out.push({ text: t, start, end: start + t.length, value });
  if (language === 'lt') {
    for (const m of text.matchAll(/\b((?:19|20)\d{2}) (m\.|metais|metų|metus)(?:\s+(\p{L}+)(?:\s+(\d{1,2}) d\.)?)?/gu)) {
      const month = m[3] ? monthOf('lt', m[3]) : undefined;
      const t = month ? m[0] : `${m[1]} ${m[2]}`;
      push(m.index, t, month ? (m[4] ? `${m[1]}-${pad(month)}-${pad(Number(m[4]))}` : `${m[1]}-${pad(month)}`) : m[1]!);
    }
  }
  if (language === 'et') {
    for (const m of text.matchAll(/\b(?:(\d{1,2})\.\s+)?(\p{L}+)\s+((?:19|20)\d{2})\b/gu)) {
      const month = monthOf('et', m[2]!);
      if (month) push(m.index, m[0], m[1] ? `${m[3]}-${pad(month)}-${pad(Number(m[1]))}` : `${m[3]}-${pad(month)}`);
    }
    for (const m of text.matchAll(/\b((?:19|20)\d{2})\. aasta\p{L}*/gu)) if (!out.some((d) => d.start <= m.index && m.index < d.end)) push(m.index, m[0], m[1]!);
  }
  for (const m of text.matchAll(/\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/g)) if (Number(m[2]) <= 12 && Number(m[3]) <= 31) push(m.index, m[0], m[0]);
  return out;
}

export function findDates(text: string, language: Language, reference: Reference | Date | undefined): DateMention[] {
  if (language === 'lt' || language === 'et') return localDates(text, language).sort((a, b) => a.start - b.start);
  const parser = (language === 'de' ? chrono.de : chrono) as typeof chrono;
  const window = reference instanceof Date ? { from: reference, to: reference } : reference;
  const { from, to } = window ?? UNANCHORED;
  const out: DateMention[] = [];
  for (const r of parse(parser, text, from)) {
    // chrono reads a few names as dates ("Ina"): a date holds a digit, a month or a relative word.
    if (!DATE_HINT.test(r.text)) continue;
    // Durations ("the next 37 months") and vague spans ("in past years") are not dates.
    if (/\d+\s*(?:days?|weeks?|months?|years?|tage|wochen|monate|jahre)\b|jahren\b|\byears\b/i.test(r.text)) continue;
    let value = valueOf(r, from, window !== undefined);
    if (value === undefined || value === null) continue;
    // Read again against the window's other end: a date that moves with it is relative, and
    // the document's date does not say which it is.
    if (to.getTime() !== from.getTime()) {
      const again = parser.parse(r.text, to)[0];
      const other = again && again.text === r.text ? valueOf(again, to, window !== undefined) : null;
      // "today" in a document dated only by its month is that month: keep what both ends agree on.
      if (other !== value) value = other && other.slice(0, 7) === value.slice(0, 7) && value.length > 7 ? value.slice(0, 7) : other && other.slice(0, 4) === value.slice(0, 4) && value.length > 4 && /^(?:today|heute|this|dieses)/iu.test(r.text) ? value.slice(0, 4) : null;
    }
    if (value !== null && (Number(value.slice(0, 4)) < 1900 || Number(value.slice(0, 4)) > 2100)) continue;
    // German "Am 28. Juli": the preposition is not part of the date.
    const lead = /^(?:am|im|vom|on|in)\s+/i.exec(r.text)?.[0].length ?? 0;
    // "last July": the word before the month belongs to the date.
    const last = /\b(?:last|this)\s+$/i.exec(text.slice(Math.max(0, r.index - 6), r.index))?.[0].length ?? 0;
    const trail = /[\s,;:.]*$/.exec(r.text)![0].length;
    const start = r.index + lead - last;
    const end = r.index + r.text.length - trail;
    out.push({ text: text.slice(start, end), start, end, value });
  }
  // Months with a year that chrono passed over ("vor Juni 2022", "21.01.2025").
  for (const m of text.matchAll(MONTH_YEAR)) {
    const month = MONTH_NUMBER.get(m[2]!.toLowerCase().slice(0, 3));
    if (!month) continue;
    const value = m[1] ? `${m[3]}-${pad(month)}-${pad(Number(m[1]))}` : `${m[3]}-${pad(month)}`;
    const overlap = out.findIndex((d) => m.index < d.end && d.start < m.index + m[0].length);
    // chrono read only "March 2021" of "Date31 March 2021": the day the text also gives wins.
    if (overlap >= 0 && !(out[overlap]!.value && value.startsWith(out[overlap]!.value!) && value.length > out[overlap]!.value!.length)) continue;
    if (overlap >= 0) out.splice(overlap, 1);
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, value });
  }
  for (const m of text.matchAll(/\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/g)) {
    if (out.some((d) => m.index < d.end && d.start < m.index + m[0].length) || Number(m[2]) > 12 || Number(m[1]) > 31) continue;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, value: `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}` });
  }
  for (const m of text.matchAll(TITLE_YEAR)) {
    const year = m[1] ?? m[2]!;
    const start = m.index + m[0].lastIndexOf(year);
    if (!out.some((d) => start < d.end && d.start < start + 4)) out.push({ text: year, start, end: start + 4, value: year });
  }
  for (const m of text.matchAll(BARE_YEAR)) {
    const start = m.index + m[0].length - m[1]!.length;
    if (out.some((d) => start < d.end && d.start < start + 4)) continue;
    out.push({ text: m[1]!, start, end: start + 4, value: m[1]! });
  }
  // Numbers inside web addresses are not dates.
  const urls = [...text.matchAll(/https?:\/\/\S+|www\.\S+/g)].map((u) => [u.index, u.index + u[0].length] as const);
  return out.filter((d) => !urls.some(([a, b]) => d.start >= a && d.end <= b)).sort((a, b) => a.start - b.start);
}
