/**
 * @module ingest/report-cues
 * Techniques as reports describe them: a threat assessment, a prosecutor's release or a court
 * writes about a method in the third person ("the services try to intimidate dissidents abroad",
 * "staatlich gelenkte Cyberangriffe"), which the indicators written for a target's own account
 * seldom meet. report-cues.yaml holds, per technique, signs in English and German: groups of word
 * stems that must all stand in one sentence. It was written from the techniques' definitions and
 * the register of official reports, never from the evaluation documents.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { sentencesIn, type Word } from '../text/tokens.ts';
import type { Span } from './spans.ts';

/** A technique's signs: each a list of groups, each group a list of alternatives, each a run of stems. */
type Signs = Record<string, string[][][]>;

interface Alternative {
  /** The sign it belongs to, numbered across techniques. */
  sign: number;
  /** Its group's bit in the sign's mask. */
  bit: number;
  stems: string[];
}

interface Sign {
  technique: string;
  /** Every group's bit set. */
  all: number;
}

export interface ReportCueHit {
  technique: string;
  /** How many of the technique's signs the sentence meets. */
  signs: number;
  /** The words that met them. */
  evidence: Span[];
}

let bundled: Signs | undefined;

/** A trie over first stems: a word is walked letter by letter, and every stem it passes matches. */
interface Node {
  next: Map<string, Node>;
  /** Alternatives whose first stem ends here. */
  ends: Alternative[];
}

export class ReportCues {
  private readonly root: Node = { next: new Map(), ends: [] };
  private readonly signs: Sign[] = [];

  constructor(signs: Signs = (bundled ??= YAML.parse(readFileSync(new URL('report-cues.yaml', import.meta.url), 'utf8')) as Signs)) {
    for (const [technique, list] of Object.entries(signs)) {
      for (const groups of list) {
        const sign = this.signs.push({ technique, all: 2 ** groups.length - 1 }) - 1;
        groups.forEach((alternatives, group) => {
          for (const alt of alternatives) {
            // "china s narrativ" is written for "China’s narrative": the word keeps its possessive, which the stem "china" meets.
            const stems = alt.toLowerCase().split(/[\s-]+/u).filter((x) => x && x !== 's');
            if (!stems.length) continue;
            let node = this.root;
            for (const ch of stems[0]!) {
              let n = node.next.get(ch);
              if (!n) node.next.set(ch, (n = { next: new Map(), ends: [] }));
              node = n;
            }
            node.ends.push({ sign, bit: 2 ** group, stems });
          }
        });
      }
    }
  }

  /** Per sentence, the techniques whose signs it meets. */
  *find(text: string): Generator<ReportCueHit> {
    for (const sentence of sentencesIn(text)) {
      // Per sign met in part: the groups met (a bit each) and the words that met them.
      const met = new Map<number, { groups: number; words: Word[] }>();
      const words = sentence.words;
      for (let i = 0; i < words.length; i++) {
        let node: Node | undefined = this.root;
        for (const ch of words[i]!.lower) {
          node = node.next.get(ch);
          if (!node) break;
          for (const a of node.ends) {
            if (a.stems.length > 1 && !a.stems.every((s, k) => k === 0 || words[i + k]?.lower.startsWith(s))) continue;
            let m = met.get(a.sign);
            if (!m) met.set(a.sign, (m = { groups: 0, words: [] }));
            m.groups |= a.bit;
            for (let k = 0; k < a.stems.length; k++) m.words.push(words[i + k]!);
          }
        }
      }
      const byTechnique = new Map<string, ReportCueHit>();
      for (const [sign, m] of met) {
        const { technique, all } = this.signs[sign]!;
        if (m.groups !== all) continue;
        const hit = byTechnique.get(technique) ?? { technique, signs: 0, evidence: [] };
        hit.signs++;
        for (const w of m.words) if (!hit.evidence.some((e) => e.start === w.start)) hit.evidence.push({ text: w.text, start: w.start, end: w.end });
        byTechnique.set(technique, hit);
      }
      yield* byTechnique.values();
    }
  }
}
