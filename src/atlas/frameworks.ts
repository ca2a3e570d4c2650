/**
 * @module atlas/frameworks
 * The outside frameworks the matrix maps to — DISARM Red and ATT&CK — as the atlas holds them:
 * the attack patterns of the imported bundles, kept verbatim. Each framework is recognised by the
 * address its producer gives its techniques, never by the id alone: DISARM's T0002 and an ATT&CK
 * T-number only look alike (and DISARM's bundle even names its source "mitre-attack").
 */
import type { FrameworkName } from '../model/technique.ts';
import type { Atlas } from './load.ts';
import type { Kept } from './kept.ts';

export interface FrameworkTechnique {
  id: string;
  name: string;
  url: string | undefined;
}

const HOMES: Record<FrameworkName, RegExp> = {
  disarm: /^https:\/\/github\.com\/DISARMFoundation\//,
  attack: /^https:\/\/attack\.mitre\.org\//,
};

interface Ref {
  source_name?: string;
  external_id?: string;
  url?: string;
}

/** Whether a STIX object is a technique of one of the frameworks the matrix maps to. */
export function isFrameworkTechnique(o: Record<string, unknown>): boolean {
  return o.type === 'attack-pattern' && ((o.external_references as Ref[] | undefined) ?? []).some((r) => r.url !== undefined && Object.values(HOMES).some((home) => home.test(r.url!)));
}

const cache = new WeakMap<Kept, Map<FrameworkName, Map<string, FrameworkTechnique>>>();

/** Technique id → technique, for one framework, from the atlas's kept objects. */
export function frameworkTechniques(atlas: Pick<Atlas, 'kept'>, framework: FrameworkName): Map<string, FrameworkTechnique> {
  let byFramework = cache.get(atlas.kept);
  if (!byFramework) cache.set(atlas.kept, (byFramework = new Map()));
  let techniques = byFramework.get(framework);
  if (!techniques) {
    techniques = new Map();
    for (const { object: o } of atlas.kept.objects.values()) {
      if (o.type !== 'attack-pattern' || o.revoked) continue;
      const ref = ((o.external_references as Ref[] | undefined) ?? []).find((r) => r.external_id && /^T\d{4}/.test(r.external_id) && r.url && HOMES[framework].test(r.url));
      if (ref?.external_id) techniques.set(ref.external_id, { id: ref.external_id, name: typeof o.name === 'string' ? o.name : ref.external_id, url: ref.url });
    }
    byFramework.set(framework, techniques);
  }
  return techniques;
}

/** ATT&CK's id of a STIX object: its `mitre-attack` external reference on ATT&CK's site. */
export function attackIdOf(object: Record<string, unknown>): string | undefined {
  const refs = (object.external_references as Ref[] | undefined) ?? [];
  return refs.find((r) => r.source_name === 'mitre-attack' && r.external_id && (!r.url || HOMES.attack.test(r.url)))?.external_id;
}

/** The ATT&CK id an atlas record is claimed to carry (a claim with predicate `attack-id`). */
export function attackIdOfRecord(data: unknown): string | undefined {
  const claims = (data as { claims?: { predicate?: string; value?: unknown }[] }).claims ?? [];
  const v = claims.find((c) => c.predicate === 'attack-id')?.value;
  return typeof v === 'string' ? v : undefined;
}

/** The page of ATT&CK's own site for the group an atlas intrusion set is claimed to be (G0006 → …/groups/G0006/), from the kept ATT&CK object. */
export function attackPageOfRecord(atlas: Pick<Atlas, 'kept'>, data: unknown): string | undefined {
  const group = attackIdOfRecord(data);
  if (!group) return undefined;
  for (const { object } of atlas.kept.objects.values()) {
    if (object.type !== 'intrusion-set' || attackIdOf(object) !== group) continue;
    const url = ((object.external_references as Ref[] | undefined) ?? []).find((r) => r.source_name === 'mitre-attack' && r.external_id === group)?.url;
    if (url && HOMES.attack.test(url)) return url;
  }
  return undefined;
}

/**
 * The framework techniques a kept framework records an atlas intrusion set using: the `uses`
 * relationships of the framework's intrusion set with the same ATT&CK id.
 */
export function frameworkUses(atlas: Pick<Atlas, 'kept'>, data: unknown): FrameworkTechnique[] {
  const group = attackIdOfRecord(data);
  if (!group) return [];
  const objects = [...atlas.kept.objects.values()].map((k) => k.object);
  const sets = new Set(objects.filter((o) => o.type === 'intrusion-set' && attackIdOf(o) === group).map((o) => o.id));
  const techniques = frameworkTechniques(atlas, 'attack');
  const found = new Map<string, FrameworkTechnique>();
  for (const o of objects) {
    if (o.type !== 'relationship' || o.relationship_type !== 'uses' || !sets.has(o.source_ref) || o.revoked) continue;
    const target = atlas.kept.objects.get(o.target_ref as string)?.object;
    const id = target && attackIdOf(target);
    const technique = id ? techniques.get(id) : undefined;
    if (technique) found.set(technique.id, technique);
  }
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}
