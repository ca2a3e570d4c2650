/**
 * @module ingest/class-phrases
 * German reports name the atlas's collective bodies in their own words: "die chinesischen
 * Nachrichtendienste", "Regierung der Volksrepublik China", "staatliche chinesische Stellen". Each
 * such phrase is read as the English name the atlas gives the body ("Chinese intelligence
 * services", "Chinese government", "Chinese government entities") and proposed only when the atlas
 * has a body of that name — for an analyst to confirm, like a name the screener matched.
 */
import type { Span } from './spans.ts';

export interface ClassMention extends Span {
  /** The atlas name the phrase was read as. */
  name: string;
}

/** German adjectives of states, by the English word the atlas's names use. */
const STATES: [RegExp, string][] = [
  [/^chinesisch(?:e|en|er|es)?$|^pekinger$/iu, 'Chinese'],
  [/^russisch(?:e|en|er|es)?$/iu, 'Russian'],
];
/** Genitives that name the state after the noun ("… der Volksrepublik China", "… Chinas"). */
const OF_STATE: [RegExp, string][] = [[/^(?:der\s+(?:Volksrepublik|VR)\s+China|Chinas|Pekings)$/u, 'Chinese']];

/** German class nouns, by the English words of the atlas's names. */
const CLASSES: [RegExp, string][] = [
  [/^(?:Nachrichtendienst(?:e|en)?|Geheimdienst(?:e|en)?|Dienste[n]?|Nachrichten-\s+und\s+Sicherheitsdienste[n]?|Sicherheitsdienste[n]?|Geheimdienstapparat(?:s|es)?)$/u, 'intelligence services'],
  [/^(?:Regierung|Zentralregierung|Staatsführung)$/u, 'government'],
  [/^(?:Behörden|Stellen)$/u, 'government entities'],
  [/^(?:Botschaften)$/u, 'embassies'],
  [/^(?:Universitäten|Hochschulen)$/u, 'universities'],
  [/^(?:Polizeibehörden|Polizeikräfte)$/u, 'police forces'],
];

const NOUN = String.raw`(?:Nachrichten-\s+und\s+Sicherheitsdienste[n]?|\p{Lu}\p{Ll}+)`;
/** "chinesischen Nachrichtendienste", "staatliche chinesische Stellen", "Pekinger Regierung". */
const BEFORE = new RegExp(String.raw`(?<![\p{L}-])((?:staatlich(?:e|en)\s+)?(\p{L}+)\s+(?:staatlich(?:e|en)\s+)?(${NOUN}))(?![\p{L}-])`, 'gu');
/** "Nachrichtendienste der Volksrepublik China", "Regierung Chinas". */
const AFTER = new RegExp(String.raw`(?<![\p{L}-])((${NOUN})\s+(der\s+(?:Volksrepublik|VR)\s+China|Chinas|Pekings))(?![\p{L}-])`, 'gu');

const lookup = <T>(table: [RegExp, T][], word: string) => table.find(([re]) => re.test(word))?.[1];

/** Class phrases in a German text, with the atlas name each is read as, when the atlas has it. */
export function findClassPhrases(text: string, organisationNamed: (name: string) => string | undefined): (ClassMention & { entity_id: string })[] {
  const out: (ClassMention & { entity_id: string })[] = [];
  const push = (phrase: string, at: number, state: string | undefined, noun: string) => {
    const cls = lookup(CLASSES, noun);
    if (!state || !cls) return;
    const name = `${state} ${cls}`;
    const id = organisationNamed(name);
    if (id) out.push({ text: phrase, start: at, end: at + phrase.length, name, entity_id: id });
  };
  for (const m of text.matchAll(BEFORE)) push(m[1]!, m.index, lookup(STATES, m[2]!), m[3]!);
  for (const m of text.matchAll(AFTER)) if (!out.some((o) => o.start === m.index)) push(m[1]!, m.index, lookup(OF_STATE, m[3]!.replace(/\s+/gu, ' ')), m[2]!);
  return out;
}
