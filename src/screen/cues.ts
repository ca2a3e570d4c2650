/**
 * @module screen/cues
 * Finding a technique's indicators in a text: each indicator's cue sets (synonyms, carried in the
 * atlas) must all be represented in one sentence, by words that are not negated ("he did not
 * offer money") or hypothetical ("if they ask for documents"). Every match keeps the exact
 * character spans of the words that made it.
 */
import type { Technique } from '../model/technique.ts';
import { cueKey, splitText, type Sentence } from '../text/tokens.ts';

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface IndicatorHit {
  technique: string;
  indicator: number;
  indicator_text: string;
  evidence: Span[];
}

interface Cue {
  keys: string[];
}

export interface CompiledIndicator {
  technique: string;
  index: number;
  text: string;
  sets: Cue[][];
}

const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'none', 'nothing', 'neither', 'nor', 'without', 'cannot', 'nowhere']);
const HYPOTHETICAL = new Set(['if', 'unless', 'whether', 'suppose', 'supposing', 'hypothetically', 'lest']);
/** How many words after a negation it governs: "did not offer me any money". */
const NEGATION_REACH = 4;
const CLAUSE_WORDS = new Set(['but', 'however', 'although', 'though', 'yet', 'whereas', 'instead', 'then']);

export function compileIndicators(techniques: Technique[]): CompiledIndicator[] {
  return techniques.flatMap((t) =>
    t.indicators.map((ind, index) => ({
      technique: t.id,
      index,
      text: ind.text,
      sets: ind.cues.map((set) => set.map((phrase) => ({ keys: phrase.split(/[\s-]+/).filter(Boolean).map(cueKey) }))),
    })),
  );
}

/** For each word of a sentence: whether it stands in a negated or hypothetical clause. */
function blockedWords(text: string, s: Sentence): boolean[] {
  const blocked = new Array<boolean>(s.words.length).fill(false);
  // Words left in the reach of a negation (a negation governs the next few words of its clause);
  // a condition ("if …") reaches to the end of its clause.
  let negation = 0;
  let condition = false;
  s.words.forEach((w, i) => {
    const prev = s.words[i - 1];
    const gap = prev ? text.slice(prev.end, w.start) : '';
    if (/[,;:()—–]/.test(gap) || CLAUSE_WORDS.has(w.lower)) {
      negation = 0;
      condition = false;
    }
    if (NEGATORS.has(w.lower) || /n['’]t$/.test(w.lower)) negation = NEGATION_REACH + 1;
    if (HYPOTHETICAL.has(w.lower) || (w.lower === 'case' && prev?.lower === 'in')) condition = true;
    blocked[i] = condition || negation > 0;
    if (negation > 0) negation--;
  });
  return blocked;
}

function findCue(s: Sentence, blocked: boolean[], cue: Cue): number | undefined {
  outer: for (let i = 0; i + cue.keys.length <= s.words.length; i++) {
    for (let j = 0; j < cue.keys.length; j++) {
      if (blocked[i + j] || !s.words[i + j]!.keys.includes(cue.keys[j]!)) continue outer;
    }
    return i;
  }
  return undefined;
}

/** Every indicator found in `text` (split into `sentences`, if the caller has them), with the spans of the words that show it. */
export function findIndicators(text: string, indicators: CompiledIndicator[], sentences: Sentence[] = splitText(text)): IndicatorHit[] {
  const hits: IndicatorHit[] = [];
  for (const s of sentences) {
    if (!s.words.length) continue;
    // Most indicators have some cue set with no word in the sentence at all: rule those out first.
    const present = new Set(s.words.flatMap((w) => w.keys));
    const possible = indicators.filter((ind) => ind.sets.every((set) => set.some((cue) => cue.keys.every((k) => present.has(k)))));
    if (!possible.length) continue;
    const blocked = blockedWords(text, s);
    for (const ind of possible) {
      const evidence: Span[] = [];
      for (const set of ind.sets) {
        let found: Span | undefined;
        for (const cue of set) {
          const at = findCue(s, blocked, cue);
          if (at === undefined) continue;
          const start = s.words[at]!.start;
          const end = s.words[at + cue.keys.length - 1]!.end;
          found = { start, end, text: text.slice(start, end) };
          break;
        }
        if (!found) break;
        evidence.push(found);
      }
      if (evidence.length === ind.sets.length) hits.push({ technique: ind.technique, indicator: ind.index, indicator_text: ind.text, evidence });
    }
  }
  return hits;
}
