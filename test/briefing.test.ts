/**
 * Exposure profiles and briefings on the bundled atlas: the methods a technical university, a
 * defence supplier and a parliament's staff office would expect among their top ten; every
 * statement of fact footnoted to a claim; members' origins changing nothing but the advice that
 * protects them; bad profiles refused as `file:line: message`; and each briefing printed as a PDF
 * by Chromium, its pages rendered to PNG (test-artifacts/).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { exposureOf } from '../src/atlas/exposure.ts';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { ProfileFileError, readProfile } from '../src/atlas/profile-file.ts';
import { briefingHtml } from '../src/brief/briefing.ts';
import { exposureLayer } from '../src/interop/navigator.ts';
import type { Profile } from '../src/model/profile.ts';

const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
const FIXTURES = 'test/fixtures/profiles';
const ARTIFACTS = 'test-artifacts';
const profileOf = (name: string) => readProfile(readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8'), `${name}.yaml`, atlas);
const DATE = { date: '2026-12-01' };

/**
 * What a security officer of each organisation would expect to be told about first. A defence
 * supplier expects covers that companies meet: non-official cover (with 57 cases its form "company
 * cover", one case of its own, ranks just below the ten).
 */
const EXPECTED: Record<string, string[]> = {
  'technical-university': ['GZT0022', 'GZT0023', 'GZT0024', 'GZT0026'],
  'defence-supplier': ['GZT0030', 'GZT0001', 'GZT0003', 'GZT0013', 'GZT0014', 'GZT0024'],
  'parliament-staff': ['GZT0029', 'GZT0016', 'GZT0017', 'GZT0012', 'GZT0020'],
};

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`${name}: the methods it would expect are in its top ten, each with reasons that rest on claims`, () => {
    const exposure = exposureOf(atlas, profileOf(name));
    const top = exposure.techniques.slice(0, 10).map((t) => t.id);
    for (const id of expected) assert.ok(top.includes(id), `${id} in the top ten: ${top.join(', ')}`);
    const claims = new Set(atlas.claims.map((c) => c.claim.id));
    for (const t of exposure.techniques) {
      assert.ok(t.reasons.length > 0, `${t.id} has a reason`);
      for (const r of t.reasons) assert.ok(r.claims.length > 0 && r.claims.every((id) => claims.has(id)), `${t.id}: “${r.text}” rests on claims of the atlas`);
    }
    assert.ok(exposure.cases.length >= 2 && exposure.actors.length >= 2);
  });
}

test('every statement of fact in a briefing carries a footnote, and every footnote is one claim of the atlas with its exact words', async () => {
  const claims = new Map(atlas.claims.map((c) => [c.claim.id, c.claim]));
  for (const name of Object.keys(EXPECTED)) {
    const profile = profileOf(name);
    const { document } = parseHTML(await briefingHtml(atlas, profile, exposureOf(atlas, profile), DATE));
    const facts = Array.from(document.querySelectorAll('.fact'));
    assert.ok(facts.length >= 10, `${name}: ${facts.length} statements of fact`);
    for (const f of facts) {
      const refs = Array.from(f.querySelectorAll('sup.fn a')).map((a) => a.getAttribute('href')!);
      assert.ok(refs.length > 0, `${name}: “${f.textContent}” has a footnote`);
      for (const ref of refs) {
        const note = document.querySelector(ref);
        const claim = claims.get(note?.getAttribute('data-claim') ?? '');
        assert.ok(claim, `${name}: ${ref} resolves to a claim`);
        assert.ok(note!.textContent!.includes(`“${claim.quote}”`), `${name}: ${ref} gives the claim's exact words`);
        assert.ok(note!.textContent!.includes(claim.standing), `${name}: ${ref} gives how established it is`);
      }
    }
    // Outside the statements of fact there is only guidance, headings, the drawing and the sources.
    for (const el of Array.from(document.querySelectorAll('body p, body li'))) {
      if (el.closest('.fact, .advice, .notes, figure')) continue;
      assert.fail(`${name}: “${el.textContent?.slice(0, 80)}” is neither a footnoted fact nor guidance`);
    }
    const cited = new Set(Array.from(document.querySelectorAll('sup.fn a')).map((a) => a.getAttribute('href')));
    for (const note of Array.from(document.querySelectorAll('li.footnote'))) assert.ok(cited.has(`#${note.id}`), `${name}: footnote ${note.id} is cited`);
  }
});

