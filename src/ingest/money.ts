/**
 * @module ingest/money
 * Amounts of money: a currency sign or code before the number ("$1.5 million", "USD 20,000",
 * "€5,000") or a currency word after it ("20,000 dollars", "5.000 Euro"), normalised to a number
 * and an ISO 4217 code. No library found does this for English and German with offsets, so it is
 * a pattern, kept here and tested case by case.
 */
import type { Span } from './spans.ts';

export interface MoneyMention extends Span {
  amount: number;
  currency: string;
}

const SIGNS: Record<string, string> = { us$: 'USD', $: 'USD', usd: 'USD', '€': 'EUR', eur: 'EUR', '£': 'GBP', gbp: 'GBP', '¥': 'CNY', cny: 'CNY', rmb: 'CNY' };
const WORDS: Record<string, string> = {
  dollars: 'USD', 'us dollars': 'USD', 'u.s. dollars': 'USD', euros: 'EUR', euro: 'EUR', pounds: 'GBP', 'pounds sterling': 'GBP', yuan: 'CNY', renminbi: 'CNY',
};
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, m: 1e6, bn: 1e9, millionen: 1e6, milliarden: 1e9, mio: 1e6, 'mio.': 1e6, mrd: 1e9, 'mrd.': 1e9 };

const NUMBER = String.raw`\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
const SCALES = String.raw`thousand|million|billion|bn|m|Millionen|Milliarden|Mio\.?|Mrd\.?`;
const BEFORE = new RegExp(String.raw`(US\$|\$|€|£|¥|\b(?:USD|EUR|GBP|CNY|RMB))\s?(${NUMBER})(?:\s?(${SCALES})\b)?`, 'gi');
const AFTER = new RegExp(String.raw`\b(${NUMBER})(?:\s(${SCALES}))?\s(u\.s\. dollars|us dollars|dollars|euros?|pounds sterling|pounds|yuan|renminbi)\b`, 'gi');

/** "1,500,000" and "1.500.000" (German) and "1.5" and "1,5" (German decimal), read as numbers. */
function parseNumber(raw: string): number {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw)) return Number(raw.replace(/,/g, ''));
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw)) return Number(raw.replace(/\./g, '').replace(',', '.'));
  return Number(raw.replace(',', '.'));
}

export function findMoney(text: string): MoneyMention[] {
  const out: MoneyMention[] = [];
  for (const m of text.matchAll(BEFORE)) {
    const currency = SIGNS[m[1]!.toLowerCase()]!;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, amount: parseNumber(m[2]!) * (m[3] ? SCALE[m[3].toLowerCase()]! : 1), currency });
  }
  for (const m of text.matchAll(AFTER)) {
    if (out.some((o) => m.index < o.end && o.start < m.index + m[0].length)) continue;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, amount: parseNumber(m[1]!) * (m[2] ? SCALE[m[2].toLowerCase()]! : 1), currency: WORDS[m[3]!.toLowerCase()]! });
  }
  return out.sort((a, b) => a.start - b.start).map((o) => ({ ...o, amount: Math.round(o.amount * 100) / 100 }));
}
