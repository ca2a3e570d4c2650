/**
 * @module ingest/dates
 * Dates in a text, absolute ("5 November 2021", "November 2021") and relative ("last year"),
 * resolved against the document's own date and normalised to ISO 8601 as precisely as the text
 * says: a day, a month or a year. chrono-node reads English and German; bare years ("in 2018")
 * are added by a pattern of their own, since chrono leaves them out.
 */
import * as chrono from 'chrono-node';
import type { Span } from './spans.ts';

export interface DateMention extends Span {
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  value: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const BARE_YEAR = /\b(?:in|since|by|from|of|until|till|between|and|before|after|during|early|late|mid-?|im|seit|bis|ab)\s+((?:19|20)\d{2})\b(?![-/.]\d)/gi;

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

export function findDates(text: string, language: 'en' | 'de', reference: Date | undefined): DateMention[] {
  const parser = language === 'de' ? chrono.de : chrono;
  const out: DateMention[] = [];
  for (const r of parse(parser as typeof chrono, text, reference ?? new Date(0))) {
    const c = r.start;
    if (!c.isCertain('year') && !reference) continue; // relative, with nothing to resolve it against
    // Durations ("the next 37 months") and vague spans ("in past years") are not dates.
    if (/\d+\s*(?:days?|weeks?|months?|years?|tage|wochen|monate|jahre)\b|jahren\b|\byears\b/i.test(r.text)) continue;
    let year = c.get('year');
    if (year === null || year < 1900 || year > 2100) continue;
    const lastWeekday = /\b(?:last|this|past|vergangenen|letzten)\s+\p{L}+day\b|\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b/iu.test(r.text) && reference !== undefined;
    // A weekday or a time alone ("on Monday", "at noon") is too vague to be worth proposing.
    if (!c.isCertain('month') && !c.isCertain('year') && !lastWeekday && !/year|jahr/i.test(r.text)) continue;
    const dayKnown = c.isCertain('day') || lastWeekday;
    // A month without a year in a report is one already past ("last July"), not the next one.
    if (reference && !c.isCertain('year') && c.isCertain('month') && !dayKnown && (year > reference.getUTCFullYear() || (year === reference.getUTCFullYear() && c.get('month')! > reference.getUTCMonth() + 1))) year -= 1;
    const value = dayKnown ? `${year}-${pad(c.get('month')!)}-${pad(c.get('day')!)}` : c.isCertain('month') ? `${year}-${pad(c.get('month')!)}` : String(year);
    // German "Am 28. Juli": the preposition is not part of the date.
    const lead = /^(?:am|im|vom|on|in)\s+/i.exec(r.text)?.[0].length ?? 0;
    // "last July": the word before the month belongs to the date.
    const last = /\b(?:last|this)\s+$/i.exec(text.slice(Math.max(0, r.index - 6), r.index))?.[0].length ?? 0;
    const trail = /[\s,;:.]*$/.exec(r.text)![0].length;
    const start = r.index + lead - last;
    const end = r.index + r.text.length - trail;
    out.push({ text: text.slice(start, end), start, end, value });
  }
  for (const m of text.matchAll(BARE_YEAR)) {
    const start = m.index + m[0].length - m[1]!.length;
    if (out.some((d) => start < d.end && d.start < start + 4)) continue;
    out.push({ text: m[1]!, start, end: start + 4, value: m[1]! });
  }
  return out.sort((a, b) => a.start - b.start);
}