test('members’ origins change nothing but the advice that protects them', async () => {
  for (const name of Object.keys(EXPECTED)) {
    const without = profileOf(name);
    for (const diaspora of [['chinese'], ['uyghur', 'tibetan'], ['hong-kong', 'taiwanese', 'falun-gong']] as Profile['diaspora'][]) {
      const withMembers: Profile = { ...without, diaspora };
      const [a, b] = [exposureOf(atlas, without), exposureOf(atlas, withMembers)];
      assert.deepEqual({ ...b, protection: [] }, a, `${name} with ${diaspora.join(', ')}: the same methods, cases, actors and scores`);
      assert.ok(b.protection.length > 0 && a.protection.length === 0, 'the protecting advice is added');
      assert.deepEqual(exposureLayer(atlas, b), exposureLayer(atlas, a), 'the same Navigator layer');
      const strip = (html: string) => html.replace(/<section class="protection">[\s\S]*?<\/section>/, '');
      const [ha, hb] = [await briefingHtml(atlas, without, a, DATE), await briefingHtml(atlas, withMembers, b, DATE)];
      assert.notEqual(hb, ha);
      assert.equal(strip(hb), ha, 'the briefing differs only by the protection section');
    }
  }
});

test('a field counts as a sector only where it holds the sector’s whole name', () => {
  const base = profileOf('technical-university');
  const sectorsFor = (fields: string[]) => exposureOf(atlas, { ...base, sectors: [], fields }).matched.sectors.map((s) => s.id);
  assert.deepEqual(sectorsFor(['research', 'industry', 'systems', 'e']), []);
  assert.deepEqual(sectorsFor(['underwater research acoustics', 'cloud systems security']), ['sector-underwater-research', 'sector-cloud-systems']);
});

test('a profile that cannot be used is refused as file:line: message', () => {
  const cases: [string, RegExp][] = [
    ['organisation: X\ncountry: EE\nsectors:\n  - Semiconductors\n  - Basket weaving\n', /^p\.yaml:5: sectors\.1: unknown sector 'Basket weaving'; the atlas's sectors are /],
    ['organisation: X\ncountry: EE\nstaff: [researchers, spies]\n', /^p\.yaml:3: staff\.1: Invalid option/],
    ['organisation: X\ncountry: Estonia\n', /^p\.yaml:2: country: a country is its ISO 3166-1 alpha-2 code/],
    ['organisation: X\ncountry: EE\nclearance: yes\n', /^p\.yaml:1: Unrecognized key: "clearance"/],
    ['country: EE\n', /^p\.yaml:1: organisation: /],
    ['organisation: [unclosed\n', /^p\.yaml:\d+: not valid YAML or JSON/],
    ['', /^p\.yaml:1: organisation: /],
    ['organisation: X\ncountry: EE\nsectors: ["Semi\\nconductors"]\n', /^p\.yaml:3: sectors\.0: no control characters$/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => readProfile(text, 'p.yaml', atlas), (e) => e instanceof ProfileFileError && message.test(e.message) && !e.message.includes('\n'), text);
  }
});

test('greyzone brief prints each profile’s briefing as a PDF — its pages rendered to PNG — and refuses a bad profile in one line', () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'greyzone-brief-'));
  const db = join(dir, 'g.sqlite');
  for (const name of Object.keys(EXPECTED)) {
    const pdf = join(dir, `${name}.pdf`);
    const r = spawnSync(process.execPath, ['bin/greyzone.js', 'brief', '--profile', join(FIXTURES, `${name}.yaml`), '--out', pdf, '--layer', join(dir, `${name}.json`), '--db', db], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(text, new RegExp(`What this system means for ${profileOf(name).organisation.replace(/[.*+?^${}()|[\]\\']/g, '.')}`));
    assert.match(text, /Sources/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    assert.ok(pages >= 3 && pages <= 12, `${name}: ${pages} pages`);
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf, join(ARTIFACTS, `brief-${name}`)]);
    assert.equal(readdirSync(ARTIFACTS).filter((f) => f.startsWith(`brief-${name}-`) && f.endsWith('.png')).length, pages, 'every page rendered');
    const layer = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { domain: string; techniques: { techniqueID: string }[] };
    assert.equal(layer.domain, 'greyzone-approaches');
    assert.ok(layer.techniques.some((t) => t.techniqueID === EXPECTED[name]![0]));
  }
  writeFileSync(join(dir, 'bad.yaml'), 'organisation: X\ncountry: EE\nsectors: [Basket weaving]\n');
  const bad = spawnSync(process.execPath, ['bin/greyzone.js', 'brief', '--profile', join(dir, 'bad.yaml'), '--out', join(dir, 'bad.pdf'), '--db', db], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /bad\.yaml:3: sectors\.0: unknown sector 'Basket weaving'/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.ok(!readdirSync(dir).includes('bad.pdf'), 'nothing written');
});
