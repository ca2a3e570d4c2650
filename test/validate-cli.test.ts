/**
 * `greyzone validate` on atlases broken in one way each: the right `file:line: message`, exit 1,
 * no stack trace. Runs the real command in a child process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { fixtureFiles, FIXTURE_TEXT, writeFixtureAtlas } from './helpers/fixture-atlas.ts';

function validate(changes: Record<string, string | Buffer | null>) {
  const fixture = writeFixtureAtlas(changes);
  try {
    const r = spawnSync(process.execPath, ['bin/greyzone.js', 'validate', '--atlas', fixture.dir], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout.replaceAll(`${fixture.dir}/`, ''), err: r.stderr };
  } finally {
    fixture.cleanup();
  }
}

function expectProblem(changes: Record<string, string | Buffer | null>, line: string) {
  const r = validate(changes);
  assert.equal(r.code, 1, `exit code; stdout: ${r.out}`);
  assert.ok(r.out.split('\n').includes(line), `expected line\n  ${line}\ngot\n${r.out}`);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
}

const files = fixtureFiles();
const alpha = files['organisations/org-alpha.yaml'] as string;
const beta = files['organisations/org-beta.yaml'] as string;
const rel = files['relations/rel-beta-assists-alpha.yaml'] as string;

test('the fixture atlas is valid', () => {
  const r = validate({});
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^atlas is valid: 1 sources, 2 organisations/);
});

test('broken YAML', () => {
  expectProblem({ 'organisations/org-beta.yaml': 'id: org-beta\nsubtype: party-body\nnames:\n  - text: "unclosed\n' }, 'organisations/org-beta.yaml:5: not valid YAML or JSON: Missing closing "quote');
});

test('broken JSON', () => {
  expectProblem({ 'organisations/org-gamma.json': '{\n  "id": "org-gamma",\n  "names": [}\n' }, 'organisations/org-gamma.json:3: not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ]');
});

test('a missing field is reported at its record', () => {
  expectProblem({ 'organisations/org-beta.yaml': beta.replace('subtype: party-body\n', '') }, 'organisations/org-beta.yaml:1: subtype: required field is missing');
});

test('a wrong type is reported at its line', () => {
  expectProblem({ 'organisations/org-beta.yaml': beta.replace(/start: \d+/, 'start: ten') }, 'organisations/org-beta.yaml:9: claims.0.start: Invalid input: expected number, received string');
});

test('an unknown field is a typo, not silently dropped', () => {
  expectProblem({ 'organisations/org-beta.yaml': beta.replace('subtype: party-body', 'subtype: party-body\nsubtipe: x') }, "organisations/org-beta.yaml:3: subtipe: unknown field 'subtipe' (a typo?)");
});

test('a dangling reference', () => {
  expectProblem({ 'relations/rel-beta-assists-alpha.yaml': rel.replace('object: org-alpha', 'object: org-nowhere') }, "relations/rel-beta-assists-alpha.yaml:4: object: unknown id 'org-nowhere'");
});

test('a reference to the wrong kind', () => {
  expectProblem({ 'relations/rel-beta-assists-alpha.yaml': rel.replace('object: org-alpha', 'object: src-doc') }, "relations/rel-beta-assists-alpha.yaml:4: object: 'src-doc' is a source; expected organisation or person");
});

test('a name claimed by two entities', () => {
  const dup = beta.replace('    type: primary\n', '    type: primary\n  - text: mss\n    type: alias\n    derived_from: The Bureau\n');
  expectProblem({ 'organisations/org-beta.yaml': dup }, "organisations/org-beta.yaml:6: name 'mss' is also claimed by org-alpha (organisations/org-alpha.yaml)");
});

test("a person's name in another script needs a source, not a translation", () => {
  const person = beta.replace('id: org-beta\nsubtype: party-body\n', 'id: person-beta\n').replace('  - text: The Bureau\n    type: primary\n', '  - text: The Bureau\n    type: primary\n  - text: 局\n    type: translation\n    lang: zh-Hans\n');
  expectProblem({ 'organisations/org-beta.yaml': null, 'relations/rel-beta-assists-alpha.yaml': null, 'people/person-beta.yaml': person }, "people/person-beta.yaml:5: name '局': a person's name is not translated; give it a claim");
});

test('a quote that is not the source text at its offsets', () => {
  expectProblem({ 'organisations/org-alpha.yaml': alpha.replace('"runs agents abroad"', '"runs agents at home"') }, 'organisations/org-alpha.yaml:14: quote does not match src-doc at 44–62: the source has "runs agents abroad"');
});

test('a span past the end of the source', () => {
  expectProblem({ 'organisations/org-beta.yaml': beta.replace(/end: \d+/, 'end: 9999') }, 'organisations/org-beta.yaml:7: claim span 89–9999 runs past the end of src-doc (117 characters)');
});

test('likelihood words that the quote does not contain', () => {
  expectProblem({ 'relations/rel-beta-assists-alpha.yaml': rel.replace('likelihood: highly likely', 'likelihood: almost certain') }, "relations/rel-beta-assists-alpha.yaml:6: likelihood words 'almost certain' are not in the quote");
});

test('a non-UTF-8 file names the line of the bad byte', () => {
  const latin1 = Buffer.from(beta.replace('The Bureau', 'Le Bureau général'), 'latin1');
  expectProblem({ 'organisations/org-beta.yaml': latin1 }, 'organisations/org-beta.yaml:4: file is not valid UTF-8 (byte 61); save it as UTF-8');
});

test('an empty file', () => {
  expectProblem({ 'organisations/org-beta.yaml': '' }, 'organisations/org-beta.yaml:1: file is empty');
});

test('a 50 MB file is refused without being parsed', () => {
  const huge = Buffer.alloc(50 * 1024 * 1024, 'a');
  expectProblem({ 'organisations/org-huge.yaml': huge }, 'organisations/org-huge.yaml:1: file is too large (50.0 MiB; the limit is 1.0 MiB)');
});

test('a duplicate id', () => {
  expectProblem({ 'organisations/org-beta.json': JSON.stringify({ id: 'org-beta', subtype: 'party', names: [{ text: 'Other', type: 'primary' }], claims: [{ source: 'src-doc', quote: 'The', start: 0, end: 3 }] }) }, "organisations/org-beta.yaml:1: duplicate id 'org-beta' (also in organisations/org-beta.json)");
});

test('an id that is not its file name', () => {
  expectProblem({ 'organisations/org-beta.yaml': beta.replace('id: org-beta', 'id: org-bravo'), 'relations/rel-beta-assists-alpha.yaml': rel.replace('subject: org-beta', 'subject: org-bravo') }, "organisations/org-beta.yaml:1: id 'org-bravo' does not match the file name 'org-beta.yaml'");
});

test('a changed source text no longer matches its pinned hash', () => {
  expectProblem({ 'sources/src-doc.txt': FIXTURE_TEXT.replace('abroad', 'abr0ad') }, `sources/src-doc.yaml:9: sha256 does not match src-doc.txt (its sha256 is ${sha(FIXTURE_TEXT.replace('abroad', 'abr0ad'))})`);
});

test('every problem is reported in one run', () => {
  const r = validate({ 'organisations/org-beta.yaml': '', 'relations/rel-beta-assists-alpha.yaml': rel.replace('object: org-alpha', 'object: org-nowhere') });
  assert.equal(r.code, 1);
  assert.equal(r.out.trim().split('\n').length, 2, r.out);
});

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
