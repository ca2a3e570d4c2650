/**
 * Compares the two independent readings of the blind extraction set (test/fixtures/extract-blind
 * reading-1 and reading-2): per document and field, what only one reading has, keyed as the
 * scorer keys them. Prints Markdown for the adjudicator, and the agreement (F1 between readings).
 *
 *   tsx scripts/compare-extract-readings.ts > test/fixtures/extract-blind/disagreements.md
 */
import { BLIND, readGold, surfaceKey, type Gold, type Named } from '../test/helpers/extract-metrics.ts';

type Keyed = Map<string, string>;
const named = (items: Named[] = []): Keyed => new Map(items.map((n) => [n.id ?? surfaceKey(n.name), [n.name, ...(n.also ?? [])].join(' / ')]));
const FIELDS: Record<string, (g: Gold) => Keyed> = {
  organisations: (g) => named(g.organisations),
  people: (g) => named(g.people),
  programmes: (g) => named(g.programmes),
  dates: (g) => new Map(g.dates.map((d) => [d.value, d.text])),
  countries: (g) => new Map([...new Set(g.countries.map((c) => c.iso))].map((iso) => [iso, g.countries.filter((c) => c.iso === iso).map((c) => c.text).join(' / ')])),
  techniques: (g) => new Map(g.techniques.map((t) => [t.id, t.evidence])),
};

const one = new Map(readGold(new URL('reading-1/', BLIND)).map((g) => [g.document, g]));
const two = new Map(readGold(new URL('reading-2/', BLIND)).map((g) => [g.document, g]));
const agree: Record<string, { both: number; total: number }> = {};
const lines: string[] = ['# Disagreements between the two readings', ''];
for (const [doc, a] of one) {
  const b = two.get(doc);
  if (!b) continue;
  lines.push(`## ${doc}`, '');
  for (const [field, keyed] of Object.entries(FIELDS)) {
    const ka = keyed(a);
    const kb = keyed(b);
    const s = (agree[field] ??= { both: 0, total: 0 });
    for (const k of ka.keys()) if (kb.has(k)) s.both++;
    s.total += ka.size + kb.size;
    const onlyA = [...ka].filter(([k]) => !kb.has(k));
    const onlyB = [...kb].filter(([k]) => !ka.has(k));
    if (!onlyA.length && !onlyB.length) continue;
    lines.push(`- **${field}**`);
    for (const [k, v] of onlyA) lines.push(`  - reading 1 only: \`${k}\` — ${JSON.stringify(v)}`);
    for (const [k, v] of onlyB) lines.push(`  - reading 2 only: \`${k}\` — ${JSON.stringify(v)}`);
  }
  lines.push('');
}
lines.push('## Agreement (F1 between the readings)', '');
for (const [field, s] of Object.entries(agree)) lines.push(`- ${field}: ${s.total ? ((2 * s.both) / s.total).toFixed(3) : '—'}`);
console.log(lines.join('\n'));
