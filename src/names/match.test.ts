import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameIndex, type Qualifier } from './match.ts';

const index = new NameIndex([
  { id: 'org-a', name: 'Ministry of State Security', kind: 'organisation', country: 'cn', names: [{ text: 'Ministry of State Security', type: 'primary' }, { text: '国家安全部', type: 'native' }] },
  { id: 'person-a', name: 'Xu Yanjun', kind: 'person', names: [{ text: 'Xu Yanjun', type: 'primary' }, { text: 'Zhang Hui', type: 'weak-alias' }] },
  { id: 'org-b', name: 'Federal Bureau of Investigation', kind: 'organisation', country: 'us', names: [{ text: 'Federal Bureau of Investigation', type: 'primary' }] },
]);

const top = (q: string, o = {}) => index.match(q, o)[0];
const qualifiers = (q: string, o = {}) => (top(q, { ...o, threshold: 0 })?.reasons.slice(1) ?? []) as Qualifier[];

test('exact', () => assert.equal(top('ministry of state security')?.reasons[0] && (top('ministry of state security')!.reasons[0] as { feature: string }).feature, 'exact'));
test('romanised: pinyin of a name in characters', () => assert.equal((top('Guojia Anquanbu')!.reasons[0] as { feature: string }).feature, 'romanised'));
test('token set: order and fillers', () => assert.equal((top('State Security, Ministry of')!.reasons[0] as { feature: string }).feature, 'token-set'));
test('fuzzy: a long organisation name with typos', () => assert.equal((top('Ministery of State Securty')!.reasons[0] as { feature: string }).feature, 'fuzzy'));
test('initials that one body of the list has name it', () => {
  const m = top('FBI')!;
  assert.equal(m.id, 'org-b');
  assert.equal((m.reasons[0] as { feature: string }).feature, 'acronym');
  assert.equal(top('F.B.I.')?.id, 'org-b');
});
test('initials that several bodies share support a match but do not make one', () => {
  const shared = new NameIndex([
    { id: 'org-a', name: 'State Security Department', kind: 'organisation', names: [{ text: 'State Security Department', type: 'primary' }] },
    { id: 'org-b', name: 'Social Services Directorate', kind: 'organisation', names: [{ text: 'Social Services Directorate', type: 'primary' }] },
    { id: 'org-c', name: 'Hainan State Security Department', kind: 'organisation', names: [{ text: 'Hainan State Security Department', type: 'primary' }] },
    { id: 'org-d', name: 'Jiangsu State Security Department', kind: 'organisation', names: [{ text: 'Jiangsu State Security Department', type: 'primary' }] },
  ]);
  assert.deepEqual(shared.match('SSD'), []);
  assert.deepEqual(shared.match('SSD', { threshold: 0.7 }).map((m) => m.id).sort(), ['org-a', 'org-b']);
  // With the words the initials do not cover, they name one; a place left out is another body.
  assert.deepEqual(shared.match('Hainan SSD').map((m) => m.id), ['org-c']);
  assert.deepEqual(shared.match('JSSD').map((m) => m.id), ['org-d']);
});
test('initials never stand for a person’s names', () => assert.equal(top('XY'), undefined));
test('a person’s name is never matched fuzzily', () => assert.equal(top('Xu Yanjin'), undefined));
test('a weak alias alone never makes a match', () => {
  assert.equal(top('Zhang Hui'), undefined);
  assert.deepEqual(qualifiers('Zhang Hui').map((q) => q.qualifier), ['weak-alias-only']);
});
test('a kind mismatch lowers the score', () => assert.deepEqual(qualifiers('Xu Yanjun', { kind: 'organisation' }).map((q) => q.qualifier), ['kind-mismatch']));
test('a country mismatch lowers an organisation’s score below the threshold', () => {
  assert.equal(top('Ministry of State Security', { country: 'DE' }), undefined);
  assert.deepEqual(qualifiers('Ministry of State Security', { country: 'DE' }).map((q) => q.qualifier), ['country-mismatch']);
});
test('a person is never qualified by country', () => assert.deepEqual(qualifiers('Xu Yanjun', { country: 'US' }), []));
test('the threshold is the caller’s', () => assert.equal(index.match('Ministery of State Securty', { threshold: 0.95 }).length, 0));
test('an empty or punctuation-only query matches nothing', () => {
  assert.deepEqual(index.match(''), []);
  assert.deepEqual(index.match('—!?'), []);
});

