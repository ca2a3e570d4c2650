/**
 * @module cli/format
 * How claims and records read in a terminal. The standing is always printed in the source's own
 * terms: an allegation reads as "alleged", never as a finding.
 */
import type { Claim } from '../model/claim.ts';

export function claimLine(c: Claim): string {
  const grade = `${c.reliability}${c.credibility}`;
  const hedge = c.likelihood ? ` · "${c.likelihood}"` : '';
  const value = c.value !== null && c.value !== '' ? ` ${c.predicate}: ${c.value}` : ` ${c.predicate}`;
  return `[${c.standing}${hedge} · ${grade} · ${c.source} ${c.start}–${c.end}]${value}\n      “${c.quote}”`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
