/**
 * @module atlas/write-atlas
 * Writes an atlas out as files — one YAML file per record, sources with their texts, kept STIX
 * objects by collection — so that
 * load → write → load gives the same atlas. The folder appears whole or not at all.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { KINDS } from '../model/kinds.ts';
import { writeKept } from './kept.ts';
import type { Atlas } from './load.ts';

export class ExportTargetError extends Error {}

export function writeAtlas(atlas: Atlas, dir: string): { records: number } {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new ExportTargetError(`${dir} exists and is not empty; choose a new folder`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'atlas.yaml'), stringify(atlas.meta, { lineWidth: 0 }));
    for (const rec of [...atlas.records.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      const folder = join(tmp, KINDS[rec.kind].folder);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${rec.id}.yaml`), stringify(rec.data, { lineWidth: 0 }));
      const text = atlas.texts.get(rec.id);
      if (rec.kind === 'source' && text !== undefined) writeFileSync(join(folder, (rec.data as { text: string }).text), text);
    }
    writeKept(atlas.kept, tmp);
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { records: atlas.records.size };
}
