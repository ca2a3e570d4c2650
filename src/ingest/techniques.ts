/**
 * @module ingest/techniques
 * The approach matrix's techniques a document describes, found paragraph by paragraph with the
 * same indicators and cues as approach screening. A technique is reported when a paragraph shows
 * enough of its indicators; its evidence is the words that show them.
 */
import { recordsOf, type Atlas } from '../atlas/load.ts';
import { compileIndicators, findIndicators, type CompiledCues } from '../screen/cues.ts';
import { paragraphs, type Span } from './spans.ts';

export interface TechniqueMention {
  id: string;
  name: string;
  /** 1 − ½ⁿ for n distinct indicators in the best paragraph, as approach screening scores them. */
  score: number;
  evidence: Span[];
}

/** Distinct indicators a paragraph must show before the technique is proposed. */
export const MIN_INDICATORS = 1;

export class TechniqueFinder {
  private readonly indicators: CompiledCues;
  private readonly names: Map<string, string>;

  constructor(atlas: Atlas) {
    const techniques = recordsOf(atlas, 'technique').map((r) => r.data);
    // A report's paragraphs are dense and long: one sentence at a time, and the atlas's own cue words,
    // keep proposals precise (the wider reading of approach screening is weighed by its model).
    this.indicators = compileIndicators(techniques, { window: 1, lexicon: 'off', threats: true });
    this.names = new Map(techniques.map((t) => [t.id, t.names.find((n) => n.type === 'primary')?.text ?? t.id]));
  }

  find(text: string): TechniqueMention[] {
    const best = new Map<string, TechniqueMention>();
    for (const p of paragraphs(text)) {
      const byTechnique = new Map<string, { indicators: Set<number>; evidence: Span[] }>();
      for (const hit of findIndicators(p.text, this.indicators)) {
        const e = byTechnique.get(hit.technique) ?? { indicators: new Set(), evidence: [] };
        e.indicators.add(hit.indicator);
        for (const ev of hit.evidence) e.evidence.push({ text: ev.text, start: p.start + ev.start, end: p.start + ev.end });
        byTechnique.set(hit.technique, e);
      }
      for (const [id, e] of byTechnique) {
        if (e.indicators.size < MIN_INDICATORS) continue;
        const score = 1 - 0.5 ** e.indicators.size;
        if ((best.get(id)?.score ?? 0) < score) best.set(id, { id, name: this.names.get(id) ?? id, score, evidence: e.evidence });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}
