/**
 * @module frameworks/load
 * The outside frameworks greyzone maps to — DISARM Red and the ATT&CK subset — read from the
 * STIX bundles carried in `standards/`. Ids are kept per framework: DISARM's T0002 and an
 * ATT&CK T-number are different things that only look alike.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FrameworkName } from '../model/technique.ts';

/** Standards data carried in the project (frameworks, STIX schemas, TLP 2.0 markings). */
export const STANDARDS_DIR = fileURLToPath(new URL('../../standards', import.meta.url));

const BUNDLES: Record<FrameworkName, string> = {
  disarm: 'disarm/DISARM-stix2.1-bundle.json',
  attack: 'attack/china-state-groups-bundle.json',
};

export interface FrameworkTechnique {
  id: string;
  name: string;
  url: string | undefined;
}

interface StixObject {
  type: string;
  name?: string;
  revoked?: boolean;
  external_references?: { source_name: string; external_id?: string; url?: string }[];
}

const cache = new Map<FrameworkName, Map<string, FrameworkTechnique>>();

/** Technique id → technique, for one framework. Read once per process. */
export function frameworkTechniques(framework: FrameworkName): Map<string, FrameworkTechnique> {
  let techniques = cache.get(framework);
  if (!techniques) {
    const bundle = JSON.parse(readFileSync(`${STANDARDS_DIR}/${BUNDLES[framework]}`, 'utf8')) as { objects: StixObject[] };
    techniques = new Map();
    for (const o of bundle.objects) {
      if (o.type !== 'attack-pattern' || o.revoked) continue;
      const ref = o.external_references?.find((r) => r.external_id && /^T\d{4}/.test(r.external_id));
      if (ref?.external_id) techniques.set(ref.external_id, { id: ref.external_id, name: o.name ?? ref.external_id, url: ref.url });
    }
    cache.set(framework, techniques);
  }
  return techniques;
}
