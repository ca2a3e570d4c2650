/**
 * The bundled atlas plus TLP:RED additions, for the "no trace" tests: a RED source, a RED
 * organisation, relations that join it to the system (so a path could run through it), and a RED
 * claim, an alias, inside the CLEAR record of the MSS. Every word that could leak carries the
 * marker `Zephyr` or `Lantern`.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from '../../src/atlas/load.ts';

export const RED_TEXT =
  'Internal memo. The Zephyr Lantern Society is a front of the Ministry of State Security. ' +
  'The Zephyr Lantern Society pays Christine Lee. Inside, the Ministry is called the Lantern Bureau. ' +
  'In April 2024 the Zephyr Lantern Society invited scholars to conferences in China with all expenses reimbursed. No action has been taken.\n';

/** What a cleared-below-RED reader must never see, in any answer. */
export const RED_MARKERS = /zephyr|lantern|src-red-memo/i;

function quoted(quote: string): { source: string; quote: string; start: number; end: number } {
  const start = RED_TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in the memo: ${quote}`);
  return { source: 'src-red-memo', quote, start, end: start + quote.length };
}

export function markedAtlasDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'greyzone-marked-')), 'atlas');
  cpSync(BUNDLED_ATLAS, dir, { recursive: true });
  const write = (path: string, data: unknown) => writeFileSync(join(dir, path), YAML.stringify(data));
  writeFileSync(join(dir, 'sources/src-red-memo.txt'), RED_TEXT);
  write('sources/src-red-memo.yaml', {
    id: 'src-red-memo', title: 'An internal memo', publisher: 'A partner service', url: 'https://example.org/memo', published: '2024-05-01',
    language: 'en', licence: 'restricted', text: 'src-red-memo.txt', sha256: createHash('sha256').update(RED_TEXT).digest('hex'),
    reliability: 'B', credibility: 2, tlp: 'red',
  });
  write('organisations/org-zephyr-lantern.yaml', {
    id: 'org-zephyr-lantern', subtype: 'company', tlp: 'red',
    names: [{ text: 'Zephyr Lantern Society', type: 'primary' }],
    claims: [quoted('The Zephyr Lantern Society is a front of the Ministry of State Security')],
  });
  write('relations/rel-mss-cover-zephyr.yaml', {
    id: 'rel-mss-cover-zephyr', type: 'uses-cover-of', subject: 'org-mss', object: 'org-zephyr-lantern',
    claims: [quoted('The Zephyr Lantern Society is a front of the Ministry of State Security')],
  });
  write('relations/rel-zephyr-funds-lee.yaml', {
    id: 'rel-zephyr-funds-lee', type: 'funds', subject: 'org-zephyr-lantern', object: 'person-christine-lee',
    claims: [quoted('The Zephyr Lantern Society pays Christine Lee')],
  });
  write('relations/rel-zephyr-uses-gzt0012.yaml', {
    id: 'rel-zephyr-uses-gzt0012', type: 'uses-technique', subject: 'org-zephyr-lantern', object: 'GZT0012',
    claims: [quoted('the Zephyr Lantern Society invited scholars to conferences in China with all expenses reimbursed')],
  });
  const trips = quoted('In April 2024 the Zephyr Lantern Society invited scholars to conferences in China with all expenses reimbursed');
  write('cases/case-zephyr-lantern-trips.yaml', {
    id: 'case-zephyr-lantern-trips', title: 'Paid trips by the Zephyr Lantern Society', summary: 'A partner memo reports paid conference trips.', date: '2024-04', tlp: 'red',
    countries: [{ country: 'country-cn', role: 'location-of-activity', claims: [trips] }],
    actors: [{ entity: 'org-zephyr-lantern', role: 'perpetrator', claims: [trips] }],
    events: [{ date: '2024-04', type: 'approach', description: 'Invitations to conferences with expenses paid', claims: [trips] }],
    techniques: [{ technique: 'GZT0012', by: 'org-zephyr-lantern', claims: [trips] }],
    outcome: { text: 'No action reported', claims: [quoted('No action has been taken')] },
    claims: [trips],
  });
  const mssPath = join(dir, 'organisations/org-mss.yaml');
  const mss = YAML.parse(readFileSync(mssPath, 'utf8')) as { names: unknown[] };
  mss.names.push({ text: 'Lantern Bureau', type: 'alias', claims: [{ ...quoted('the Ministry is called the Lantern Bureau'), tlp: 'red' }] });
  writeFileSync(mssPath, YAML.stringify(mss));
  return dir;
}

export function markedAtlas(): Atlas {
  const { atlas, issues } = loadAtlas(markedAtlasDir());
  if (issues.length) throw new Error(`the marked atlas has problems: ${issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('; ')}`);
  return atlas;
}
