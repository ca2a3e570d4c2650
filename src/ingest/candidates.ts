/**
 * @module ingest/candidates
 * Names that may be bodies, people or programmes the atlas does not have yet: the entity finder's
 * spans (ingest/entities) and runs of Chinese characters. Each is screened against the atlas with
 * the name screener: a close match is a known entity under another spelling; the rest are
 * candidates, for an analyst to create or merge. A span the entity model (ingest/entity-score)
 * finds unlikely to be a name is left out.
 */
import type { NameMatch } from '../names/match.ts';
import type { AtlasIndex } from '../screen/atlas-index.ts';
import { EntityFinder, type EntityKind } from './entities.ts';
import { DocumentFacts, spanFeatures, spanProbability, type EntityModel } from './entity-score.ts';
import type { Language } from './entity-words.ts';
import { isAcronymForm } from './known-names.ts';
import { longestFirst, type Span } from './spans.ts';

export interface Candidate extends Span {
  kind: EntityKind;
  /** The known entity it screens as, or null for a new one. */
  entity_id: string | null;
  match: Pick<NameMatch, 'id' | 'name' | 'score' | 'matched_name'> | null;
  /** Why the finder took it for a name ("acronym", "title: judge"; "han" for a run of Chinese characters). */
  why: string;
  /** Whether the name screener found an atlas name like it, even one too short to identify it here ("MSS"). */
  resembles: boolean;
  /** The entity model's chance that it is a name of its kind (null for Chinese characters, which it does not score). */
  p: number | null;
}

const HAN_RUN = /\p{Script=Han}{2,}/gu;
const HAN_ORG_END = /(?:部|局|厅|会|院|校|司|处|委|办|社|团|党|军|所|中心|大学|公司|集团)$/u;

const finders = new Map<Language, EntityFinder>();

function screen(atlasIndex: AtlasIndex, text: string, kind: Candidate['kind']): Candidate['match'] {
  // Programmes are screened among all names; bodies and people among their own kind.
  const best = atlasIndex.index.match(text, { kind: kind === 'programme' ? undefined : kind, limit: 1 })[0];
  return best ? { id: best.id, name: best.name, score: best.score, matched_name: best.matched_name } : null;
}

/**
 * Whether a screened match may name its entity here. Three capitals or fewer stand for many bodies
 * ("CSU"): only beside another name of the same body in the text. A person's name shortened to an
 * initial, as prosecutors write it ("Thomas R."), identifies no one but as written.
 */
function identifies(match: NonNullable<Candidate['match']>, text: string, known: (Span & { entity_id?: string | null })[]): boolean {
  const name = match.matched_name ?? '';
  if (isAcronymForm(name, 3)) return known.some((k) => k.entity_id === match.id);
  if (/\s\p{Lu}\.$/u.test(name)) return text.toLowerCase() === name.toLowerCase();
  return true;
}

/** Screening results by kind and name, kept by the caller across documents (reports name the same bodies again and again). */
export type ScreenCache = Map<string, Candidate['match']>;
const CACHE_LIMIT = 20_000;

/**
 * The candidates in a text, each scored by `model`; those below its threshold are left out. With
 * no model every span is kept (scored null), as the trainer needs them.
 */
export function findCandidates(
  text: string,
  atlasIndex: AtlasIndex,
  known: (Span & { entity_id?: string | null })[],
  model: EntityModel | null,
  language: Language = 'en',
  screened: ScreenCache = new Map(),
): Candidate[] {
  let finder = finders.get(language);
  if (!finder) finders.set(language, (finder = new EntityFinder(language)));
  const raw: { text: string; start: number; kind: EntityKind; why: string }[] = finder.find(text);
  for (const m of text.matchAll(HAN_RUN)) raw.push({ text: m[0], start: m.index, kind: HAN_ORG_END.test(m[0]) || m[0].length > 4 ? 'organisation' : 'person', why: 'han' });

  const spans = longestFirst(raw.map((r) => ({ ...r, end: r.start + r.text.length })));
  const out: Candidate[] = [];
  if (screened.size > CACHE_LIMIT) screened.clear();
  for (const span of spans) {
    // A phrase that runs into a known name ("Sixth Bureau of the Jiangsu … Ministry of State
    // Security") keeps the part before it, if that is a name of its own.
    const k = known.find((x) => span.start < x.end && x.start < span.end);
    let s = span;
    if (k && k.start > span.start) {
      const head = text.slice(span.start, k.start).replace(/[\s,’'s]*(?:\b(?:of|for|on|at|in|des|der|für)(?: the)?)?\s*$/u, '');
      if (head.split(/\s+/).length < 2) continue;
      s = { ...span, text: head, end: span.start + head.length };
    } else if (k) {
      // "FBI’s Boston Field Office", "Justice Department’s National Security Division": a body of
      // the known one, named with it; anything else that only adds words to a known name is left to it.
      if (k.end >= span.end || !/^[’']s\s+/u.test(text.slice(k.end, span.end))) continue;
    }
    const key = `${s.kind}\u0000${s.text}`;
    let match = screened.get(key);
    if (match === undefined) screened.set(key, (match = screen(atlasIndex, s.text, s.kind)));
    const resembles = !!match;
    if (match && !identifies(match, s.text, known)) match = null;
    out.push({ text: s.text, start: s.start, end: s.end, kind: s.kind, entity_id: match?.id ?? null, match, why: s.why, resembles, p: null });
  }
  if (!model) return out;
  const facts = new DocumentFacts(text);
  return out.filter((c) => {
    if (c.why === 'han') return true;
    c.p = spanProbability(model, spanFeatures(c, facts, language));
    return c.p >= model.threshold;
  });
}
