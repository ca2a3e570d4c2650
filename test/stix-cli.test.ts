/**
 * `greyzone export stix` and `greyzone import stix` as a user runs them: the bundle on disk, the
 * scopes, the clearance, and one-line refusals that leave the store as it was.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkBundle } from '../src/interop/stix/validate.ts';
import { markedAtlasDir, RED_MARKERS } from './helpers/marked-atlas.ts';

function greyzone(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const dir = mkdtempSync(join(tmpdir(), 'greyzone-stix-cli-'));
const db = join(dir, 'g.sqlite');

test('export stix writes a bundle that checks clean, and the same bundle every time', () => {
  const out = join(dir, 'all.json');
  const r = greyzone('export', 'stix', '--out', out, '--db', db);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^wrote \d+ STIX objects to /);
  const bundle = JSON.parse(readFileSync(out, 'utf8')) as unknown;
  assert.deepEqual(checkBundle(bundle), []);
  const again = greyzone('export', 'stix', '--db', db);
  assert.equal(again.out, readFileSync(out, 'utf8'), 'standard output holds the same bytes as the file');
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), [], 'no temporary file is left behind');
});

test('export stix --entity and --case give closed bundles; a wrong scope is one line', () => {
  const mss = greyzone('export', 'stix', '--entity', 'org-mss', '--depth', '2', '--db', db);
  assert.equal(mss.code, 0, mss.err);
  assert.deepEqual(checkBundle(JSON.parse(mss.out)), []);
  const xu = greyzone('export', 'stix', '--case', 'case-xu-yanjun', '--db', db);
  assert.deepEqual(checkBundle(JSON.parse(xu.out)), []);
  for (const [args, message] of [
    [['--entity', 'org-nowhere'], "greyzone: no entity with id 'org-nowhere'\n"],
    [['--case', 'org-mss'], "greyzone: no case with id 'org-mss'\n"],
    [['--entity', 'org-mss', '--depth', '9'], 'greyzone: --depth is a whole number from 0 to 4\n'],
    [['--depth', '2'], 'greyzone: --depth goes with --entity\n'],
    [['--entity', 'org-mss', '--case', 'case-xu-yanjun'], 'greyzone: give --entity or --case, not both\n'],
  ] as const) {
    const r = greyzone('export', 'stix', ...args, '--db', db);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.err, message);
    assert.equal(r.out, '');
  }
});

test('export stix --clearance green leaves out what a GREEN reader may not see', () => {
  const marked = join(dir, 'marked.sqlite');
  assert.equal(greyzone('load', '--atlas', markedAtlasDir(), '--db', marked).code, 0);
  const green = greyzone('export', 'stix', '--clearance', 'green', '--db', marked);
  assert.equal(green.code, 0, green.err);
  assert.doesNotMatch(green.out, RED_MARKERS);
  assert.match(greyzone('export', 'stix', '--db', marked).out, RED_MARKERS, 'the full export does show it, so the test can fail');
});

test('import stix takes greyzone’s own export back without change, and says so', () => {
  const out = join(dir, 'back.json');
  assert.equal(greyzone('export', 'stix', '--out', out, '--db', db).code, 0);
  const r = greyzone('import', 'stix', out, '--db', db);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /0 records created, 0 updated, \d+ unchanged; 0 kept verbatim, 0 updated to a later version .* — nothing changed\n$/);
  const json = greyzone('import', 'stix', out, '--db', db, '--format', 'json');
  assert.deepEqual((JSON.parse(json.out) as { created: string[] }).created, []);
});

test('import stix refuses bad input in one line, with a non-zero exit, and changes nothing', () => {
  const before = greyzone('export', 'stix', '--db', db).out;
  const cases: [string, string, RegExp][] = [
    ['garbage.json', 'this is not JSON', /^greyzone: .*garbage\.json: not JSON \(.*\)\n$/],
    ['array.json', '[]', /^greyzone: .*array\.json: not a STIX bundle \(the document is not a JSON object\)\n$/],
    ['empty.json', '', /^greyzone: .*empty\.json: the file is empty\n$/],
    ['markup.json', JSON.stringify({ type: 'bundle', id: 'bundle--6f1c3a52-9d0e-4b7a-8c21-5e4f3a2b1c0d', objects: [{ type: 'identity', spec_version: '2.1', id: 'identity--<b>x</b>', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: '<script>x</script>' }] }), /^greyzone: .*markup\.json: objects\[0\]|identity--<b>x<\/b>.*\(nothing was imported\)\n$/],
  ];
  for (const [name, content, expected] of cases) {
    const path = join(dir, name);
    writeFileSync(path, content);
    const r = greyzone('import', 'stix', path, '--db', db);
    assert.equal(r.code, 1, name);
    assert.match(r.err, expected);
    assert.equal(r.err.split('\n').length, 2, `${name}: one line`);
  }
  assert.equal(greyzone('import', 'stix', join(dir, 'missing.json'), '--db', db).code, 1);
  assert.equal(greyzone('import', 'stix', join(dir, 'garbage.json'), '--collection', 'Not A Name', '--db', db).err, "greyzone: --collection: 'Not A Name' is not a kebab-case word\n");
  assert.equal(greyzone('export', 'stix', '--db', db).out, before, 'the store is as it was');
  assert.ok(existsSync(db));
});
