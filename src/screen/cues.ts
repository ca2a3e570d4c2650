/**
 * @module screen/cues
 * Finding a technique's indicators in a text. An indicator is met when each of its cue sets (in
 * the atlas) is represented by a word of the text that is not denied ("he did not offer money")
 * or merely supposed ("if they ask for documents"), within one sentence or a few neighbouring
 * sentences of one paragraph — people spread one event over sentences ("He introduced himself as
 * a consultant. A week later he offered to pay her."). A cue also meets the words WordNet gives
 * for it (see text/lexicon), and a country's name meets its cities (see text/places).
 *
 * A condition does not hide a threat: a conditional sentence that shows pressure, said by someone
 * else or about someone else ("his sister would lose her job unless he came home"), is read whole;
 * one in which the writer states their own resolve ("if anyone asks, I will report it") is not.
 *
 * Every finding keeps the exact character spans of the words that made it.
 */
import type { Technique } from '../model/technique.ts';
import { Lexicon } from '../text/lexicon.ts';
import { placeCountry } from '../text/places.ts';
import { countryCode } from '../names/country.ts';
import { cueKey, splitText, type Sentence, type Word } from '../text/tokens.ts';

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A word that counted, and the atlas cue it stands for (with the WordNet word that led there, if any). */
export type CueWord = Span & { cue: string; via?: string };

export interface IndicatorHit {
  technique: string;
  indicator: number;
  indicator_text: string;
  /** One span per cue set, in the order of the text. */
  evidence: CueWord[];
  /** The passage the finding spans: from its first sentence's start to its last sentence's end. */
  passage: { start: number; end: number };
  /** How many sentences the finding spans. */
  sentences: number;
}

export interface CueOptions {
  /** How many neighbouring sentences of a paragraph one finding may span (1 = a sentence alone). */
  window: number;
  /** What WordNet adds to each cue: nothing, the synonyms of its first sense, or those and the words for its kinds. */
  lexicon: 'off' | 'synonyms' | 'narrower';
  /** Whether a conditional threat is read (else every condition hides what it governs). */
  threats: boolean;
}

export const DEFAULT_CUE_OPTIONS: CueOptions = { window: 3, lexicon: 'synonyms', threats: true };

interface Phrase {
  keys: string[];
  indicator: number;
  set: number;
  cue: string;
  via?: string;
  /** The phrase itself says "not" / "without": a negation does not hide it. */
  negative: boolean;
}

export interface CompiledIndicator {
  technique: string;
  index: number;
  text: string;
  sets: number;
  /** The technique serves a tactic of pressure (its cues can make a conditional sentence a threat). */
  pressure: boolean;
}

export interface CompiledCues {
  indicators: CompiledIndicator[];
  byFirstKey: Map<string, Phrase[]>;
  /** The phrases that may start at a word, by its written form: worked out once per form, as words recur. */
  startingAt: Map<string, Phrase[]>;
  options: CueOptions;
}

