/**
 * DESIGN.md's list "From the source document, at the least", item by item: each item must be in
 * the bundled atlas with at least one claim whose quote the validator has verified. A failure
 * names the item that is missing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas, recordsOf, type Atlas } from '../src/atlas/load.ts';
import type { Name } from '../src/model/name.ts';

type Check = (atlas: Atlas) => string | undefined; // a reason when missing

const claimed = (atlas: Atlas, recordId: string) => atlas.claims.some((c) => c.claim.record === recordId);

const entity = (id: string, names: string[] = []): Check => (atlas) => {
  const rec = atlas.records.get(id);
  if (!rec) return `no record ${id}`;
  if (!claimed(atlas, id)) return `${id} has no claim`;
  const own = ((rec.data as { names?: Name[] }).names ?? []).map((n) => n.text);
  const missing = names.filter((n) => !own.includes(n));
  return missing.length ? `${id} lacks the name(s) ${missing.join(', ')}` : undefined;
};

const relation = (subject: string, type: string, object: string): Check => (atlas) => {
  const rel = recordsOf(atlas, 'relation').find((r) => r.data.subject === subject && r.data.type === type && r.data.object === object);
  if (!rel) return `no relation ${subject} ${type} ${object}`;
  return claimed(atlas, rel.id) ? undefined : `${rel.id} has no claim`;
};

const relationInto = (type: string, object: string): Check => (atlas) =>
  recordsOf(atlas, 'relation').some((r) => r.data.type === type && r.data.object === object && claimed(atlas, r.id))
    ? undefined
    : `nothing ${type} ${object}`;

/** A technique, with at least one actor recorded as using it. */
const technique = (id: string): Check => (atlas) => entity(id)(atlas) ?? relationInto('uses-technique', id)(atlas);

const all = (...checks: Check[]): Check => (atlas) => checks.map((c) => c(atlas)).find((r) => r !== undefined);

const standing = (caseId: string, person: string, expected: string): Check => (atlas) => {
  const c = recordsOf(atlas, 'case').find((r) => r.id === caseId);
  if (!c) return `no case ${caseId}`;
  const p = c.data.people.find((x) => x.person === person);
  if (!p) return `${caseId} does not name ${person}`;
  return p.standing === expected ? undefined : `${person} stands '${p.standing}' in ${caseId}, expected '${expected}'`;
};

const caseOf = (id: string, month: string, amounts: [number, string][] = [], terms: string[] = []): Check => (atlas) => {
  const c = recordsOf(atlas, 'case').find((r) => r.id === id);
  if (!c) return `no case ${id}`;
  if (!c.data.events.some((e) => e.date.startsWith(month))) return `${id} has no event in ${month}`;
  for (const [amount, currency] of amounts) {
    if (!c.data.amounts.some((a) => a.amount === amount && a.currency === currency)) return `${id} lacks the amount ${amount} ${currency}`;
  }
  for (const term of terms) if (!c.data.events.some((e) => e.type === 'sentence' && e.term === term)) return `${id} lacks a sentence of ${term}`;
  if (c.data.techniques.length === 0) return `${id} records no technique`;
  return undefined;
};

