/**
 * @module store/export-atlas
 * Writes a store back out as atlas files — one YAML file per record, sources with their texts —
 * so that load → export → load gives the same atlas. The folder appears whole or not at all.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { KINDS } from '../model/kinds.ts';
import type { Store } from './store.ts';

export class ExportTargetError extends Error {}

export async function exportAtlas(store: Store, dir: string): Promise<{ records: number }> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new ExportTargetError(`${dir} exists and is not empty; choose a new folder`);
  const meta = await store.meta();
  if (!meta) throw new ExportTargetError('the store holds no atlas; load one first');
  const records = await store.records();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, 'atlas.yaml'), stringify(meta, { lineWidth: 0 }));
    for (const rec of records) {
      const folder = join(tmp, KINDS[rec.kind].folder);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${rec.id}.yaml`), stringify(rec.data, { lineWidth: 0 }));
      if (rec.kind === 'source') {
        const text = await store.sourceText(rec.id);
        if (text !== undefined) writeFileSync(join(folder, (rec.data as { text: string }).text), text);
      }
    }
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { records: records.length };
}