const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'none', 'nothing', 'neither', 'nor', 'without', 'cannot', 'nowhere', 'no-one']);
const isNegator = (word: string) => NEGATORS.has(word) || /n['’]t$/.test(word);
const CONDITIONS = new Set(['if', 'unless', 'suppose', 'supposing', 'hypothetically', 'lest']);
/** How many words after a negation it governs: "did not offer me any money". */
const NEGATION_REACH = 4;
const CLAUSE_WORDS = new Set(['but', 'however', 'although', 'though', 'yet', 'whereas', 'instead', 'then']);
/** Words a cue phrase may skip between its own words: "did not disclose", "covered the fare". */
const FILLERS = new Set(['a', 'an', 'the', 'to', 'be', 'been', 'being', 'was', 'were', 'is', 'are', 'did', 'do', 'does', 'had', 'has', 'have', 'him', 'her', 'them', 'it', 'his', 'their', 'my', 'me', 'us', 'our', 'your', 'any', 'all', 'of']);
const MAX_FILLERS = 2;
/** Someone else's words: a conditional said by another is their condition, not the writer's supposition. */
const REPORTING = new Set(['said', 'says', 'told', 'tells', 'warned', 'warns', 'threatened', 'threatens', 'hinted', 'implied', 'wrote', 'writes', 'messaged', 'texted', 'reminded', 'insisted', 'suggested', 'explained', 'added', 'stressed', 'made', 'let', 'mentioned', 'claimed', 'according']);
const MODALS = new Set(['will', 'would', 'shall', 'should', 'must', 'am', 'intend', 'plan']);
/** The tactics of pressure whose cues make a conditional sentence a threat (control and coercion; transnational repression). */
export const PRESSURE_TACTICS = new Set(['GZTA08', 'GZTA12']);

/** Words too general to stand for a cue when WordNet offers them. */
const TOO_GENERAL = new Set(['get', 'take', 'make', 'give', 'have', 'go', 'do', 'be', 'set', 'put', 'run', 'come', 'let', 'see', 'thing', 'way', 'work', 'use']);

let lexicon: Lexicon | undefined;
const expansions = new Map<string, string[]>();
/** WordNet's words for a one-word or multi-word cue, computed once per process. */
function wordnetFor(cue: string, mode: CueOptions['lexicon']): string[] {
  const key = `${mode}:${cue}`;
  let out = expansions.get(key);
  if (out) return out;
  lexicon ??= new Lexicon();
  const words = new Set(lexicon.synonyms(cue));
  if (mode === 'narrower') for (const w of lexicon.narrower(cue)) words.add(w);
  out = [...words].filter((w) => w !== cue && w.length > 2 && !TOO_GENERAL.has(w) && /^[a-z][a-z -]*$/.test(w));
  expansions.set(key, out);
  return out;
}

/** The comparison key of a cue word: a country's name becomes its country, which its cities meet too. */
function phraseKey(word: string): string {
  const code = word.length > 3 ? countryCode(word) : undefined;
  return code && placeCountry(word[0]!.toUpperCase() + word.slice(1)) ? `place:${code}` : cueKey(word);
}

export function compileIndicators(techniques: Technique[], options: CueOptions = DEFAULT_CUE_OPTIONS): CompiledCues {
  const indicators: CompiledIndicator[] = [];
  const byFirstKey = new Map<string, Phrase[]>();
  const add = (p: Phrase) => {
    const list = byFirstKey.get(p.keys[0]!) ?? [];
    if (!list.some((q) => q.indicator === p.indicator && q.set === p.set && q.keys.join(' ') === p.keys.join(' '))) list.push(p);
    byFirstKey.set(p.keys[0]!, list);
  };
  for (const t of techniques) {
    const pressure = t.tactics.some((x) => PRESSURE_TACTICS.has(x));
    t.indicators.forEach((ind, index) => {
      const id = indicators.length;
      indicators.push({ technique: t.id, index, text: ind.text, sets: ind.cues.length, pressure });
      ind.cues.forEach((set, s) => {
        for (const cue of set) {
          const words = cue.toLowerCase().split(/[\s-]+/).filter(Boolean);
          const negative = words.some((w) => NEGATORS.has(w));
          add({ keys: words.map(phraseKey), indicator: id, set: s, cue, negative });
          if (options.lexicon === 'off' || negative) continue;
          for (const w of wordnetFor(cue.toLowerCase(), options.lexicon)) {
            add({ keys: w.split(/[\s-]+/).map(cueKey), indicator: id, set: s, cue, via: w, negative: false });
          }
        }
      });
    });
  }
  return { indicators, byFirstKey, startingAt: new Map(), options };
}

interface Occurrence {
  phrase: Phrase;
  first: number;
  last: number;
}

/** Every cue phrase that occurs in a sentence, before negation and condition are taken into account. */
function occurrences(s: Sentence, cues: CompiledCues): Occurrence[] {
  const out: Occurrence[] = [];
  const { words } = s;
  for (let i = 0; i < words.length; i++) {
    for (const phrase of phrasesFrom(words[i]!, cues)) {
      const last = matchRest(words, i, phrase.keys);
      if (last !== undefined) out.push({ phrase, first: i, last });
    }
  }
  return out;
}

/** A bound on the per-form cache: past it, the cache starts again. */
const FORMS_CACHED = 100_000;

/** The cue phrases whose first word a word of the text can be (by any of its keys, or as a place, or as a "not"). */
function phrasesFrom(w: Word, cues: CompiledCues): Phrase[] {
  let list = cues.startingAt.get(w.text);
  if (list) return list;
  const place = placeCountry(w.text);
  // "didn't" is a "not" for cues that name one ("not disclose").
  const keys = place ? [...w.keys, `place:${place}`] : isNegator(w.lower) ? [...w.keys, 'not'] : w.keys;
  list = keys.flatMap((key) => cues.byFirstKey.get(key) ?? []);
  if (cues.startingAt.size >= FORMS_CACHED) cues.startingAt.clear();
  cues.startingAt.set(w.text, list);
  return list;
}

/** Where a phrase that starts at word `i` ends, skipping a few filler words between its words; undefined if it does not go on. */
function matchRest(words: Word[], i: number, keys: string[]): number | undefined {
  let at = i;
  for (let k = 1; k < keys.length; k++) {
    let next = at + 1;
    while (next < words.length && next - at - 1 < MAX_FILLERS && !words[next]!.keys.includes(keys[k]!) && FILLERS.has(words[next]!.lower)) next++;
    if (next >= words.length || !words[next]!.keys.includes(keys[k]!)) return undefined;
    at = next;
  }
  return at;
}

/**
 * For each word of a sentence: whether it stands in a denied or supposed clause. A negation that a
 * cue names itself ("without telling his employer") is what that cue looks for, so it hides nothing
 * (`named` holds the positions of such negations).
 */
function blockedWords(text: string, s: Sentence, named: Set<number>): boolean[] | undefined {
  // Most sentences neither deny nor suppose anything.
  if (!s.words.some((w) => CONDITIONS.has(w.lower) || isNegator(w.lower))) return undefined;
  const blocked = new Array<boolean>(s.words.length).fill(false);
  let negation = 0;
  let condition = false;
  s.words.forEach((w, i) => {
    const prev = s.words[i - 1];
    if ((prev && punctuationBetween(text, prev.end, w.start)) || CLAUSE_WORDS.has(w.lower)) {
      negation = 0;
      condition = false;
    }
    if (!named.has(i) && isNegator(w.lower)) negation = NEGATION_REACH + 1;
    if (CONDITIONS.has(w.lower) || (w.lower === 'case' && prev?.lower === 'in')) condition = true;
    blocked[i] = condition || negation > 0;
    if (negation > 0) negation--;
  });
  return blocked;
}

/** Whether a comma, colon, semicolon, bracket or dash stands between two words (a clause ends there). */
function punctuationBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (CLAUSE_MARKS.has(text.charCodeAt(i))) return true;
  return false;
}
const CLAUSE_MARKS = new Set([...',;:()—–'].map((c) => c.charCodeAt(0)));

