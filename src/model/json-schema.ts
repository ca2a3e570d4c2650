/**
 * @module model/json-schema
 * JSON Schemas for atlas files, generated from the zod schemas (never written by hand), and the
 * editor settings that apply them. `npm run schemas` rewrites them; a test fails when the
 * committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { atlasMetaSchema } from './atlas-meta.ts';
import { KINDS, RECORD_KINDS } from './kinds.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('../../schema', import.meta.url));

/** File name → schema text, for every generated file. */
export function generatedSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  const emit = (name: string, title: string, schema: z.ZodType) => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
    files.set(`${name}.schema.json`, `${JSON.stringify({ title, ...json }, null, 2)}\n`);
  };
  for (const kind of RECORD_KINDS) emit(kind, `greyzone atlas: ${KINDS[kind].label}`, KINDS[kind].schema);
  emit('atlas', 'greyzone atlas: atlas.yaml', atlasMetaSchema);
  return files;
}

/** yaml-language-server settings: which schema checks which atlas folder. */
export function editorSettings(): string {
  const map: Record<string, string[]> = { './schema/atlas.schema.json': ['atlas/atlas.yaml'] };
  for (const kind of RECORD_KINDS) map[`./schema/${kind}.schema.json`] = [`atlas/${KINDS[kind].folder}/*.yaml`];
  return `${JSON.stringify({ 'yaml.schemas': map }, null, 2)}\n`;
}

if (process.argv.includes('--write')) {
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of generatedSchemas()) writeFileSync(`${SCHEMA_DIR}/${name}`, text);
  mkdirSync(fileURLToPath(new URL('../../.vscode', import.meta.url)), { recursive: true });
  writeFileSync(fileURLToPath(new URL('../../.vscode/settings.json', import.meta.url)), editorSettings());
  process.stdout.write(`wrote ${generatedSchemas().size} schemas to schema/\n`);
}
