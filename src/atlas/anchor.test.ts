import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFixtureAtlas } from '../../test/helpers/fixture-atlas.ts';
import { anchorFile } from './anchor.ts';
import { loadAtlas } from './load.ts';

function withRecord(body: string, check: (file: string, texts: Map<string, string>) => void) {
  const fixture = writeFixtureAtlas();
  try {
    const file = join(fixture.dir, 'organisations/org-beta.yaml');
    writeFileSync(file, body);
    check(file, loadAtlas(fixture.dir).atlas.texts);
  } finally {
    fixture.cleanup();
  }
}

const record = (quote: string, extra = '') =>
  `id: org-beta\nsubtype: party-body\nnames:\n  - text: The Bureau\n    type: primary\nclaims:\n  - source: src-doc\n    quote: ${quote}\n${extra}`;

test('fills start and end from a quote, keeping the rest of the file', () =>
  withRecord(record('"the Bureau assists the MSS"'), (file, texts) => {
    const r = anchorFile(file, texts);
    assert.deepEqual(r, { changed: 1, issues: [] });
    const text = readFileSync(file, 'utf8');
    assert.match(text, /start: 89\n\s+end: 115/);
    assert.match(text, /^id: org-beta\n/);
  }));

test('offsets past Chinese characters point at the quoted words', () =>
  withRecord(record('"MSS) runs"'), (file, texts) => {
    anchorFile(file, texts);
    assert.match(readFileSync(file, 'utf8'), /start: 39\n\s+end: 48/);
  }));

test('replaces a quote that differs only in white space with the exact words', () =>
  withRecord(record('"the   Bureau\\n assists"'), (file, texts) => {
    anchorFile(file, texts);
    assert.match(readFileSync(file, 'utf8'), /quote: "the Bureau assists"/);
  }));

test('reports a quote that is not in the source and leaves the file alone', () =>
  withRecord(record('"the Bureau commands the MSS"'), (file, texts) => {
    const before = readFileSync(file, 'utf8');
    const r = anchorFile(file, texts);
    assert.equal(r.changed, 0);
    assert.equal(r.issues.length, 1);
    assert.match(r.issues[0]!.message, /^quote not found in src-doc/);
    assert.equal(readFileSync(file, 'utf8'), before);
  }));

test('leaves correct offsets untouched and writes nothing', () =>
  withRecord(record('"the Bureau assists the MSS"', '    start: 89\n    end: 115\n'), (file, texts) => {
    assert.equal(anchorFile(file, texts).changed, 0);
    assert.deepEqual(readdirSync(join(file, '..')).filter((f) => f.includes('.tmp-')), []);
  }));
