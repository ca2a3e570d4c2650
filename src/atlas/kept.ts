/**
 * @module atlas/kept
 * STIX objects of other producers that greyzone does not model (ATT&CK's techniques, DISARM's
 * matrix, a partner's indicators), kept verbatim so that every export hands them on unchanged.
 * In an atlas folder they live in `stix/`: one bundle per imported collection, and
 * `stix/collections.yaml` naming each with the lowest TLP its objects carry.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { mostRestrictive, STIX_TLP_MARKINGS, TLP2_EXTENSION_ID, TLP_LEVELS, tlpSchema, type Tlp } from '../model/vocab.ts';
import type { AtlasIssue } from './issue.ts';
import { FileProblem, readUtf8 } from './text.ts';
import { parseYaml } from './yaml-file.ts';
import { stixId } from '../util/stix-id.ts';

export interface KeptObject {
  id: string;
  type: string;
  collection: string;
  /** The most restrictive of the collection's floor and the object's own TLP markings. */
  tlp: Tlp;
  object: Record<string, unknown>;
  /** When a store took this version in (ISO 8601); absent in an atlas read from files. */
  added?: string;
}

export interface Kept {
  /** Collection name → the TLP every object in it carries at least. */
  collections: Map<string, Tlp>;
  objects: Map<string, KeptObject>;
}

export const KEPT_FOLDER = 'stix';
/** An object without the standard TLP markings (those greyzone adds on export for a collection's floor). */
export function withoutTlpMarkings(object: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(object.object_marking_refs)) return object;
  const refs = (object.object_marking_refs as unknown[]).filter((r) => !(typeof r === 'string' && r in STIX_TLP_MARKINGS));
  const { object_marking_refs: _, ...rest } = object;
  return refs.length ? { ...object, object_marking_refs: refs } : rest;
}

/** A kept collection may be a whole framework (DISARM's bundle is about 1 MB). */
const COLLECTION_LIMIT = 64 << 20;

export const collectionNameSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a collection name is a kebab-case word');
const collectionsSchema = z.array(z.strictObject({ name: collectionNameSchema, tlp: tlpSchema }));

export function emptyKept(): Kept {
  return { collections: new Map(), objects: new Map() };
}

/**
 * An object's TLP: the most restrictive of its collection's floor and every TLP marking it carries,
 * on the whole object or on any part of it (granular markings make the whole object that strict:
 * a kept object is handed on whole). `definitions` names the TLP level of marking-definitions
 * that are not the standard ids (TLP 2.0 under another id, say).
 */
export function keptMarking(object: Record<string, unknown>, floor: Tlp, definitions?: ReadonlyMap<string, Tlp>): Tlp {
  const refs = Array.isArray(object.object_marking_refs) ? [...(object.object_marking_refs as unknown[])] : [];
  for (const g of Array.isArray(object.granular_markings) ? (object.granular_markings as { marking_ref?: unknown }[]) : []) refs.push(g?.marking_ref);
  return mostRestrictive([floor, ...refs.map((r) => (typeof r === 'string' ? (STIX_TLP_MARKINGS[r] ?? definitions?.get(r)) : undefined))]);
}

/** The TLP level a marking-definition states, by TLP 2.0's extension or TLP 1.0's definition; else undefined. */
export function tlpOfMarkingDefinition(object: Record<string, unknown>): Tlp | undefined {
  const v2 = (object.extensions as Record<string, { tlp_2_0?: unknown }> | undefined)?.[TLP2_EXTENSION_ID]?.tlp_2_0;
  const v1 = object.definition_type === 'tlp' ? (object.definition as { tlp?: unknown } | undefined)?.tlp : undefined;
  const level = typeof v2 === 'string' ? v2 : typeof v1 === 'string' ? (v1 === 'white' ? 'clear' : v1) : undefined;
  return TLP_LEVELS.find((t) => t === level);
}

export function keptObject(object: Record<string, unknown>, collection: string, floor: Tlp, definitions?: ReadonlyMap<string, Tlp>): KeptObject {
  return { id: object.id as string, type: object.type as string, collection, tlp: keptMarking(object, floor, definitions), object };
}

export function readKept(atlasDir: string, issues: AtlasIssue[], show: (path: string) => string): Kept {
  const kept = emptyKept();
  const dir = join(atlasDir, KEPT_FOLDER);
  if (!existsSync(dir)) return kept;
  const index = join(dir, 'collections.yaml');
  let collections: z.infer<typeof collectionsSchema>;
  try {
    const parsed = parseYaml(readUtf8(index, COLLECTION_LIMIT).text);
    const result = collectionsSchema.safeParse(parsed.data);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      issues.push({ file: show(index), line: parsed.lineOf(issue.path), message: `${issue.path.join('.')}: ${issue.message}` });
      return kept;
    }
    collections = result.data;
  } catch (e) {
    issues.push({ file: show(index), line: e instanceof FileProblem ? e.line : 1, message: (e as Error).message });
    return kept;
  }
  const read: { name: string; tlp: Tlp; objects: Record<string, unknown>[] }[] = [];
  for (const { name, tlp } of collections) {
    kept.collections.set(name, tlp);
    const file = join(dir, `${name}.json`);
    try {
      const bundle = JSON.parse(readUtf8(file, COLLECTION_LIMIT).text) as { objects?: unknown };
      if (!Array.isArray(bundle.objects)) throw new Error('not a STIX bundle (no objects array)');
      const objects = bundle.objects as Record<string, unknown>[];
      for (const object of objects) if (typeof object?.id !== 'string' || typeof object.type !== 'string') throw new Error('an object without a type or id');
      read.push({ name, tlp, objects });
    } catch (e) {
      issues.push({ file: show(file), line: e instanceof FileProblem ? e.line : 1, message: (e as Error).message });
    }
  }
  // Marking-definitions first: an object's level may be stated by one kept in another collection.
  const definitions = new Map<string, Tlp>();
  for (const { objects } of read) for (const o of objects) if (o.type === 'marking-definition' && tlpOfMarkingDefinition(o)) definitions.set(o.id as string, tlpOfMarkingDefinition(o)!);
  for (const { name, tlp, objects } of read) {
    for (const object of objects) {
      if (kept.objects.has(object.id as string)) issues.push({ file: show(join(dir, `${name}.json`)), line: 1, message: `${String(object.id)} is kept twice` });
      kept.objects.set(object.id as string, keptObject(object, name, tlp, definitions));
    }
  }
  return kept;
}

/** Writes the kept collections into an atlas folder being made: objects in id order, one per line. */
export function writeKept(kept: Kept, atlasDir: string): void {
  if (!kept.objects.size) return;
  const dir = join(atlasDir, KEPT_FOLDER);
  mkdirSync(dir, { recursive: true });
  // A collection with nothing left to show (after redaction) is not written at all.
  const names = [...kept.collections.keys()].filter((n) => [...kept.objects.values()].some((k) => k.collection === n)).sort();
  writeFileSync(join(dir, 'collections.yaml'), stringify(names.map((name) => ({ name, tlp: kept.collections.get(name) }))));
  for (const name of names) {
    const objects = [...kept.objects.values()].filter((k) => k.collection === name).sort((a, b) => a.id.localeCompare(b.id));
    const lines = objects.map((k) => JSON.stringify(k.object)).join(',\n');
    writeFileSync(join(dir, `${name}.json`), `{"type":"bundle","id":"${stixId('bundle', `collection:${name}`)}","objects":[\n${lines}\n]}\n`);
  }
}
