import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { editorSettings, generatedSchemas, SCHEMA_DIR } from './json-schema.ts';

test('the committed JSON Schemas are those the zod schemas generate (run npm run schemas)', () => {
  for (const [name, text] of generatedSchemas()) {
    assert.equal(readFileSync(`${SCHEMA_DIR}/${name}`, 'utf8'), text, `schema/${name} is stale`);
  }
});

test('the editor settings map every atlas folder to its schema', () => {
  assert.equal(readFileSync(new URL('../../.vscode/settings.json', import.meta.url), 'utf8'), editorSettings());
});
