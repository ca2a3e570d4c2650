/**
 * @module interop/stix/tlp
 * TLP in STIX 2.1: the five TLP 2.0 marking-definitions and their extension-definition, exactly as
 * OASIS published them (carried in `standards/stix2.1-tlp2`), and the level a marking id stands for.
 * Partners recognise TLP 2.0 by these fixed ids, so they are read, never rebuilt.
 */
import { readFileSync } from 'node:fs';
import { STANDARDS_DIR } from '../../util/standards.ts';
import { STIX_TLP1_MARKINGS, STIX_TLP2_MARKINGS, STIX_TLP_MARKINGS, TLP2_EXTENSION_ID, TLP_LEVELS, type Tlp } from '../../model/vocab.ts';

export { TLP2_EXTENSION_ID };

/** The four TLP 1.0 marking-definitions STIX 2.1 predefines (their ids are fixed in `common/marking-definition.json`). */
export const TLP1_MARKING_IDS = STIX_TLP1_MARKINGS;

type Json = Record<string, unknown>;

/** Frozen all the way down: these objects are shared, and a caller's edit must not change what others export. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(`${STANDARDS_DIR}/stix2.1-tlp2/${file}`, 'utf8'));
}

/** The level each published marking declares in its extension, checked complete so a damaged file fails loudly. */
function readMarkings(): ReadonlyMap<Tlp, Json> {
  const byLevel = new Map<Tlp, Json>();
  for (const m of readJson('tlp2-marking-definitions.json') as Json[]) {
    const ext = (m.extensions as Record<string, { tlp_2_0?: string }> | undefined)?.[TLP2_EXTENSION_ID];
    const level = TLP_LEVELS.find((l) => l === ext?.tlp_2_0);
    if (level) byLevel.set(level, deepFreeze(m));
  }
  const missing = TLP_LEVELS.filter((l) => !byLevel.has(l));
  if (missing.length > 0) throw new Error(`standards/stix2.1-tlp2: no TLP 2.0 marking for ${missing.join(', ')}`);
  // The ids are also written in model/vocab (the model cannot read files); the two must agree.
  for (const [level, m] of byLevel) if (STIX_TLP2_MARKINGS[m.id as string] !== level) throw new Error(`standards/stix2.1-tlp2: ${String(m.id)} is not model/vocab's TLP:${level}`);
  return byLevel;
}

const MARKINGS = readMarkings();
/** The TLP 2.0 marking-definition object for a level, exactly as OASIS published it (a fresh copy). */
export function tlpMarking(level: Tlp): Record<string, unknown> {
  return structuredClone(MARKINGS.get(level)!);
}

function readExtensionDefinition(): Json {
  // The carried file wraps the object in a bundle (upstream publishes it bare).
  const found = (readJson(`${TLP2_EXTENSION_ID}.json`) as { objects: Json[] }).objects.find((o) => o.id === TLP2_EXTENSION_ID);
  if (!found) throw new Error(`standards/stix2.1-tlp2: no ${TLP2_EXTENSION_ID}`);
  return deepFreeze(found);
}

/** The OASIS TLP 2.0 extension-definition the markings refer to (frozen: shared by every caller). */
export const TLP2_EXTENSION_DEFINITION: Record<string, unknown> = readExtensionDefinition();

/** The TLP level of a marking-definition id (TLP 2.0, or TLP 1.0 with WHITE read as CLEAR), or undefined. */
export function tlpOfMarking(id: string): Tlp | undefined {
  return STIX_TLP_MARKINGS[id];
}
