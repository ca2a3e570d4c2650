/**
 * @module model/vocab
 * Closed vocabularies shared by every record: markings, Admiralty grades, the standing of an
 * assertion and ICD 203 estimative language. Each is declared once, as data.
 */
import { z } from 'zod';

/** TLP 2.0 (FIRST). Default for the bundled atlas is CLEAR. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export const tlpSchema = z.enum(TLP_LEVELS).meta({ description: 'TLP 2.0 marking' });
export type Tlp = z.infer<typeof tlpSchema>;

/** STIX 2.1's industry-sector-ov (section 10.9), the terms other tools file sectors under. */
export const INDUSTRY_SECTORS = ['agriculture', 'aerospace', 'automotive', 'chemical', 'commercial', 'communications', 'construction', 'defense', 'education', 'energy', 'engineering', 'entertainment', 'financial-services', 'government', 'emergency-services', 'government-local', 'government-national', 'government-public-services', 'government-regional', 'healthcare', 'hospitality-leisure', 'infrastructure', 'dams', 'nuclear', 'water', 'insurance', 'manufacturing', 'mining', 'non-profit', 'pharmaceuticals', 'retail', 'technology', 'telecommunications', 'transportation', 'utilities'] as const;
export const industrySectorSchema = z.enum(INDUSTRY_SECTORS).meta({ description: "STIX 2.1 industry-sector-ov term" });

/** OASIS's five TLP 2.0 marking-definitions, by their fixed ids (the objects are in standards/stix2.1-tlp2). */
export const STIX_TLP2_MARKINGS: Readonly<Record<string, Tlp>> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};

/** The four TLP 1.0 marking-definitions STIX 2.1 itself predefines; WHITE is read as CLEAR. */
export const STIX_TLP1_MARKINGS: Readonly<Record<string, Tlp>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
};

/** Every STIX marking-definition id that stands for a TLP level. */
export const STIX_TLP_MARKINGS: Readonly<Record<string, Tlp>> = { ...STIX_TLP2_MARKINGS, ...STIX_TLP1_MARKINGS };

/** OASIS's TLP 2.0 extension-definition, which every TLP 2.0 marking-definition carries with its level. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The most restrictive of the markings (CLEAR for none). */
export function mostRestrictive(markings: Iterable<Tlp | undefined>): Tlp {
  let top = 0;
  for (const m of markings) if (m) top = Math.max(top, TLP_LEVELS.indexOf(m));
  return TLP_LEVELS[top]!;
}

/** The markings an account cleared to `clearance` may see. */
export function tlpsAllowedBy(clearance: Tlp): Tlp[] {
  return TLP_LEVELS.filter((t) => tlpAllows(clearance, t));
}

/** A record's own marking: its `tlp` field, CLEAR when it has none (tactics, techniques). */
export function markingOf(data: unknown): Tlp {
  return (data as { tlp?: Tlp }).tlp ?? 'clear';
}

/** Whether an account cleared to `clearance` may see what is marked `marking`. */
export function tlpAllows(clearance: Tlp, marking: Tlp): boolean {
  return TLP_LEVELS.indexOf(marking) <= TLP_LEVELS.indexOf(clearance);
}

/** Admiralty source reliability (A completely reliable … F cannot be judged). */
export const RELIABILITY = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
} as const;
export const reliabilitySchema = z
  .enum(Object.keys(RELIABILITY) as [keyof typeof RELIABILITY, ...(keyof typeof RELIABILITY)[]])
  .meta({ description: 'Admiralty source reliability, A–F' });

/** Admiralty information credibility (1 confirmed … 6 cannot be judged). */
export const CREDIBILITY = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
} as const;
export const credibilitySchema = z
  .int()
  .min(1)
  .max(6)
  .meta({ description: 'Admiralty information credibility, 1–6' });

/**
 * How firmly a source asserts something, weakest first. An allegation is never shown as a
 * conviction: screens and exports print this word, not a paraphrase.
 */
export const STANDINGS = [
  'reported',
  'assessed',
  'alleged',
  'charged',
  'pleaded-guilty',
  'convicted',
  'acquitted',
  'dismissed',
] as const;
export const standingSchema = z.enum(STANDINGS).meta({
  description:
    'Standing of the assertion in its source: reported, assessed, alleged, charged, pleaded-guilty, convicted, acquitted, dismissed',
});
export type Standing = z.infer<typeof standingSchema>;

/**
 * How well a standing establishes what it asserts, for reading a chain of claims: a judgement or a
 * plea above an official assessment or report, above a charge, above an allegation; an acquittal
 * or a dismissal establishes nothing. A chain is as well established as its weakest step.
 */
export const STANDING_STRENGTH: Record<Standing, number> = {
  convicted: 6,
  'pleaded-guilty': 6,
  assessed: 4,
  reported: 4,
  charged: 3,
  alleged: 2,
  acquitted: 0,
  dismissed: 0,
};

/**
 * ICD 203 likelihood levels (the MISP estimative-language taxonomy's values), with the phrases a
 * source may use for each. A claim stores the source's own words; the level is looked up here.
 */
export const LIKELIHOOD_PHRASES = {
  'almost-no-chance': ['almost no chance', 'remote', 'remotely'],
  'very-unlikely': ['very unlikely', 'highly unlikely', 'highly improbable'],
  unlikely: ['unlikely', 'improbable', 'improbably'],
  'roughly-even-chance': ['roughly even chance', 'roughly even odds'],
  likely: ['likely', 'probable', 'probably'],
  'very-likely': ['very likely', 'highly likely', 'highly probable'],
  'almost-certain': ['almost certain', 'almost certainly', 'nearly certain'],
} as const;
export type LikelihoodLevel = keyof typeof LIKELIHOOD_PHRASES;

/** The ICD 203 level of a source's likelihood words, or undefined if they are not estimative. */
export function likelihoodLevel(words: string): LikelihoodLevel | undefined {
  const w = words.trim().toLowerCase();
  for (const [level, phrases] of Object.entries(LIKELIHOOD_PHRASES)) {
    if ((phrases as readonly string[]).includes(w)) return level as LikelihoodLevel;
  }
  return undefined;
}
