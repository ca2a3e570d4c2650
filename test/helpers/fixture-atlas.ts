/**
 * A small, valid atlas written to a temporary folder, for tests that break one thing at a time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FIXTURE_TEXT =
  'The Ministry of State Security (国家安全部, MSS) runs agents abroad. It is highly likely that the Bureau assists the MSS.\n';

export function span(quote: string, text = FIXTURE_TEXT): { start: number; end: number } {
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`fixture quote not in text: ${quote}`);
  return { start: Array.from(text.slice(0, at)).length, end: Array.from(text.slice(0, at)).length + Array.from(quote).length };
}

/** A claim entry as YAML lines, indented by `indent` spaces, with extra `key: value` lines. */
function claim(quote: string, indent: number, extra: string[] = []): string {
  const { start, end } = span(quote);
  const pad = ' '.repeat(indent);
  const lines = [`source: src-doc`, `quote: "${quote}"`, `start: ${start}`, `end: ${end}`, ...extra];
  return lines.map((l, i) => `${pad}${i === 0 ? '- ' : '  '}${l}`).join('\n');
}

export function fixtureFiles(): Record<string, string | Buffer> {
  const sha = createHash('sha256').update(FIXTURE_TEXT).digest('hex');
  return {
    'atlas.yaml': "name: fixture\nlicence: CC0-1.0\nrecorded_at: '2026-01-01'\nrecorded_by: tests\n",
    'sources/src-doc.txt': FIXTURE_TEXT,
    'sources/src-doc.yaml': [
      'id: src-doc',
      'title: A fixture document',
      'publisher: greyzone tests',
      'url: https://example.org/doc',
      "published: '2024-03-07'",
      'language: en',
      'licence: CC0-1.0',
      'text: src-doc.txt',
      `sha256: '${sha}'`,
      'reliability: B',
      'credibility: 2',
      '',
    ].join('\n'),
    'organisations/org-alpha.yaml': [
      'id: org-alpha',
      'subtype: state-security-service',
      'names:',
      '  - text: Ministry of State Security',
      '    type: primary',
      '  - text: MSS',
      '    type: acronym',
      '    claims:',
      claim('Ministry of State Security (国家安全部, MSS)', 6),
      'claims:',
      claim('runs agents abroad', 2),
      '',
    ].join('\n'),
    'organisations/org-beta.yaml': [
      'id: org-beta',
      'subtype: party-body',
      'names:',
      '  - text: The Bureau',
      '    type: primary',
      'claims:',
      claim('the Bureau assists the MSS', 2),
      '',
    ].join('\n'),
    'tactics/GZTA01.yaml': 'id: GZTA01\nname: Approach\nshortname: approach\norder: 1\ndescription: First contact.\n',
    'tactics/GZTA02.yaml': 'id: GZTA02\nname: Collection\nshortname: collection\norder: 2\ndescription: Gathering.\n',
    'techniques/GZT0001.yaml': [
      'id: GZT0001',
      'names:',
      '  - text: Running agents',
      '    type: primary',
      'description: Running agents abroad.',
      'tactics: [GZTA01]',
      'indicators:',
      '  - { text: An offer of money, cues: [[offer], [money, payment]] }',
      '  - { text: A request for secrecy, cues: [[keep], [secret, private]] }',
      '  - { text: Paid travel, cues: [[travel, trip], [pay]] }',
      'advice:',
      '  - { audience: individual, text: Tell your security officer. }',
      'mappings:',
      '  - { framework: disarm, id: T0002, reason: fixture }',
      'claims:',
      claim('runs agents abroad', 2),
      '',
    ].join('\n'),
    // The DISARM technique the fixture's mapping points at, kept as an imported bundle would keep it.
    'stix/collections.yaml': '- name: disarm\n  tlp: clear\n',
    'stix/disarm.json': JSON.stringify({
      type: 'bundle',
      id: 'bundle--6f1c3a52-9d0e-4b7a-8c21-5e4f3a2b1c0d',
      objects: [
        {
          type: 'attack-pattern', spec_version: '2.1', id: 'attack-pattern--2c9b5e21-7f3a-4d6e-9a8b-1c2d3e4f5a6b',
          created: '2024-11-22T00:00:00.000Z', modified: '2024-11-22T00:00:00.000Z', name: 'Facilitate State Propaganda',
          external_references: [{ source_name: 'mitre-attack', external_id: 'T0002', url: 'https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/T0002.md' }],
        },
      ],
    }),
    'relations/rel-beta-assists-alpha.yaml': [
      'id: rel-beta-assists-alpha',
      'type: assists',
      'subject: org-beta',
      'object: org-alpha',
      'claims:',
      claim('It is highly likely that the Bureau assists the MSS', 2, ['standing: assessed', 'likelihood: highly likely']),
      '',
    ].join('\n'),
  };
}

/** Writes the fixture atlas with some files replaced (a string or bytes) or removed (null). */
export function writeFixtureAtlas(changes: Record<string, string | Buffer | null> = {}): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'greyzone-atlas-'));
  const files: Record<string, string | Buffer | null> = { ...fixtureFiles(), ...changes };
  for (const [path, content] of Object.entries(files)) {
    if (content === null) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
