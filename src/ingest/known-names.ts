/**
 * @module ingest/known-names
 * Every name and alias of the atlas's bodies and people, in every script, found in a text in one
 * pass (Aho–Corasick). Text and names are compared case-folded, unit for unit, so offsets in the
 * folded text are offsets in the original. Acronyms — and any short name in capitals — must match in
 * capitals ("MSS", not "mss"; "BIS", not the German "bis"); an acronym of three letters or fewer
 * names its body only in a text that also names that body another way, since such letters stand
 * for many bodies ("CSU"). Latin names must stand as whole words, and a person's name not as the
 * start of a longer name ("Thomas R." in "Thomas R. Sutcliffe"). A two-part personal name is also
 * found in the other order ("Yanjun Xu" for Xu Yanjun), as English-language sources often write it.
 */
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import type { Atlas } from '../atlas/load.ts';
import type { Name } from '../model/name.ts';
import { isWholeWord, longestFirst, type Span } from './spans.ts';

const SCANNED_KINDS = new Set(['organisation', 'person', 'programme', 'operation', 'intrusion-set']);

export interface KnownMention extends Span {
  entity_id: string;
  kind: string;
  /** The atlas name it matched. */
  name: string;
}
type Found = KnownMention & { short: boolean };

interface Pattern {
  entity_id: string;
  kind: string;
  name: string;
  caseSensitive: boolean;
  /** Three capitals or fewer: ambiguous alone. */
  short: boolean;
}

/** A name written as an acronym: two to `max` capitals (and digits). */
export const isAcronymForm = (text: string, max = 6) => text.length >= 2 && text.length <= max && /^[\p{Lu}\d&]+$/u.test(text);

/** Lower case, typographic quotes and dashes made plain — always one unit for one unit. */
export function foldUnits(text: string): string {
  let lower = text.toLowerCase();
  // Rarely (İ, some ligatures) lower-casing changes the length; then it goes character by character.
  if (lower.length !== text.length) lower = Array.from(text, (ch) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch)).join('');
  return lower.replace(/[’‘]/g, "'").replace(/[–—‑]/g, '-');
}

export class KnownNames {
  private readonly patterns = new Map<string, Pattern[]>();
  private readonly automaton: AhoCorasick;

  constructor(atlas: Atlas) {
    const add = (text: string, p: Pattern) => {
      const key = foldUnits(text);
      if ([...key].length < 2 || (!/\p{Script=Han}/u.test(key) && key.length < 3)) return;
      const list = this.patterns.get(key) ?? [];
      if (!list.some((x) => x.entity_id === p.entity_id)) list.push(p);
      this.patterns.set(key, list);
    };
    for (const rec of atlas.records.values()) {
      const d = rec.data as { names?: Name[] };
      // Collective classes ("Chinese intelligence services") are found too: a document speaking of
      // them is about them, though no one is ever screened as one.
      if (!SCANNED_KINDS.has(rec.kind) || !d.names) continue;
      for (const n of d.names) {
        const acronym = n.type === 'acronym' || isAcronymForm(n.text);
        add(n.text, { entity_id: rec.id, kind: rec.kind, name: n.text, caseSensitive: acronym, short: acronym && n.text.length <= 3 });
        const parts = n.text.split(' ');
        if (rec.kind === 'person' && parts.length === 2 && n.lang !== 'zh-Hans' && n.lang !== 'zh-Hant') {
          add(`${parts[1]} ${parts[0]}`, { entity_id: rec.id, kind: rec.kind, name: n.text, caseSensitive: false, short: false });
        }
      }
    }
    this.automaton = new AhoCorasick([...this.patterns.keys()]);
  }

  /** The organisation the atlas calls exactly this (case aside), if one. */
  organisationNamed(name: string): string | undefined {
    return this.patterns.get(foldUnits(name))?.find((p) => p.kind === 'organisation')?.entity_id;
  }

  /** The known names in `text`, longest first where they overlap, in text order (UTF-16 offsets). */
  find(text: string): KnownMention[] {
    const folded = foldUnits(text);
    const found: Found[] = [];
    for (const m of this.automaton.matchInText(folded)) {
      if (!isWholeWord(text, m.begin, m.end)) continue;
      const surface = text.slice(m.begin, m.end);
      for (const p of this.patterns.get(m.keyword) ?? []) {
        if (p.caseSensitive && surface !== p.name) continue;
        if (p.kind === 'person' && /^ [\p{Lu}]/u.test(text.slice(m.end, m.end + 2))) continue;
        found.push({ text: surface, start: m.begin, end: m.end, entity_id: p.entity_id, kind: p.kind, name: p.name, short: p.short });
        break; // a name two entities share is ambiguous; the first stands, the screener's reasons tell more
      }
    }
    // A short acronym stands only beside another name of the same body.
    const named = new Set(found.filter((f) => !f.short).map((f) => f.entity_id));
    return longestFirst(found.filter((f) => !f.short || named.has(f.entity_id))).map(({ short: _, ...k }) => k);
  }
}
