/**
 * @module ingest/techniques
 * The approach matrix's techniques a document describes, read the way reports describe them
 * (ingest/report-cues): a technique is proposed when a sentence meets one of its signs; its
 * evidence is the words that meet it. (The indicators of approach screening are written for a
 * target's own account of an approach and are left to that screening: on reports they proposed a
 * technique for every second sentence about China and missed most third-person accounts.)
 */
import { recordsOf, type Atlas } from '../atlas/load.ts';
import { ReportCues } from './report-cues.ts';
import type { Span } from './spans.ts';

export interface TechniqueMention {
  id: string;
  name: string;
  /** 1 − ½ⁿ for n of the technique's signs met in its best sentence. */
  score: number;
  evidence: Span[];
}

export class TechniqueFinder {
  private readonly names: Map<string, string>;
  private readonly cues = new ReportCues();

  constructor(atlas: Atlas) {
    const techniques = recordsOf(atlas, 'technique').map((r) => r.data);
    this.names = new Map(techniques.map((t) => [t.id, t.names.find((n) => n.type === 'primary')?.text ?? t.id]));
  }

  find(text: string): TechniqueMention[] {
    const best = new Map<string, TechniqueMention>();
    for (const hit of this.cues.find(text)) {
      const name = this.names.get(hit.technique);
      const score = 1 - 0.5 ** hit.signs;
      if (name && (best.get(hit.technique)?.score ?? 0) < score) best.set(hit.technique, { id: hit.technique, name, score, evidence: hit.evidence });
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}
