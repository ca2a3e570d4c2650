/**
 * Issue 17's measures of the atlas's depth: cases from many countries with their outcomes as they
 * were, a matrix that cases fill, Chinese institutions a research-security office screens with
 * their Chinese names, and every document the review session carried accounted for in its log.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../src/atlas/load.ts';
import type { Name } from '../src/model/name.ts';

const { atlas } = loadAtlas(BUNDLED_ATLAS);
const cases = recordsOf(atlas, 'case');

test('at least 40 cases, from at least 8 countries', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  // Where a case was acted on or took place; the sponsoring state does not count.
  const countries = new Set(cases.flatMap((c) => c.data.countries.filter((x) => x.role !== 'sponsoring-state' && x.country !== 'country-cn').map((x) => x.country)));
  assert.ok(countries.size >= 8, `${countries.size} countries: ${[...countries].join(', ')}`);
});

test('at least 5 cases ended in acquittal, dismissal or dropped charges, and say so in the person’s standing and the outcome', () => {
  const ended = cases.filter((c) => c.data.people.some((p) => p.standing === 'acquitted' || p.standing === 'dismissed'));
  assert.ok(ended.length >= 5, `${ended.length}: ${ended.map((c) => c.id).join(', ')}`);
  for (const c of ended) {
    assert.ok(c.data.outcome.claims.some((x) => x.standing === 'acquitted' || x.standing === 'dismissed' || x.standing === 'reported'), `${c.id}: the outcome quotes the record`);
    assert.doesNotMatch(c.data.outcome.text, /^convicted/i, `${c.id}: the outcome is not written as a conviction`);
  }
});

test('at least 20 techniques are recorded by two cases or more, and every tactic has a case', () => {
  const casesOf = new Map<string, Set<string>>();
  for (const c of cases) for (const t of c.data.techniques) casesOf.set(t.technique, (casesOf.get(t.technique) ?? new Set()).add(c.id));
  const twice = [...casesOf].filter(([, s]) => s.size >= 2).map(([t]) => t);
  assert.ok(twice.length >= 20, `${twice.length} techniques with two cases: ${twice.join(', ')}`);
  const tactics = recordsOf(atlas, 'tactic');
  const withCase = new Set(recordsOf(atlas, 'technique').filter((t) => casesOf.has(t.id)).flatMap((t) => t.data.tactics));
  assert.deepEqual(tactics.map((t) => t.id).filter((t) => !withCase.has(t)), [], 'tactics without a case');
});

test('at least 60 Chinese universities, institutes and companies, each with a claim and its Chinese name quoted', () => {
  const kinds = new Set(['university', 'research-institute', 'company', 'military']);
  const chineseName = (n: Name) => /^zh/.test(n.lang) && /\p{Script=Han}/u.test(n.text) && (n.claims?.length ?? 0) > 0;
  const institutions = recordsOf(atlas, 'organisation').filter((o) => o.data.country === 'country-cn' && kinds.has(o.data.subtype) && !o.data.collective);
  const named = institutions.filter((o) => o.data.claims.length > 0 && o.data.names.some(chineseName));
  assert.ok(named.length >= 60, `${named.length} of ${institutions.length} have a quoted Chinese name`);
});

test('every document the review session carried is in the review log, with its counts', () => {
  const log = JSON.parse(readFileSync(new URL('../docs/atlas-review/log.json', import.meta.url), 'utf8')) as { sha256: string; proposals: Record<string, number>; accepted: number; rejected: number; byHand: number }[];
  const logged = new Map(log.map((l) => [l.sha256, l]));
  const page = readFileSync(new URL('../docs/atlas-review-log.md', import.meta.url), 'utf8');
  const carried = recordsOf(atlas, 'source').filter((s) => /^ingested from /.test(s.data.note ?? ''));
  assert.ok(carried.length >= 40, `${carried.length} documents carried through review`);
  for (const s of carried) {
    const sha = /sha256 ([0-9a-f]{64})/.exec(s.data.note ?? '')?.[1];
    const entry = sha && logged.get(sha);
    assert.ok(entry, `${s.id} is not in the review log`);
    assert.ok(entry.accepted + entry.rejected + entry.byHand > 0, `${s.id}: the log counts no decision`);
  }
  assert.match(page, /\| document \| proposals \| accepted \|/);
});
