/**
 * @module atlas/load
 * Reads an atlas folder into memory: every record parsed and checked against its schema, every
 * source's text read, every claim completed. Problems are collected, never thrown, so one run
 * reports them all.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { atlasMetaSchema, type AtlasMeta } from '../model/atlas-meta.ts';
import { KINDS, RECORD_KINDS, type RecordKind, type RecordOf } from '../model/kinds.ts';
import { checkAtlas } from './checks.ts';
import { emptyKept, readKept, type Kept } from './kept.ts';
import { completeClaims, type LocatedClaim } from './claims.ts';
import type { AtlasIssue } from './issue.ts';
import { FileProblem, readUtf8 } from './text.ts';
import { parseYaml, type ParsedFile } from './yaml-file.ts';

/** The atlas that ships with greyzone. */
export const BUNDLED_ATLAS = fileURLToPath(new URL('../../atlas', import.meta.url));

/** An atlas record is small; anything larger is a mistake or an attack. */
export const RECORD_LIMIT = 1 << 20;
/** A carried source text may be a long report. */
export const TEXT_LIMIT = 20 << 20;
const RECORD_EXT = /\.(ya?ml|json)$/;

export interface LoadedRecord<K extends RecordKind = RecordKind> {
  kind: K;
  id: string;
  file: string;
  data: RecordOf<K>;
  lineOf: ParsedFile['lineOf'];
}

export interface Atlas {
  dir: string;
  meta: AtlasMeta;
  /** Every record by id. */
  records: Map<string, LoadedRecord>;
  /** Source id → the carried text its claims' offsets count into. */
  texts: Map<string, string>;
  claims: LocatedClaim[];
  /** Other producers' STIX objects that no record models, kept verbatim. */
  kept: Kept;
}

export function recordsOf<K extends RecordKind>(atlas: Atlas, kind: K): LoadedRecord<K>[] {
  return [...atlas.records.values()].filter((r): r is LoadedRecord<K> => r.kind === kind);
}

export interface LoadResult {
  atlas: Atlas;
  issues: AtlasIssue[];
}

export function loadAtlas(dir: string): LoadResult {
  const issues: AtlasIssue[] = [];
  const show = (path: string) => {
    const rel = relative(process.cwd(), path);
    return rel.startsWith('..') ? path : rel;
  };
  const problem = (file: string, e: unknown): void => {
    if (e instanceof FileProblem) issues.push({ file: show(file), line: e.line, message: e.message });
    else issues.push({ file: show(file), line: 1, message: `cannot read: ${(e as Error).message}` });
  };

  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    issues.push({ file: show(dir), line: 1, message: 'no atlas folder here' });
    return { atlas: emptyAtlas(dir), issues };
  }

  const meta = readMeta(join(dir, 'atlas.yaml'), show, issues);
  // Ids of records that failed their schema: references to them are not reported again.
  const broken = new Set<string>();
  const atlas: Atlas = { ...emptyAtlas(dir), meta };

  for (const kind of RECORD_KINDS) {
    const folder = join(dir, KINDS[kind].folder);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (kind === 'source' && name.endsWith('.txt')) continue; // read with its record
      if (!RECORD_EXT.test(name)) {
        issues.push({ file: show(path), line: 1, message: 'unexpected file: atlas records end in .yaml, .yml or .json' });
        continue;
      }
      let parsed: ParsedFile;
      try {
        parsed = parseYaml(readUtf8(path, RECORD_LIMIT).text);
      } catch (e) {
        problem(path, e);
        broken.add(name.replace(RECORD_EXT, ''));
        continue;
      }
      const result = (KINDS[kind].schema as z.ZodType).safeParse(parsed.data);
      if (!result.success) {
        const id = (parsed.data as { id?: unknown } | null)?.id;
        if (typeof id === 'string') broken.add(id);
        for (const issue of result.error.issues) {
          const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
          for (const key of keys) {
            const path = key === undefined ? issue.path : [...issue.path, key];
            const where = path.length ? `${path.join('.')}: ` : '';
            const message =
              key !== undefined
                ? `unknown field '${key}' (a typo?)`
                : valueAt(parsed.data, path) === undefined
                  ? 'required field is missing'
                  : issue.message;
            issues.push({ file: show(join(folder, name)), line: parsed.lineOf(path), message: `${where}${message}` });
          }
        }
        continue;
      }
      const data = result.data as { id: string };
      const file = show(path);
      if (name.replace(RECORD_EXT, '') !== data.id) {
        issues.push({ file, line: parsed.lineOf(['id']), message: `id '${data.id}' does not match the file name '${name}'` });
      }
      const previous = atlas.records.get(data.id);
      if (previous) {
        issues.push({ file, line: parsed.lineOf(['id']), message: `duplicate id '${data.id}' (also in ${previous.file})` });
        continue;
      }
      atlas.records.set(data.id, { kind, id: data.id, file, data: data as RecordOf<typeof kind>, lineOf: parsed.lineOf });
    }
  }

  for (const src of recordsOf(atlas, 'source')) {
    const path = join(dir, KINDS.source.folder, src.data.text);
    try {
      const { text, bytes } = readUtf8(path, TEXT_LIMIT);
      atlas.texts.set(src.id, text);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (sha256 !== src.data.sha256) {
        issues.push({ file: src.file, line: src.lineOf(['sha256']), message: `sha256 does not match ${src.data.text} (its sha256 is ${sha256})` });
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        issues.push({ file: src.file, line: src.lineOf(['text']), message: `text file '${src.data.text}' is missing` });
      } else problem(path, e);
    }
  }

  atlas.claims = completeClaims(atlas, issues);
  atlas.kept = readKept(dir, issues, show);
  issues.push(...checkAtlas(atlas, broken));
  return { atlas, issues };
}

/** zod speaks of a missing field as a wrong type; the author needs to hear that it is missing. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<PropertyKey, unknown>)[key];
  return v;
}

function emptyAtlas(dir: string): Atlas {
  return { dir, meta: { name: '', licence: '', recorded_at: '1970-01-01', recorded_by: 'unknown' }, records: new Map(), texts: new Map(), claims: [], kept: emptyKept() };
}

function readMeta(path: string, show: (p: string) => string, issues: AtlasIssue[]): AtlasMeta {
  const fallback = emptyAtlas('').meta;
  try {
    const parsed = parseYaml(readUtf8(path, RECORD_LIMIT).text);
    const result = atlasMetaSchema.safeParse(parsed.data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      issues.push({ file: show(path), line: parsed.lineOf(issue.path), message: `${issue.path.join('.')}: ${issue.message}` });
    }
  } catch (e) {
    const message = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'atlas.yaml is missing' : (e as Error).message;
    issues.push({ file: show(path), line: e instanceof FileProblem ? e.line : 1, message });
  }
  return fallback;
}