/** A conditional sentence that puts pressure on someone: said by another, or not the writer's own resolve. */
function isThreat(s: Sentence, found: Occurrence[], cues: CompiledCues): boolean {
  const conditional = s.words.some((w, i) => CONDITIONS.has(w.lower) || (w.lower === 'else' && s.words[i - 1]?.lower === 'or') || w.lower === 'otherwise');
  if (!conditional || !found.some((o) => cues.indicators[o.phrase.indicator]!.pressure)) return false;
  if (s.words.some((w) => REPORTING.has(w.lower))) return true;
  // "I will report it", "we'll refuse": the writer's own resolve makes it a supposition.
  const resolve = s.words.some((w, i) => /^(i|we)['’](ll|d)$/.test(w.lower) || ((w.lower === 'i' || w.lower === 'we') && MODALS.has(s.words[i + 1]?.lower ?? '')));
  return !resolve;
}

/** Where a new paragraph starts between two sentences: a blank line between them. */
function breakBetween(text: string, a: Sentence, b: Sentence): boolean {
  const from = a.words.at(-1)?.end ?? a.start;
  const to = b.words[0]?.start ?? b.start;
  return /\n\s*\n/.test(text.slice(from, to));
}

/**
 * Reads a text sentence by sentence and reports each indicator as soon as it is met, within the
 * window of neighbouring sentences.
 */
export class IndicatorReader {
  private readonly recent: { sentence: Sentence; cues: Map<number, (CueWord | undefined)[]> }[] = [];
  /** Per indicator, the start of every word a finding of it used (a word's start is unique in one text). */
  private readonly used = new Map<number, Set<number>>();

  constructor(
    private readonly text: string,
    private readonly cues: CompiledCues,
  ) {}

  read(s: Sentence): IndicatorHit[] {
    // A run of blank lines is a "sentence" of its own; the paragraph break is seen from the sentences around it.
    if (!s.words.length) return [];
    const last = this.recent.at(-1);
    if (last && breakBetween(this.text, last.sentence, s)) this.recent.length = 0;
    const found = occurrences(s, this.cues);
    const threat = this.cues.options.threats && isThreat(s, found, this.cues);
    const named = new Set<number>();
    for (const o of found) if (o.phrase.negative) for (let i = o.first; i <= o.last; i++) if (isNegator(s.words[i]!.lower)) named.add(i);
    const blocked = threat ? undefined : blockedWords(this.text, s, named);
    // Per indicator, per cue set, the first word of this sentence that shows it.
    const here = new Map<number, (CueWord | undefined)[]>();
    for (const o of found) {
      if (blocked && !o.phrase.negative && anyBetween(blocked, o.first, o.last)) continue;
      let sets = here.get(o.phrase.indicator);
      if (!sets) here.set(o.phrase.indicator, (sets = []));
      if (!sets[o.phrase.set]) {
        const start = s.words[o.first]!.start;
        const end = s.words[o.last]!.end;
        const word: CueWord = { start, end, text: this.text.slice(start, end), cue: o.phrase.cue };
        if (o.phrase.via) word.via = o.phrase.via;
        sets[o.phrase.set] = word;
      }
    }
    this.recent.push({ sentence: s, cues: here });
    if (this.recent.length > this.cues.options.window) this.recent.shift();

    const hits: IndicatorHit[] = [];
    for (const id of here.keys()) {
      const ind = this.cues.indicators[id]!;
      // Each set's most recent word within the window; the finding starts at the earliest of them.
      const words: CueWord[] = [];
      const recent = this.recent;
      let from = recent.length - 1;
      for (let set = 0; set < ind.sets; set++) {
        let k = recent.length - 1;
        while (k >= 0 && !recent[k]!.cues.get(id)?.[set]) k--;
        if (k < 0) break;
        words.push(recent[k]!.cues.get(id)![set]!);
        from = Math.min(from, k);
      }
      if (words.length < ind.sets) continue;
      // A finding that reuses a word an earlier finding of the same indicator used says nothing new.
      const used = this.used.get(id) ?? new Set<number>();
      if (words.some((w) => used.has(w.start))) continue;
      for (const w of words) used.add(w.start);
      this.used.set(id, used);
      words.sort((a, b) => a.start - b.start);
      hits.push({
        technique: ind.technique,
        indicator: ind.index,
        indicator_text: ind.text,
        evidence: words,
        passage: { start: this.recent[from]!.sentence.words[0]?.start ?? this.recent[from]!.sentence.start, end: trimEnd(this.text, s.end) },
        sentences: this.recent.length - from,
      });
    }
    return hits;
  }
}

function anyBetween(flags: boolean[], from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (flags[i]) return true;
  return false;
}

/** Where a sentence's text ends, without the white space ICU keeps with it. */
function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** Every indicator found in `text` (split into `sentences`, if the caller has them), with the spans of the words that show it. */
export function findIndicators(text: string, cues: CompiledCues, sentences: Iterable<Sentence> = splitText(text)): IndicatorHit[] {
  const reader = new IndicatorReader(text, cues);
  const hits: IndicatorHit[] = [];
  for (const s of sentences) hits.push(...reader.read(s));
  return hits;
}