const DESIGN_LIST: [string, Check][] = [
  // Actors
  ["the CCP's highest authorities", all(entity('org-ccp-highest-authorities'), relation('org-ccp-highest-authorities', 'tasks', 'org-mss'))],
  ['MSS (国家安全部)', entity('org-mss', ['国家安全部', 'MSS'])],
  ['MPS (公安部) and the police forces at its disposal', all(entity('org-mps', ['公安部', 'MPS']), entity('org-cn-police-forces'), relation('org-mps', 'commands', 'org-cn-police-forces'))],
  ['MID (军事情报局) and the PLA', all(entity('org-mid', ['军事情报局', 'MID']), entity('org-pla'), relation('org-mid', 'under-jurisdiction-of', 'org-pla'))],
  ['the Chinese government', all(entity('org-cn-government'), relation('org-mss', 'under-jurisdiction-of', 'org-cn-government'), relation('org-mps', 'under-jurisdiction-of', 'org-cn-government'))],
  ['IDCPC (中共中央对外联络部)', entity('org-idcpc', ['中共中央对外联络部', 'IDCPC'])],
  ['UFWD (统一战线工作部)', entity('org-ufwd', ['统一战线工作部', 'UFWD'])],
  ['Chinese embassies (cover)', all(entity('org-cn-embassies'), relationInto('uses-cover-of', 'org-cn-embassies'))],
  ['government and private entities', all(entity('org-cn-government-entities'), entity('org-cn-private-entities'))],
  ['universities (including those affiliated with the defence sector, military-civil fusion)', all(entity('org-cn-universities'), entity('org-cn-defence-universities'))],
  ['NGOs', entity('org-cn-ngos')],
  ['diaspora and student associations coordinated by the UFWD', all(entity('org-ufwd-associations'), relation('org-ufwd', 'coordinates', 'org-ufwd-associations'))],
  ['the 1000 Talents Program', entity('prog-thousand-talents')],
  ['Operation Fox Hunt (猎狐行动)', all(entity('op-fox-hunt', ['猎狐行动']), relation('org-mps', 'conducts', 'op-fox-hunt'))],
  ['the Wuhan ("Uhan") MPS', all(entity('org-wuhan-mps', ['Uhan MPS']), relation('org-wuhan-mps', 'part-of', 'org-mps'))],
  ['MI5', entity('org-uk-mi5')],
  ['BfV', entity('org-de-bfv')],
  ['KAPO', entity('org-ee-kapo')],
  ['US DOJ', entity('org-us-doj')],
  ['US NIH', entity('org-us-nih')],
  ["NATO's underwater research centre", entity('org-nato-underwater-research-centre')],
  ['the Estonian defence industry', entity('org-ee-defence-industry')],
  ['the US aviation industry', entity('org-us-aviation-industry')],
  // Relations the text states
  ['IDCPC and UFWD identify recruitment targets for the services', all(relation('org-idcpc', 'assists', 'org-cn-intelligence-services'), relation('org-ufwd', 'assists', 'org-cn-intelligence-services'))],
  ['the MPS monitors and intimidates dissidents abroad', all(relation('org-mps', 'monitors', 'tg-dissidents'), relation('org-mps', 'intimidates', 'tg-dissidents'))],
  // People, with the exact standing the sources give
  ['Song Guo Zheng (pleaded guilty, sentenced)', all(entity('person-song-guo-zheng'), standing('case-song-guo-zheng', 'person-song-guo-zheng', 'convicted'))],
  ['Christine Lee (warned about)', all(entity('person-christine-lee'), standing('case-christine-lee', 'person-christine-lee', 'alleged'))],
  ['Hu Ji (accused)', all(entity('person-hu-ji'), standing('case-fox-hunt-hu-ji', 'person-hu-ji', 'charged'))],
  ['Xu Yanjun (sentenced)', all(entity('person-xu-yanjun'), standing('case-xu-yanjun', 'person-xu-yanjun', 'convicted'))],
  ['Tarmo Kouts (sentenced)', all(entity('person-tarmo-kouts'), standing('case-tarmo-kouts', 'person-tarmo-kouts', 'convicted'))],
  // Requirements
  ...([
    ['scientific and technological potential', 'req-science-technology-potential'],
    ['economic situation', 'req-economic-situation'],
    ['foreign and defence policies', 'req-foreign-defence-policies'],
    ['socio-political developments', 'req-socio-political-developments'],
    ['methods of influencing domestic politics', 'req-influencing-domestic-politics'],
    ['national decision-making on issues affecting China', 'req-national-decision-making'],
    ['opposition organisations and individuals', 'req-opposition-organisations'],
    ['relations with Taiwanese, Hong Kong and Tibetan communities', 'req-taiwan-hk-tibet-relations'],
  ] as const).map(([item, id]): [string, Check] => [`requirement: ${item}`, all(entity(id), relationInto('has-requirement', id))]),
  // Goals
  ...([
    ["expand China's influence", 'goal-expand-influence'],
    ['recognition of the CCP as legitimate', 'goal-ccp-legitimacy'],
    ['support for its policies and interests', 'goal-support-for-policies'],
    ["the diaspora's backing of its ideology", 'goal-diaspora-backing'],
    ['territorial integrity', 'goal-territorial-integrity'],
    ['downplaying human-rights abuses', 'goal-downplay-human-rights-abuses'],
    ['the "five poisons"', 'goal-five-poisons'],
    ['access to Western technology and know-how', 'goal-western-technology-access'],
    ['economic competitiveness', 'goal-economic-competitiveness'],
    ['military modernisation', 'goal-military-modernisation'],
  ] as const).map(([item, id]): [string, Check] => [`goal: ${item}`, all(entity(id), relationInto('pursues', id))]),
  // Techniques, each with the actors that use it
  ...([
    ['contact through social networks such as LinkedIn', 'GZT0001'],
    ['official cover', 'GZT0002'],
    ['diplomatic cover', 'GZT0002.001'],
    ['non-official cover', 'GZT0003'],
    ['think-tank cover', 'GZT0003.001'],
    ['university-employee cover', 'GZT0003.002'],
    ['recruiting agents and paying them in China', 'GZT0004'],
    ['coercion under loosely interpreted national-security law', 'GZT0005'],
    ['threats, compromising information and blackmail', 'GZT0006'],
    ['SIGINT', 'GZT0007'],
    ['cyber intrusion (CYBERINT)', 'GZT0008'],
    ['monitoring and intimidating dissidents abroad', 'GZT0009'],
    ['forcing returns to China', 'GZT0010'],
    ['threatening relatives', 'GZT0011'],
    ['invitations to events in China with travel and leisure reimbursed', 'GZT0012'],
    ['free trips, luxury hotels, dinners and payments', 'GZT0013'],
    ['identifying recruitment targets for the services', 'GZT0014'],
    ['acting as intermediary to potential assets', 'GZT0015'],
    ['cultivating politicians through inter-parliamentary cooperation', 'GZT0016'],
    ['funding politicians through a law firm', 'GZT0017'],
    ['mobilising diaspora to protest', 'GZT0018'],
    ['encouraging naturalised voters to back candidates', 'GZT0019'],
    ['promoting favourable narratives', 'GZT0020'],
    ['ideological control of associations', 'GZT0021'],
    ['talent-programme participation not disclosed to a funder', 'GZT0022'],
    ['sharing research findings with Chinese institutions', 'GZT0023'],
    ['joint research and joint laboratories', 'GZT0024'],
    ['joint capital companies', 'GZT0025'],
    ['recruiting scientists to work in China', 'GZT0026'],
    ['using universities affiliated with the defence sector for covert acquisition', 'GZT0027'],
    ['obligation of citizens abroad to cooperate with intelligence', 'GZT0028'],
  ] as const).map(([item, id]): [string, Check] => [`technique: ${item}`, technique(id)]),
  // Sectors
  ...([
    'artificial-intelligence', 'big-data', 'quantum-computing', 'cloud-systems', 'semiconductors', 'biotechnology',
    'telecommunications', 'new-energy', 'aviation', 'defence-industry', 'underwater-research',
  ] as const).map((s): [string, Check] => [`sector: ${s}`, entity(`sector-${s}`)]),
  // Target groups
  ...([
    'foreign-politicians', 'political-parties', 'foreign-officials', 'members-of-parliament', 'scientists-abroad', 'students-abroad',
    'professionals-abroad', 'ngo-members', 'chinese-diaspora', 'dissidents', 'autonomy-supporters', 'foreign-citizens-in-china',
    'foreign-companies', 'cleared-defence-staff', 'aviation-industry-staff',
  ] as const).map((g): [string, Check] => [`target group: ${g}`, entity(`tg-${g}`)]),
  // Cases, with dates, amounts and outcomes
  ['case: Song Guo Zheng, May 2021 (US$4.1 million grant; three years)', caseOf('case-song-guo-zheng', '2021-05', [[4100000, 'USD']], ['P3Y'])],
  ['case: Christine Lee, January 2022 (about half a million pounds)', caseOf('case-christine-lee', '2022-01', [[500000, 'GBP']])],
  ['case: the BfV warning on the IDCPC, July 2023', caseOf('case-bfv-idcpc-warning', '2023-07')],
  ['case: Fox Hunt / Hu Ji, July 2021', caseOf('case-fox-hunt-hu-ji', '2021-07')],
  ['case: Xu Yanjun, November 2021 (20 years)', caseOf('case-xu-yanjun', '2021-11', [], ['P20Y'])],
  ['case: Tarmo Kouts, March 2021 (about €20,000; three years)', caseOf('case-tarmo-kouts', '2021-03', [[20000, 'EUR']], ['P3Y'])],
];

const { atlas, issues } = loadAtlas(BUNDLED_ATLAS);

test('the bundled atlas validates', () => {
  assert.deepEqual(issues.map((i) => `${i.file}:${i.line}: ${i.message}`), []);
});

for (const [item, check] of DESIGN_LIST) {
  test(`DESIGN list: ${item}`, () => {
    const missing = check(atlas);
    assert.equal(missing, undefined, `missing from the atlas: ${item} — ${missing}`);
  });
}