// Issue 16: names as real lists write them.
const lists = new NameIndex([
  { id: 'org-mss', name: 'Ministry of State Security', kind: 'organisation', country: 'cn', names: [{ text: 'Ministry of State Security', type: 'primary' }, { text: '国家安全部', type: 'native' }, { text: 'MSS', type: 'acronym' }] },
  { id: 'org-ufwd', name: 'United Front Work Department', kind: 'organisation', country: 'cn', names: [{ text: 'United Front Work Department', type: 'primary' }, { text: '中共中央统一战线工作部', type: 'native' }] },
  { id: 'prog-talents', name: 'Ten Thousand Talents Plan', kind: 'programme', names: [{ text: 'Ten Thousand Talents Plan', type: 'primary' }] },
  { id: 'op-skynet', name: 'Skynet', kind: 'operation', names: [{ text: 'Skynet', type: 'primary' }] },
  { id: 'person-xu', name: 'Xu Yanjun', kind: 'person', names: [{ text: 'Xu Yanjun', type: 'primary' }] },
  { id: 'person-liang', name: 'Liang Guoxiong', kind: 'person', names: [{ text: 'Liang Guoxiong', type: 'primary' }] },
  { id: 'person-lee', name: 'Christine Lee', kind: 'person', names: [{ text: 'Christine Lee', type: 'primary' }] },
]);
const first = (q: string, o = {}) => lists.match(q, o)[0];
const how = (q: string, o = {}) => ((first(q, o)?.reasons[0] as { alignments?: { how: string }[] }).alignments ?? []).map((a) => a.how).filter((h) => h !== 'same');

