/**
 * The review log: per document, what extraction proposed, what the review accepted, merged and
 * rejected, what was added by hand, and what the extractor missed. Kept as data
 * (docs/atlas-review/log.json, merged across sessions) and shown as docs/atlas-review-log.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO } from './reading.ts';

export interface DocumentLog {
  reading: string;
  document: string;
  /** The ingested document's SHA-256, as its source's note gives it. */
  sha256: string;
  proposals: Record<string, number>;
  accepted: number;
  merged: number;
  rejected: number;
  /** Records created and extended by hand; claims (and quoted names) added by hand. */
  created: number;
  extended: number;
  byHand: number;
  /** Entities, techniques and relations the reading holds that no proposal offered. */
  missed: string[];
  problems: string[];
  /** The reading's ids of the records it created → the ids the atlas gave them. */
  ids?: Record<string, string>;
}

const DATA = join(REPO, 'docs/atlas-review/log.json');
const PAGE = join(REPO, 'docs/atlas-review-log.md');

export const readLog = (): DocumentLog[] => (existsSync(DATA) ? (JSON.parse(readFileSync(DATA, 'utf8')) as DocumentLog[]) : []);

export function writeLog(logs: DocumentLog[]): void {
  const kept = readLog();
  const byReading = new Map(kept.map((l) => [l.reading, l]));
  for (const l of logs) byReading.set(basename(l.reading), { ...l, reading: basename(l.reading) });
  const all = [...byReading.values()].sort((a, b) => a.reading.localeCompare(b.reading));
  writeFileSync(DATA, `${JSON.stringify(all, null, 1)}\n`);

  const total = (f: (l: DocumentLog) => number) => all.reduce((a, l) => a + f(l), 0);
  const proposed = (l: DocumentLog) => Object.values(l.proposals).reduce((a, b) => a + b, 0);
  // What extraction missed, by kind: the first word of each "not proposed" entry.
  const missedBy = new Map<string, number>();
  for (const l of all) for (const m of l.missed) missedBy.set(m.split(' ')[0]!, (missedBy.get(m.split(' ')[0]!) ?? 0) + 1);
  const missed = [...missedBy].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join(', ');
  const rows = all.map((l) => {
    const kinds = Object.entries(l.proposals).map(([k, n]) => `${n} ${k}`).join(', ') || '—';
    const missed = l.missed.length ? l.missed.join('; ') : '—';
    return `| ${l.document.replace(/^corpus\//, '')} | ${proposed(l)} (${kinds}) | ${l.accepted} | ${l.merged} | ${l.rejected} | ${l.byHand} | ${l.created} / ${l.extended} | ${missed} |`;
  });
  const page = `# Atlas review log

Per document entered through greyzone's ingestion and review (\`npx tsx scripts/review-session.ts apply\`,
method in [atlas-review/README.md](atlas-review/README.md)): how many claims extraction proposed, how
many the review accepted, merged into an existing record or rejected, how many claims and quoted names
were added by hand through the record API, the records created / extended by hand, and what the
reviewer's reading holds that extraction did not propose at all. Generated; do not edit.

**${all.length} documents**: ${total(proposed)} proposals, ${total((l) => l.accepted)} accepted, ${total((l) => l.merged)} merged, ${total((l) => l.rejected)} rejected; ${total((l) => l.byHand)} claims added by hand; ${total((l) => l.created)} records created and ${total((l) => l.extended)} extended by hand.
Held by the readings but not proposed by extraction at all: ${missed || 'nothing'}.

| document | proposals | accepted | merged | rejected | claims by hand | records created / extended | not proposed |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
  writeFileSync(PAGE, page);
}
