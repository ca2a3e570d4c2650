/**
 * How name screening is scored on a labelled set: the match with the best name score must be the
 * expected entity (or nothing, for a negative). Recall counts the positives found first; precision, of the queries
 * that reported anything, those whose first match was right.
 */
import { screenRow } from '../../src/screen/names.ts';
import type { Watchlist } from '../../src/screen/watchlist.ts';

export interface NameCase {
  query: string;
  kind: string;
  country: string;
  expected: string;
  category: string;
}

export function scoreNames(watchlist: Watchlist, cases: NameCase[]) {
  let positives = 0;
  let found = 0;
  let reported = 0;
  let falsePositives = 0;
  const misses: string[] = [];
  const byCategory: Record<string, { right: number; total: number }> = {};
  for (const c of cases) {
    const r = screenRow(watchlist, { name: c.query, kind: c.kind || undefined, country: c.country || undefined }, 0);
    // Which entity the name is: the best name score (a person's screened score is held below the
    // threshold until a documented fact corroborates it, which says nothing about the name).
    const top = [...(r.matches ?? [])].sort((a, b) => b.name_score - a.name_score || a.id.localeCompare(b.id))[0]?.id;
    const right = (top ?? '') === c.expected;
    if (c.expected) positives++;
    if (top) reported++;
    if (top && right) found++;
    if (top && !c.expected) falsePositives++;
    const cat = (byCategory[c.category] ??= { right: 0, total: 0 });
    cat.total++;
    if (right) cat.right++;
    else misses.push(`[${c.category}] ${c.query}${c.kind ? ` (${c.kind})` : ''}${c.country ? ` (${c.country})` : ''} → ${top ?? 'nothing'} (expected ${c.expected || 'nothing'})`);
  }
  return { size: cases.length, recall: found / positives, precision: reported ? found / reported : 1, falsePositives, misses, byCategory };
}