test('descriptors around a name cost little: of the PRC, China’s, Central, Plan', () => {
  for (const q of ['Ministry of State Security of the PRC', 'China’s Ministry of State Security', 'the Chinese Ministry of State Security', 'CCP Central United Front Work Department', 'Ten Thousand Talents']) assert.ok(first(q)!.score >= 0.9, q);
  assert.deepEqual(how('the Chinese Ministry of State Security'), ['descriptor left out']);
});
test('another word is another body', () => {
  assert.equal(first('Ministry of State Security Museum'), undefined);
  assert.equal(first('Ministry of Security'), undefined);
});
test('a name in brackets is screened as an alternative and the whole', () => {
  assert.equal(first('Ministry of State Security (MSS)')?.id, 'org-mss');
  assert.equal(first('国家安全部（国安部）')?.id, 'org-mss');
  assert.equal(first('Guoanbu Museum (MSS)', { threshold: 0.8 })?.id, 'org-mss');
});
test('an official Chinese short form, made by rule, matches lower and says it was generated', () => {
  for (const q of ['国安部', '統戰部', '统一战线工作部']) assert.ok(first(q), q);
  const m = first('国安部')!;
  assert.equal((m.reasons[0] as { feature: string }).feature, 'short-form');
  assert.ok(m.score < first('国家安全部')!.score);
});
test('numerals and number words, split and closed compounds', () => {
  for (const q of ['10,000 Talents Plan', '10000 Talents Programme', 'Ten-Thousand Talents']) assert.equal(first(q)?.id, 'prog-talents', q);
  assert.equal(first('Sky Net')?.id, 'op-skynet');
  assert.deepEqual(how('Sky Net'), ['compound']);
});
test('a person with further given names or initials is the same person; the family name must agree', () => {
  assert.equal(first('David Xu Yanjun', { kind: 'person' })?.id, 'person-xu');
  assert.equal(first('XU, Yanjun', { kind: 'person' })?.id, 'person-xu');
  assert.deepEqual(how('Y. Xu'), ['initial']);
  assert.equal(first('Li Yanjun', { kind: 'person' }), undefined);
  assert.equal(first('Yanjun', { kind: 'person' }), undefined);
  assert.equal(first('Xu Yan', { kind: 'person' }), undefined);
  // A syllable of another given name is not a further name: Xu Yanjunwei is not Xu Yanjun.
  assert.equal(first('Xu Yanjunwei', { kind: 'person' }), undefined);
  assert.equal(first('Christina Lee', { kind: 'person' }), undefined);
});
test('Wade–Giles in full, with or without apostrophes and diacritics', () => {
  for (const q of ['Hsü Yen-chün', 'Hsu Yen-chun', 'HSU Yen Chun']) assert.equal(first(q, { kind: 'person' })?.id, 'person-xu', q);
  assert.ok(how('Hsü Yen-chün').includes('Wade–Giles'));
});
test('Cantonese (Hong Kong) romanisation of a whole name, never of part of one', () => {
  assert.equal(first('Leung Kwok Hung', { kind: 'person' })?.id, 'person-liang');
  assert.ok(how('Leung Kwok Hung').includes('Cantonese'));
  assert.equal(first('Kim Leung Kwok Hung', { kind: 'person' }), undefined);
});
test('a misspelt long word of an organisation, swapped letters included', () => {
  assert.equal(first('Ministry of State Secuirty')?.id, 'org-mss');
  assert.deepEqual(how('Ministry of State Secuirty'), ['misspelt']);
});
test('every alignment is listed in the explanation', () => {
  const r = first('China’s Ministry of State Secuirty')!.reasons[0] as { alignments: { query: string; stored: string; how: string; cost: number }[] };
  assert.deepEqual(
    r.alignments.map((a) => [a.query, a.stored, a.how]),
    [['ministry', 'ministry', 'same'], ['state', 'state', 'same'], ['secuirty', 'security', 'misspelt'], ['china', '', 'descriptor left out']],
  );
});
test('a body’s name in German, French, Estonian or Lithuanian is read in English, and says so', () => {
  for (const q of ['Ministerium für Staatssicherheit', 'chinesisches Ministerium für Staatssicherheit', 'ministère chinois de la Sécurité d’État', 'Hiina riikliku julgeoleku ministeerium', 'Kinijos valstybės saugumo ministerija']) {
    assert.equal(first(q)?.id, 'org-mss', q);
  }
  assert.ok(how('Ministerium für Staatssicherheit').includes('translated'));
  assert.ok(first('Ministerium für Staatssicherheit')!.score < 1);
});
test('a person’s name is never translated: Renard is a family name, not a fox', () => {
  const people = new NameIndex([{ id: 'person-fox', name: 'Jean Fox', kind: 'person', names: [{ text: 'Jean Fox', type: 'primary' }] }]);
  assert.deepEqual(people.match('Jean Renard'), []);
});
test('initials a name defines for itself in brackets name that body only', () => {
  const bodies = new NameIndex([{ id: 'org-bfv', name: 'Bundesamt für Verfassungsschutz', kind: 'organisation', names: [{ text: 'Bundesamt für Verfassungsschutz', type: 'primary' }, { text: 'BfV', type: 'acronym' }] }]);
  assert.equal(bodies.match('BfV')[0]?.id, 'org-bfv');
  assert.equal(bodies.match('Bundesamt für Verfassungsschutz (BfV)')[0]?.id, 'org-bfv');
  assert.deepEqual(bodies.match('Bayerischer Fußball-Verband (BFV)'), []);
});
test('a number is never a misspelling of another number', () => {
  const plan = new NameIndex([{ id: 'prog-1000', name: 'Thousand Talents Program', kind: 'programme', names: [{ text: 'Thousand Talents Program', type: 'primary' }] }]);
  assert.deepEqual(plan.match('Ten Thousand Talents Program'), []);
  assert.deepEqual(plan.match('10,000 Talents Programme'), []);
  assert.equal(plan.match('1,000 Talents Programme')[0]?.id, 'prog-1000');
});
test('a word of a name not all in pinyin is not cut into syllables: “PutterPanda” is “Putter Panda”', () => {
  const sets = new NameIndex([{ id: 'iset-pp', name: 'Putter Panda', kind: 'intrusion-set', names: [{ text: 'Putter Panda', type: 'primary' }] }]);
  assert.equal(sets.match('PutterPanda')[0]?.id, 'iset-pp');
});
test('a parent body’s acronym before a unit’s name is a descriptor; before another body’s name it is not enough', () => {
  const units = new NameIndex([
    { id: 'org-mss', name: 'Ministry of State Security', kind: 'organisation', names: [{ text: 'Ministry of State Security', type: 'primary' }, { text: 'MSS', type: 'acronym' }] },
    { id: 'org-hainan', name: 'Hainan State Security Department', kind: 'organisation', names: [{ text: 'Hainan State Security Department', type: 'primary' }] },
    { id: 'org-pla', name: "People's Liberation Army", kind: 'organisation', names: [{ text: "People's Liberation Army", type: 'primary' }] },
    { id: 'org-mid', name: 'Military Intelligence Directorate', kind: 'organisation', names: [{ text: 'Military Intelligence Directorate', type: 'primary' }] },
  ]);
  const m = units.match('MSS Hainan State Security Department')[0]!;
  assert.equal(m.id, 'org-hainan');
  assert.ok((m.reasons[0] as { alignments: { how: string }[] }).alignments.some((a) => a.how === 'parent body'));
  assert.equal(units.match('PLA Military Intelligence Directorate')[0]?.id, 'org-mid');
  assert.deepEqual(units.match('MSS Hainan Tourism Bureau'), []);
});
test('a person’s initials run together in capitals are initials', () => {
  const people = new NameIndex([{ id: 'person-s', name: 'John Michael Smith', kind: 'person', names: [{ text: 'John Michael Smith', type: 'primary' }] }]);
  assert.equal(people.match('Smith JM', { kind: 'person' })[0]?.id, 'person-s');
  assert.deepEqual(people.match('Jones JM', { kind: 'person' }), []);
});
