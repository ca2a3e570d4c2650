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
const technique = files['techniques/GZT0001.yaml'] as string;

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

test('matrix: a technique without a tactic', () => {
  expectProblem({ 'techniques/GZT0001.yaml': technique.replace('tactics: [GZTA01]', 'tactics: []') }, 'techniques/GZT0001.yaml:6: tactics: a technique serves at least one tactic');
});

test('matrix: a technique with fewer than three indicators', () => {
  expectProblem({ 'techniques/GZT0001.yaml': technique.replace(/ {2}- \{ text: Paid travel.*\n/, '') }, 'techniques/GZT0001.yaml:7: indicators: a technique needs at least three indicators');
});

test('matrix: a technique without advice', () => {
  expectProblem({ 'techniques/GZT0001.yaml': technique.replace(/advice:\n.*\n/, 'advice: []\n') }, 'techniques/GZT0001.yaml:11: advice: a technique needs at least one mitigation or piece of advice');
});

test('matrix: a tactic that does not exist', () => {
  expectProblem({ 'techniques/GZT0001.yaml': technique.replace('tactics: [GZTA01]', 'tactics: [GZTA09]') }, "techniques/GZT0001.yaml:6: tactics.0: unknown id 'GZTA09'");
});

test('matrix: a DISARM mapping to an id DISARM does not have', () => {
  expectProblem({ 'techniques/GZT0001.yaml': technique.replace('id: T0002', 'id: T0999') }, 'techniques/GZT0001.yaml:14: mappings.0: disarm has no technique T0999');
});

test('matrix: an ATT&CK mapping to an id outside the carried ATT&CK data', () => {
  expectProblem({ 'techniques/GZT0001.yaml': technique.replace('framework: disarm, id: T0002', 'framework: attack, id: T0002') }, 'techniques/GZT0001.yaml:14: mappings.0: attack has no technique T0002');
});

test('matrix: a technique neither quoted nor used in a case', () => {
  expectProblem({ 'techniques/GZT0001.yaml': technique.replace(/claims:\n[\s\S]*$/, '') }, 'techniques/GZT0001.yaml:1: GZT0001 has neither a claim quoting a source nor a procedure example in a case');
});

test('matrix: a sub-technique under the wrong parent', () => {
  const sub = technique.replace('id: GZT0001', 'id: GZT0001.001\nparent: GZT0002').replace('Running agents\n', 'Running agents abroad\n');
  expectProblem({ 'techniques/GZT0001.001.yaml': sub }, 'techniques/GZT0001.001.yaml:2: sub-technique GZT0001.001 must have parent GZT0001');
});

test('matrix: a sub-technique serving a tactic its parent does not', () => {
  const sub = technique.replace('id: GZT0001', 'id: GZT0001.001\nparent: GZT0001').replace('Running agents\n', 'Running agents abroad\n').replace('tactics: [GZTA01]', 'tactics: [GZTA02]');
  expectProblem({ 'techniques/GZT0001.001.yaml': sub }, 'techniques/GZT0001.001.yaml:7: tactics GZTA02 are not tactics of its parent GZT0001');
});

test('matrix: two tactics in the same column', () => {
  expectProblem({ 'tactics/GZTA02.yaml': (files['tactics/GZTA02.yaml'] as string).replace('order: 2', 'order: 1') }, "tactics/GZTA02.yaml:4: order 1 is also GZTA01's");
});

test('every problem is reported in one run', () => {
  const r = validate({ 'organisations/org-beta.yaml': '', 'relations/rel-beta-assists-alpha.yaml': rel.replace('object: org-alpha', 'object: org-nowhere') });
  assert.equal(r.code, 1);
  assert.equal(r.out.trim().split('\n').length, 2, r.out);
});

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
