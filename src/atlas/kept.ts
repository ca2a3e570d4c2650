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
import { mostRestrictive, STIX_TLP_MARKINGS, tlpSchema, type Tlp } from '../model/vocab.ts';
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
}

export interface Kept {
  /** Collection name → the TLP every object in it carries at least. */
  collections: Map<string, Tlp>;
  objects: Map<string, KeptObject>;
}

export const KEPT_FOLDER = 'stix';
/** A kept collection may be a whole framework (DISARM's bundle is about 1 MB). */
const COLLECTION_LIMIT = 64 << 20;

export const collectionNameSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a collection name is a kebab-case word');
const collectionsSchema = z.array(z.strictObject({ name: collectionNameSchema, tlp: tlpSchema }));

export function emptyKept(): Kept {
  return { collections: new Map(), objects: new Map() };
}

/** An object's TLP: its own TLP markings, never below its collection's floor. */
export function keptMarking(object: Record<string, unknown>, floor: Tlp): Tlp {
  const refs = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as unknown[]) : [];
  return mostRestrictive([floor, ...refs.map((r) => (typeof r === 'string' ? STIX_TLP_MARKINGS[r] : undefined))]);
}

export function keptObject(object: Record<string, unknown>, collection: string, floor: Tlp): KeptObject {
  return { id: object.id as string, type: object.type as string, collection, tlp: keptMarking(object, floor), object };
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
  for (const { name, tlp } of collections) {
    kept.collections.set(name, tlp);
    const file = join(dir, `${name}.json`);
    try {
      const bundle = JSON.parse(readUtf8(file, COLLECTION_LIMIT).text) as { objects?: unknown };
      if (!Array.isArray(bundle.objects)) throw new Error('not a STIX bundle (no objects array)');
      for (const object of bundle.objects as Record<string, unknown>[]) {
        if (typeof object?.id !== 'string' || typeof object.type !== 'string') throw new Error('an object without a type or id');
        if (kept.objects.has(object.id)) issues.push({ file: show(file), line: 1, message: `${object.id} is kept twice` });
        kept.objects.set(object.id, keptObject(object, name, tlp));
      }
    } catch (e) {
      issues.push({ file: show(file), line: e instanceof FileProblem ? e.line : 1, message: (e as Error).message });
    }
  }
  return kept;
}

/** Writes the kept collections into an atlas folder being made: objects in id order, one per line. */
export function writeKept(kept: Kept, atlasDir: string): void {
  if (!kept.collections.size) return;
  const dir = join(atlasDir, KEPT_FOLDER);
  mkdirSync(dir, { recursive: true });
  const names = [...kept.collections.keys()].sort();
  writeFileSync(join(dir, 'collections.yaml'), stringify(names.map((name) => ({ name, tlp: kept.collections.get(name) }))));
  for (const name of names) {
    const objects = [...kept.objects.values()].filter((k) => k.collection === name).sort((a, b) => a.id.localeCompare(b.id));
    const lines = objects.map((k) => JSON.stringify(k.object)).join(',\n');
    writeFileSync(join(dir, `${name}.json`), `{"type":"bundle","id":"${stixId('bundle', `collection:${name}`)}","objects":[\n${lines}\n]}\n`);
  }
}
